"""Team sync: a laptop's file and the team's PostgreSQL server, kept in step.

Every write of a laptop file is recorded as a change by the storage backend
(:meth:`~desktop.core.storage.backend.StorageBackend.install_sync`: triggers in the file); the
server merges every pushed change field by field (the server backend's merge). This package is
what runs on the laptop in between, in SQL every engine reads (what goes to the laptop file's
driver directly, for speed, uses the DB-API's qmark parameters):

- :mod:`.session` — one sync: push (:mod:`.push`), then pull (:mod:`.pull`), each step safe to
  be killed; :mod:`.join` — the first sync of a file, with what only this laptop has uploaded;
- :mod:`.materialize` — a merged record written into the file (local ids, links, the slug two
  laptops both made), :mod:`.local_rows` — a file's rows as the team sees them;
- :mod:`.versions` — the hybrid-logical-clock versions every change carries;
- :mod:`.conflicts` — the values that lost, and settling them; :mod:`.journal` — colleagues'
  changes in the audit journal; :mod:`.packages` — changes carried by file;
  :mod:`.publish` — a file (or the seed) as a new team's first state; :mod:`.digest` — one hash
  of what a team shares, for a laptop and for the server alike.

May import: ``desktop.core.kb``, ``desktop.core.storage`` (engines, backups),
``desktop.core.upkeep`` (the journal's writer), ``desktop.core.errors``,
``desktop.core.atomic_files``. Never Qt; never an engine's own SQL.
"""
