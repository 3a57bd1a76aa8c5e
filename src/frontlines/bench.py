"""Benchmarks run by ``frontlines bench``: throughput of the per-document path, and fusion on
synthetic mentions.

``throughput(documents, workers)`` times, on the same texts in one run: (a) the bare spaCy
``nlp.pipe`` with the pipeline's own components, (b) the full per-document path in one process
(ingest from the text, parse, code, store in a fresh SQLite file), (c) the same with N worker
processes (forked from a fresh process that never loaded the model, as ``run --workers`` has
them: each worker loads its own, before the timing starts); with documents/s, tokens/s, peak
memory of the one process and of the largest worker, and the ratios a/b and c/b.  Each round
times (a), (b) and (c) one after the other.

``synthetic(n)`` makes a deterministic corpus shaped like a war's news, so that fusion meets the
work it meets in the field, at any size:
- real events happen at places drawn with a long tail (a few towns are in the news every day,
  most once in a while), on dates spread over two years, with sub-event types drawn from the
  codebook's 25;
- each event is told by one to six documents; a document tells about four events;
- most reports date the event exactly (a date or a weekday), some by a vaguer expression; one
  in ten is told as background, days or weeks later ("captured three weeks ago");
- one document in twenty carries no date; one report in fifty is a denial;
- outlets and claimants come from pools, and one report in eight republishes another outlet's
  wording (a wire story).

``fuse_scaling(sizes, rounds)`` fuses each size in a fresh process and reports the seconds fusion
took and the peak memory of that process (making the corpus included), so that sizes compare
fairly; with several rounds, taken in turns, the fastest of each size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time

from frontlines.code.taxonomy import taxonomy
from frontlines.model import Document, Evidence, Mention, Place, TimeExpr

START = dt.date(2021, 1, 1)
DAYS = 730
COUNTRIES = ["SY", "YE", "SD", "ML", "NG", "UA", "MM", "SO", "CD", "ET"]
ACTORS = [("Military Forces of {c}", 1), ("Rebel Groups ({c})", 2), ("Unidentified Armed Group ({c})", 3),
          ("Communal Militia ({c})", 4), ("Protesters ({c})", 6), ("Civilians ({c})", 7)]
WORDS = ("forces fighters town village district province attack shelling strike convoy checkpoint "
         "positions offensive army rebels militia residents killed wounded displaced market road "
         "bridge hospital school morning evening night heavy fierce clashes control").split()


def synthetic(n: int, seed: int = 7) -> tuple[list[Document], list[Mention]]:
    """``n`` mentions (for a tiny ``n`` perhaps fewer) and their documents (see the module's docstring)."""
    rng = random.Random(seed)
    tax = taxonomy()
    subs = [(s.name, s.event_type, s.disorder_type) for s in tax.types.values()]
    n_places = max(50, n // 40)
    places = [Place(f"Place {k}", 10 + rng.random() * 30, 20 + rng.random() * 30,
                    COUNTRIES[k % len(COUNTRIES)], f"Province {k % 97}", geonameid=1_000_000 + k)
              for k in range(n_places)]
    weights = [1 / (k + 1) for k in range(n_places)]  # a long tail: Zipf's law
    outlets = [f"Outlet {k}" for k in range(60)]
    claimants = ["", "", "", "a military source", "a monitor", "the state news agency", "a rebel spokesman"]
    n_events = max(1, n // 2)
    event_places = rng.choices(range(n_places), weights=weights, k=n_events)
    events = []
    for e in range(n_events):
        name, etype, disorder = subs[rng.randrange(len(subs))]
        country = places[event_places[e]].country_code
        a1, i1 = ACTORS[rng.randrange(4)]
        a2, i2 = ACTORS[rng.randrange(len(ACTORS))]
        events.append((name, etype, disorder, START + dt.timedelta(days=rng.randrange(DAYS)),
                       a1.format(c=country), i1, a2.format(c=country), i2, event_places[e]))
    reports = []  # (the day it is written about, the event, told as background)
    for e in range(n_events):
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6))):
            background = rng.random() < 0.1
            late = dt.timedelta(days=rng.randrange(3, 40) if background else rng.choice((0, 0, 0, 1)))
            reports.append((events[e][3] + late, rng.random(), e, background))
    reports = sorted(rng.sample(reports, min(n, len(reports))))  # a document tells the news of its days
    documents, mentions = [], []
    wire: list[str] = []
    for d0 in range(0, len(reports), 4):
        told = reports[d0:d0 + 4]
        published = max(r[0] for r in told) + dt.timedelta(days=rng.choice((0, 0, 1)))
        doc_id = f"syn{d0 // 4:08d}"
        undated = rng.random() < 0.05
        documents.append(Document(doc_id, "", title=doc_id, outlet=rng.choice(outlets),
                                  published=None if undated else published,
                                  published_how="unknown" if undated else "text"))
        for k, (_, _, e, background) in enumerate(told):
            name, etype, disorder, day, a1, i1, a2, i2, p = events[e]
            if background:
                weeks = max(1, (published - day).days // 7)
                when = TimeExpr("ago", f"{weeks} weeks ago", (weeks, "week"))
                lo, hi, precision = day - dt.timedelta(days=3), day + dt.timedelta(days=3), 2
            elif rng.random() < 0.8:
                when = TimeExpr("absolute", day.isoformat(), (day.year, day.month, day.day))
                lo, hi, precision = day, day, 1
            else:
                when = TimeExpr("recent", "recently", ())
                lo, hi, precision = day - dt.timedelta(days=20), day + dt.timedelta(days=5), 3
            if undated and when.kind != "absolute":
                lo = hi = None
                precision = 0
            if wire and rng.random() < 0.125:
                quote = rng.choice(wire)  # a wire story republished
            else:
                quote = " ".join(rng.choice(WORDS) for _ in range(14)) + f" {places[p].name}."
                if len(wire) < 5000:
                    wire.append(quote)
            stance = "denied" if rng.random() < 0.02 else "reported"
            claimant = rng.choice(claimants)
            mentions.append(Mention(
                document=doc_id, index=k, event_type=etype, sub_event_type=name, disorder_type=disorder,
                actor1=a1, inter1=i1, actor2=a2, inter2=i2, place=places[p], geo_precision=1,
                when=when, date_start=lo, date_end=hi, time_precision=precision, background=background,
                fatalities=rng.choice((None, 0, 1, 2, 5)), claimant=claimant, stance=stance,
                evidence=(Evidence(doc_id, k, 0, len(quote), quote, claimant, stance),),
                trigger="synthetic", rule="synthetic"))
    return documents, mentions


def _fuse_once(n: int) -> dict:
    """Make ``n`` synthetic mentions and fuse them (in this process): seconds and peak memory
    (None where the system does not tell it: the ``resource`` module is Unix's)."""
    from frontlines.fuse import fuse
    from frontlines.fuse.events import countries

    documents, mentions = synthetic(n)
    countries()  # (data files are read once per process, before the clock starts)
    t0 = time.perf_counter()
    result = fuse(documents, mentions)
    seconds = time.perf_counter() - t0
    try:
        import resource

        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # (kilobytes on Linux)
        if sys.platform == "darwin":
            peak_kib /= 1024  # (bytes on macOS)
    except ImportError:
        peak_kib = None
    return {"mentions": len(mentions), "documents": len(documents), "events": len(result.events),
            "contradictions": len(result.contradictions), "control_periods": len(result.control),
            "seconds": round(seconds, 3), "peak_mb": round(peak_kib / 1024, 1) if peak_kib is not None else None}


def fuse_scaling(sizes: list[int], rounds: int = 1) -> list[dict]:
    """``_fuse_once`` for each size, each in a fresh Python process, ``rounds`` times in turns;
    for each size the fastest round (the least disturbed by other work on a shared machine),
    with the number of rounds and the slowest time beside it."""
    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for _ in range(max(1, rounds)):
        for n in sizes:
            code = f"import json; from frontlines.bench import _fuse_once; print(json.dumps(_fuse_once({int(n)})))"
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            runs[n].append(json.loads(done.stdout.strip().splitlines()[-1]))
    out = []
    for n in sizes:
        best = min(runs[n], key=lambda r: r["seconds"])
        out.append({**best, "rounds": len(runs[n]), "slowest_seconds": max(r["seconds"] for r in runs[n])})
    return out


def bench_corpus(paths: list[str], n: int, words: int = 0) -> list[Document]:
    """n documents cycled from the articles at ``paths`` (each copy gets its own id: a store
    keeps them all).  With ``words``, a shorter article is followed by the paragraphs of the next
    ones until it has at least that many words: articles of about a chosen length."""
    from frontlines.ingest import IngestError, read_paths
    from frontlines.model import replace

    found = [d for d in read_paths(paths) if not isinstance(d, IngestError)]
    if not found:
        raise ValueError(f"no readable article in {', '.join(map(str, paths))}")
    out = []
    for k in range(n):
        doc = found[k % len(found)]
        paragraphs = [p for j in range(len(found)) for p in found[(k + j) % len(found)].text.split("\n\n")]
        text, count = doc.text, len(doc.text.split())
        for p in paragraphs[len(doc.text.split("\n\n")):] if count < words else []:
            text, count = text + "\n\n" + p, count + len(p.split())
            if count >= words:
                break
        out.append(replace(doc, id=f"{doc.id}~{k}", text=text))
    return out


def _peak_mb(who: int) -> float | None:
    try:
        import resource
    except ImportError:  # (not on Windows)
        return None
    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _full_path(documents: list[Document], workers: int, pool=None) -> float:
    """Seconds to ingest, code and store the documents (fresh store), with ``workers`` processes
    (those of ``pool`` when given)."""
    import tempfile
    from pathlib import Path

    from frontlines.ingest import read_text
    from frontlines.pipeline import Result, code_into_store
    from frontlines.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        t0 = time.perf_counter()
        docs = (read_text(d.text, id=d.id, published=d.published, title=d.title, outlet=d.outlet)
                for d in documents)  # (read as the coding goes, as ``run`` reads its files)
        code_into_store(store, docs, Result(), workers=workers, pool=pool)
        return time.perf_counter() - t0


def _workers_serve(corpus_file: str, workers: int) -> None:
    """(In a fresh process, which never loads the spaCy pipeline itself, as ``run`` does not.)
    Starts a pool of ``workers`` processes that load their own pipeline, warms them, says
    "ready", then times the full path with them once for each line read from stdin, saying the
    seconds; at the end of stdin says the peak memory of the largest worker, which holds its
    own model, not pages shared with a parent that had one.  Each answer is a line of its own,
    JSON after "bench: "."""
    import pickle
    import resource

    from frontlines.pipeline import _code_chunk, worker_pool

    with open(corpus_file, "rb") as fh:
        documents = pickle.load(fh)
    pool = worker_pool(workers)
    try:
        list(pool.map(_code_chunk, [documents[:2]] * workers, [16] * workers))  # (every worker up and warm)
        print("bench:", json.dumps("ready"), flush=True)
        for _ in sys.stdin:
            print("bench:", json.dumps(_full_path(documents, workers, pool=pool)), flush=True)
    finally:
        pool.shutdown()
    print("bench:", json.dumps(_peak_mb(resource.RUSAGE_CHILDREN)), flush=True)


def throughput(documents: list[Document], workers: int = 2, rounds: int = 1) -> dict:
    """The three measurements of the module's docstring, on ``documents``, taken in turns in
    each of ``rounds`` rounds (a slow spell of a shared machine falls on all three alike): the
    fastest of each, and the range of the ratios within a round."""
    import pickle
    import resource
    import tempfile

    from frontlines import nlp as nlp_mod

    # the workers as `run --workers` has them: forked from a process without the model, each
    # loading its own (in a fresh process, so that nothing of this one's is inherited)
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as fh:
        pickle.dump(documents, fh)
    code = f"from frontlines.bench import _workers_serve; _workers_serve({fh.name!r}, {int(workers)})"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def answer():  # (the child's next line of its own: what a library might print is passed over)
        for line in child.stdout:
            if line.startswith("bench: "):
                return json.loads(line[len("bench: "):])
        raise RuntimeError(f"the benchmark's worker process ended (status {child.wait()})")

    try:
        nlp = nlp_mod.load()
        texts = [d.text for d in documents]
        list(nlp.pipe(texts[:8]))  # (warm: the first batches pay for lazy set-up)
        _full_path(documents[:8], 1)
        answer()  # (the workers are up and warm)
        timed: list[tuple[float, float, float]] = []
        for _ in range(max(1, rounds)):
            t0 = time.perf_counter()
            tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
            bare = time.perf_counter() - t0
            one = _full_path(documents, 1)
            child.stdin.write("go\n")
            child.stdin.flush()
            timed.append((bare, one, answer()))
        child.stdin.close()
        worker_peak = answer()
    finally:
        if child.stdin and not child.stdin.closed:
            child.stdin.close()
        child.wait()
        os.unlink(fh.name)
    parent_peak = _peak_mb(resource.RUSAGE_SELF)
    bare, one, many = (min(t[k] for t in timed) for k in range(3))
    n = len(documents)

    def rate(seconds: float) -> dict:
        return {"seconds": round(seconds, 3), "docs_per_s": round(n / seconds, 2), "tokens_per_s": round(tokens / seconds)}

    return {
        "documents": n, "tokens": tokens, "words_per_doc": round(sum(len(t.split()) for t in texts) / n),
        "components": list(nlp.pipe_names), "workers": workers, "rounds": len(timed),
        "bare_spacy": rate(bare), "one_process": rate(one), "workers_run": rate(many),
        "one_process_vs_bare": round(bare / one, 3), "workers_vs_one_process": round(one / many, 3),
        "within_rounds": {"one_process_vs_bare": [round(min(b / o for b, o, _ in timed), 3),
                                                  round(max(b / o for b, o, _ in timed), 3)],
                          "workers_vs_one_process": [round(min(o / m for _, o, m in timed), 3),
                                                     round(max(o / m for _, o, m in timed), 3)]},
        "peak_mb": {"one_process": parent_peak, "per_worker": worker_peak},
    }
