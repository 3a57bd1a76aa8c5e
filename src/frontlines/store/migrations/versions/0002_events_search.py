"""What the API and incremental fusion need: the fused events in a table of their own (the
columns the API filters on, and each event's JSON beside them), the fusion cache of each block,
and the documents' full-text index (FTS5 on SQLite, tsvector on PostgreSQL). Events stored by
revision 0001 among the other fused kinds move to the new tables.

Revision ID: 0002
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

#: the events' indexes, in a fixed order (two stores made apart are the same byte for byte)
INDEXES = (
    ("events_by_date", ("event_date", "idx")),
    ("events_by_type", ("sub_event_type", "event_date")),
    ("events_by_event_type", ("event_type", "event_date")),
    ("events_by_status", ("claim_status", "idx")),
    ("events_by_latitude", ("latitude", "longitude")),
)
PG_TSV = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"


def upgrade() -> None:
    from frontlines.store import _event_rows

    op.create_table(
        "events",
        sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("event_id_cnty", sa.Text, nullable=False, unique=True),
        sa.Column("event_date", sa.Text, nullable=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.Text, nullable=False),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("places", sa.Text, nullable=False),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("claim_status", sa.Text, nullable=False),
    )
    for name, columns in INDEXES:
        op.create_index(name, "events", list(columns))
    op.create_table(
        "event_data",
        sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "fusion_blocks",
        sa.Column("block", sa.Text, primary_key=True),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # keyed by the documents' rowid, so that replacing one is a lookup, not a scan
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
                   "id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO documents_fts (rowid, id, title, text) SELECT rowid, id, title, text FROM documents")
    elif bind.dialect.name == "postgresql":
        op.execute(f"CREATE INDEX documents_tsv ON documents USING gin ({PG_TSV})")
    # the fused events of revision 0001 move to their tables
    old = bind.execute(sa.text("SELECT data FROM fused WHERE kind = 'events' ORDER BY idx")).scalars().all()
    rows = [_event_rows(i, json.loads(data)) for i, data in enumerate(old)]
    if rows:
        bind.execute(sa.table("events", *(sa.column(c) for c in rows[0][0])).insert(), [r for r, _ in rows])
        bind.execute(sa.table("event_data", *(sa.column(c) for c in rows[0][1])).insert(), [d for _, d in rows])
    op.execute("DELETE FROM fused WHERE kind = 'events'")
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("frontlines stores are upgraded, never downgraded")
