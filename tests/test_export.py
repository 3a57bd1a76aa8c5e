"""The output files: exact columns, values, evidence, GeoJSON order, determinism, escaping."""

from __future__ import annotations

import csv
import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from frontlines.export import OUTPUT_FILES, render_outputs, write_outputs
from frontlines.model import (
    Contradiction,
    ControlPeriod,
    Document,
    Event,
    Evidence,
    Figure,
    replace,
)

D = dt.date

EVENTS_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp,claim_status,confidence,documents,geonameid"
)
CONTROL_HEADER = "location,geonameid,latitude,longitude,controller,since,until,status,events,documents"
CONTRADICTIONS_HEADER = ("topic,event_id_cnty,claim_a,claimant_a,documents_a,claim_b,claimant_b,"
                         "documents_b,quote_a,quote_b")
FIGURES_HEADER = "kind,value,unit,who,place,since,until,claimant,document,quote"
DOCUMENTS_HEADER = "document,title,outlet,published,published_how,language,events"

XSS_QUOTE = 'They said <script>alert(1)</script> and <img src=x onerror=alert(1)> "quoted"'


def records(quote: str = "Syrian troops captured Saraqeb on Wednesday, state media said.") -> dict:
    documents = [
        Document(id="doc-b", text="...", title="Rebels retake Saraqeb", outlet="Opposition Daily",
                 published=None, published_how="unknown", language="en"),
        Document(id="doc-a", text="...", title="Army enters Saraqeb", outlet="State Agency",
                 published=D(2020, 2, 6), published_how="metadata", language="en",
                 url="https://example.org/a"),
        Document(id="doc-c", text="...", title="Background", outlet="Weekly", published=None,
                 published_how="unknown", language="ar"),
    ]
    capture = Event(
        event_id_cnty="SYR0002", event_date=D(2020, 2, 6), time_precision=1,
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Government regains territory",
        actor1="Military Forces of Syria (2000-2024)", inter1=1, interaction=10,
        iso=760, region="Middle East", country="Syria", admin1="Idlib", admin2="Idlib",
        location="Saraqib", latitude=35.864471234, longitude=36.805912, geo_precision=1,
        source="State Agency", source_scale="National", notes="Troops took the town.",
        fatalities=0, claim_status="contested", confidence=0.8666, documents=("doc-a", "doc-b"),
        geonameid=164816,
        evidence=(
            Evidence(document="doc-a", sentence=0, start=0, end=len(quote), quote=quote,
                     claimant="SANA", stance="claimed"),
            Evidence(document="doc-b", sentence=3, start=120, end=160,
                     quote="the regime had entered the town", claimant="", stance="reported"),
        ),
    )
    recapture = Event(
        event_id_cnty="SYR0003", event_date=D(2020, 2, 27), time_precision=1,
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Non-state actor overtakes territory", actor1="Opposition Rebels (Syria)",
        inter1=2, actor2="Military Forces of Syria (2000-2024)", inter2=1, interaction=12,
        location="Saraqib", latitude=35.86447, longitude=36.80591, geo_precision=1,
        fatalities=0, claim_status="claimed", confidence=0.5, documents=("doc-b",),
        geonameid=164816,
        evidence=(Evidence(document="doc-b", sentence=0, start=0, end=30,
                           quote="Rebels recaptured Saraqeb", claimant="rebel commander",
                           stance="claimed"),),
    )
    shelling = Event(
        event_id_cnty="SYR0001", event_date=D(2020, 1, 28), time_precision=2,
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria",
        inter1=1, actor2="Civilians (Syria)", inter2=7, interaction=17,
        civilian_targeting="Civilian targeting", location="Ma'arrat an-Nu'man",
        latitude=35.6483, longitude=36.67693, geo_precision=2, fatalities=5,
        claim_status="reported", confidence=0.75, documents=("doc-c", "doc-a"),
        evidence=(Evidence(document="doc-c", sentence=1, start=10, end=40,
                           quote="Five civilians died in shelling", claimant="SOHR"),),
    )
    undated = Event(
        event_id_cnty="SYR0004", event_date=None, time_precision=3,
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
        location="", latitude=None, longitude=None, documents=("doc-c",),
    )
    contradiction = Contradiction(
        topic="controller", event_id_cnty="SYR0002",
        claim_a="government captured Saraqib", claimant_a="SANA", documents_a=("doc-a",),
        claim_b="rebels hold Saraqib", claimant_b="rebel commander",
        documents_b=("doc-b", "doc-c"), quote_a=quote, quote_b="Rebels recaptured Saraqeb",
    )
    control = [
        ControlPeriod(location="Saraqib", geonameid=164816, latitude=35.86447,
                      longitude=36.80591, controller="opposition", since=D(2020, 2, 27),
                      until=None, status="claimed", events=("SYR0003",), documents=("doc-b",)),
        ControlPeriod(location="Saraqib", geonameid=164816, latitude=35.86447,
                      longitude=36.80591, controller="government", since=D(2020, 2, 6),
                      until=D(2020, 2, 27), status="contested", events=("SYR0002",),
                      documents=("doc-a", "doc-b"), since_latest=D(2020, 2, 7)),
    ]
    figures = [Figure(kind="displaced", value=900000, who="people", place="Idlib",
                      since="2019-12", until="2020-02", claimant="UN OCHA", document="doc-c",
                      quote="nearly 900,000 people have fled", start=200, end=230)]
    return dict(documents=documents, events=[recapture, capture, undated, shelling],
                contradictions=[contradiction], control=control, figures=figures,
                inferred={"doc-b": D(2020, 2, 27)})


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def out(tmp_path):
    paths = write_outputs(tmp_path / "out", **records())
    return tmp_path / "out", paths


def test_writes_the_eight_files_in_order(out):
    out_dir, paths = out
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(OUTPUT_FILES)  # no temp files


def test_csv_headers_exact(out):
    out_dir, _ = out
    first = {name: (out_dir / name).read_text(encoding="utf-8").split("\n", 1)[0]
             for name in OUTPUT_FILES if name.endswith(".csv")}
    assert first == {
        "events.csv": EVENTS_HEADER,
        "control.csv": CONTROL_HEADER,
        "contradictions.csv": CONTRADICTIONS_HEADER,
        "figures.csv": FIGURES_HEADER,
        "documents.csv": DOCUMENTS_HEADER,
    }


def test_files_use_unix_newlines_and_utf8(out):
    out_dir, _ = out
    for name in OUTPUT_FILES:
        data = (out_dir / name).read_bytes()
        assert b"\r" not in data, name
        data.decode("utf-8")
        assert data.endswith(b"\n"), name


def test_events_sorted_by_date_undated_last(out):
    out_dir, _ = out
    rows = read_csv(out_dir / "events.csv")
    assert [r["event_id_cnty"] for r in rows] == ["SYR0001", "SYR0002", "SYR0003", "SYR0004"]


def test_event_row_values(out):
    out_dir, _ = out
    row = read_csv(out_dir / "events.csv")[1]
    assert row == {
        "event_id_cnty": "SYR0002", "event_date": "2020-02-06", "year": "2020",
        "time_precision": "1", "disorder_type": "Strategic developments",
        "event_type": "Strategic developments", "sub_event_type": "Government regains territory",
        "actor1": "Military Forces of Syria (2000-2024)", "assoc_actor_1": "", "inter1": "1",
        "actor2": "", "assoc_actor_2": "", "inter2": "", "interaction": "10",
        "civilian_targeting": "", "iso": "760", "region": "Middle East", "country": "Syria",
        "admin1": "Idlib", "admin2": "Idlib", "admin3": "", "location": "Saraqib",
        "latitude": "35.86447", "longitude": "36.80591", "geo_precision": "1",
        "source": "State Agency", "source_scale": "National", "notes": "Troops took the town.",
        "fatalities": "0", "tags": "", "timestamp": "", "claim_status": "contested",
        "confidence": "0.87", "documents": "doc-a; doc-b", "geonameid": "164816",
    }
    undated = read_csv(out_dir / "events.csv")[3]
    assert (undated["event_date"], undated["year"], undated["latitude"],
            undated["geonameid"]) == ("", "", "", "")


def test_jsonl_fields_in_column_order_then_evidence(out):
    out_dir, _ = out
    lines = (out_dir / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    obj = json.loads(lines[1])
    assert list(obj) == EVENTS_HEADER.split(",") + ["evidence"]
    assert obj["latitude"] == 35.86447 and obj["confidence"] == 0.87
    assert obj["year"] == 2020 and obj["inter2"] is None and obj["fatalities"] == 0
    assert obj["documents"] == ["doc-a", "doc-b"]
    assert obj["evidence"] == [
        {"document": "doc-a", "sentence": 0, "start": 0, "end": 62,
         "quote": "Syrian troops captured Saraqeb on Wednesday, state media said.",
         "claimant": "SANA", "stance": "claimed"},
        {"document": "doc-b", "sentence": 3, "start": 120, "end": 160,
         "quote": "the regime had entered the town", "claimant": "", "stance": "reported"},
    ]
    assert list(obj["evidence"][0]) == ["document", "sentence", "start", "end", "quote",
                                        "claimant", "stance"]


def test_geojson_points_are_lon_lat_and_skip_unlocated(out):
    out_dir, _ = out
    gj = json.loads((out_dir / "events.geojson").read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection"
    assert [f["properties"]["event_id_cnty"] for f in gj["features"]] == [
        "SYR0001", "SYR0002", "SYR0003"]  # SYR0004 has no coordinates
    saraqib = gj["features"][1]
    assert saraqib["geometry"] == {"type": "Point", "coordinates": [36.80591, 35.86447]}
    assert list(saraqib["properties"]) == EVENTS_HEADER.split(",")
    assert saraqib["properties"]["documents"] == "doc-a; doc-b"
    assert saraqib["properties"]["sub_event_type"] == "Government regains territory"


def test_control_rows_sorted_by_place_and_time(out):
    out_dir, _ = out
    rows = read_csv(out_dir / "control.csv")
    assert [(r["controller"], r["since"], r["until"], r["status"]) for r in rows] == [
        ("government", "2020-02-06", "2020-02-27", "contested"),
        ("opposition", "2020-02-27", "", "claimed"),
    ]
    assert rows[0]["documents"] == "doc-a; doc-b"
    assert (rows[0]["latitude"], rows[0]["longitude"], rows[0]["geonameid"]) == (
        "35.86447", "36.80591", "164816")


def test_contradiction_and_figure_rows(out):
    out_dir, _ = out
    (c,) = read_csv(out_dir / "contradictions.csv")
    assert c["documents_b"] == "doc-b; doc-c" and c["claimant_a"] == "SANA"
    assert c["quote_b"] == "Rebels recaptured Saraqeb"
    (f,) = read_csv(out_dir / "figures.csv")
    assert f == {"kind": "displaced", "value": "900000", "unit": "people", "who": "people",
                 "place": "Idlib", "since": "2019-12", "until": "2020-02",
                 "claimant": "UN OCHA", "document": "doc-c",
                 "quote": "nearly 900,000 people have fled"}


def test_documents_rows_with_inferred_dates_and_events(out):
    out_dir, _ = out
    rows = read_csv(out_dir / "documents.csv")
    assert [list(r.values()) for r in rows] == [
        ["doc-a", "Army enters Saraqeb", "State Agency", "2020-02-06", "metadata", "en",
         "SYR0001; SYR0002"],
        ["doc-b", "Rebels retake Saraqeb", "Opposition Daily", "2020-02-27", "inferred", "en",
         "SYR0002; SYR0003"],
        ["doc-c", "Background", "Weekly", "", "unknown", "ar", "SYR0001; SYR0004"],
    ]


def test_second_write_is_byte_identical_and_input_order_does_not_matter(tmp_path):
    first = write_outputs(tmp_path / "one", **records())
    before = {p.name: p.read_bytes() for p in first}
    mtimes = {p.name: p.stat().st_mtime_ns for p in first}
    write_outputs(tmp_path / "one", **records())
    assert {p.name: p.read_bytes() for p in first} == before
    assert {p.name: p.stat().st_mtime_ns for p in first} == mtimes  # unchanged: not rewritten

    shuffled = records()
    for key in ("documents", "events", "control"):
        shuffled[key] = list(reversed(shuffled[key]))
    second = write_outputs(tmp_path / "two", **shuffled)
    assert {p.name: p.read_bytes() for p in second} == before


def test_empty_inputs_still_give_headers_and_a_report(tmp_path):
    paths = write_outputs(tmp_path, documents=[], events=[], contradictions=[], control=[],
                          figures=[])
    assert (tmp_path / "events.csv").read_text() == EVENTS_HEADER + "\n"
    assert (tmp_path / "events.jsonl").read_text() == ""
    assert json.loads((tmp_path / "events.geojson").read_text()) == {
        "type": "FeatureCollection", "features": []}
    assert "No events." in paths[-1].read_text()


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_report_escapes_article_text_in_content_and_attributes(tmp_path):
    data = records(quote=XSS_QUOTE)
    evil = '"><script>alert(2)</script>'
    data["events"][0] = replace(data["events"][0], location='Sara" onmouseover="alert(3)',
                                actor1=evil)
    data["documents"][0] = replace(data["documents"][0], title=evil, url="javascript:alert(4)")
    write_outputs(tmp_path, **data)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert 'onmouseover="alert(3)' not in page and "onmouseover=&quot;alert(3)" in page
    assert 'href="javascript:' not in page  # a javascript: URL is shown, never linked

    parser = TagCollector()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "img" not in names
    assert names.count("script") == 1 and "alert" not in "".join(parser.scripts)
    for _, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs)  # no injected event handlers
        assert not str(attrs.get("href", "")).lower().startswith("javascript:")
    # the quote is shown as text, whole
    texts = []
    collector = HTMLParser()
    collector.handle_data = texts.append
    collector.feed(page)
    assert any(XSS_QUOTE in t for t in texts)


def test_report_is_self_contained(out):
    out_dir, _ = out
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    parser = TagCollector()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert "src" not in attrs, tag  # no external script, image, frame
        if tag == "link":
            pytest.fail("external stylesheet or font")
        if "href" in attrs:
            href = attrs["href"]
            assert href.startswith("#") or href.startswith("https://example.org/"), href
    assert "@import" not in page and "url(http" not in page


def test_report_has_map_events_timeline_contradictions_documents(out):
    out_dir, _ = out
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    parser = TagCollector()
    parser.feed(page)
    marks = [a for t, a in parser.tags if t == "a" and "data-date" in a]
    assert len(marks) == 3  # the undated event has no coordinates
    assert {m["href"] for m in marks} <= {"#ev-0", "#ev-1", "#ev-2", "#ev-3"}
    # a shape per event type (a ring for strategic developments, a burst for explosions)
    assert any(a.get("class") == "dot ring" for t, a in parser.tags if t == "circle")
    assert any(a.get("class") == "dot" for t, a in parser.tags if t == "polygon")
    details = [a["id"] for t, a in parser.tags if t == "details"]
    assert details == ["ev-0", "ev-1", "ev-2", "ev-3"]
    assert [a.get("class") for t, a in parser.tags if t == "rect" and "period" in
            (a.get("class") or "")] == ["period contested", "period claimed"]
    assert 'fill="url(#hatch-' in page  # the contested period is hatched
    assert page.count('<article class="contra">') == 1
    assert "1 without coordinates" in page or "1 event without coordinates" in page
    for doc_id in ("doc-a", "doc-b", "doc-c"):
        assert doc_id in page


def test_render_has_no_run_dependent_content():
    a = render_outputs(**records())
    b = render_outputs(**records())
    assert a == b


def test_the_base_map_draws_the_countries_and_divisions_in_view_clipped_to_it():
    import re

    from frontlines.export.basemap import _clip, basemap, boundaries

    data = boundaries()
    assert len(data["countries"]) > 200 and len(data["admin1"]) > 3000
    # a view over the Mali-Niger border, 400 px across: x = (lon - 0) * 100, y = (18 - lat) * 100
    svg = basemap((0.0, 14.0, 4.0, 18.0), lambda lon, lat: (lon * 100, (18 - lat) * 100))
    titles = re.findall(r'<path class="(country|admin1)" d="[^"]+"><title>([^<]+)</title>', svg)
    countries = {name for cls, name in titles if cls == "country"}
    assert {"Mali", "Niger"} <= countries and "France" not in countries
    assert sum(cls == "admin1" for cls, _ in titles) >= 3
    # every point lies within the view and its margin (5% each side, plus 0.05 degrees)
    coords = [float(v) for v in re.findall(r"-?\d+\.\d", " ".join(re.findall(r' d="([^"]+)"', svg)))]
    assert coords and min(coords) >= -26 and max(coords) <= 426
    # Sutherland-Hodgman: a square over the corner of the box keeps the part inside
    square = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)]
    assert sorted(_clip(square, 0.0, 0.0, 2.0, 2.0)) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    assert _clip(square, 5.0, 5.0, 6.0, 6.0) == []
