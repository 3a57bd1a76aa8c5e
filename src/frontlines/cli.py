"""The ``frontlines`` command: a thin shell over the Python API (no logic of its own)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="frontlines", description=(
        "Read news articles about armed conflict; write ACLED-coded, geocoded, fused event data "
        "with provenance, contradictions and a control timeline."))
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="ingest files or folders, code, store, fuse and write the outputs")
    r.add_argument("paths", nargs="*", help=".txt, .html, .jsonl, .csv files or folders")
    r.add_argument("--watch", default=None, metavar="DIR",
                   help="code the files of DIR as they arrive, until Ctrl-C (instead of PATH...)")
    r.add_argument("--interval", type=_seconds, default=2.0, metavar="SECONDS",
                   help="with --watch: how often DIR is looked at (default 2)")
    r.add_argument("--out", default="frontlines-out", help="output folder (default: frontlines-out)")
    r.add_argument("--db", default=None, help="store URL or SQLite path (default: OUT/frontlines.sqlite)")
    r.add_argument("--quiet", action="store_true", help="print only errors and the counts")
    r.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="code documents in N processes (default 1; with --engine dask, a LocalCluster "
                        "of N workers, default 2); the outputs are the same")
    r.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where documents are coded: here, or on a Dask cluster (pip install 'frontlines[dask]')")
    r.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: an existing cluster's scheduler (tcp://host:8786)")
    e = sub.add_parser("extract", help="events of one text as JSON lines (FILE or - for stdin)")
    e.add_argument("file", help="a text file, or - to read standard input")
    e.add_argument("--published", default=None, help="publication date YYYY-MM-DD, if the text lacks one")
    gz = sub.add_parser("gazetteer", help="add GeoNames dump files (villages the bundled data lacks)")
    gz_sub = gz.add_subparsers(dest="action", required=True)
    gl = gz_sub.add_parser("load", help="add a GeoNames dump: allCountries.txt or a country file such as SY.txt, zipped or not")
    gl.add_argument("files", nargs="+")
    gd = gz_sub.add_parser("download", help="fetch GeoNames dumps (CC.zip) and add them as load does; "
                                            "only this command ever downloads")
    gd.add_argument("codes", nargs="+", type=_dump_code, metavar="CC",
                    help="two-letter country code (any case), or allCountries, cities500, cities1000, "
                         "cities5000, cities15000")
    gd.add_argument("--base-url", default=None, metavar="URL",
                    help="where the files are (default: $FRONTLINES_GEONAMES_URL, else "
                         "https://download.geonames.org/export/dump/)")
    gd.add_argument("--keep", action="store_true", help="keep the downloaded zip in the cache folder")
    ev = sub.add_parser("eval", help="score against gold data")
    ev_sub = ev.add_subparsers(dest="what", required=True)
    g = ev_sub.add_parser("geoparse", help="toponym recognition and resolution on GeoWebNews or LGL XML")
    g.add_argument("file", help="GeoWebNews XML (GWN.xml) or an LGL/TR-News XML file")
    g.add_argument("--format", choices=["text", "json"], default="text")
    a = ev_sub.add_parser("acled", help="event coding against rows of an ACLED export (read from their notes)")
    a.add_argument("file", help="an ACLED export (CSV with ACLED's column names)")
    a.add_argument("--published-column", default=None, metavar="NAME",
                   help="the column holding each text's publication date (default: read undated)")
    a.add_argument("--format", choices=["text", "json"], default="text")
    sv = sub.add_parser("serve", help="the web API and the report page over a store")
    sv.add_argument("--db", default="frontlines-out/frontlines.sqlite",
                    help="store URL or SQLite path (default: frontlines-out/frontlines.sqlite)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    sv.add_argument("--max-body-mb", type=_positive, default=32, metavar="MB",
                    help="refuse request bodies over MB megabytes (default 32)")
    sv.add_argument("--token-file", default=None, metavar="FILE",
                    help="a file holding the token POST /api/documents needs (default: $FRONTLINES_TOKEN; "
                         "with neither, ingest is off)")
    b = sub.add_parser("bench", help="throughput of the per-document path against the bare spaCy parse "
                                     "(or `bench fuse`: fusion on synthetic mentions)")
    b.add_argument("--files", nargs="+", default=[], metavar="PATH",
                   help="articles (files or folders) to cycle through (default: the examples folder)")
    b.add_argument("--docs", type=_positive, default=200, metavar="N", help="documents to code (default 200)")
    b.add_argument("--workers", type=_positive, default=2, metavar="N", help="worker processes for (c) (default 2)")
    b.add_argument("--rounds", type=_positive, default=1, metavar="R",
                   help="measure R times in turns and keep the fastest of each (default 1)")
    b.add_argument("--words", type=int, default=0, metavar="W",
                   help="make each document at least W words long by following an article with the next ones")
    b.add_argument("--format", choices=["text", "json"], default="text")
    b_sub = b.add_subparsers(dest="what", required=False)
    bf = b_sub.add_parser("fuse", help="fuse N synthetic mentions, and a tenth of them, each in a fresh process: "
                                       "seconds, peak memory and how the time grows")
    bf.add_argument("--mentions", type=int, default=1_000_000, metavar="N")
    bf.add_argument("--rounds", type=int, default=1, metavar="R",
                    help="fuse each size R times in turns and keep the fastest (default 1)")
    bf.add_argument("--format", choices=["text", "json"], default="text")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "extract":
        return _extract(args)
    if args.command == "eval":
        return _eval(args)
    if args.command == "gazetteer":
        return _gazetteer(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "serve":
        return _serve(args)
    return EXIT_USAGE


def _serve(args) -> int:
    import os

    import uvicorn

    from frontlines.serve import TOKEN_ENV, create_app
    from frontlines.store import normalise_url

    token = (os.environ.get(TOKEN_ENV) or "").strip() or None
    if args.token_file:
        try:
            token = Path(args.token_file).read_text(encoding="utf-8").strip()
        except OSError as err:
            print(f"error: {args.token_file}: cannot read the token file ({err.strerror})", file=sys.stderr)
            return EXIT_USAGE
        if not token:
            print(f"error: {args.token_file}: the token file is empty", file=sys.stderr)
            return EXIT_USAGE
    url = normalise_url(args.db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        print(f"note: {args.db} does not exist yet: serving a new, empty store", file=sys.stderr)
    app = create_app(args.db, token=token, max_body=args.max_body_mb * 2**20)
    print(f"frontlines: http://{args.host}:{args.port}/ (API docs at /docs; ingest "
          f"{'on' if token else 'off'})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _bench(args) -> int:
    if args.what != "fuse":
        return _bench_throughput(args)
    from frontlines.bench import fuse_scaling

    if args.mentions < 10:
        print("error: --mentions must be at least 10", file=sys.stderr)
        return EXIT_USAGE
    small, large = fuse_scaling([args.mentions // 10, args.mentions], rounds=args.rounds)
    growth = round(large["seconds"] / small["seconds"], 2) if small["seconds"] else None
    result = {"runs": [small, large], "time_growth_for_10x_mentions": growth}
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return EXIT_OK
    for r in result["runs"]:
        print(f"{r['mentions']:>9,} mentions ({r['documents']:,} documents) -> {r['events']:,} events, "
              f"{r['contradictions']:,} contradictions, {r['control_periods']:,} control periods: "
              f"fused in {r['seconds']:.2f} s" + (f" (fastest of {r['rounds']}, slowest {r['slowest_seconds']:.2f} s)"
                                                  if r["rounds"] > 1 else "") + (f", peak memory {r['peak_mb']:.0f} MB" if r["peak_mb"] is not None else ""))
    print(f"ten times the mentions took {growth} times the time")
    return EXIT_OK


def _bench_throughput(args) -> int:
    from frontlines.bench import bench_corpus, throughput

    paths = args.files or [p for p in (Path("examples"), Path(__file__).resolve().parents[2] / "examples") if p.is_dir()][:1]
    if not paths:
        print("error: no examples folder here: give the articles to time (files or folders)", file=sys.stderr)
        return EXIT_USAGE
    try:
        corpus = bench_corpus([str(p) for p in paths], args.docs, words=args.words)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    r = throughput(corpus, workers=args.workers, rounds=args.rounds)
    if args.format == "json":
        print(json.dumps(r, indent=2))
        return EXIT_OK
    print(f"{r['documents']} documents, {r['tokens']:,} tokens ({r['words_per_doc']} words each on average)"
          + (f", fastest of {r['rounds']} rounds" if r["rounds"] > 1 else "") + "; "
          f"spaCy components: {', '.join(r['components'])}")
    for key, label in (("bare_spacy", "(a) bare spaCy nlp.pipe"), ("one_process", "(b) full path, one process"),
                       ("workers_run", f"(c) full path, {r['workers']} workers")):
        m = r[key]
        print(f"{label:32} {m['docs_per_s']:8.1f} docs/s {m['tokens_per_s']:9,} tokens/s  ({m['seconds']:.1f} s)")
    peaks = r["peak_mb"]
    print(f"b/a = {r['one_process_vs_bare']:.2f} (the full path at that share of the bare parse's speed); "
          f"c/b = {r['workers_vs_one_process']:.2f}")
    if r["rounds"] > 1:
        (ba_lo, ba_hi), (cb_lo, cb_hi) = (r["within_rounds"][k] for k in ("one_process_vs_bare", "workers_vs_one_process"))
        print(f"within a round: b/a {ba_lo:.2f} to {ba_hi:.2f}, c/b {cb_lo:.2f} to {cb_hi:.2f}")
    if peaks["one_process"] is not None:
        print(f"peak memory: {peaks['one_process']:.0f} MB in the one process, {peaks['per_worker']:.0f} MB in the largest worker")
    return EXIT_OK


def _watch(args) -> int:
    from rich.console import Console

    from frontlines.pipeline import watch

    out = Console(stderr=False)
    errors = 0

    def report(result) -> None:
        nonlocal errors
        errors += len(result.errors)
        for e in result.errors:
            print(f"error: {e}", file=sys.stderr)
        _summary(out, result, quiet=True)

    print(f"watching {args.watch} (every {args.interval:g} s; Ctrl-C to stop)", file=sys.stderr)
    def failed(err: Exception) -> None:
        nonlocal errors
        errors += 1
        print(f"error: {args.watch}: this round failed ({type(err).__name__}: {err}); trying again", file=sys.stderr)

    if not Path(args.watch).is_dir():
        print(f"error: {args.watch}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        watch(args.watch, out=args.out, db=args.db, interval=args.interval, on_run=report, on_error=failed,
              workers=args.workers or (2 if args.engine == "dask" else 1), engine=args.engine,
              scheduler=args.scheduler)
    except KeyboardInterrupt:  # what was stored stays; a batch cut short is coded at the next start
        print("stopped", file=sys.stderr)
    return EXIT_PARTIAL if errors else EXIT_OK


def _seconds(text: str) -> float:
    """argparse type: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _positive(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _dump_code(code: str) -> str:
    """argparse type: a typo is a usage error before anything is downloaded."""
    from frontlines.geo.dumps import dump_name

    try:
        return dump_name(code)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _gazetteer(args) -> int:
    from frontlines.geo.dumps import DumpError, add_dump, download_dump, extra_path

    if args.action == "download":
        done, failed = [], []
        for code in args.codes:
            try:
                added, total, kept = download_dump(code, base_url=args.base_url, keep=args.keep)
            except DumpError as err:
                print(f"error: {err}; nothing from this file was kept", file=sys.stderr)
                failed.append(code)
                continue
            done.append(code)
            print(f"{code}: {added} places added ({total} loaded in all, kept in {extra_path()})"
                  + (f"; zip kept as {kept}" if kept else ""))
        print(f"downloaded: {', '.join(done) or 'none'}; failed: {', '.join(failed) or 'none'}")
        return EXIT_PARTIAL if failed else EXIT_OK

    status = EXIT_OK
    for f in args.files:
        try:
            added, total = add_dump(f)
        except DumpError as err:
            print(f"error: {err}; nothing from this file was kept", file=sys.stderr)
            status = EXIT_PARTIAL
            continue
        print(f"{f}: {added} places added ({total} loaded in all, kept in {extra_path()})")
    return status


def _eval(args) -> int:
    if args.what == "acled":
        return _eval_acled(args)
    from frontlines.evaluate.geoparse import evaluate, read_corpus

    try:
        articles = read_corpus(args.file)
    except (OSError, ValueError) as err:  # ValueError covers XML parse errors
        print(f"{args.file}: cannot read the corpus ({err})", file=sys.stderr)
        return EXIT_PARTIAL
    result = evaluate(articles)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return EXIT_OK


def _eval_acled(args) -> int:
    from frontlines.evaluate.acled import AcledFileError, evaluate, read_acled, report_lines

    try:
        rows = read_acled(args.file, args.published_column)
    except (OSError, AcledFileError) as err:
        print(err if isinstance(err, AcledFileError) else f"{args.file}: cannot be read ({err.strerror or err})",
              file=sys.stderr)
        return EXIT_PARTIAL
    result = evaluate(rows)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print("\n".join(report_lines(result)))
    return EXIT_OK


def _run(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from frontlines.pipeline import run

    if bool(args.paths) == bool(args.watch):
        print("error: give the files or folders to code, or --watch DIR (not both)", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            print("error: --engine dask needs dask.distributed: pip install 'frontlines[dask]'", file=sys.stderr)
            return EXIT_USAGE
    if args.watch:
        return _watch(args)
    out = Console(stderr=False)
    err = Console(stderr=True)
    with Progress(TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, transient=True,
                  disable=args.quiet) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int | None, doc_id: str) -> None:
            bar.update(task, completed=done, total=total, description=doc_id)

        workers = args.workers or (2 if args.engine == "dask" else 1)
        result = run(args.paths, out=args.out, db=args.db, progress=progress, workers=workers,
                     engine=args.engine, scheduler=args.scheduler)
    for e in result.errors:  # one plain line per file, never wrapped: people grep these
        print(f"error: {e}", file=sys.stderr)
    _summary(out, result, quiet=args.quiet)
    return EXIT_PARTIAL if result.errors else EXIT_OK


def _summary(console, result, quiet: bool) -> None:
    from rich.table import Table

    console.print(f"{len(result.documents)} documents ({result.coded} coded now, {result.unchanged} unchanged, "
                  f"{len(result.errors)} unreadable), {len(result.events)} events, "
                  f"{len(result.contradictions)} contradictions, {len(result.control)} control periods, "
                  f"{len(result.figures)} figures -> {result.out}", highlight=False)
    if quiet:
        return
    if result.control:
        t = Table(title="Who controls what", show_lines=False)
        for col in ("place", "controller", "since", "until", "status", "sources"):
            t.add_column(col)
        for c in result.control:
            t.add_row(c.location, c.controller, str(c.since or ""), str(c.until or ""), c.status,
                      str(len(c.documents)))
        console.print(t)
    if result.contradictions:
        t = Table(title="Where sources disagree", show_lines=True)
        for col in ("topic", "one side", "who", "other side", "who "):
            t.add_column(col, overflow="fold")
        for c in result.contradictions:
            t.add_row(c.topic, c.claim_a, c.claimant_a, c.claim_b, c.claimant_b)
        console.print(t)
    if result.events:
        t = Table(title="Events")
        for col in ("date", "sub-event type", "actor1", "location", "deaths", "status", "sources"):
            t.add_column(col, overflow="fold")
        for e in result.events[:40]:
            t.add_row(str(e.event_date or ""), e.sub_event_type, e.actor1, e.location,
                      str(e.fatalities or ""), e.claim_status, str(len(e.documents)))
        console.print(t)
        if len(result.events) > 40:
            console.print(f"... and {len(result.events) - 40} more in events.csv")


def _extract(args) -> int:
    from frontlines.export.tables import event_json
    from frontlines.pipeline import extract

    if args.file == "-":
        text, name = sys.stdin.read(), "stdin"
    else:
        path = Path(args.file)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as err:
            print(f"{args.file}: cannot read ({err.strerror or err})", file=sys.stderr)
            return EXIT_PARTIAL
        name = path.stem
    fused = extract(text, published=args.published, id=name)
    for event in fused.events:
        print(json.dumps(event_json(event), ensure_ascii=False))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
