"""Documents, their mentions and figures, the fused results and the store's meta data (the
schema frontlines 0.1 created before it had migrations: "schema_version" 1).

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text, nullable=False),
        sa.Column("published", sa.Text, nullable=True),
        sa.Column("published_how", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    for name in ("mentions", "figures"):
        op.create_table(
            name,
            sa.Column("document", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
            sa.Column("idx", sa.Integer, nullable=False),
            sa.Column("data", sa.Text, nullable=False),
            sa.PrimaryKeyConstraint("document", "idx"),
        )
    op.create_table(
        "fused",
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("kind", "idx"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")


def downgrade() -> None:
    for name in ("meta", "fused", "figures", "mentions", "documents"):
        op.drop_table(name)
