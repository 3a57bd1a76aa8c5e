"""Fuzz ingest for a bounded time and say how many inputs ran and whether one crashed.

    python fuzz/run.py [--seconds 600] [--corpus DIR] [--max-len 8192] [--timeout 30]

Needs atheris (``pip install '.[fuzz]'``).  Runs ``fuzz/ingest_fuzz.py`` under libFuzzer
(``-max_total_time``, with the dictionary ``fuzz/ingest.dict``) on a corpus started from the
harness's own seed inputs and the articles in ``examples/``; ``--corpus DIR`` keeps the corpus between runs (a fresh temporary
folder otherwise).  Prints ``executions: N``, the seconds run, and ``crash: none`` or the
crash with the file holding its input (a crash-*, timeout-* or oom-* file in ``--artifacts``,
by default ``fuzz/artifacts``); replay one with ``python fuzz/ingest_fuzz.py FILE``.
Exit status: 0 without a crash, 1 with one, 2 when the fuzzer could not run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET = HERE / "ingest_fuzz.py"
DICTIONARY = HERE / "ingest.dict"  # pieces of the formats, for the fuzzer's mutations
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_PROGRESS = re.compile(r"^#(\d+)\s", re.M)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_KIND = re.compile(r"==\d+== ERROR: libFuzzer: ([\w-]+)|(Uncaught Python exception)")


def seed_corpus(corpus: Path) -> int:
    """Write the harness's seed inputs and the example articles into ``corpus``; how many."""
    sys.path.insert(0, str(HERE))
    try:
        from ingest_fuzz import FORMATS, seed_inputs
    finally:
        sys.path.remove(str(HERE))
    corpus.mkdir(parents=True, exist_ok=True)
    inputs = dict(seed_inputs())
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file() and path.suffix.lower() in FORMATS:
            inputs[path.name] = bytes([FORMATS.index(path.suffix.lower())]) + path.read_bytes()
    for data in inputs.values():
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(inputs)


def executions(log: str) -> int:
    """The number of inputs run, from libFuzzer's final stats (or its last progress line)."""
    for pattern in (_EXECUTED, _DONE):
        found = pattern.findall(log)
        if found:
            last = found[-1]
            return int(last[0] if isinstance(last, tuple) else last)
    found = _PROGRESS.findall(log)
    return int(found[-1]) if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (600)")
    parser.add_argument("--corpus", type=Path, help="corpus folder kept between runs")
    parser.add_argument("--artifacts", type=Path, default=HERE / "artifacts",
                        help="where a crashing input is written (fuzz/artifacts)")
    parser.add_argument("--max-len", type=int, default=8192, help="largest input in bytes (8192)")
    parser.add_argument("--timeout", type=int, default=30,
                        help="seconds one input may take before it counts as a hang (30)")
    parser.add_argument("--log", type=Path, help="keep libFuzzer's whole output in this file")
    args = parser.parse_args(argv)

    if importlib.util.find_spec("atheris") is None:
        print("atheris is not installed: pip install '.[fuzz]'", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="frontlines-fuzz-") as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        seeds = seed_corpus(corpus)
        args.artifacts.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(TARGET), str(corpus),
                   f"-max_total_time={args.seconds}", f"-timeout={args.timeout}",
                   f"-max_len={args.max_len}", "-rss_limit_mb=4096", "-print_final_stats=1",
                   f"-artifact_prefix={args.artifacts}/", f"-dict={DICTIONARY}"]
        print(f"fuzzing ingest for {args.seconds} s from {seeds} seed inputs:", " ".join(command),
              flush=True)
        started = time.monotonic()
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace")
        elapsed = time.monotonic() - started
    log = done.stdout
    if args.log:
        args.log.write_text(log, encoding="utf-8")
    runs = executions(log)
    print(f"executions: {runs}")
    print(f"seconds: {elapsed:.0f}")
    print(f"executions per second: {runs / max(elapsed, 1e-9):.1f}")
    if done.returncode == 0:
        print("crash: none")
        return 0
    artifacts = _ARTIFACT.findall(log)
    kind = _KIND.search(log)
    if not artifacts and not kind:
        print(f"the fuzzer stopped with status {done.returncode} and no crash report:")
        print("\n".join(log.splitlines()[-30:]))
        return 2
    what = (kind.group(1) or kind.group(2)) if kind else "crash"
    print(f"crash: {what}" + (f" (input in {artifacts[-1]})" if artifacts else ""))
    lines = log.splitlines()
    at = next((i for i, line in enumerate(lines) if "Traceback" in line or "ERROR:" in line), None)
    if at is not None:
        print("\n".join(lines[at:at + 40]))
    return 1


if __name__ == "__main__":
    sys.exit(main())
