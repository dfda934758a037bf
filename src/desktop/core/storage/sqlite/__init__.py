"""Everything SQLite-specific: connection pragmas, the full-text search (``fts``: the FTS5 index,
its query SQL and its rank index — a broad query's exact first page without scoring every
match), the backup API, integrity and foreign-key checks, the content digest.

Reached only through :func:`desktop.core.storage.backend.backend_for`, which hands out
:class:`~desktop.core.storage.sqlite.backend.SqliteBackend`; the rest of the program speaks
portable SQL. May import: ``desktop.core.kb`` (the tables the digest reads) — never the rest of
``desktop.core.storage``, nor ``desktop.core.search``.
"""
