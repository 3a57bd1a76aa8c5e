"""The command line: the README's main command, bad input, extract."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "frontlines.cli"]


def test_run_on_the_bundled_examples_writes_every_output_and_prints_a_summary(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(CLI + ["run", str(ROOT / "examples" / "idlib-2020"), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for name in ["events.csv", "events.jsonl", "events.geojson", "control.csv", "contradictions.csv",
                 "figures.csv", "documents.csv", "report.html", "frontlines.sqlite"]:
        assert (out / name).is_file(), name
    assert "Who controls what" in proc.stdout and "events" in proc.stdout
    with open(out / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["sub_event_type"] == "Government regains territory" and r["location"] == "Saraqib" for r in rows)


def test_a_bad_file_gets_one_line_naming_it_and_the_rest_is_coded(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Rebels seized the town of Menaka in northern Mali on Monday.\n", encoding="utf-8")
    (src / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    proc = subprocess.run(CLI + ["run", str(src), "--out", str(tmp_path / "out"), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if "picture.txt" in line]
    assert len(errors) == 1 and "PNG" in errors[0]
    with open(tmp_path / "out" / "documents.csv", encoding="utf-8") as fh:
        assert [r["document"] for r in csv.DictReader(fh)] == ["good"]


def test_extract_reads_standard_input_and_prints_json_lines():
    proc = subprocess.run(CLI + ["extract", "-", "--published", "2021-03-11"],
                          input="Police arrested 20 opposition activists in Minsk on Saturday.",
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [e["sub_event_type"] for e in events] == ["Arrests"]
    assert events[0]["event_date"] == "2021-03-06" and events[0]["evidence"][0]["quote"].startswith("Police")
