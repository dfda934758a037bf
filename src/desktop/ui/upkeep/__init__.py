"""Keeping the data current from the window: undoable edits, record forms, import,
the journal, sources, verification, backups and restore.

May import: ``desktop.ui.base``, ``desktop.ui.widgets``, ``desktop.ui.preferences``,
``desktop.app``, ``desktop.core``.
"""
