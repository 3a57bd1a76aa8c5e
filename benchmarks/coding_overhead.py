"""How much coding (geoparsing, actors, time, events) adds to the bare spaCy parse, measured on
the same texts in one run, as ratios (these machines are shared and noisy: compare ratios).

    python benchmarks/coding_overhead.py [PATH ...] [--repeat N] [--rounds R]

PATH defaults to examples/ and, when present, ../shared/seeds.  Reports documents/s of the
parse alone and of parse + coding, the share of time coding adds, and how geoparsing alone
compares with the parse.  Each stage is timed R times in turns; the figures are the fastest
round of each (the range and median of the per-round ratios are shown beside them).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus per measurement")
    ap.add_argument("--rounds", type=int, default=5, help="measurements of each stage, taken in turns")
    args = ap.parse_args()

    from frontlines import nlp as nlp_mod
    from frontlines.code import code_parsed
    from frontlines.code.actors import lexicon_for
    from frontlines.geo.gazetteer import Gazetteer
    from frontlines.geo.recognize import find_toponyms
    from frontlines.geo.resolve import resolve
    from frontlines.ingest import IngestError, read_paths

    paths = args.paths or [p for p in (ROOT / "examples", ROOT.parent / "shared" / "seeds") if p.exists()]
    docs = [d for d in read_paths(paths) if not isinstance(d, IngestError)] * args.repeat
    nlp = nlp_mod.load()
    gaz = Gazetteer.load()
    lex = lexicon_for(nlp)
    list(nlp.pipe(d.text for d in docs[:2]))  # warm up

    # parse, geoparse and code in turns, several rounds: the fastest round of each is the least
    # disturbed by other work on a shared machine, and the ratio of those minima is reported
    parse_t, geo_t, code_t = [], [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
        parse_t.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        for doc, p in zip(docs, parsed):
            blocked = {i for a in lex.find(p) for i in range(a.start, a.end)}
            resolve(find_toponyms(p, gaz, blocked), gaz, p.text)
        geo_t.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        for doc, p in zip(docs, parsed):
            code_parsed(doc, p, nlp)
        code_t.append(time.perf_counter() - t0)
    parse_s, geo_s, code_s = min(parse_t), min(geo_t), min(code_t)
    per_round = sorted(100 * c / p for c, p in zip(code_t, parse_t))

    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words (mean {statistics.fmean(len(d.text.split()) for d in docs):.0f})")
    print(f"spaCy parse:            {parse_s:6.2f} s  {len(docs) / parse_s:7.1f} docs/s")
    print(f"coding after the parse: {code_s:6.2f} s  (adds {100 * code_s / parse_s:.0f}% to the parse; "
          f"per round {per_round[0]:.0f}-{per_round[-1]:.0f}%, median {statistics.median(per_round):.0f}%)")
    print(f"  of which geoparsing:  {geo_s:6.2f} s  (adds {100 * geo_s / parse_s:.0f}% to the parse)")
    print(f"parse + coding:         {len(docs) / (parse_s + code_s):7.1f} docs/s = "
          f"{parse_s / (parse_s + code_s):.2f} x the bare parse")


if __name__ == "__main__":
    main()
