"""Fusion across documents: one event per real event, contradictions, control, inferred dates.

Articles written for these tests (towns in Syria and Mali, invented outlets).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import frontlines


def write(folder: Path, name: str, text: str, published: str | None = None, outlet: str = "") -> None:
    row = {"id": name, "text": text, "outlet": outlet}
    if published:
        row["published"] = published
    with open(folder / "articles.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")


def run(tmp_path: Path) -> frontlines.Result:
    return frontlines.run([tmp_path / "in"], out=tmp_path / "out")


def territory(result, place_prefix: str):
    return [e for e in result.events if "territory" in e.sub_event_type and e.location.startswith(place_prefix)]


def test_one_event_told_by_three_outlets_is_one_event_with_three_sources(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "a", "Government forces captured the town of Khan Shaykhun on Tuesday, a war "
          "monitor said.", "2021-03-11", "Outlet A")
    write(tmp_path / "in", "b", "Syrian troops seized Khan Shaykhun on Tuesday after days of fighting, "
          "state media reported.", "2021-03-11", "Outlet B")
    write(tmp_path / "in", "c", "The army took control of Khan Shaykhun, the Defence Ministry said on Wednesday.",
          "2021-03-11", "Outlet C")
    result = run(tmp_path)
    events = territory(result, "Khan Shaykh")
    assert len(events) == 1, [(e.event_date, e.documents) for e in events]
    assert set(events[0].documents) == {"a", "b", "c"}
    assert events[0].source == "Outlet A; Outlet B; Outlet C"


def test_two_captures_of_one_town_weeks_apart_are_two_events_and_two_control_periods(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "early", "Rebels seized the town of Menaka in northern Mali on Monday.", "2021-03-09")
    write(tmp_path / "in", "late", "Malian troops recaptured the town of Menaka in northern Mali on Monday, "
          "the army said.", "2021-04-06")
    result = run(tmp_path)
    events = territory(result, "Menaka")
    assert sorted(e.event_date for e in events) == [dt.date(2021, 3, 8), dt.date(2021, 4, 5)]
    periods = [c for c in result.control if c.location == "Menaka"]
    assert [(p.controller, p.since, p.until) for p in periods] == [
        ("opposition", dt.date(2021, 3, 8), dt.date(2021, 4, 5)), ("government", dt.date(2021, 4, 5), None)]


def test_a_background_mention_joins_the_earlier_event_and_a_date_clash_is_reported(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "news", "Government forces captured the town of Khan Shaykhun on Tuesday.", "2021-03-11")
    write(tmp_path / "in", "later", "Rebels shelled Khan Shaykhun on Monday. The town was captured by government "
          "forces only days ago.", "2021-04-06")
    result = run(tmp_path)
    events = [e for e in territory(result, "Khan Shaykh") if e.sub_event_type == "Government regains territory"]
    assert len(events) == 1 and set(events[0].documents) == {"news", "later"}
    assert events[0].event_date == dt.date(2021, 3, 9)
    assert [c.topic for c in result.contradictions if c.event_id_cnty == events[0].event_id_cnty] == ["date"]


def test_a_denial_in_another_source_makes_the_event_contested_with_both_sides_quoted(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "claim", "Rebels recaptured the town of Jisr al-Shughur on Thursday, a rebel "
          "commander said.", "2021-03-11", "Outlet A")
    write(tmp_path / "in", "denial", "A military source denied on Thursday that Jisr al-Shughur had fallen to "
          "the rebels.", "2021-03-11", "Outlet B")
    result = run(tmp_path)
    events = territory(result, "Jisr")
    assert len(events) == 1 and events[0].claim_status == "contested"
    rows = [c for c in result.contradictions if c.topic == "denial"]
    assert len(rows) == 1
    assert rows[0].documents_a == ("claim",) and rows[0].documents_b == ("denial",)
    assert "had fallen" in rows[0].quote_b and "recaptured" in rows[0].quote_a
    period = [c for c in result.control if c.location.startswith("Jisr")][0]
    assert period.status == "contested" and period.controller == "opposition"


def test_an_undated_article_takes_the_date_of_the_first_dated_report_of_its_news(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "dated", "Government forces captured the town of Khan Shaykhun on Tuesday.", "2021-03-11")
    write(tmp_path / "in", "undated", "Syrian troops have seized Khan Shaykhun, the army said.")
    result = run(tmp_path)
    assert result.inferred == {"undated": dt.date(2021, 3, 11)}
    rows = {r["document"]: r for r in result.table("documents")}
    assert rows["undated"]["published"] == "2021-03-11" and rows["undated"]["published_how"] == "inferred"
    assert len(territory(result, "Khan Shaykh")) == 1


def test_a_wire_story_republished_by_two_outlets_counts_as_one_source(tmp_path):
    story = ("Government forces captured the town of Khan Shaykhun on Tuesday after a week of heavy "
             "fighting with rebels, a war monitor said, adding that dozens of fighters had withdrawn.")
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "wire1", story, "2021-03-11", "Outlet A")
    write(tmp_path / "in", "wire2", story, "2021-03-11", "Outlet B")
    one = territory(run(tmp_path), "Khan Shaykh")
    assert len(one) == 1 and len(one[0].documents) == 2

    other = tmp_path / "independent"
    (other / "in").mkdir(parents=True)
    write(other / "in", "x", story, "2021-03-11", "Outlet A")
    write(other / "in", "y", "Syrian troops seized Khan Shaykhun on Tuesday, state television reported.",
          "2021-03-11", "Outlet C")
    two = territory(run(other), "Khan Shaykh")
    assert len(two) == 1
    assert one[0].confidence < two[0].confidence


def test_fusion_does_not_depend_on_the_order_of_documents(tmp_path):
    texts = [("a", "Rebels seized the town of Menaka in northern Mali on Monday.", "2021-03-09"),
             ("b", "Malian troops recaptured the town of Menaka in northern Mali on Monday.", "2021-04-06"),
             ("c", "Insurgents took Menaka on Monday, local officials said.", "2021-03-10")]
    outputs = []
    for order in (texts, list(reversed(texts))):
        folder = tmp_path / str(len(outputs))
        (folder / "in").mkdir(parents=True)
        for name, text, pub in order:
            write(folder / "in", name, text, pub)
        run(folder)
        outputs.append((folder / "out" / "events.csv").read_bytes())
    assert outputs[0] == outputs[1]


def test_sources_dating_one_campaign_differently_are_set_side_by_side(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "n", "The offensive on Marib, which began in January, has displaced more than "
          "20,000 people, the United Nations said.", "2021-03-11", "Outlet A")
    write(tmp_path / "in", "f", "Since the Houthi offensive began in February it has displaced about 24,000 "
          "people, aid groups said.", "2021-03-18", "Outlet B")
    result = run(tmp_path)
    rows = [c for c in result.contradictions if c.topic == "campaign start"]
    assert len(rows) == 1
    assert rows[0].documents_a == ("n",) and rows[0].documents_b == ("f",)
    assert "2021-01" in rows[0].claim_a and "2021-02" in rows[0].claim_b
    assert {f.value for f in result.figures if f.kind == "displaced"} == {20000, 24000}


def test_an_undated_report_with_its_own_date_is_matched_to_the_event_of_that_date(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "early", "Government forces captured the town of Khan Shaykhun on Tuesday.", "2021-02-11")
    write(tmp_path / "in", "late", "Government forces recaptured the town of Khan Shaykhun on Monday.", "2021-03-09")
    write(tmp_path / "in", "undated", "Government forces recaptured the town of Khan Shaykhun on March 8, 2021, "
          "the army said.")
    result = run(tmp_path)
    assert result.inferred.get("undated") == dt.date(2021, 3, 9)
    assert any("undated" in e.documents for e in result.events)


def test_two_articles_of_one_outlet_are_one_source(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "a", "Government forces captured the town of Khan Shaykhun on Tuesday.", "2021-03-11", "Same Outlet")
    write(tmp_path / "in", "b", "Syrian troops seized Khan Shaykhun on Tuesday after a long siege, officials said.",
          "2021-03-11", "Same Outlet")
    one_outlet = territory(run(tmp_path), "Khan Shaykh")[0]
    assert len(one_outlet.documents) == 2 and one_outlet.confidence == 0.5


def test_synthetic_mentions_are_deterministic_and_fuse_into_fewer_events_than_reports():
    from frontlines.bench import synthetic
    from frontlines.fuse import fuse

    docs, mentions = synthetic(2000, seed=3)
    again = synthetic(2000, seed=3)
    assert len(mentions) == 2000 and (docs, mentions) == again
    assert any(d.published is None for d in docs) and any(m.background for m in mentions)
    fused = fuse(docs, mentions)
    # several outlets tell most events: one event per real event, not per report
    assert 0 < len(fused.events) < 0.6 * len(mentions)
    assert sum(len(e.mentions) for e in fused.events) >= 0.95 * len(mentions)  # (few are dropped)
    assert fused.inferred and fused.control


def test_bench_fuse_reports_both_sizes_and_how_the_time_grows():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "frontlines.cli", "bench", "fuse", "--mentions", "3000", "--rounds", "2",
                           "--format", "json"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    small, large = result["runs"]
    assert (small["mentions"], large["mentions"]) == (300, 3000) and small["rounds"] == large["rounds"] == 2
    assert small["seconds"] <= small["slowest_seconds"]
    assert large["events"] > small["events"] > 0 and large["peak_mb"] > 0
    assert result["time_growth_for_10x_mentions"] == round(large["seconds"] / small["seconds"], 2)


def test_two_outlets_giving_one_town_two_controllers_on_one_day_are_set_side_by_side(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "rebel", "Rebels seized the town of Tessalit in northern Mali on Monday, a "
          "spokesman for the group said.", "2022-05-10", "Outlet R")
    write(tmp_path / "in", "army", "Malian troops took control of the town of Tessalit in northern Mali on "
          "Monday, the army said.", "2022-05-10", "Outlet S")
    result = run(tmp_path)
    found = [c for c in result.contradictions if c.topic == "controller"]
    assert len(found) == 1, [(e.sub_event_type, e.event_date, e.documents) for e in territory(result, "Tessalit")]
    c = found[0]
    assert {c.documents_a, c.documents_b} == {("rebel",), ("army",)}
    assert "Tessalit held by" in c.claim_a and "2022-05-09" in c.claim_a and c.quote_a and c.quote_b
    assert {"government", "opposition"} == {w for w in ("government", "opposition") if w in c.claim_a + c.claim_b}


def test_one_tally_of_the_displaced_given_two_values_in_one_week_is_a_contradiction(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "un", "Since January, about 40,000 people have fled their homes in Bama, the "
          "United Nations said on Tuesday.", "2023-03-07", "Outlet U")
    write(tmp_path / "in", "local", "Some 25,000 people have been displaced in Bama since January, local "
          "officials said on Wednesday.", "2023-03-08", "Outlet L")
    write(tmp_path / "in", "later", "Since January, 90,000 people have fled Bama, aid agencies said.",
          "2023-05-02", "Outlet V")  # two months on: another period's count
    result = run(tmp_path)
    found = [c for c in result.contradictions if c.topic == "figure"]
    assert len(found) == 1, found
    c = found[0]
    assert c.claim_a.startswith("25,000 displaced at Bama since 2023-01") and c.claim_b.startswith("40,000")
    assert (c.documents_a, c.documents_b) == (("local",), ("un",))
    assert c.claimant_a == "local officials" and c.claimant_b == "United Nations"


@pytest.mark.parametrize("seed", range(4))
def test_fusing_documents_as_they_arrive_equals_fusing_them_all_at_once(seed):
    # a property over random arrival orders: an incremental fusion (a FusionCache kept between
    # fusions) ends where a fusion from scratch of every document does
    import random

    from frontlines.bench import synthetic
    from frontlines.fuse import FusionCache, fuse

    docs, mentions = synthetic(800, seed=seed)
    full = fuse(docs, mentions)
    order = docs[:]
    random.Random(seed).shuffle(order)
    cache, arrived = FusionCache(), []
    for k in range(0, len(order), 40):
        arrived += order[k:k + 40]
        ids = {d.id for d in arrived}
        result = fuse(arrived, [m for m in mentions if m.document in ids], cache=cache)
    assert result == full and full.events and full.inferred
    assert cache.reused > cache.fused  # the last batch touched a few places, not all of them
    # nothing new: nothing is fused again
    assert fuse(arrived, mentions, cache=cache) == full and cache.fused == 0 and cache.reused == len(cache.blocks)


def test_source_scale_joins_the_reach_of_an_events_outlets_smallest_first():
    from frontlines.fuse.events import outlet_scale, source_scale

    assert outlet_scale("Reuters", "ML") == "International"
    assert outlet_scale("AP via Yahoo News", "ML") == "International"  # (the first words name it)
    assert outlet_scale("Premium Times", "NG") == "National"
    assert outlet_scale("Premium Times", "NE") == "Regional"  # a neighbour's outlet, same region
    assert outlet_scale("Premium Times", "UA") == "International"
    assert outlet_scale("The Weekly Nobody", "NG") == ""  # unknown: no guess
    assert source_scale(["Daily Trust", "Reuters", "The Weekly Nobody", "Telegram"], "NG") == \
        "National-International-New media"


def test_an_event_told_by_a_national_and_a_world_outlet_has_both_scales(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "home", "Gunmen killed five villagers in the town of Gusau in Zamfara State "
          "on Monday, police said.", "2022-06-14", "Daily Trust")
    write(tmp_path / "in", "wire", "Gunmen killed five villagers in Gusau, in Nigeria's Zamfara State, on "
          "Monday, police said.", "2022-06-14", "Reuters")
    result = run(tmp_path)
    events = [e for e in result.events if e.location.startswith("Gusau")]
    assert len(events) == 1, [(e.sub_event_type, e.documents) for e in events]
    assert events[0].source == "Daily Trust; Reuters" and events[0].source_scale == "National-International"


def test_a_fusion_cache_read_back_from_its_rows_reuses_every_block_and_refuses_another_builds(monkeypatch):
    # the rows a run saves in its store give a cache equal to the one that made them; a block
    # fused by other code (another code digest) is fused again, never trusted
    from frontlines.bench import synthetic
    from frontlines import fuse as fuse_mod

    docs, mentions = synthetic(600, seed=5)
    first = fuse_mod.FusionCache()
    full = fuse_mod.fuse(docs, mentions, cache=first)
    rows, gone = first.rows()
    assert len(rows) == len(first.blocks) == first.fused and gone == []
    assert first.rows() == ([], [])  # rows() gives each change once

    again = fuse_mod.FusionCache(rows)
    assert fuse_mod.fuse(docs, mentions, cache=again) == full
    assert (again.fused, again.reused) == (0, len(rows)) and again.rows() == ([], [])

    # without its last documents some blocks lose every mention and others change
    kept = {d.id for d in docs[:-30]}
    fewer = fuse_mod.FusionCache(rows)
    result = fuse_mod.fuse([d for d in docs if d.id in kept], [m for m in mentions if m.document in kept], cache=fewer)
    assert result == fuse_mod.fuse([d for d in docs if d.id in kept], [m for m in mentions if m.document in kept])
    changed, dropped = fewer.rows()
    assert 0 < fewer.fused == len(changed) < len(rows) and dropped and not set(dropped) & {r[0] for r in changed}

    monkeypatch.setattr(fuse_mod, "code_digest", lambda: "another build")
    other = fuse_mod.FusionCache(rows)
    assert fuse_mod.fuse(docs, mentions, cache=other) == full
    assert (other.fused, other.reused) == (len(rows), 0)


def test_a_run_that_adds_documents_fuses_only_the_places_they_touch_and_writes_what_a_fresh_run_writes(tmp_path):
    first = [("menaka-1", "Rebels seized the town of Menaka in northern Mali on Monday.", "2021-03-09", "Outlet A"),
             ("gao-1", "Soldiers clashed with militants near Gao on Sunday, killing four, the army said.",
              "2021-03-08", "Outlet B"),
             ("bama-1", "Boko Haram fighters attacked Bama on Friday and burned dozens of homes, residents said.",
              "2021-03-06", "Outlet C"),
             ("idlib-1", "Government forces captured the town of Khan Shaykhun on Tuesday, a war monitor said.",
              "2021-03-11", "Outlet A")]
    later = [("menaka-2", "Malian troops recaptured the town of Menaka in northern Mali on Monday, the army said.",
              "2021-04-06", "Outlet B"),
             ("menaka-3", "Insurgents took Menaka on Monday, local officials said.", "2021-03-10", "Outlet C")]
    for folder, articles in (("step", first), ("step", later), ("fresh", first + later)):
        (tmp_path / folder / "in").mkdir(parents=True, exist_ok=True)
        for name, text, pub, outlet in articles:
            write(tmp_path / folder / "in", name, text, pub, outlet)
        if folder == "step" and articles is first:
            before = run(tmp_path / folder)
    stepped, fresh = run(tmp_path / "step"), run(tmp_path / "fresh")
    assert before.blocks_fused == 4 and before.blocks_reused == 0  # four places, one event each
    assert (stepped.coded, stepped.unchanged) == (2, 4)
    # only Menaka's territory block is fused again; the other three come from the store
    assert (stepped.blocks_fused, stepped.blocks_reused) == (1, 3)
    assert fresh.blocks_fused == before.blocks_fused and fresh.blocks_reused == 0
    assert stepped.events == fresh.events and len(territory(fresh, "Menaka")) == 2
    outputs = sorted(p.name for p in (tmp_path / "fresh" / "out").iterdir() if p.suffix != ".sqlite")
    assert {"events.csv", "control.csv", "contradictions.csv", "documents.csv", "events.jsonl"} <= set(outputs)
    for name in outputs:
        assert (tmp_path / "step" / "out" / name).read_bytes() == (tmp_path / "fresh" / "out" / name).read_bytes(), name
    # and a run with nothing new fuses nothing
    again = run(tmp_path / "step")
    assert (again.blocks_fused, again.blocks_reused) == (0, stepped.blocks_fused + stepped.blocks_reused)


def test_a_town_changing_hands_without_a_fight_opens_a_period_for_the_side_that_moves_in(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "entered", "Rebel fighters took control of Menaka on Tuesday after government troops "
          "pulled out of the town, residents said.", "2021-03-10")
    write(tmp_path / "in", "handed", "The rebels handed the town of Menaka over to Malian troops on Monday under "
          "a deal brokered by local elders, officials said.", "2021-04-06")
    result = run(tmp_path)
    transfers = [e for e in result.events if e.sub_event_type == "Non-violent transfer of territory"]
    assert sorted((e.event_date, e.inter1) for e in transfers) == [(dt.date(2021, 3, 9), 2), (dt.date(2021, 4, 5), 1)]
    # the side a town is handed over to takes it: the codebook's actor1 of a transfer
    handed = next(e for e in transfers if e.documents == ("handed",))
    assert handed.actor1.startswith("Military Forces of Mali") and handed.inter2 == 2
    periods = [c for c in result.control if c.location == "Menaka"]
    assert [(p.controller, p.since, p.until) for p in periods] == [
        ("opposition", dt.date(2021, 3, 9), dt.date(2021, 4, 5)), ("government", dt.date(2021, 4, 5), None)]


def test_a_withdrawal_that_names_no_one_moving_in_opens_no_period_of_control():
    from frontlines.fuse.control import timeline
    from frontlines.model import Event, replace

    day = dt.date(2021, 3, 9)
    unknown = Event(event_id_cnty="MLI1", event_date=day, time_precision=1, disorder_type="Strategic developments",
                    event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                    location="Menaka", geonameid=2454268, latitude=15.9, longitude=2.4, geo_precision=1)
    known = replace(unknown, event_id_cnty="MLI2", actor1="Rebel Groups (Mali)", inter1=2)
    assert timeline([unknown]) == []
    assert [(p.controller, p.since, p.events) for p in timeline([unknown, known])] == [("opposition", day, ("MLI2",))]
