"""Everything PostgreSQL-specific about the team's server database.

The team shares one PostgreSQL (15 or newer) database, built by the same migrations as every
laptop file and reached with psycopg 3. This package holds what only that engine knows: the
backend (:mod:`~desktop.core.storage.postgres.backend`, chosen by
:func:`desktop.core.storage.backend.backend_for` for ``postgresql`` URLs), connection set-up and
what driver errors mean (``connection``), reading a server address and turning it into a URL
(``address``), the team's roles, rights and row-level security (``roles``), the content digest
(``digest``) and the merge of pushed changes (``merge``).

The server is never searched (each laptop searches its own file), so there is no full-text
index here. May import: ``desktop.core.kb`` (the tables the digest reads) — never the rest of
``desktop.core.storage``, nor ``desktop.core.search``.
"""
