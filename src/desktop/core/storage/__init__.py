"""Where the knowledge base lives: the database file and everything that keeps it safe.

Engine factory, opening, creating and version-checking a database, migrations, backups and
restore, health checks, file locks and the content digest — behind one seam,
:class:`~desktop.core.storage.backend.StorageBackend`, for what differs between engines.
Everything engine-specific lives in a sub-package: :mod:`desktop.core.storage.sqlite` for a
laptop's file (including the triggers that record every write for the team) and
:mod:`desktop.core.storage.postgres` for the team's server (including the merge of pushed
changes, and the roles and rights that only :mod:`desktop.core.team` asks for). No module
outside ``storage`` names the SQLite engine, its full-text index, its pragmas or its driver
(a test enforces it).

May import: ``desktop.core.kb``, ``desktop.core.errors``, ``desktop.core.atomic_files``,
``desktop.paths``.
"""
