"""Everything SQLite-specific: connection pragmas, the FTS5 search index and its query SQL,
the backup API, integrity and foreign-key checks.

Reached only through :mod:`desktop.core.storage`; the rest of the program speaks portable SQL.
"""
