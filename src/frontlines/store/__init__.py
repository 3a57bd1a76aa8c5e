"""The store: documents, their mentions and figures, and the fused results.

The one module of frontlines that talks SQL (SQLAlchemy Core). An SQLite file by default,
any SQLAlchemy URL otherwise (``postgresql+psycopg://...``).

Two promises the rest of the program rests on:

* **Nothing half-written.** A document goes in with its mentions and figures in one
  transaction, or not at all; replacing a changed document is the same transaction.
* **Nothing written when nothing changed.** Re-adding a document with the same content hash,
  or saving the same fused results, opens no write transaction, so an SQLite file stays
  byte-identical (SQLite bumps its header's change counter on every write transaction).
  The journal is kept in DELETE mode, not WAL, for the same reason: the database is one file.

    >>> store = Store("out/frontlines.sqlite")
    >>> store.add_document(doc, mentions, figures)   # True: written
    >>> store.add_document(doc, mentions, figures)   # False: same content_hash, no write
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import Connection, and_, create_engine, delete, event, func, insert, inspect, or_, select, text
from sqlalchemy.engine import make_url

from frontlines.model import (
    Document,
    Figure,
    Mention,
    document_from_plain,
    figure_from_plain,
    mention_from_plain,
    replace,
    to_plain,
)
from frontlines.store import schema
from frontlines.store.schema import SCHEMA_VERSION

#: the migration this frontlines brings every store to
HEAD_REVISION = "0002"
#: stores made before the migrations, by their meta schema_version: the revision they are at
LEGACY_REVISIONS = {"1": "0001", "2": "0002"}

DEFAULT_URL = "sqlite:///frontlines.sqlite"

#: the kinds of fused results, always present in what ``load_fused`` returns
FUSED_KINDS = ("events", "contradictions", "control", "figures", "inferred")

_FUSED_HASH_KEY = "fused_sha256"
_GENERATION_KEY = "documents_generation"  # counts the write transactions that changed documents
_PG_WRITE_LOCK = 0x66726F6E  # the advisory lock every write transaction takes on PostgreSQL
_BUSY_TIMEOUT_MS = 30_000


def dumps(value: Any) -> str:
    """Canonical JSON of a record or of plain data: sorted keys, UTF-8 kept as is."""
    return json.dumps(to_plain(value), sort_keys=True, ensure_ascii=False)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_url(url: str | os.PathLike[str] | None) -> str:
    """An SQLAlchemy URL from a URL, a plain file path, or None (the default file)."""
    if url is None:
        return DEFAULT_URL
    url = os.fspath(url)
    if "://" in url:
        return url
    return "sqlite:///" + url  # relative stays relative; "/abs/x" gives "sqlite:////abs/x"


def _fused_canonical(fused: dict[str, list]) -> tuple[dict[str, list], str]:
    """The fused results as plain data with every standard kind present, and its JSON."""
    plain: dict[str, list] = {kind: [] for kind in FUSED_KINDS}
    for kind, items in fused.items():
        if not isinstance(kind, str):
            raise TypeError(f"fused result kinds are strings, got {kind!r}")
        plain[kind] = [to_plain(item) for item in (items or [])]
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return plain, text


#: the text PostgreSQL searches: a document's title and text, words as they are
_PG_TSV = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"


def _event_rows(idx: int, event: dict) -> tuple[dict, dict]:
    """The rows of one event: the columns the API filters on, and the event's JSON."""
    lower = lambda *keys: "; ".join(str(event.get(k) or "").casefold() for k in keys)
    summary = {k: v for k, v in event.items() if k != "evidence"}
    return {
        "idx": idx, "event_id_cnty": event.get("event_id_cnty", ""), "event_date": event.get("event_date"),
        "event_type": event.get("event_type", ""), "sub_event_type": event.get("sub_event_type", ""),
        "actors": lower("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"),
        "places": lower("location", "admin1", "admin2", "admin3", "country"),
        "latitude": event.get("latitude"), "longitude": event.get("longitude"),
        "claim_status": event.get("claim_status", ""),
    }, {
        "idx": idx, "summary": json.dumps(summary, ensure_ascii=False, separators=(",", ":")),
        "data": json.dumps(event, sort_keys=True, ensure_ascii=False),
    }


class StaleFusion(RuntimeError):
    """The documents changed (another process added some) after the fusion being saved read them."""


class Store:
    """Documents, mentions, figures and fused results in an SQL database."""

    def __init__(self, url: str | os.PathLike[str] | None = None):
        self.url = normalise_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                parent = os.path.dirname(database)
                if parent:
                    os.makedirs(parent, exist_ok=True)
        self._engine = create_engine(self.url)
        if self.is_sqlite:
            self._configure_sqlite()
        self._create()

    # -- connection set-up -------------------------------------------------------------

    def _configure_sqlite(self) -> None:
        # Python's sqlite3 module opens transactions on its own, late (at the first write)
        # and not for reads. Switch that off and emit BEGIN ourselves, so a transaction
        # covers its reads too and writers can take the write lock up front (BEGIN
        # IMMEDIATE: concurrent writers then wait on busy_timeout instead of deadlocking).
        @event.listens_for(self._engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = DELETE")
            cursor.close()

        @event.listens_for(self._engine, "begin")
        def _on_begin(conn):  # pragma: no cover - trivial
            conn.exec_driver_sql(conn.get_execution_options().get("frontlines_begin", "BEGIN"))

    def _create(self) -> None:
        """Bring the store to this frontlines's schema with the Alembic migrations (in
        ``migrations/``): nothing is written when it is there already."""
        with self._transaction(write=False) as conn:
            revision, legacy = self._revision(conn), self._version(conn)
        if revision == HEAD_REVISION:
            return
        if revision is None and legacy is not None and legacy not in LEGACY_REVISIONS:
            raise RuntimeError(f"{self.url}: store schema version {legacy}, this frontlines "
                               f"expects {SCHEMA_VERSION}")
        from alembic import command
        from alembic.config import Config
        from alembic.util import CommandError

        with self._transaction(write=True) as conn:
            revision = self._revision(conn)
            if revision == HEAD_REVISION:  # (brought up to date meanwhile by another process)
                return
            config = Config()
            config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
            config.attributes["connection"] = conn
            if revision is None and legacy in LEGACY_REVISIONS:
                # a store made before the migrations: its tables are those of that revision
                command.stamp(config, LEGACY_REVISIONS[legacy])
            try:
                command.upgrade(config, "head")
            except CommandError as err:
                raise RuntimeError(f"{self.url}: store schema revision {revision}, newer than this "
                                   f"frontlines knows ({HEAD_REVISION}): {err}") from None

    @staticmethod
    def _revision(conn: Connection) -> str | None:
        """The store's Alembic revision, None before its first migration."""
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one_or_none()

    @staticmethod
    def _version(conn: Connection) -> str | None:
        """The store's schema version, None for an empty database."""
        if schema.meta.name not in inspect(conn).get_table_names():
            return None
        return Store._get_meta(conn, "schema_version")

    @contextmanager
    def _transaction(self, *, write: bool, consistent: bool = False) -> Iterator[Connection]:
        """A transaction; ``consistent``: its reads all see one state of the store (SQLite's
        transactions always do; on PostgreSQL it runs at REPEATABLE READ)."""
        with self._engine.connect() as conn:
            if write and self.is_sqlite:
                conn.execution_options(frontlines_begin="BEGIN IMMEDIATE")
            if consistent and conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if write and conn.dialect.name == "postgresql":
                    # one writer at a time, as BEGIN IMMEDIATE gives on SQLite: the checks a write
                    # makes first ("stored meanwhile?") then see what the writer before committed
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")
                yield conn

    # -- documents ---------------------------------------------------------------------

    def document_hash(self, doc_id: str) -> str | None:
        """The stored content hash of a document, or None when it is not stored."""
        with self._transaction(write=False) as conn:
            return self._hash(conn, doc_id)

    @staticmethod
    def _hash(conn: Connection, doc_id: str) -> str | None:
        return conn.execute(
            select(schema.documents.c.content_hash).where(schema.documents.c.id == doc_id)
        ).scalar_one_or_none()

    def add_document(self, doc: Document, mentions: list[Mention], figures: list[Figure]) -> bool:
        """Store a document with its mentions and figures, in one transaction.

        A document already stored with the same ``content_hash`` is left alone: nothing is
        written and False is returned. With another hash, the stored document and its
        mentions and figures are replaced. On any error nothing of this call is kept (and a
        previously stored version stays as it was). Returns True when something was written.

        A document without a content_hash gets one here: the sha256 of its canonical JSON.
        """
        return self.add_documents([(doc, mentions, figures)]) == 1

    def add_documents(self, items: list[tuple[Document, list[Mention], list[Figure]]]) -> int:
        """Store several documents, each with its mentions and figures, in one transaction (a
        batch costs one commit, not one per document); as ``add_document`` does for each, and
        all or nothing on an error. Returns how many were written."""
        checked = []
        for doc, mentions, figures in items:
            if not doc.content_hash:
                doc = replace(doc, content_hash=_sha256(dumps(doc)))
            for m in mentions:
                if m.document != doc.id:
                    raise ValueError(f"mention {m.key} does not belong to document {doc.id!r}")
            for f in figures:
                if f.document not in ("", doc.id):
                    raise ValueError(f"figure of {f.document!r} does not belong to document {doc.id!r}")
            checked.append((doc, mentions, figures))
        # A read first: unchanged documents must not open a write transaction at all.
        with self._transaction(write=False) as conn:
            todo = [item for item in checked if self._hash(conn, item[0].id) != item[0].content_hash]
        if not todo:
            return 0
        written = 0
        with self._transaction(write=True) as conn:
            for doc, mentions, figures in todo:
                if self._hash(conn, doc.id) == doc.content_hash:  # written meanwhile by another process
                    continue
                self._write_document(conn, doc, mentions, figures)
                written += 1
            if written:
                self._set_meta(conn, _GENERATION_KEY, str(self._generation(conn) + 1))
        return written

    def generation(self) -> int:
        """A number that grows each time stored documents change: a fusion of what was read
        after it is saved only while it holds (``save_fused(..., generation=)``)."""
        with self._transaction(write=False) as conn:
            return self._generation(conn)

    @classmethod
    def _generation(cls, conn: Connection) -> int:
        value = cls._get_meta(conn, _GENERATION_KEY)
        return int(value) if value is not None else 0

    @staticmethod
    def _get_meta(conn: Connection, key: str) -> str | None:
        return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar_one_or_none()

    @staticmethod
    def _set_meta(conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
        conn.execute(insert(schema.meta).values(key=key, value=value))

    def _write_document(self, conn: Connection, doc: Document, mentions: list[Mention],
                        figures: list[Figure]) -> None:
        for table in (schema.mentions, schema.figures):
            conn.execute(delete(table).where(table.c.document == doc.id))
        if self.is_sqlite:
            conn.execute(text("DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = :id)"),
                         {"id": doc.id})
        conn.execute(delete(schema.documents).where(schema.documents.c.id == doc.id))
        conn.execute(insert(schema.documents).values(
            id=doc.id,
            content_hash=doc.content_hash,
            title=doc.title,
            outlet=doc.outlet,
            published=doc.published.isoformat() if doc.published else None,
            published_how=doc.published_how,
            language=doc.language,
            url=doc.url,
            path=doc.path,
            text=doc.text,
        ))
        if self.is_sqlite:
            conn.execute(text("INSERT INTO documents_fts (rowid, id, title, text) "
                              "SELECT rowid, id, title, text FROM documents WHERE id = :id"), {"id": doc.id})
        mention_rows = [
            {"document": doc.id, "idx": m.index, "data": dumps(m)} for m in mentions
        ]
        if mention_rows:
            conn.execute(insert(schema.mentions), mention_rows)
        ordered = sorted(figures, key=lambda f: (f.start, f.end))
        figure_rows = [
            {"document": doc.id, "idx": i, "data": dumps(replace(f, document=doc.id))}
            for i, f in enumerate(ordered)
        ]
        if figure_rows:
            conn.execute(insert(schema.figures), figure_rows)

    def documents(self) -> list[Document]:
        """Every stored document, sorted by id."""
        with self._transaction(write=False) as conn:
            return self._documents(conn)

    def mentions(self) -> list[Mention]:
        """Every stored mention, sorted by (document, index)."""
        with self._transaction(write=False) as conn:
            return self._mentions(conn)

    def figures(self) -> list[Figure]:
        """Every stored figure, sorted by (document, start)."""
        with self._transaction(write=False) as conn:
            return self._figures(conn)

    def snapshot(self) -> tuple[int, list[Document], list[Mention], list[Figure], list[tuple[str, str, str]]]:
        """(generation, documents, mentions, figures, fusion blocks) read in one transaction
        that sees one state of the store, whatever other processes commit meanwhile (on
        SQLite they wait for it; PostgreSQL reads at REPEATABLE READ): what a fusion reads."""
        with self._transaction(write=False, consistent=True) as conn:
            return (self._generation(conn), self._documents(conn), self._mentions(conn), self._figures(conn),
                    self._fusion_blocks(conn))

    @staticmethod
    def _documents(conn: Connection) -> list[Document]:
        t = schema.documents
        return [document_from_plain(dict(row)) for row in conn.execute(select(t).order_by(t.c.id)).mappings()]

    @staticmethod
    def _mentions(conn: Connection) -> list[Mention]:
        t = schema.mentions
        rows = conn.execute(select(t.c.data).order_by(t.c.document, t.c.idx)).scalars()
        return [mention_from_plain(json.loads(data)) for data in rows]

    @staticmethod
    def _figures(conn: Connection) -> list[Figure]:
        t = schema.figures
        rows = conn.execute(select(t.c.data).order_by(t.c.document, t.c.idx)).scalars()
        return [figure_from_plain(json.loads(data)) for data in rows]

    # -- fused results -----------------------------------------------------------------

    def _fused_hash(self, conn: Connection) -> str:
        stored = self._get_meta(conn, _FUSED_HASH_KEY)
        return stored if stored is not None else _sha256(_fused_canonical({})[1])

    def save_fused(self, fused: dict[str, list[dict]], blocks: list[tuple[str, str, str]] = (),
                   gone: list[str] = (), generation: int | None = None) -> bool:
        """Replace the fused results, in one transaction, if they differ from the stored ones,
        with the fusion blocks that changed (see ``fusion_blocks``).

        ``fused`` maps a kind (events, contradictions, control, inferred) to a list of
        JSON-able dicts (records are turned into plain data with ``to_plain``). The sha256 of
        their canonical JSON is kept in ``meta``; when it is unchanged and no block is given,
        nothing is written and False is returned. A missing kind is saved as an empty list.
        ``blocks`` are (block, digest, data) rows to insert or replace, ``gone`` the names of
        blocks to delete.  With ``generation`` (``generation()`` before the documents were
        read), raises StaleFusion and writes nothing if documents changed since: a fusion that
        misses another process's documents never replaces one that has them.
        """
        plain, text = _fused_canonical(fused)
        digest = _sha256(text)
        if not blocks and not gone:
            with self._transaction(write=False) as conn:
                if self._fused_hash(conn) == digest:
                    return False
        with self._transaction(write=True) as conn:
            if generation is not None and self._generation(conn) != generation:
                raise StaleFusion(f"{self.url}: documents were added since they were read for this fusion")
            t = schema.fusion_blocks
            names = [row[0] for row in blocks] + list(gone)
            for k in range(0, len(names), 500):
                conn.execute(delete(t).where(t.c.block.in_(names[k:k + 500])))
            if blocks:
                conn.execute(insert(t), [{"block": b, "digest": d, "data": data} for b, d, data in blocks])
            if self._fused_hash(conn) == digest:
                return bool(blocks or gone)
            conn.execute(delete(schema.fused))
            rows = [
                {"kind": kind, "idx": i,
                 "data": json.dumps(item, sort_keys=True, ensure_ascii=False)}
                for kind in sorted(plain) if kind != "events"
                for i, item in enumerate(plain[kind])
            ]
            if rows:
                conn.execute(insert(schema.fused), rows)
            conn.execute(delete(schema.events))
            conn.execute(delete(schema.event_data))
            for k in range(0, len(plain["events"]), 5000):
                rows = [_event_rows(i, item) for i, item in enumerate(plain["events"][k:k + 5000], k)]
                conn.execute(insert(schema.events), [r for r, _ in rows])
                conn.execute(insert(schema.event_data), [d for _, d in rows])
            self._set_meta(conn, _FUSED_HASH_KEY, digest)
        return True

    def fusion_blocks(self) -> list[tuple[str, str, str]]:
        """What the last fusion kept of each block, as (block, digest, data) rows: the input of
        ``frontlines.fuse.FusionCache``, so that a run fuses again only what new input touched."""
        with self._transaction(write=False) as conn:
            return self._fusion_blocks(conn)

    @staticmethod
    def _fusion_blocks(conn: Connection) -> list[tuple[str, str, str]]:
        t = schema.fusion_blocks
        return [tuple(row) for row in conn.execute(select(t.c.block, t.c.digest, t.c.data).order_by(t.c.block))]

    def load_fused(self, *kinds: str) -> dict[str, list[dict]]:
        """The stored fused results, each list in saved order: every standard kind, or only the
        kinds named (``load_fused("control")`` reads no event)."""
        wanted = set(kinds or FUSED_KINDS)
        t = schema.fused
        result: dict[str, list[dict]] = {kind: [] for kind in (kinds or FUSED_KINDS)}
        with self._transaction(write=False) as conn:
            query = select(t.c.kind, t.c.data).order_by(t.c.kind, t.c.idx)
            rows = conn.execute(query if not kinds else query.where(t.c.kind.in_(sorted(wanted)))).all()
            events = conn.execute(select(schema.event_data.c.data).order_by(schema.event_data.c.idx)
                                  ).scalars().all() if "events" in wanted else []
        for kind, data in rows:
            result.setdefault(kind, []).append(json.loads(data))
        if "events" in wanted:
            result["events"] = [json.loads(data) for data in events]
        return result

    def fused_digest(self) -> str:
        """The sha256 of the stored fused results: it changes exactly when they do."""
        with self._transaction(write=False) as conn:
            return self._fused_hash(conn)

    # -- queries (what the API serves) -----------------------------------------------------

    def query_events(self, **filters: Any) -> tuple[int, list[dict]]:
        """Fused events matching every filter given, in the order of events.csv: how many
        match, and the events (evidence included) of one page of them.

        Filters: ``start`` and ``end`` (ISO dates, inclusive), ``event_type``,
        ``sub_event_type``, ``claim_status`` (equal), ``place`` and ``actor`` (part of a name, in
        any case), ``dated`` (True: with an event_date, False: without), ``bbox`` (west, south,
        east, north in degrees; west > east wraps across the antimeridian); ``limit`` (default
        100) and ``offset``."""
        total, texts = self._query_events("data", **filters)
        return total, [json.loads(t) for t in texts]

    def query_event_summaries(self, **filters: Any) -> tuple[int, list[str]]:
        """As ``query_events``, the events without their evidence, each as its JSON text (what
        the API sends as it is)."""
        return self._query_events("summary", **filters)

    def _query_events(self, column: str, *, start: str | None = None, end: str | None = None,
                      event_type: str | None = None, sub_event_type: str | None = None,
                      place: str | None = None, actor: str | None = None,
                      bbox: tuple[float, float, float, float] | None = None,
                      claim_status: str | None = None, dated: bool | None = None, limit: int = 100,
                      offset: int = 0) -> tuple[int, list[str]]:
        t = schema.events
        where = []
        if dated is not None:
            where.append(t.c.event_date.is_not(None) if dated else t.c.event_date.is_(None))
        if start:
            where.append(t.c.event_date >= start)
        if end:
            where.append(t.c.event_date <= end)
        if event_type:
            where.append(t.c.event_type == event_type)
        if sub_event_type:
            where.append(t.c.sub_event_type == sub_event_type)
        if place:
            where.append(t.c.places.contains(place.casefold(), autoescape=True))
        if actor:
            where.append(t.c.actors.contains(actor.casefold(), autoescape=True))
        if claim_status:
            where.append(t.c.claim_status == claim_status)
        if bbox is not None:
            west, south, east, north = bbox
            where += [t.c.latitude >= south, t.c.latitude <= north]
            where.append(and_(t.c.longitude >= west, t.c.longitude <= east) if west <= east
                         else or_(t.c.longitude >= west, t.c.longitude <= east))
        d = schema.event_data
        with self._transaction(write=False) as conn:
            total = conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
            if not where:  # every event: idx is the position, no need to step over the others
                page = select(d.c[column]).where(d.c.idx >= offset, d.c.idx < offset + limit)
            else:
                idxs = select(t.c.idx).where(*where).order_by(t.c.idx).limit(limit).offset(offset).subquery()
                page = select(d.c[column]).join(idxs, idxs.c.idx == d.c.idx)
            texts = conn.execute(page.order_by(d.c.idx)).scalars().all()
        return total, texts

    def event(self, event_id: str) -> dict | None:
        """One fused event, with its evidence, as plain data; None when there is none."""
        t, d = schema.events, schema.event_data
        with self._transaction(write=False) as conn:
            data = conn.execute(select(d.c.data).join(t, t.c.idx == d.c.idx)
                                .where(t.c.event_id_cnty == event_id)).scalar_one_or_none()
        return json.loads(data) if data is not None else None

    def document_list(self) -> list[dict]:
        """Every stored document without its text, sorted by id."""
        t = schema.documents
        columns = [c for c in t.c if c.name not in ("text", "content_hash")]
        with self._transaction(write=False) as conn:
            return [dict(row) for row in conn.execute(select(*columns).order_by(t.c.id)).mappings()]

    def document(self, doc_id: str) -> Document | None:
        """One stored document, text included; None when there is none."""
        t = schema.documents
        with self._transaction(write=False) as conn:
            row = conn.execute(select(t).where(t.c.id == doc_id)).mappings().one_or_none()
        return document_from_plain(dict(row)) if row is not None else None

    def search_documents(self, query: str, limit: int = 20) -> list[dict]:
        """Documents whose title or text has every word of ``query`` (in any form the index
        folds to: case and diacritics), best first: id, title, outlet, published and a snippet
        with the words found between « and »."""
        words = re.findall(r"\w+", query)
        if not words:
            return []
        with self._transaction(write=False) as conn:
            if self.is_sqlite:
                match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
                rows = conn.execute(text(
                    "SELECT d.id, d.title, d.outlet, d.published, "
                    "snippet(documents_fts, 2, '«', '»', ' … ', 16) AS snippet "
                    "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                    "WHERE documents_fts MATCH :match ORDER BY bm25(documents_fts), d.id LIMIT :limit"),
                    {"match": match, "limit": limit}).mappings().all()
            else:
                rows = conn.execute(text(
                    "SELECT d.id, d.title, d.outlet, d.published, ts_headline('simple', d.text, q, "
                    "'StartSel=«, StopSel=», MaxWords=24, MinWords=8') AS snippet "
                    f"FROM documents d, plainto_tsquery('simple', :q) q WHERE {_PG_TSV} @@ q "
                    f"ORDER BY ts_rank({_PG_TSV}, q) DESC, d.id LIMIT :limit"),
                    {"q": " ".join(words), "limit": limit}).mappings().all()
        return [dict(row) for row in rows]

    # -- life cycle --------------------------------------------------------------------

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


__all__ = ["Store", "DEFAULT_URL", "FUSED_KINDS", "dumps", "normalise_url"]
