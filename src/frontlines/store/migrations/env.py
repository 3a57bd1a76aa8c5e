"""Alembic's environment for the store: the connection is the Store's own, inside its write
transaction, so that a migration is all or nothing."""

from alembic import context

connection = context.config.attributes["connection"]
# (no batch mode: a table that SQLite copies to alter would, with foreign keys on, take its
# mentions and figures with it, and renumber the rowids the full-text index is keyed on; a
# migration that must rebuild a table does it by hand)
context.configure(connection=connection)
with context.begin_transaction():
    context.run_migrations()
