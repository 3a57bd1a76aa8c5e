"""Alembic's environment for the store: the connection is the Store's own, inside its write
transaction, so that a migration is all or nothing."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
