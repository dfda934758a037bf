"""The application layer: one typed, keyword-only function per user action, with no Qt.

The window and the CLI call the same functions — search, open an entity, create and curate a
brief, export it, edit a record, import, back up, restore, check — so a rule lives in one
place whoever triggers it. Each function takes the :class:`~desktop.app.store.Store` (the
handle on one database file) and returns plain data; :mod:`desktop.app.changes` says what an
action changed so the window's views can refresh themselves.

May import: ``desktop.core``, ``desktop.dossier``, ``desktop.paths``. Never Qt, never
``desktop.ui`` or ``desktop.cli``.
"""
