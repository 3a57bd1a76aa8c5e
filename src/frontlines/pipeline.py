"""The main job as a Python API: ingest -> code -> store -> fuse -> export."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from frontlines import nlp as nlp_mod
from frontlines.code import CODER_VERSION, code_parsed
from frontlines.export import write_outputs
from frontlines.fuse import Fused, FusionCache, fuse
from frontlines.ingest import IngestError, read_paths, read_text
from frontlines.ingest.errors import printable
from frontlines.model import (Contradiction, ControlPeriod, Document, Event, Figure, Mention,
                              replace, to_plain)
from frontlines.store import StaleFusion, Store

DEFAULT_OUT = "frontlines-out"
STORE_NAME = "frontlines.sqlite"
LOCK_NAME = ".frontlines.lock"  # (in the output folder: see output_lock)

Progress = Callable[[int, int | None, str], None]  # (done, total or None while still reading, id)


@dataclass
class Result:
    """What a run produced.  ``Result.table(name)`` gives rows ready for pandas.DataFrame."""

    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    control: list[ControlPeriod] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    inferred: dict[str, dt.date] = field(default_factory=dict)
    errors: list[IngestError] = field(default_factory=list)
    coded: int = 0  # documents coded in this run (new or changed)
    unchanged: int = 0  # documents already in the store as they are
    blocks_fused: int = 0  # blocks (one place, one event family) fused anew in this run
    blocks_reused: int = 0  # blocks whose inputs had not changed since the last run
    out: Path | None = None

    def table(self, name: str) -> list[dict]:
        """Rows of one output table as plain dicts: pandas.DataFrame(result.table("events"))."""
        from frontlines.export import tables

        if name == "events":
            return [tables.event_values(e) for e in self.events]
        if name == "control":
            return [tables.control_values(c) for c in self.control]
        if name == "contradictions":
            return [tables.contradiction_values(c) for c in self.contradictions]
        if name == "figures":
            return [tables.figure_values(f) for f in self.figures]
        if name == "documents":
            by_doc = tables.events_by_document(self.events)
            return [tables.document_values(d, by_doc.get(d.id, []), self.inferred) for d in self.documents]
        raise KeyError(f"no table {name!r}: events, control, contradictions, figures, documents")


def _stored_hash(doc: Document) -> str:
    """The hash under which a document is stored: its content and the coder that coded it."""
    return hashlib.sha256(f"{doc.content_hash}|coder {CODER_VERSION}".encode()).hexdigest()


STORE_BATCH = 32  # coded documents written to the store in one transaction
CHUNK_CHARS = 100_000  # long texts are coded in paragraph-aligned pieces of about this size


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pieces of a long text, cut at paragraph breaks, else at sentence ends,
    else anywhere: spaCy's parser refuses texts over a million characters."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(". ", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _code_long(doc: Document, nlp) -> tuple[list[Mention], list[Figure]]:
    """Code a long document piece by piece, with evidence offsets into the whole text."""
    from frontlines.code.coder import merge_within_document

    mentions: list[Mention] = []
    figures: list[Figure] = []
    sentences = 0
    for offset, piece in _chunks(doc.text):
        parsed = nlp(piece)
        part_mentions, part_figures = code_parsed(replace(doc, text=piece), parsed, nlp)
        for m in part_mentions:
            evidence = tuple(replace(e, start=e.start + offset, end=e.end + offset, sentence=e.sentence + sentences)
                             for e in m.evidence)
            mentions.append(replace(m, index=len(mentions), evidence=evidence))
        figures.extend(replace(f, start=f.start + offset, end=f.end + offset) for f in part_figures)
        sentences += len(list(parsed.sents))
    return merge_within_document(mentions), figures  # one event told in two pieces is one mention


def code_documents(documents: Iterable[Document], batch_size: int = 16, workers: int = 1,
                   engine: str = "local", scheduler: str | None = None, pool=None
                   ) -> Iterator[tuple[Document, list[Mention], list[Figure], str]]:
    """Code documents as they come (a list, or a stream being read) with one shared pipeline,
    parsing in batches.  Yields (document, mentions, figures, error), in the order of
    ``documents``: a document that cannot be coded gets a one-line reason and the others go
    on.  With ``workers`` > 1, worker processes code chunks of documents, each loading the
    pipeline and the gazetteer once (``pool``: a ``worker_pool`` already started, kept open),
    while this process goes on reading the next ones; with ``engine`` "dask", the workers of a
    Dask cluster do (``scheduler``, or a LocalCluster of ``workers``)."""
    if engine == "dask":
        from frontlines.scale import code_on_dask

        yield from code_on_dask(documents, batch_size, scheduler=scheduler, workers=workers)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or dask")
    if workers > 1:
        ahead, documents = peek(documents, 2)
        if len(ahead) > 1 or pool is not None:  # (one document is coded here, no pool started)
            yield from _code_in_workers(documents, batch_size, workers, pool)
            return
    nlp = None
    for chunk in stream_chunks(documents, most=batch_size):
        if nlp is None:  # (loaded at the first document: none to code, none loaded)
            nlp = nlp_mod.load()
        yield from _code_listed(chunk, nlp, batch_size)


def _code_listed(documents: list[Document], nlp, batch_size: int) -> Iterator:
    # runs of short documents are parsed in batches, a long one in pieces where it stands: the
    # results come in the order of ``documents`` whatever their lengths
    start = 0
    while start < len(documents):
        if len(documents[start].text) > CHUNK_CHARS:
            doc = documents[start]
            yield _safely(doc, lambda: _code_long(doc, nlp))
            start += 1
            continue
        end = start
        while end < len(documents) and len(documents[end].text) <= CHUNK_CHARS:
            end += 1
        yield from _code_short(documents[start:end], nlp, batch_size)
        start = end


def _code_short(short: list[Document], nlp, batch_size: int) -> Iterator:
    done: set[int] = set()
    try:
        parsed_docs = nlp.pipe((d.text for d in short), batch_size=batch_size)
        for k, (doc, parsed) in enumerate(zip(short, parsed_docs)):
            done.add(k)
            yield _safely(doc, lambda: code_parsed(doc, parsed, nlp))
    except Exception:  # the batch parser failed: code the rest one by one, isolating the culprit
        for k, doc in enumerate(short):
            if k not in done:
                yield _safely(doc, lambda: code_parsed(doc, nlp(doc.text), nlp))


def _code_chunk(chunk: list[Document], batch_size: int) -> list:
    """(In a worker process.) The coding of a chunk of documents."""
    return list(_code_listed(chunk, nlp_mod.load(), batch_size))


def worker_pool(workers: int):
    """A pool of ``workers`` processes, each loading the spaCy pipeline when it starts (forked
    where the system can: they start at once)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=nlp_mod.load)


def stream_chunks(documents: Iterable[Document], most: int) -> Iterator[list[Document]]:
    """Documents in chunks as they are read: of 1, 2, 4, ... and then ``most`` documents, so
    that the first ones reach the workers at once (a few documents are still spread over
    several); ``most`` weighs the parse's batching against the tail where one worker waits
    for another."""
    chunk: list[Document] = []
    size = 1
    for doc in documents:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk, size = [], min(most, 2 * size)
    if chunk:
        yield chunk


def in_order(submit: Callable[[list[Document]], object], chunks: Iterable[list[Document]],
             ahead: int) -> Iterator:
    """The results of each chunk's future (``submit(chunk)``, from a process pool or a Dask
    client), in the order of the chunks, with at most ``ahead`` chunks in flight: the next one
    is read and sent as the oldest comes back, so a stream is neither read nor kept whole, and
    the workers code the chunks queued while this thread reads and stores.  Each future is let
    go once its results are handed on; on any failure (or Ctrl-C) those still pending are
    cancelled."""
    pending: deque = deque()
    chunks = iter(chunks)
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= ahead:
                break
        while pending:
            future = pending.popleft()
            results = future.result()
            if hasattr(future, "release"):
                future.release()  # (a Dask future: the cluster forgets the results)
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(submit(chunk))
            yield from results
    except BaseException:
        for future in pending:
            future.cancel()
        raise


#: documents sent to a worker process at a time (the tail, where one worker may wait for the
#: other, is at most that many documents long)
WORKER_CHUNK = 4


def peek(items: Iterable, n: int) -> tuple[list, Iterator]:
    """The first ``n`` items (fewer if there are not as many) and an iterator over them all."""
    items = iter(items)
    first = list(itertools.islice(items, n))
    return first, itertools.chain(first, items)


def _code_in_workers(documents: Iterable[Document], batch_size: int, workers: int, pool=None) -> Iterator:
    own = pool is None
    pool = pool or worker_pool(workers)
    try:
        yield from in_order(lambda chunk: pool.submit(_code_chunk, chunk, batch_size),
                            stream_chunks(documents, most=WORKER_CHUNK), ahead=4 * workers)
    except BaseException:  # (Ctrl-C, a failure, a caller that stops early): what has not
        if own:  # started is dropped, not waited for (a caller's pool is left to the caller)
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    if own:
        pool.shutdown()


def _safely(doc: Document, work) -> tuple[Document, list[Mention], list[Figure], str]:
    try:
        mentions, figures = work()
    except Exception as err:  # one document's failure must not stop a run of thousands
        return doc, [], [], f"could not be coded ({type(err).__name__}: {err})"
    return doc, mentions, figures, ""


def code_into_store(store: Store, todo: Iterable[Document], result: Result, progress: Progress | None = None,
                    workers: int = 1, engine: str = "local", scheduler: str | None = None, pool=None) -> None:
    """Code documents (a list, or a stream being read) and store them, STORE_BATCH documents to
    a transaction (each document whole); a document that cannot be coded is counted in
    ``result.errors`` and not stored.  ``progress(done, total, id)`` gets ``total`` None while
    a stream is still being read."""
    total = len(todo) if isinstance(todo, list) else None
    batch: list[tuple[Document, list[Mention], list[Figure]]] = []
    coded = code_documents(todo, workers=workers, engine=engine, scheduler=scheduler, pool=pool)
    k = 0
    try:
        for k, (doc, mentions, figures, error) in enumerate(coded, 1):
            if error:
                result.errors.append(IngestError(doc.path or doc.id, error))
            else:
                batch.append((doc, mentions, figures))
                result.coded += 1
            if len(batch) >= STORE_BATCH:
                store.add_documents(batch)
                batch = []
            if progress:
                progress(k, total, doc.id)
        if batch:
            store.add_documents(batch)
    finally:  # (a store that fails: the workers stop now, not when the traceback is let go)
        coded.close()
    if progress and total is None and k:
        progress(k, k, "")


def update_store(store: Store, docs: Iterable[Document], result: Result, progress: Progress | None = None,
                 workers: int = 1, engine: str = "local", scheduler: str | None = None
                 ) -> tuple[list[Document], Fused]:
    """Code the new or changed documents into the store (``docs``: a list, or a stream coded
    as it is read), fuse everything stored and save the fused results; counts and errors go
    into ``result``.  Returns every stored document and the fusion."""
    code_changed(store, docs, result, progress, workers, engine, scheduler)
    return fuse_store(store, result)


def code_changed(store: Store, docs: Iterable[Document], result: Result, progress: Progress | None = None,
                 workers: int = 1, engine: str = "local", scheduler: str | None = None) -> None:
    """Code into the store the documents that are new or changed (``result.unchanged`` counts
    the others)."""

    def changed(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            doc = replace(doc, content_hash=_stored_hash(doc))
            if store.document_hash(doc.id) == doc.content_hash:
                result.unchanged += 1
            else:
                yield doc

    todo = list(changed(docs)) if isinstance(docs, list) else changed(docs)
    code_into_store(store, todo, result, progress, workers, engine, scheduler)


@contextmanager
def output_lock(out_dir: Path | None) -> Iterator[None]:
    """Held while a run fuses and writes ``out_dir``: two runs writing one folder take turns,
    so the one that writes last has fused every document either stored, and no file mixes
    the two.  A lock file in the folder, locked with flock (where the system has it)."""
    try:
        import fcntl
    except ImportError:  # (Windows: runs into one folder are not kept apart)
        fcntl = None
    if out_dir is None or fcntl is None:
        yield
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_NAME, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # (a file system without locks, as some network shares: runs into one
            yield  # folder are then not kept apart, as on Windows)
            return
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


#: fusions tried when other processes keep adding documents to the store meanwhile
FUSION_ATTEMPTS = 5


def fuse_store(store: Store, result: Result | None = None) -> tuple[list[Document], Fused]:
    """Fuse everything stored and save the fused results: every stored document and the
    fusion.  Another process may add documents while this one fuses (a second run, the
    server): the fusion is then not saved but made again from what is stored now, so the
    saved one never misses documents stored before it.  When others go on adding for
    FUSION_ATTEMPTS tries, the last fusion is returned unsaved: the process adding them fuses
    after its last one, and that fusion has them all."""
    for _ in range(FUSION_ATTEMPTS):
        # one consistent reading: the documents, their mentions and figures, and what the last
        # run fused of each block (reused where its inputs are unchanged)
        generation, documents, mentions, figures, blocks = store.snapshot()
        cache = FusionCache(blocks, by_content_hash=True)
        fused = fuse(documents, mentions, figures, cache=cache)
        blocks, gone = cache.rows()
        try:
            store.save_fused({
                "events": [to_plain(e) for e in fused.events],
                "contradictions": [to_plain(c) for c in fused.contradictions],
                "control": [to_plain(c) for c in fused.control],
                "figures": [to_plain(f) for f in fused.figures],
                "inferred": [{"document": k, "published": v.isoformat()} for k, v in sorted(fused.inferred.items())],
            }, blocks=blocks, gone=gone, generation=generation)
        except StaleFusion:
            continue
        break
    if result is not None:
        result.blocks_fused, result.blocks_reused = cache.fused, cache.reused
    return documents, fused


def run(paths: Iterable[str | os.PathLike] | str | os.PathLike, out: str | os.PathLike | None = DEFAULT_OUT,
        db: str | None = None, progress: Progress | None = None, workers: int = 1,
        engine: str = "local", scheduler: str | None = None) -> Result:
    """Ingest, code, store, fuse and export.  Re-running on the same input changes nothing.
    ``workers`` > 1 codes the documents in that many processes; ``engine="dask"`` on a Dask
    cluster (``scheduler``, or a LocalCluster of ``workers``). The outputs are the same."""
    out_dir = Path(out) if out is not None else None
    if db is None:
        base = out_dir if out_dir is not None else Path(DEFAULT_OUT)
        base.mkdir(parents=True, exist_ok=True)
        db = str(base / STORE_NAME)
    result = Result(out=out_dir)

    def readable() -> Iterator[Document]:  # (read as the coding goes: workers never wait for it)
        for item in read_paths(paths):
            if isinstance(item, IngestError):
                result.errors.append(item)
            else:
                yield item

    with Store(db) as store:
        code_changed(store, readable(), result, progress, workers=workers, engine=engine, scheduler=scheduler)
        with output_lock(out_dir):
            documents, fused = fuse_store(store, result)
            if out_dir is not None:
                write_outputs(out_dir, documents=documents, events=fused.events,
                              contradictions=fused.contradictions, control=fused.control,
                              figures=fused.figures, inferred=fused.inferred)
    result.documents = documents
    result.events = fused.events
    result.contradictions = fused.contradictions
    result.control = fused.control
    result.figures = fused.figures
    result.inferred = fused.inferred
    return result


def watch(folder: str | os.PathLike, out: str | os.PathLike | None = DEFAULT_OUT, db: str | None = None,
          interval: float = 2.0, stop: Callable[[], bool] = lambda: False,
          on_run: Callable[[Result], None] | None = None, on_error: Callable[[Exception], None] | None = None,
          workers: int = 1, engine: str = "local", scheduler: str | None = None) -> int:
    """Code the files of ``folder`` as they arrive (a crawler's drop folder) until ``stop()``
    says so (or Ctrl-C): what is there at the start at once, then each new or changed file once
    its size and time have held for one ``interval`` (a file still being written waits).  Each
    round is a ``run`` of the files it found, so an interruption loses at most the batch being
    stored, which the next start codes again.  The output folder and the store are never read
    as input, even inside ``folder``.  A file that could not be coded is tried again at the next
    round; a round that fails as a whole (a locked store, a full disk) goes to ``on_error`` and
    the watch goes on.  Returns the number of rounds."""
    from frontlines.ingest import files_under

    if not interval > 0:
        raise ValueError(f"interval must be a positive number of seconds, not {interval!r}")
    root = Path(folder)
    own = [Path(out).resolve()] if out is not None else []
    if db is not None and "://" not in str(db):
        own.append(Path(db).resolve())
    done: dict[Path, tuple[int, int]] = {}  # file -> (mtime_ns, size) when it was coded
    waiting: dict[Path, tuple[int, int]] = {}
    rounds, first = 0, True
    while not stop():
        now: dict[Path, tuple[int, int]] = {}
        for path in files_under(root) if root.is_dir() else []:
            try:
                real, st = path.resolve(), path.stat()
            except OSError:
                continue  # (gone meanwhile, or a broken link)
            if any(real == o or o in real.parents or real.name.startswith(o.name + "-") for o in own):
                continue  # our own outputs and store (and its journal)
            now[path] = (st.st_mtime_ns, st.st_size)
        changed = {p: sig for p, sig in now.items() if done.get(p) != sig}
        ready = sorted(p for p, sig in changed.items() if first or waiting.get(p) == sig)
        waiting = {p: sig for p, sig in changed.items() if p not in ready}
        first = False
        if ready:
            try:
                result = run(ready, out=out, db=db, workers=workers, engine=engine, scheduler=scheduler)
            except Exception as err:  # the next round tries these files again
                if on_error:
                    on_error(err)
            else:
                failed = {e.path.split("#")[0] for e in result.errors}  # (as errors print a name)
                done.update((p, changed[p]) for p in ready if printable(str(p)) not in failed)
                rounds += 1
                if on_run:
                    on_run(result)
        deadline = time.monotonic() + interval
        while not stop() and time.monotonic() < deadline:
            time.sleep(min(0.2, interval))
    return rounds


def extract(text: str, published: dt.date | str | None = None, *, title: str = "", outlet: str = "",
            id: str = "text") -> Fused:
    """Events of one text, without a store: ``frontlines.extract(text, published="2020-02-27")``."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc = read_text(text, id=id, published=published, title=title, outlet=outlet)
    (_, mentions, figures, error), = code_documents([doc])
    if error:
        raise ValueError(error)
    return fuse([doc], mentions, figures)
