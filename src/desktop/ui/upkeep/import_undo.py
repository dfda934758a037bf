"""Undo and redo of an import, through the backup the import took.

An import may touch thousands of rows; the backup taken right before it is the exact state to
go back to. Undo restores that backup (the current file is kept aside, as every restore does);
redo restores the file kept aside. Both go through the window's executor with the database
closed, like Tools ▸ Restore.

A restore replaces everything, so it is only safe while nothing else changed: the content
digest taken right after the import (or after the undo) must still be the database's. When it
is not — a verification, a prospect, a brief changed since — the step is refused with a
message that names the backup to restore by hand, and the step leaves the undo stack, so Undo
never offers what it cannot do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from desktop.core.errors import DossierError
from desktop.ui.base import dialogs

if TYPE_CHECKING:
    from desktop.ui.upkeep.edit_controller import EditController
    from desktop.ui.upkeep.import_dialog import ImportDone


class ChangedSinceError(DossierError):
    """The data moved on after the step to undo; a restore would throw that away."""


class ImportCommand(QUndoCommand):
    """An applied import on the undo stack; its first redo is the import itself (done)."""

    def __init__(self, controller: EditController, done: ImportDone) -> None:
        super().__init__(f"Import of {done.source_name}")
        self.controller = controller
        self.source_name = done.source_name
        self.before_import: Path = done.backup_path  # type: ignore[assignment]
        self.expected: str | None = done.after_digest  # the content a step may replace
        self.imported_state: Path | None = None  # kept aside by the undo: what redo restores
        self._applied = True
        self._moving_back = False  # the stack is only put back where it was: run nothing

    def redo(self) -> None:
        if self._moving_back or self._applied:
            return  # pushed right after the import, or put back after a failure
        source = self.imported_state
        if source is None:
            return
        self._step(source, undoing=False)

    def undo(self) -> None:
        if self._moving_back:
            return
        self._step(self.before_import, undoing=True)

    def _step(self, source: Path, *, undoing: bool) -> None:
        maintenance = self.controller.maintenance
        expected = self.expected
        if undoing:
            refusal = (
                f"The import of {self.source_name} cannot be undone here: the data changed "
                "after it, and those changes would be lost. To go back to the state before "
                f"the import anyway, restore the backup {self.before_import.name} with Tools ▸ "
                "Restore a backup… (the current data is kept aside)."
            )
        else:
            refusal = (
                f"The import of {self.source_name} cannot be redone here: the data changed "
                "after it was undone, and those changes would be lost. Import the file again "
                "with Data ▸ Import… instead."
            )

        def run() -> tuple[Any, str]:
            from desktop.core.storage import backup

            path = maintenance.db_path
            if expected is not None and backup.digest_of(path) != expected:
                raise ChangedSinceError(refusal)
            result = backup.restore(path, source)
            return result, backup.digest_of(path)

        self.controller.pending += 1
        maintenance.restore_with(run, lambda done: self._done(done, undoing), self._refused)

    def _done(self, done: tuple[Any, str], undoing: bool) -> None:
        self.controller.pending -= 1
        result, digest = done
        self.expected = digest
        self._applied = not undoing
        if undoing:
            self.imported_state = result.previous
            text = (
                f"Import of {self.source_name} undone: the data is as it was before it "
                f"(backup {self.before_import.name}). Edit ▸ Redo puts the import back."
            )
        else:
            text = f"Import of {self.source_name} redone."
        self.controller.window.statusBar().showMessage(text, 15_000)
        self.controller.changed.emit("")

    def _refused(self, error: BaseException) -> None:
        """Nothing was restored: say why and put the stack back. A step whose state is gone
        (the data changed since) leaves the stack; one that failed otherwise (the file was
        busy) stays, to be tried again."""
        controller = self.controller
        controller.pending -= 1
        stack = controller.stack
        self.setObsolete(isinstance(error, ChangedSinceError))
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
        if isinstance(error, DossierError):
            dialogs.show_error(controller.window, "The import", str(error))
        else:
            dialogs.report_unexpected(controller.window, error)
