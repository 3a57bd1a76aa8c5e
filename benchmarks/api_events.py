"""How fast GET /api/events answers on a big store: percentiles over a fixed mix of queries.

    python benchmarks/api_events.py [--events N] [--requests R] [--store PATH] [--http]

Builds (once, at PATH: default a temporary file) a store of N fused events (default 100,000)
from frontlines' synthetic corpus, then sends R requests (default 600) of a seeded mix: no
filter at a random page, a month, a sub-event type, part of a place or actor name, a bounding
box, a claim status, a month and a type together, and CSV. Requests go through the ASGI app
in process (FastAPI's TestClient), or with --http to a uvicorn server on 127.0.0.1. Prints
the 50th, 95th and 99th percentiles and the slowest, per kind of query and overall.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path


def build_store(path: Path, n_events: int) -> None:
    from frontlines.bench import synthetic
    from frontlines.fuse import fuse
    from frontlines.model import to_plain
    from frontlines.store import Store

    mentions = int(n_events * 2.6)  # the synthetic corpus makes about 0.4 events per mention
    while True:
        docs, ms = synthetic(mentions, seed=3)
        events = fuse(docs, ms).events
        if len(events) >= n_events:
            break
        mentions = int(mentions * 1.2)
    with Store(path) as store:
        store.save_fused({"events": [to_plain(e) for e in events[:n_events]]})


def queries(events: list[dict], n: int, seed: int = 11) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    months = sorted({e["event_date"][:7] for e in events if e["event_date"]})
    subs = sorted({e["sub_event_type"] for e in events})
    places = sorted({e["location"] for e in events if e["location"]})
    actors = sorted({e["actor1"] for e in events if e["actor1"]})

    def month(m):
        return {"start": f"{m}-01", "end": f"{m}-28"}

    makers = {
        "page": lambda: {"offset": rng.randrange(0, len(events))},
        "month": lambda: month(rng.choice(months)),
        "sub_event_type": lambda: {"sub_event_type": rng.choice(subs)},
        "place": lambda: {"place": rng.choice(places)[:5].lower()},
        "actor": lambda: {"actor": rng.choice(actors).split()[0]},
        "bbox": lambda: (lambda lon, lat: {"bbox": f"{lon},{lat},{lon + 2},{lat + 2}"})(
            rng.uniform(-20, 60), rng.uniform(-10, 40)),
        "claim_status": lambda: {"claim_status": rng.choice(["reported", "claimed", "contested", "denied"])},
        "month+type": lambda: month(rng.choice(months)) | {"sub_event_type": rng.choice(subs)},
        "csv": lambda: {"format": "csv", "sub_event_type": rng.choice(subs)},
    }
    kinds = list(makers)
    return [(kind, makers[kind]()) for kind in (kinds[i % len(kinds)] for i in range(n))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--store", type=Path, default=None, help="reuse (or build once) the store here")
    ap.add_argument("--http", action="store_true", help="through uvicorn on 127.0.0.1 instead of in process")
    args = ap.parse_args()

    from frontlines.store import Store

    path = args.store or Path(tempfile.mkdtemp(prefix="fl-api-")) / "store.sqlite"
    if not path.exists():
        t0 = time.perf_counter()
        build_store(path, args.events)
        print(f"built a store of {args.events:,} events in {time.perf_counter() - t0:.0f} s: {path}")
    with Store(path) as store:
        total, events = store.query_events(limit=10**9)
    print(f"{total:,} events in the store")
    plan = queries(events, args.requests)

    from frontlines.serve import create_app

    app = create_app(str(path))
    if args.http:
        import threading

        import httpx
        import uvicorn

        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8765, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        client = httpx.Client(base_url="http://127.0.0.1:8765")
    else:
        from fastapi.testclient import TestClient

        client = TestClient(app)
    for _, params in plan[:20]:  # warm-up: the first queries fill SQLite's page cache
        client.get("/api/events", params=params)
    times: dict[str, list[float]] = {}
    for kind, params in plan:
        t0 = time.perf_counter()
        r = client.get("/api/events", params=params)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (params, r.text[:200])
    if args.http:
        server.should_exit = True

    def line(name, ms):
        q = statistics.quantiles(ms, n=100, method="inclusive")
        return f"{name:15} n={len(ms):4}  p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms  max {max(ms):6.1f} ms"

    for kind, ms in times.items():
        print(line(kind, ms))
    print(line("all", [t for ms in times.values() for t in ms]))


if __name__ == "__main__":
    main()
