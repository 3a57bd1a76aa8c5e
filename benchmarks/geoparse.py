"""Geoparsing cost, measured in one run: the time geoparsing adds to the spaCy parse of the same
texts (a ratio: these machines are shared and noisy), and the gazetteer index's load time and
memory in fresh processes.

    python benchmarks/geoparse.py [PATH ...] [--repeat N] [--load-runs N]

PATH is a GeoWebNews or LGL XML file (e.g. ../shared/dev/geowebnews/GWN.xml) or any files or
folders `frontlines run` reads; by default examples/ and, when present, ../shared/seeds.
Geoparsing here is everything the coder does to find and resolve places: the actor look-up that
keeps actors from being read as places, demonym counting, recognition and resolution.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: run in a fresh interpreter: seconds to load the cached index, and memory before and after (KiB)
#: (VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the forking parent)
LOAD_PROBE = """
import json, time
def status(field):
    with open('/proc/self/status') as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith(field + ':'))
from frontlines.geo.gazetteer import Gazetteer
before = status('VmRSS')
t0 = time.perf_counter()
gaz = Gazetteer._load_cached()
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rss_before_kib": before, "rss_after_kib": status('VmRSS'),
                  "peak_kib": status('VmHWM'), "entries": len(gaz.rows)}))
"""


def texts_from(paths: list[str]) -> list[str]:
    from frontlines.evaluate.geoparse import read_corpus
    from frontlines.ingest import IngestError, read_paths

    texts: list[str] = []
    plain = []
    for p in paths:
        if p.endswith(".xml"):
            texts.extend(a.text for a in read_corpus(p))
        else:
            plain.append(p)
    if plain:
        texts.extend(d.text for d in read_paths(plain) if not isinstance(d, IngestError))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=1, help="copies of the corpus per measurement")
    ap.add_argument("--load-runs", type=int, default=5, help="fresh processes that load the index")
    args = ap.parse_args()

    from frontlines import nlp as nlp_mod
    from frontlines.code.actors import lexicon_for
    from frontlines.geo.gazetteer import Gazetteer
    from frontlines.geo.recognize import find_toponyms
    from frontlines.geo.resolve import resolve

    paths = args.paths or [str(p) for p in (ROOT / "examples", ROOT.parent / "shared" / "seeds") if p.exists()]
    texts = texts_from(paths) * args.repeat
    nlp = nlp_mod.load()
    gaz = Gazetteer.load()
    lex = lexicon_for(nlp)
    list(nlp.pipe(texts[:2]))  # warm up

    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_places = 0
    for p in parsed:
        actors = lex.find(p)
        blocked = {i for a in actors for i in range(a.start, a.end)}
        soft = {t.i for t in p if t.lower_ in lex.demonyms}
        n_places += len(resolve(find_toponyms(p, gaz, blocked, soft=soft), gaz, p.text, lex.demonym_counts(p)))
    geo_s = time.perf_counter() - t0

    loads = []
    for _ in range(args.load_runs):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True)
        loads.append(json.loads(out.stdout))

    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents, {words} words, {n_places} places resolved")
    print(f"spaCy parse:  {parse_s:7.2f} s")
    print(f"geoparsing:   {geo_s:7.2f} s  = {100 * geo_s / parse_s:.1f}% of the parse time")
    secs = [r["seconds"] for r in loads]
    grown = [(r["rss_after_kib"] - r["rss_before_kib"]) / 1024 for r in loads]
    print(f"index load:   median {statistics.median(secs):.2f} s (min {min(secs):.2f}, max {max(secs):.2f}) "
          f"over {len(loads)} fresh processes, {loads[0]['entries']} entries")
    print(f"index memory: {statistics.median(grown):.0f} MB resident after loading; "
          f"peak process RSS {max(r['peak_kib'] for r in loads) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
