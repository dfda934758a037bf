"""Undo and redo of an import, through the backup the import took.

An import may touch thousands of rows; the backup taken right before it is the exact state to
go back to. Undo restores that backup (the current file is kept aside, as every restore does);
redo restores the file kept aside. Both go through the window's executor with the database
closed, like Tools ▸ Restore (:meth:`Maintenance.restore_with`).

A restore replaces everything, so it is only safe while nothing else changed: the content
digest taken right after the import (or after the undo) must still be the database's
(:func:`desktop.app.maintenance.restore_if_unchanged`). When it is not — a verification, a
prospect, a brief changed since — the step is refused with a message that names the backup to
restore by hand, and the step leaves the undo stack, so Undo never offers what it cannot do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMainWindow

from desktop.core.errors import DossierError
from desktop.ui.base import dialogs
from desktop.ui.base.formats import said
from desktop.ui.upkeep.steps import EditSteps

if TYPE_CHECKING:
    from desktop.app.exchange import Imported
    from desktop.app.maintenance import Restored
    from desktop.ui.upkeep.maintenance import Maintenance

translate = QCoreApplication.translate


class ImportCommand(QUndoCommand):
    """An applied import on the undo stack; its first redo is the import itself (done)."""

    def __init__(self, steps: EditSteps, maintenance: Maintenance, done: Imported) -> None:
        super().__init__(
            translate("ImportCommand", "Import of {name}").format(name=done.source_name)
        )
        assert done.backup_path is not None  # only an import that wrote something is a step
        self.steps, self.maintenance = steps, maintenance
        self.source_name = done.source_name
        self.before_import: Path = done.backup_path
        self.expected: str | None = done.after_digest  # the content a step may replace
        self.imported_state: Path | None = None  # kept aside by the undo: what redo restores
        self._applied = True
        self._moving_back = False  # the stack is only put back where it was: run nothing

    def redo(self) -> None:
        if self._moving_back or self._applied:
            return  # pushed right after the import, or put back after a failure
        if self.imported_state is not None:
            self._step(self.imported_state, undoing=False)

    def undo(self) -> None:
        if not self._moving_back:
            self._step(self.before_import, undoing=True)

    def _step(self, source: Path, *, undoing: bool) -> None:
        from desktop.app import maintenance as files

        path, expected = self.maintenance.db_path, self.expected
        self.steps.pending += 1
        self.maintenance.restore_with(
            lambda: files.restore_if_unchanged(path, source=source, expected=expected),
            lambda restored: self._done(restored, undoing),
            lambda error: self._refused(error, undoing),
        )

    def _refusal(self, undoing: bool) -> str:
        if undoing:
            return translate(
                "ImportCommand",
                "The import of {name} cannot be undone here: the data changed after it, and "
                "those changes would be lost. To go back to the state before the import anyway, "
                "restore the backup {backup} with Tools ▸ Restore a backup… (the current data "
                "is kept aside).",
            ).format(name=self.source_name, backup=self.before_import.name)
        return translate(
            "ImportCommand",
            "The import of {name} cannot be redone here: the data changed after it was undone, "
            "and those changes would be lost. Import the file again with Data ▸ Import… instead.",
        ).format(name=self.source_name)

    def _done(self, restored: Restored, undoing: bool) -> None:
        self.steps.pending -= 1
        self.expected = restored.digest
        self._applied = not undoing
        if undoing:
            self.imported_state = restored.result.previous
            text = translate(
                "ImportCommand",
                "Import of {name} undone: the data is as it was before it (backup {backup}). "
                "Edit ▸ Redo puts the import back.",
            ).format(name=self.source_name, backup=self.before_import.name)
        else:
            text = translate("ImportCommand", "Import of {name} redone.").format(
                name=self.source_name
            )
        window = self.steps.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    def _refused(self, error: BaseException, undoing: bool) -> None:
        """Nothing was restored: say why and put the stack back. A step whose state is gone
        (the data changed since) leaves the stack; one that failed otherwise (the file was
        busy) stays, to be tried again."""
        from desktop.app.maintenance import ChangedSinceError

        self.steps.pending -= 1
        stack = self.steps.stack
        changed_since = isinstance(error, ChangedSinceError)
        self.setObsolete(changed_since)
        # the stack moved past this command when the step began: move it back without running
        # anything (an obsolete command is removed on the way)
        self._moving_back = True
        try:
            if stack.index() < stack.count() and stack.command(stack.index()) is self:
                stack.redo()
            elif stack.index() > 0 and stack.command(stack.index() - 1) is self:
                stack.undo()
        finally:
            self._moving_back = False
        title = translate("ImportCommand", "The import")
        if changed_since:
            dialogs.show_error(self.steps.window, title, self._refusal(undoing))
        elif isinstance(error, DossierError):
            dialogs.show_error(self.steps.window, title, said(error))
        else:
            dialogs.report_unexpected(self.steps.window, error)
