"""What every undoable edit shares: the undo stack, running a step, and saying what went wrong.

A step is a ``QUndoCommand`` whose redo and undo each run an application function
(:mod:`desktop.app.edits`, :mod:`desktop.app.records`) on the database executor through
:class:`~desktop.ui.base.operation.DatabaseOp`; the change it made goes out on the executor's
``data_changed``, so every view that shows that data refreshes itself. The entity commands,
the record edits and the import's undo build on :class:`EditSteps`; the edit controller is one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.app.changes import DataChange
from desktop.ui.base import dialogs
from desktop.ui.base.formats import said
from desktop.ui.base.operation import DatabaseOp, report_error
from desktop.ui.base.wording import entity_gone

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.ui.base.executor import DatabaseExecutor

T = TypeVar("T")


def not_saved() -> str:
    """The title of every refused change (translated when shown, not at import)."""
    return QCoreApplication.translate("EditSteps", "The change was not saved")


def who() -> str:
    """Who the journal names for a step taken now (see :func:`desktop.app.edits.journal_name`)."""
    from desktop.app.edits import journal_name

    return journal_name()


class EditSteps(QObject):
    """The undo stack of one window and the plumbing its steps run through."""

    removed = Signal(str)  # an entity went away in this window: what the detail pane says

    def __init__(self, executor: DatabaseExecutor, window: QWidget) -> None:
        super().__init__(window)
        self.executor = executor
        self.window = window
        self.stack = QUndoStack(self)
        self.pending = 0  # undo steps still running that may refuse (an import's restore)
        self.queued_changes = 0  # changes queued so far: a form read before one is stale

    def undo(self) -> None:
        """Edit ▸ Undo: one step back, unless a step that may be refused is still running."""
        if not self.pending:
            self.stack.undo()

    def redo(self) -> None:
        if not self.pending:
            self.stack.redo()

    def run(
        self,
        work: Callable[[Store], T],
        *,
        announce: Callable[[T], DataChange],
        removal: Callable[[T], str] | None = None,
        step: QUndoCommand | None = None,
    ) -> None:
        """Queue ``work``; then say what went (``removal``), then announce what changed.

        When the work of an undo ``step`` is refused (its entity was deleted meanwhile, a
        second click on Delete), the step is made obsolete: it did nothing, so Undo and Redo
        drop it instead of acting on a change that never happened.
        """

        def announced(result: T) -> DataChange:
            if removal is not None:  # before the views refresh: the pane must not look it up
                self.removed.emit(removal(result))
            return announce(result)

        def refused(error: BaseException) -> None:
            if step is None:
                self.failed(error)
                return
            if shiboken6.isValid(step):  # the stack may have been cleared meanwhile
                step.setObsolete(True)
            self.entity_failed(error)

        self.queued_changes += 1
        DatabaseOp(self, work, title=not_saved()).announces(announced).failure(refused).run(
            self.executor
        )

    def entity_failed(self, error: BaseException) -> None:
        """As :meth:`failed`, for a step on one entity: its absence is said as such."""
        from desktop.core.errors import NotFoundError

        if isinstance(error, NotFoundError):
            dialogs.show_error(self.window, not_saved(), entity_gone())
        else:
            self.failed(error)

    def failed(self, error: BaseException) -> None:
        """A refused change is a sentence (core's ValueError says which field and why)."""
        if isinstance(error, ValueError):
            dialogs.show_error(self.window, not_saved(), said(error))
        else:
            report_error(self.window, not_saved(), error)


Edit = Callable[["Store", str], object]  # (store, who) → what the application function returns


class StoreStep(QUndoCommand):
    """An undoable step made of two application functions: one does it, one takes it back.

    Both get the store and the name for the journal; both announce ``change`` when done.
    """

    def __init__(
        self, steps: EditSteps, text: str, *, forward: Edit, backward: Edit, change: DataChange
    ) -> None:
        super().__init__(text)
        self.steps, self.forward, self.backward, self.change = steps, forward, backward, change

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, edit: Edit) -> None:
        name, change = who(), self.change
        self.steps.run(lambda store: edit(store, name), announce=lambda _result: change)
