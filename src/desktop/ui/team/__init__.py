"""The window's team work: the sync button and its automatic sync, joining a team, and the
list of conflicts to settle.

Owns: :mod:`.sync_control` (the toolbar button, its state line, the timer, the password prompt),
:mod:`.join_dialog` (Data ▸ Team…: join, or see the team this file belongs to),
:mod:`.conflicts_dialog` (Data ▸ Conflicts…), :mod:`.change_files` (File ▸ Export changes… and
Import changes…).

May import: ``desktop.app`` (team functions), ``desktop.ui.base``. Syncs run on an executor of
their own, so a search never waits behind one.
"""
