"""The store's tables (SQLAlchemy Core).

The tables here are what the code reads and writes; the migrations in ``migrations/`` (Alembic)
create them, and must change with them. Records are kept as canonical JSON text (``to_plain`` + ``json.dumps(sort_keys=True)``) in a
``data`` column, with only the keys the store needs to look things up as real columns. The
model can gain fields without a migration, and the same bytes come back out.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

SCHEMA_VERSION = "2"  # (meta's schema_version; the migrations in migrations/ make the schema)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("content_hash", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", Text, nullable=False, default=""),
    Column("published", Text, nullable=True),  # ISO date, NULL when unknown
    Column("published_how", Text, nullable=False, default="unknown"),
    Column("language", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("path", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),  # Mention.index
    Column("data", Text, nullable=False),  # the Mention as canonical JSON
    PrimaryKeyConstraint("document", "idx"),
)

figures = Table(
    "figures",
    metadata,
    Column("document", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),  # position in the document, by (start, end)
    Column("data", Text, nullable=False),  # the Figure as canonical JSON
    PrimaryKeyConstraint("document", "idx"),
)

fused = Table(
    "fused",
    metadata,
    Column("kind", Text, nullable=False),  # events, contradictions, control, inferred
    Column("idx", Integer, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("kind", "idx"),
)

events = Table(
    "events",
    metadata,
    # what the API filters on, narrow so that a scan of every event stays cheap; the events
    # themselves are in event_data, under the same idx
    Column("idx", Integer, primary_key=True, autoincrement=False),  # order of events.csv
    Column("event_id_cnty", Text, nullable=False, unique=True),
    Column("event_date", Text, nullable=True),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("actors", Text, nullable=False),  # actor1, actor2 and associates, lower case, "; "-joined
    Column("places", Text, nullable=False),  # location, admin1..3 and country, lower case
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
    Column("claim_status", Text, nullable=False),
)


event_data = Table(
    "event_data",
    metadata,
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("summary", Text, nullable=False),  # the Event without its evidence, as JSON
    Column("data", Text, nullable=False),  # the whole Event as canonical JSON
)

fusion_blocks = Table(
    "fusion_blocks",
    metadata,
    Column("block", Text, primary_key=True),  # one place and event family (fuse.FusionCache)
    Column("digest", Text, nullable=False),  # sha256 of the block's inputs and of the code
    Column("data", Text, nullable=False),  # its events and clusters as JSON
)

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
