"""The main job's acceptance test: ../shared/seeds against ../shared/gold/seeds.yaml."""

from __future__ import annotations

import hashlib
from pathlib import Path

import frontlines
from seedcheck import check


def test_every_must_item_of_the_gold_coding_is_recovered_and_no_must_not_is_broken(seeds_run, shared):
    out, _ = seeds_run
    report = check(out, shared / "gold" / "seeds.yaml")
    print("\n" + report.text())  # the should count, for the closing note (pytest -s or -rA)
    assert report.must_failed == []
    assert report.must_not_broken == []
    assert len(report.must_passed) >= 10


def test_most_should_items_are_recovered(seeds_run, shared):
    out, _ = seeds_run
    report = check(out, shared / "gold" / "seeds.yaml")
    total = len(report.should_found) + len(report.should_missed)
    assert len(report.should_found) > total / 2, report.text()


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_running_twice_leaves_the_store_and_every_output_byte_identical(shared, tmp_path):
    out = tmp_path / "out"
    first = frontlines.run([shared / "seeds"], out=out)
    before = _digest(out)
    assert "frontlines.sqlite" in before and "events.csv" in before and "report.html" in before
    second = frontlines.run([shared / "seeds"], out=out)
    assert second.coded == 0 and second.unchanged == first.coded
    assert _digest(out) == before


def test_a_fresh_store_gives_the_same_outputs_as_the_first_run(seeds_run, tmp_path, shared):
    out, _ = seeds_run
    again = tmp_path / "again"
    frontlines.run([shared / "seeds"], out=again)
    a, b = _digest(out), _digest(again)
    a.pop("frontlines.sqlite"), b.pop("frontlines.sqlite")
    assert a == b


def test_undated_seed_documents_get_their_publication_inferred_from_dated_ones(seeds_run):
    _, result = seeds_run
    by_id = {d.id: d for d in result.documents}
    undated = [d for d in by_id.values() if d.published is None]
    assert undated, "the seeds include undated documents"
    assert all(d.id in result.inferred for d in undated)


def test_every_event_is_traced_to_quoted_sentences_of_its_documents(seeds_run):
    _, result = seeds_run
    texts = {d.id: d.text for d in result.documents}
    for event in result.events:
        assert event.evidence
        for e in event.evidence:
            assert e.document in event.documents
            assert texts[e.document][e.start:e.end] == e.quote
