"""The store: round trips, idempotence down to the file's bytes, atomic replacement."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

import frontlines.store as store_module
from frontlines.model import Document, Evidence, Figure, Mention, Place, TimeExpr
from frontlines.store import Store, normalise_url


def make_doc(text: str = "Government forces captured the town on Thursday, a monitor said.",
             doc_id: str = "doc-a", content_hash: str = "hash-1") -> Document:
    return Document(
        id=doc_id, text=text, title="Forces take town", outlet="Example Wire",
        published=dt.date(2020, 2, 6), published_how="metadata", language="en",
        url="https://example.org/a", path="in/doc-a.txt", content_hash=content_hash,
    )


def make_mentions(doc_id: str = "doc-a", n: int = 2) -> list[Mention]:
    place = Place(name="Saraqib", latitude=35.86447, longitude=36.80591, country_code="SY",
                  admin1="Idlib", geonameid=164816)
    return [
        Mention(
            document=doc_id, index=i, event_type="Strategic developments",
            sub_event_type="Government regains territory", disorder_type="Strategic developments",
            actor1="Military Forces of Syria (2000-2024)", inter1=1, place=place,
            geo_precision=1, when=TimeExpr(kind="weekday", text="on Thursday", value=(3,)),
            date_start=dt.date(2020, 2, 6), date_end=dt.date(2020, 2, 6), time_precision=1,
            fatalities=None if i else 3, claimant="SOHR", stance="claimed",
            evidence=(Evidence(document=doc_id, sentence=0, start=0, end=40,
                               quote="Government forces captured the town",
                               claimant="SOHR", stance="claimed"),),
            trigger="captured", rule=f"rule-{i}",
        )
        for i in range(n)
    ]


def make_figures(doc_id: str = "doc-a") -> list[Figure]:
    # given out of order: the store returns them by (document, start)
    return [
        Figure(kind="killed", value=12, who="civilians", document=doc_id, quote="12 civilians",
               start=50, end=62),
        Figure(kind="displaced", value=900000, place="Idlib", since="2019-12",
               claimant="UN OCHA", document=doc_id, quote="900,000 people", start=10, end=24),
    ]


PG_URL = os.environ.get("FRONTLINES_TEST_POSTGRES")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A fresh store on each backend: (store, path of the SQLite file, or None on PostgreSQL, a
    database the tests may wipe, named by $FRONTLINES_TEST_POSTGRES; .ci/run sets it)."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("set $FRONTLINES_TEST_POSTGRES to run the store tests on PostgreSQL")
        from sqlalchemy import create_engine

        engine = create_engine(PG_URL)
        store_module.schema.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        engine.dispose()
        store, path = Store(PG_URL), None
    else:
        path = tmp_path / "store.sqlite"
        store = Store(str(path))
    yield store, path
    store.close()


def file_bytes(path):
    """The SQLite file's bytes (None on PostgreSQL, which has no file to compare)."""
    return path.read_bytes() if path is not None else None


def test_url_forms():
    assert normalise_url(None) == "sqlite:///frontlines.sqlite"
    assert normalise_url("out/x.sqlite") == "sqlite:///out/x.sqlite"
    assert normalise_url("/abs/x.sqlite") == "sqlite:////abs/x.sqlite"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_plain_path_creates_parent_dir_and_tables(tmp_path):
    path = tmp_path / "nested" / "dir" / "x.sqlite"
    with Store(path) as store:
        assert store.documents() == []
    names = {r[0] for r in sqlite3.connect(path).execute(
        "select name from sqlite_master where type='table'")}
    assert {"documents", "mentions", "figures", "fused", "meta"} <= names


def test_sqlite_pragmas_journal_delete_and_foreign_keys(db):
    store, path = db
    if path is None:
        pytest.skip("SQLite's pragmas")
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_round_trip_document_mentions_figures(db):
    store, _ = db
    doc, mentions, figures = make_doc(), make_mentions(), make_figures()
    assert store.add_document(doc, mentions, figures) is True

    assert store.documents() == [doc]
    assert store.document_hash("doc-a") == "hash-1"
    assert store.document_hash("missing") is None
    assert store.mentions() == mentions  # places, time expressions, evidence, dates intact
    got = store.figures()
    assert [(f.kind, f.start) for f in got] == [("displaced", 10), ("killed", 50)]
    assert got[0] == figures[1]


def test_records_sorted_across_documents(db):
    store, _ = db
    store.add_document(make_doc(doc_id="doc-b", content_hash="b"), make_mentions("doc-b"), [])
    store.add_document(make_doc(doc_id="doc-a", content_hash="a"), make_mentions("doc-a", 3), [])
    assert [d.id for d in store.documents()] == ["doc-a", "doc-b"]
    assert [(m.document, m.index) for m in store.mentions()] == [
        ("doc-a", 0), ("doc-a", 1), ("doc-a", 2), ("doc-b", 0), ("doc-b", 1)]


def test_readding_same_document_writes_nothing_file_bytes_identical(db):
    store, path = db
    doc = make_doc()
    assert store.add_document(doc, make_mentions(), make_figures()) is True
    before = file_bytes(path)
    # same content hash: nothing written, even with other mentions passed along
    assert store.add_document(doc, make_mentions(n=5), []) is False
    assert file_bytes(path) == before
    assert len(store.mentions()) == 2
    # reopening the store (table creation checks, pragmas) writes nothing either
    store.close()
    with Store(str(path) if path is not None else PG_URL) as again:
        assert again.add_document(doc, make_mentions(), make_figures()) is False
    assert file_bytes(path) == before


def test_changed_text_replaces_document_mentions_and_figures(db):
    store, _ = db
    store.add_document(make_doc(), make_mentions(n=3), make_figures())
    new = make_doc(text="Rebels recaptured the town.", content_hash="hash-2")
    new_mentions = [Mention(document="doc-a", index=0, event_type="Strategic developments",
                            sub_event_type="Non-state actor overtakes territory",
                            disorder_type="Strategic developments", actor1="Rebels",
                            inter1=2, trigger="recaptured")]
    assert store.add_document(new, new_mentions, []) is True
    assert store.documents() == [new]
    assert store.mentions() == new_mentions
    assert store.figures() == []


def test_failure_midway_leaves_nothing_of_new_document(db):
    store, _ = db
    bad = make_mentions()
    bad.append(Mention(document="doc-a", index=2, event_type="Battles",
                       sub_event_type="Armed clash", disorder_type="Political violence",
                       trigger={"not", "json"}))  # a set: json cannot serialise it
    with pytest.raises(TypeError):
        store.add_document(make_doc(), bad, make_figures())
    assert store.documents() == []
    assert store.mentions() == []
    assert store.figures() == []
    assert store.document_hash("doc-a") is None


def test_failure_midway_keeps_previous_version_intact(db, monkeypatch):
    store, path = db
    old_doc, old_mentions, old_figures = make_doc(), make_mentions(), make_figures()
    store.add_document(old_doc, old_mentions, old_figures)

    real_dumps = store_module.dumps

    def failing_dumps(value):
        if isinstance(value, Figure):  # after the document and its mentions went in
            raise RuntimeError("disk on fire")
        return real_dumps(value)

    monkeypatch.setattr(store_module, "dumps", failing_dumps)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_document(make_doc(text="changed", content_hash="hash-2"),
                           make_mentions(n=4), make_figures())
    monkeypatch.undo()

    assert store.documents() == [old_doc]
    assert store.mentions() == old_mentions
    assert len(store.figures()) == 2
    assert path is None or not list(path.parent.glob("*-journal"))


def test_mention_of_another_document_is_refused(db):
    store, _ = db
    with pytest.raises(ValueError, match="does not belong"):
        store.add_document(make_doc(), make_mentions("doc-z"), [])
    assert store.documents() == []


def test_document_without_hash_gets_one(db):
    store, _ = db
    assert store.add_document(make_doc(content_hash=""), [], []) is True
    stored = store.document_hash("doc-a")
    assert stored and len(stored) == 64
    assert store.add_document(make_doc(content_hash=""), [], []) is False


FUSED = {
    "events": [{"event_id_cnty": "SYR1", "event_date": "2020-02-06", "documents": ["doc-a"],
                "notes": "Saraqib — سراقب"}],
    "contradictions": [{"topic": "controller", "event_id_cnty": "SYR1"}],
    "control": [{"location": "Saraqib", "controller": "government", "since": "2020-02-06"}],
    "figures": [{"kind": "displaced", "value": 900000, "document": "doc-a"}],
    "inferred": [{"document": "doc-b", "published": "2020-02-27"}],
}


def test_save_fused_round_trip_and_twice_is_byte_identical(db):
    store, path = db
    assert store.load_fused() == {"events": [], "contradictions": [], "control": [], "figures": [],
                                  "inferred": []}
    assert store.save_fused(FUSED) is True
    assert store.load_fused() == FUSED
    before = file_bytes(path)
    # same data, even in a fresh dict with other key order: no write
    again = {k: [dict(reversed(list(d.items()))) for d in FUSED[k]] for k in reversed(FUSED)}
    assert store.save_fused(again) is False
    assert file_bytes(path) == before


def test_save_fused_replaces_when_changed(db):
    store, _ = db
    store.save_fused(FUSED)
    changed = dict(FUSED, events=[])
    assert store.save_fused(changed) is True
    assert store.load_fused()["events"] == []
    assert store.load_fused()["control"] == FUSED["control"]


def test_empty_fused_on_fresh_store_writes_nothing(db):
    store, path = db
    before = file_bytes(path)
    assert store.save_fused({"events": [], "contradictions": [], "control": [],
                             "inferred": []}) is False
    assert file_bytes(path) == before


def test_fusion_blocks_are_saved_with_the_fused_results_replaced_and_dropped(db):
    store, path = db
    assert store.fusion_blocks() == []
    assert store.save_fused(FUSED, blocks=[("b1", "d1", "[1]"), ("b2", "d2", "[2]")]) is True
    assert store.load_fused() == FUSED
    assert store.fusion_blocks() == [("b1", "d1", "[1]"), ("b2", "d2", "[2]")]
    # blocks change while the fused results stay: the blocks are written all the same
    assert store.save_fused(FUSED, blocks=[("b2", "d3", "[3]")], gone=["b1"]) is True
    assert store.fusion_blocks() == [("b2", "d3", "[3]")]
    before = file_bytes(path)
    assert store.save_fused(FUSED) is False and file_bytes(path) == before


def test_a_store_of_schema_1_is_migrated_in_place_and_an_unknown_schema_is_refused(tmp_path):
    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        store.add_document(make_doc(), make_mentions(), make_figures())
        store.save_fused(FUSED)
    # what version 1 of the schema had: no fusion_blocks, events tables or search, and the fused
    # events among the other fused kinds
    con = sqlite3.connect(path)
    for i, (data,) in enumerate(con.execute("select data from event_data order by idx").fetchall()):
        con.execute("insert into fused (kind, idx, data) values ('events', ?, ?)", (i, data))
    for table in ("fusion_blocks", "events", "event_data", "documents_fts", "alembic_version"):
        con.execute(f"drop table {table}")
    con.execute("update meta set value = '1' where key = 'schema_version'")
    con.commit()
    con.close()
    with Store(path) as store:
        assert [d.id for d in store.documents()] == ["doc-a"] and len(store.mentions()) == 2
        assert store.fusion_blocks() == []
        assert [r["id"] for r in store.search_documents("captured town")] == ["doc-a"]  # indexed on upgrade
        assert store.load_fused() == FUSED  # the events moved to their tables
        assert store.query_events() == (1, FUSED["events"]) and store.save_fused(FUSED) is False
        store.save_fused(FUSED, blocks=[("b", "d", "[]")])
        assert store.load_fused() == FUSED
        assert store.fusion_blocks() == [("b", "d", "[]")]
    con = sqlite3.connect(path)
    assert con.execute("select value from meta where key = 'schema_version'").fetchone() == ("2",)
    assert con.execute("select version_num from alembic_version").fetchall() == [("0002",)]
    con.execute("update alembic_version set version_num = '0099'")  # a store of a later frontlines
    con.commit()
    with pytest.raises(RuntimeError, match="revision 0099, newer than this frontlines knows"):
        Store(path)
    con.execute("drop table alembic_version")  # one from before the migrations, of an unknown version
    con.execute("update meta set value = '99' where key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="schema version 99"):
        Store(path)


def _event(n: int, **fields) -> dict:
    base = {"event_id_cnty": f"XYZ{n}", "event_date": f"2021-03-{n:02d}", "time_precision": 1,
            "disorder_type": "Political violence", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "Military Forces of Mali", "actor2": "JNIM",
            "location": "Gao", "admin1": "Gao", "country": "Mali", "latitude": 16.27, "longitude": -0.04,
            "claim_status": "reported", "evidence": [{"document": "doc-a", "sentence": 0, "start": 0, "end": 9,
                                                       "quote": f"clash {n}", "claimant": "", "stance": "reported"}]}
    return base | fields


def test_events_are_queried_by_date_type_place_actor_box_and_status_a_page_at_a_time(db):
    store, _ = db
    events = [_event(n) for n in range(1, 11)]
    events[2] = _event(3, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)",
                       actor2="", location="Bamako", admin1="Bamako", latitude=12.65, longitude=-8.0)
    events[5] = _event(6, claim_status="contested", actor2="Islamic State Sahel")
    events[7] = _event(8, location="Dili", country="Timor Leste", latitude=-8.56, longitude=125.57)
    store.save_fused({"events": events})
    ids = lambda page: [e["event_id_cnty"] for e in page[1]]
    assert store.query_events(limit=3) == (10, events[:3])  # events.csv order, whole events
    assert ids(store.query_events(limit=3, offset=8)) == ["XYZ9", "XYZ10"]
    assert ids(store.query_events(start="2021-03-04", end="2021-03-06")) == ["XYZ4", "XYZ5", "XYZ6"]
    assert ids(store.query_events(event_type="Protests")) == ["XYZ3"]
    assert store.query_events(sub_event_type="Armed clash", limit=0)[0] == 9
    assert ids(store.query_events(place="BAMA")) == ["XYZ3"]  # part of a name, any case
    assert ids(store.query_events(actor="islamic state")) == ["XYZ6"]
    assert ids(store.query_events(claim_status="contested")) == ["XYZ6"]
    assert ids(store.query_events(bbox=(-10.0, 10.0, -5.0, 14.0))) == ["XYZ3"]
    assert ids(store.query_events(bbox=(120.0, -10.0, -170.0, 0.0))) == ["XYZ8"]  # across the antimeridian
    assert ids(store.query_events(place="100%_")) == []  # LIKE's wildcards are plain characters here
    assert [e["quote"] for e in store.event("XYZ6")["evidence"]] == ["clash 6"]
    assert store.event("nope") is None


def test_documents_are_found_by_their_words_with_a_snippet(db):
    store, _ = db
    store.add_document(make_doc(), make_mentions(), make_figures())
    store.add_document(make_doc("Rebels shelled the market of Kidal, residents said.", doc_id="doc-b",
                                content_hash="hash-b"), [], [])
    assert [r["id"] for r in store.search_documents("monitor")] == ["doc-a"]
    found = store.search_documents("KIDAL market")
    assert [r["id"] for r in found] == ["doc-b"] and "«Kidal»" in found[0]["snippet"]
    assert store.search_documents('"unbalanced (quote OR') == []  # no query syntax reaches the index
    # a replaced document is found by its new words only
    store.add_document(make_doc("Militants attacked a convoy near Menaka.", doc_id="doc-b", content_hash="hash-c"),
                       [], [])
    assert store.search_documents("Kidal") == [] and [r["id"] for r in store.search_documents("convoy")] == ["doc-b"]
    assert [d["id"] for d in store.document_list()] == ["doc-a", "doc-b"] and "text" not in store.document_list()[0]
    assert store.document("doc-b").text == "Militants attacked a convoy near Menaka."


def test_load_fused_reads_only_the_kinds_asked_for(db):
    store, _ = db
    store.save_fused(FUSED)
    assert store.load_fused("control") == {"control": FUSED["control"]}
    assert store.load_fused("events", "inferred") == {"events": FUSED["events"], "inferred": FUSED["inferred"]}


def test_the_migrations_make_the_tables_the_code_reads_and_writes(db):
    from sqlalchemy import inspect

    store, _ = db
    with store._engine.connect() as conn:
        found = inspect(conn)
        for table in store_module.schema.metadata.sorted_tables:
            assert {c["name"] for c in found.get_columns(table.name)} == set(table.columns.keys()), table.name
        assert {"events_by_date", "events_by_type", "events_by_status"} <= {i["name"] for i in found.get_indexes("events")}
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == store_module.HEAD_REVISION
