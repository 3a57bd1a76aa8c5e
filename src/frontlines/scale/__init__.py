"""The Dask engine: documents coded on the workers of a Dask cluster, results gathered by the
driver in document order (the driver stores them, a batch to a transaction, as the local engine
does), so that the outputs are the same byte for byte.

    >>> for doc, mentions, figures, error in code_on_dask(documents, workers=2): ...      # LocalCluster
    >>> for doc, mentions, figures, error in code_on_dask(documents, scheduler="tcp://10.0.0.5:8786"): ...

An existing cluster is started with Dask's own tools (``dask scheduler`` on one machine,
``dask worker ADDRESS`` on each of the others, every one with frontlines installed). Each worker
process loads the spaCy pipeline and the gazetteer once, at its first chunk, and keeps them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from frontlines.model import Document

#: documents sent to a worker at a time (the parse batches within a chunk)
CHUNK_DOCS = 32


class DaskMissing(RuntimeError):
    pass


def code_on_dask(documents: Iterable[Document], batch_size: int = 16, *, scheduler: str | None = None,
                 workers: int = 2) -> Iterator[tuple]:
    """Yields (document, mentions, figures, error) in the order of ``documents`` (a list, or a
    stream read as the cluster works), coded on the cluster at ``scheduler``, or on a
    LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise DaskMissing("the Dask engine needs dask.distributed: pip install 'frontlines[dask]'") from err
    from frontlines.pipeline import _code_chunk, in_order, peek, stream_chunks

    first, documents = peek(documents, 1)
    if not first:
        return  # (no cluster started for nothing)
    cluster = client = None
    try:
        if scheduler is None:
            # one thread per worker process (spaCy's parse holds the GIL); no dashboard: nothing
            # listens beyond what the cluster needs, and nothing is fetched
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(scheduler if scheduler is not None else cluster)
        ahead = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 2 * workers)
        # a bounded window of chunks in flight: an archive is neither read, sent nor kept whole
        yield from in_order(lambda chunk: client.submit(_code_chunk, chunk, batch_size, pure=False),
                            stream_chunks(documents, most=CHUNK_DOCS), ahead)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
