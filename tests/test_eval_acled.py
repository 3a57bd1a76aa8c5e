"""`frontlines eval acled`: rows of an ACLED export written here (our own notes), read back,
coded from their notes and scored against their own coding."""

from __future__ import annotations

import csv
import json

import pytest

from frontlines.cli import main
from frontlines.evaluate.acled import NONE, classification, evaluate, read_acled

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp", "published"]

ROWS = [
    dict(event_id_cnty="T1", event_date="2021-03-09", event_type="Battles",
         sub_event_type="Government regains territory", inter1="1", inter2="2", admin1="Idlib",
         location="Khan Shaykhun", latitude="35.44208", longitude="36.65095", fatalities="0",
         published="2021-03-11",
         notes="Syrian government forces recaptured the town of Khan Shaykhun from rebels on Tuesday, "
               "state media said."),
    dict(event_id_cnty="T2", event_date="2021-03-10", event_type="Explosions/Remote violence",
         sub_event_type="Air/drone strike", inter1="1", inter2="7", admin1="Idlib", location="Ariha",
         latitude="35.81374", longitude="36.61008", fatalities="4", published="2021-03-11",
         notes="Warplanes struck a market in Ariha in Idlib province on Wednesday, killing four civilians, "
               "a war monitor said."),
    dict(event_id_cnty="T3", event_date="2021-03-06", event_type="Protests", sub_event_type="Peaceful protest",
         inter1="6", inter2="", admin1="Santiago Metropolitan", location="Santiago", latitude="-33.45694",
         longitude="-70.64827", fatalities="0", published="2021-03-07",
         notes="Thousands of protesters marched peacefully through Santiago on Saturday to demand free "
               "education."),
    dict(event_id_cnty="T4", event_date="", event_type="", sub_event_type="", published="2021-03-11",
         notes="A magnitude 6.1 earthquake struck the coast on Wednesday, killing 12 people, officials said."),
]


def write(path, rows, columns=COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})
    return path


def test_rows_are_read_by_acled_column_names(tmp_path):
    rows = read_acled(write(tmp_path / "a.csv", ROWS), published_column="published")
    assert [r.id for r in rows] == ["T1", "T2", "T3", "T4"]
    assert rows[1].fatalities == 4 and rows[1].inter2 == 7 and str(rows[0].published) == "2021-03-11"
    assert rows[3].event_type == "" and rows[3].fatalities is None
    assert read_acled(tmp_path / "a.csv")[0].published is None  # no column named: read undated


def test_each_row_is_coded_from_its_notes_and_scored(tmp_path):
    result = evaluate(read_acled(write(tmp_path / "a.csv", ROWS), published_column="published"))
    sub = result["sub_event_type"]
    assert result["rows"] == 4 and result["rows_without_event"] == 1
    assert sub["per_class"][NONE]["support"] == 1
    assert sub["confusion"]["Government regains territory"] == {"Government regains territory": 1}
    assert sub["confusion"][NONE] == {NONE: 1}  # the earthquake gives no event
    assert result["compared_events"] >= 2
    # the relative dates resolve against the publication column
    assert result["event_date_exact"] == 1.0
    assert result["location_within_km"]["25"] == 1.0


def test_scores_follow_their_definitions():
    gold = ["A", "A", "B", NONE]
    pred = ["A", "B", "B", "A"]
    r = classification(gold, pred)
    assert r["accuracy"] == 0.5
    # A: P 1/2, R 1/2 -> F1 .5; B: P 1/2, R 1 -> .6667; none: F1 0
    assert r["per_class"]["A"]["f1"] == 0.5 and r["per_class"]["B"]["f1"] == 0.6667
    assert r["weighted_f1"] == round((0.5 * 2 + 0.6667 * 1 + 0) / 4, 4)
    assert r["macro_f1"] == round((0.5 + 0.6667 + 0) / 3, 4)
    assert r["events_only"]["weighted_f1"] == round((0.5 * 2 + 0.6667) / 3, 4)


def test_the_command_prints_json_and_refuses_a_file_that_is_not_an_export(tmp_path, capsys):
    assert main(["eval", "acled", str(write(tmp_path / "a.csv", ROWS[:2])), "--published-column", "published",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == 2 and "confusion" in out["sub_event_type"]

    bad = write(tmp_path / "b.csv", [{"text": "x"}], columns=["text"])
    assert main(["eval", "acled", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "b.csv" in err[0] and "notes" in err[0]
    assert main(["eval", "acled", str(write(tmp_path / "c.csv", ROWS[:1])), "--published-column", "when"]) == 1
    assert "when" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["acled_dev.csv", "acled_dev2.csv", "acled_heldout.csv", "acled_heldout2.csv"])
@pytest.mark.parametrize("column", [None, "published"])
def test_the_evaluation_sets_are_valid_acled_files_covering_every_sub_event_type(name, column):
    from pathlib import Path

    rows = read_acled(Path(__file__).parent / "data" / name, published_column=column)
    types = {r.sub_event_type for r in rows if r.event_type}
    assert len(types) == 25 and sum(1 for r in rows if not r.event_type) >= 25 and len(rows) >= 120


def test_admin1_names_match_across_acled_and_geonames_spellings_but_not_across_divisions():
    from frontlines.evaluate.acled import _same
    assert _same("Idleb", "Idlib") and _same("Banadir", "Banaadir") and _same("South Darfur", "Southern Darfur")
    assert _same("Jizan", "Jazan Region") and _same("Oromia", "Oromiya")
    assert not _same("Mopti", "Kidal") and not _same("Kano", "Kogi") and not _same("Gao", "")
