"""Coding in worker processes, batched store writes and the throughput benchmark.

Articles written for these tests (towns in Mali and Syria, invented outlets).
"""

from __future__ import annotations

import json
from pathlib import Path

import frontlines

ARTICLES = [
    ("gao", "2021-03-09", "Soldiers clashed with militants near Gao on Sunday, killing four, the army said."),
    ("menaka", "2021-03-10", "Rebel fighters seized the town of Menaka on Tuesday after heavy fighting, residents said."),
    ("bamako", "2021-03-12", "Hundreds of people protested in Bamako on Thursday against rising prices."),
    ("kidal", "2021-03-15", "Militants attacked an army convoy near Kidal on Sunday, killing two soldiers."),
    ("mopti", "2021-03-16", "Gunmen attacked a bus near Mopti on Monday, killing five passengers, police said."),
    ("idlib", "2021-03-11", "Government forces captured the town of Khan Shaykhun on Tuesday, a war monitor said."),
]


def write_articles(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": i, "published": p, "outlet": "Test Wire", "text": t} for i, p, t in ARTICLES]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_two_worker_processes_write_byte_for_byte_what_one_process_writes(tmp_path):
    write_articles(tmp_path / "in")
    one = frontlines.run([tmp_path / "in"], out=tmp_path / "one")
    two = frontlines.run([tmp_path / "in"], out=tmp_path / "two", workers=2)
    assert one.coded == two.coded == len(ARTICLES) and one.events
    for path in sorted((tmp_path / "one").iterdir()):
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_a_batch_of_documents_is_stored_whole_or_not_at_all(tmp_path, monkeypatch):
    import pytest
    from test_store import make_doc, make_mentions

    from frontlines.store import Store

    with Store(tmp_path / "s.sqlite") as store:
        batch = [(make_doc(doc_id=f"d{k}", content_hash=f"h{k}"), make_mentions(f"d{k}"), []) for k in range(3)]
        assert store.add_documents(batch) == 3
        assert store.add_documents(batch) == 0  # unchanged: nothing written
        changed = [(make_doc("New text.", doc_id="d1", content_hash="h1b"), [], []),
                   (make_doc(doc_id="d9", content_hash="h9"), make_mentions("d9"), [])]
        original = store._write_document
        calls = []

        def failing(conn, doc, mentions, figures):
            calls.append(doc.id)
            if doc.id == "d9":
                raise RuntimeError("disk full")
            original(conn, doc, mentions, figures)

        monkeypatch.setattr(store, "_write_document", failing)
        with pytest.raises(RuntimeError):
            store.add_documents(changed)
        assert calls == ["d1", "d9"]
        assert store.document_hash("d1") == "h1" and store.document_hash("d9") is None  # the whole batch undone


def test_the_throughput_benchmark_times_the_bare_parse_one_process_and_workers(tmp_path):
    from frontlines.bench import bench_corpus, throughput

    write_articles(tmp_path / "in")
    corpus = bench_corpus([str(tmp_path / "in")], 8)
    assert len({d.id for d in corpus}) == 8 and corpus[6].text == corpus[0].text  # cycled, own ids
    longer = bench_corpus([str(tmp_path / "in")], 3, words=60)
    assert all(len(d.text.split()) >= 60 for d in longer) and longer[0].text.startswith(corpus[0].text)
    r = throughput(corpus, workers=2)
    assert (r["documents"], r["workers"]) == (8, 2) and r["tokens"] > 100
    for key in ("bare_spacy", "one_process", "workers_run"):
        assert r[key]["seconds"] > 0 and r[key]["docs_per_s"] > 0
    assert r["one_process_vs_bare"] > 0 and r["workers_vs_one_process"] > 0
    assert "parser" in r["components"]


def test_the_seeds_coded_on_a_dask_cluster_of_two_workers_give_byte_identical_outputs(seeds_run, shared, tmp_path):
    import pytest

    pytest.importorskip("distributed")
    local, _ = seeds_run
    result = frontlines.run([shared / "seeds"], out=tmp_path / "dask", engine="dask", workers=2)
    assert result.coded == len(list((shared / "seeds").iterdir()))
    names = sorted(p.name for p in local.iterdir())
    assert "events.csv" in names and "frontlines.sqlite" in names
    for name in names:
        assert (tmp_path / "dask" / name).read_bytes() == (local / name).read_bytes(), name


def test_a_scheduler_without_the_dask_engine_and_paths_with_a_watch_are_usage_errors(capsys):
    from frontlines.cli import main

    assert main(["run", "examples", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert main(["run"]) == 2 and main(["run", "examples", "--watch", "examples"]) == 2
    assert "or --watch DIR (not both)" in capsys.readouterr().err


def watching(drop: Path, out: Path, then=None, settle: float = 1.0) -> list:
    """The results of a watch of ``drop`` run in a thread: after its first round ``then()`` is
    called (a file dropped in) and the watch goes on until a second round or 60 s, then
    ``settle`` seconds more (looks at an unchanged folder, which must make no round)."""
    import threading
    import time

    from frontlines.pipeline import watch

    results, stop = [], threading.Event()
    thread = threading.Thread(target=watch, args=(drop, out),
                              kwargs={"interval": 0.2, "stop": stop.is_set, "on_run": results.append})
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not results and time.monotonic() < deadline:
            time.sleep(0.1)
        if then is not None:
            then()
            while len(results) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
        time.sleep(settle)
    finally:
        stop.set()
        thread.join(timeout=30)
    return results


def test_watching_a_folder_codes_files_as_they_arrive_and_each_once(tmp_path):
    from frontlines.store import Store

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "gao.txt").write_text(ARTICLES[0][2], encoding="utf-8")
    results = watching(drop, tmp_path / "out",
                       then=lambda: (drop / "menaka.txt").write_text(ARTICLES[1][2], encoding="utf-8"))
    assert [r.coded for r in results] == [1, 1]
    with Store(tmp_path / "out" / "frontlines.sqlite") as store:
        assert [d.id for d in store.documents()] == ["gao", "menaka"]
    assert "Menaka" in (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")


def test_ctrl_c_stops_the_watch_cleanly_keeping_what_was_coded(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "gao.txt").write_text(ARTICLES[0][2], encoding="utf-8")
    code = ("import sys; from frontlines.cli import main; "
            f"sys.exit(main(['run', '--watch', {str(drop)!r}, '--out', {str(tmp_path / 'out')!r}, '--interval', '0.2']))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = tmp_path / "out" / "events.csv"
    deadline = time.monotonic() + 120
    while not events.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in err and "1 documents (1 coded now" in out
    assert "Gao" in events.read_text(encoding="utf-8")


def test_documents_come_back_in_their_order_whatever_their_length_and_the_workers(tmp_path, monkeypatch):
    from frontlines import pipeline
    from frontlines.ingest import read_text

    docs = [read_text(text, id=i, published=p) for i, p, text in ARTICLES]
    limit = sorted(len(d.text) for d in docs)[len(docs) // 2]  # half the documents count as long,
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", limit)  # coded in pieces (and quick to code)
    assert [len(d.text) > limit for d in docs] != sorted(len(d.text) > limit for d in docs)  # (mixed)
    one = [(d.id, m) for d, m, _, _ in pipeline.code_documents(docs)]
    two = [(d.id, m) for d, m, _, _ in pipeline.code_documents(docs, workers=2)]
    assert [i for i, _ in one] == [d.id for d in docs] and one == two


def test_a_watch_never_reads_its_own_outputs_even_inside_the_folder(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "gao.txt").write_text(ARTICLES[0][2], encoding="utf-8")
    results = watching(drop, drop / "out", settle=1.5)  # (rounds enough to see the outputs, had they been read)
    assert [(r.coded, r.errors) for r in results] == [(1, [])]
    assert (drop / "out" / "events.csv").exists()


def test_a_watch_interval_must_be_a_positive_number(capsys):
    import pytest

    from frontlines.cli import main

    for bad in ("0", "-1", "nan", "soon"):
        with pytest.raises(SystemExit):
            main(["run", "--watch", "examples", "--interval", bad])
    assert "positive number of seconds" in capsys.readouterr().err


def test_a_stream_of_documents_is_read_as_the_workers_code_it_not_whole_before_they_start(tmp_path):
    from frontlines import pipeline
    from frontlines.ingest import read_text

    docs = [read_text(text, id=f"{i}-{k}", published=p) for k in range(20) for i, p, text in ARTICLES]
    read = []

    def stream():
        for doc in docs:
            read.append(doc.id)
            yield doc

    seen_at_first = None
    coded = []
    for doc, mentions, _, error in pipeline.code_documents(stream(), workers=2):
        if seen_at_first is None:
            seen_at_first = len(read)
        coded.append((doc.id, mentions, error))
    assert [i for i, _, _ in coded] == [d.id for d in docs]  # all of them, in their order
    assert coded == [(d.id, m, e) for d, m, _, e in pipeline.code_documents(docs)]  # as one process codes them
    sizes = [len(c) for c in pipeline.stream_chunks(iter(docs), most=pipeline.WORKER_CHUNK)]
    assert sizes[:3] == [1, 2, 4] and sum(sizes) == len(docs) and max(sizes) == pipeline.WORKER_CHUNK == 4
    # when the first results came back, no more had been read than the chunks in flight (4 a
    # worker) and the one sent in their place: 31 of the 120
    assert seen_at_first == sum(sizes[:4 * 2 + 1]) == 31


def test_a_run_counts_its_progress_without_a_total_while_reading_and_with_it_at_the_end(tmp_path):
    write_articles(tmp_path / "in")
    calls = []
    result = frontlines.run([tmp_path / "in"], out=tmp_path / "out", workers=2,
                            progress=lambda done, total, doc_id: calls.append((done, total, doc_id)))
    assert result.coded == len(ARTICLES)
    assert [c[0] for c in calls[:-1]] == list(range(1, len(ARTICLES) + 1))
    assert {c[1] for c in calls[:-1]} == {None} and calls[-1] == (len(ARTICLES), len(ARTICLES), "")
    again = []
    frontlines.run([tmp_path / "in"], out=tmp_path / "out", progress=lambda *a: again.append(a))
    assert again == []  # nothing new to code: no progress to show


def test_a_caller_s_pool_stays_open_when_its_coding_stops_early_and_one_document_needs_no_pool(monkeypatch):
    from frontlines import pipeline
    from frontlines.ingest import read_text

    docs = [read_text(text, id=i, published=p) for i, p, text in ARTICLES]
    pool = pipeline.worker_pool(2)
    try:
        coded = pipeline.code_documents(docs, workers=2, pool=pool)
        assert next(coded)[0].id == docs[0].id
        coded.close()  # (the caller stops after one document)
        assert [d.id for d, *_ in pipeline.code_documents(docs, workers=2, pool=pool)] == [d.id for d in docs]
    finally:
        pool.shutdown()

    def no_pool(workers):
        raise AssertionError("a pool started for one document")

    monkeypatch.setattr(pipeline, "worker_pool", no_pool)
    [(doc, mentions, _, error)] = pipeline.code_documents(docs[:1], workers=2)
    assert (doc.id, error) == (docs[0].id, "") and mentions
