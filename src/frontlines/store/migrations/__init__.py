"""The store's migrations (Alembic): one revision per change of the schema, for SQLite and
PostgreSQL alike. ``Store`` runs them when it opens a store that is behind."""
