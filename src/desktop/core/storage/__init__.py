"""Where the knowledge base lives: the database file and everything that keeps it safe.

Engine factory, opening, creating and version-checking a database, migrations, backups and
restore, health checks, file locks and the content digest — behind one seam,
:class:`~desktop.core.storage.backend.StorageBackend`, for what differs between engines.
Everything engine-specific lives in a sub-package (:mod:`desktop.core.storage.sqlite`); no
module outside ``storage`` names the engine, its full-text index, its pragmas or its driver
(a test enforces it).

May import: ``desktop.core.kb``, ``desktop.core.errors``, ``desktop.core.atomic_files``,
``desktop.paths``.
"""
