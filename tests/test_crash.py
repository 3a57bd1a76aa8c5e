"""Nothing lost, nothing duplicated: runs killed at random points and rerun, runs and API
writers sharing one store at once, and a fusion that another process made stale.

The articles are written for these tests from templates (towns in Mali, Nigeria, Somalia
and Yemen; invented outlets).
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import frontlines
from frontlines.store import StaleFusion, Store

TOWNS = ["Gao", "Mopti", "Kidal", "Timbuktu", "Maiduguri", "Damboa", "Baidoa", "Kismayo", "Marib", "Taiz",
         "Menaka", "Bama"]
TEMPLATES = [
    "Gunmen attacked the market of {town} on Sunday, killing {n} civilians, local officials said.",
    "Soldiers clashed with militants near {town} on Monday; {n} fighters were killed, the army said.",
    "Hundreds of residents protested in {town} on Tuesday against the closure of the main road.",
    "A roadside bomb struck an army convoy outside {town} on Wednesday, wounding {n} soldiers.",
]
WEEK = "2022-05-{day:02d}"


def articles(prefix: str, count: int, start: int = 0) -> list[dict]:
    """``count`` JSONL rows of short articles, each about its own town and day."""
    rows = []
    for k in range(start, start + count):
        town, template = TOWNS[k % len(TOWNS)], TEMPLATES[k % len(TEMPLATES)]
        text = template.format(town=town, n=2 + k % 7) + f" The {town} district governor called for calm."
        rows.append({"id": f"{prefix}{k:03d}", "published": WEEK.format(day=1 + k % 27), "outlet": "Sahel Wire",
                     "text": text})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def stored(db: Path) -> tuple[list[str], dict[str, int], set[tuple[str, tuple[str, ...]]]]:
    """What a store holds: its document ids, mentions per document, and (event, documents)."""
    with Store(db) as store:
        ids = [d.id for d in store.documents()]
        per_doc: dict[str, int] = {}
        for m in store.mentions():
            per_doc[m.document] = per_doc.get(m.document, 0) + 1
        events = {(e["event_id_cnty"], tuple(e["documents"])) for e in store.load_fused("events")["events"]}
    return ids, per_doc, events


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.suffix != ".sqlite"}


def frontlines_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "frontlines.cli", *args]


def test_a_fusion_that_misses_documents_another_process_added_is_not_saved_but_made_again(tmp_path, monkeypatch):
    from frontlines import pipeline

    write_jsonl(tmp_path / "in" / "first.jsonl", articles("a", 3))
    frontlines.run([tmp_path / "in"], out=tmp_path / "out")
    db = tmp_path / "out" / "frontlines.sqlite"
    late = articles("b", 2)
    with Store(db) as store, Store(db) as other:
        # the store refuses a save made from documents read before another writer added some
        generation = store.generation()
        before = store.fused_digest()
        pipeline.code_changed(other, [frontlines.ingest.read_text(r["text"], id=r["id"], published=r["published"])
                                      for r in late[:1]], pipeline.Result())
        assert other.generation() == generation + 1
        with pytest.raises(StaleFusion):
            store.save_fused({"events": []}, generation=generation)
        assert store.fused_digest() == before  # nothing written

        # fuse_store reads again and saves a fusion that has the document added while it fused
        real_fuse, calls = pipeline.fuse, []

        def fuse_while_another_adds(*args, **kw):
            calls.append(1)
            if len(calls) == 1:
                pipeline.code_changed(other, [frontlines.ingest.read_text(r["text"], id=r["id"],
                                                                          published=r["published"])
                                              for r in late[1:]], pipeline.Result())
            return real_fuse(*args, **kw)

        monkeypatch.setattr(pipeline, "fuse", fuse_while_another_adds)
        documents, fused = pipeline.fuse_store(store)
    assert len(calls) == 2 and {d.id for d in documents} == {"a000", "a001", "a002", "b000", "b001"}
    _, _, events = stored(db)
    assert {doc for _, docs in events for doc in docs} == {"a000", "a001", "a002", "b000", "b001"}


def test_two_runs_and_three_api_writers_on_one_sqlite_store_lose_and_duplicate_nothing(tmp_path, serve_app):
    import httpx

    from frontlines.serve import create_app

    first, second, posted = articles("r", 30), articles("s", 30, start=30), articles("p", 12, start=60)
    write_jsonl(tmp_path / "one" / "a.jsonl", first)
    write_jsonl(tmp_path / "two" / "b.jsonl", second)
    db = tmp_path / "shared" / "frontlines.sqlite"
    # the reference: everything coded by one run, alone
    write_jsonl(tmp_path / "all" / "c.jsonl", first + second + posted)
    frontlines.run([tmp_path / "all"], out=tmp_path / "alone")
    want_ids, want_mentions, want_events = stored(tmp_path / "alone" / "frontlines.sqlite")
    assert len(want_ids) == 72 and want_events

    Store(db).close()  # (made before the server opens it)
    port = serve_app(create_app(str(db), token="t0ken"))
    runs = [subprocess.Popen(frontlines_command("run", str(tmp_path / name), "--db", str(db), "--out",
                                                str(tmp_path / "out"), "--quiet"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("one", "two")]
    answers: list[int] = []

    def writer(rows: list[dict]) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            for row in rows:
                answers.append(client.post("/api/documents", json=row,
                                           headers={"Authorization": "Bearer t0ken"}).status_code)

    writers = [threading.Thread(target=writer, args=(posted[k::3],)) for k in range(3)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    finished = [p.communicate(timeout=600) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], finished
    assert answers == [200] * len(posted)
    ids, mentions, events = stored(db)
    assert sorted(ids) == want_ids  # none lost, none twice
    assert mentions == want_mentions  # no mention stored twice
    assert events == want_events  # the last fusion saved has every document
    # the folder both runs wrote holds what one of them fused last: at least both runs' documents
    listed = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8")
    assert all(f"\n{r['id']}," in listed for r in first + second)


def test_a_run_killed_at_20_random_points_and_run_again_ends_as_an_uninterrupted_run(tmp_path):
    rows = articles("k", 70)  # (three store batches)
    write_jsonl(tmp_path / "in" / "news.jsonl", rows[:40])
    write_jsonl(tmp_path / "in" / "more.jsonl", rows[40:])
    reference = tmp_path / "reference"
    started = time.monotonic()
    done = subprocess.run(frontlines_command("run", str(tmp_path / "in"), "--out", str(reference), "--quiet"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    longest = time.monotonic() - started
    want = outputs(reference)
    want_ids, want_mentions, want_events = stored(reference / "frontlines.sqlite")
    assert len(want_ids) == 70 and len(want) == 9  # (eight outputs and the lock file)
    rng = random.Random(8)
    Store(tmp_path / "empty.sqlite").close()
    empty = (tmp_path / "empty.sqlite").stat().st_size
    seen = []  # what each kill left: documents stored, and whether the outputs were all there
    for point in range(20):
        out = tmp_path / f"killed{point}"
        proc = subprocess.Popen(frontlines_command("run", str(tmp_path / "in"), "--out", str(out), "--quiet"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        store = out / "frontlines.sqlite"

        def once(ready) -> None:  # (waits until the run has got that far, or has ended)
            while proc.poll() is None and not ready():
                time.sleep(0.002)

        # a third of the points anywhere from the imports to the end, a third once the store
        # has documents (coding, storing, fusing), a third once the output files are being written
        if point % 3 == 0:
            time.sleep(rng.uniform(0.5, longest))
        elif point % 3 == 1:
            once(lambda: store.exists() and store.stat().st_size > empty)
            time.sleep(rng.uniform(0, 1.0))
        else:
            once(lambda: any(out.glob("*events.csv*")))
            time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if store.exists():
            with sqlite3.connect(store) as conn:  # (opening it rolls back what the kill cut short)
                assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        left = len(stored(store)[0]) if store.exists() else None
        seen.append((left, out.exists() and outputs(out) == want))
        result = frontlines.run([tmp_path / "in"], out=out)
        assert not result.errors
        assert outputs(out) == want, point  # the same files, byte for byte, and nothing left over
        ids, mentions, events = stored(store)
        assert (ids, mentions, events) == (want_ids, want_mentions, want_events), point
    print("kills:", seen)
    assert any(left not in (None, 0, 70) or (left == 70 and not whole) for left, whole in seen)  # (some mid-run)
