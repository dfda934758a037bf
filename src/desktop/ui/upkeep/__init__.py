"""Keeping the data current from the window: undoable edits, record forms, import, the journal,
sources, verification, backups and restore.

``edit_controller`` holds the Data menu's actions; ``steps`` the undo stack and how a step runs
an application function (:mod:`desktop.app.edits`, :mod:`desktop.app.records`,
:mod:`desktop.app.exchange`, :mod:`desktop.app.maintenance`) and announces what it changed on
the executor's ``data_changed``. The commands (``entity_commands``, ``record_edits`` with its
forms' ``translated_fields``, ``source_edits``, ``import_undo``) build on ``steps`` and never on
the controller, so the imports run one way.
``labels`` holds the words and formats they share: counts, figures, dates and backup times in
the window's language, and the journal's and the import's codes as words.

May import: ``desktop.ui.base``, ``desktop.ui.widgets``, ``desktop.ui.preferences``,
``desktop.app``, ``desktop.core``.
"""
