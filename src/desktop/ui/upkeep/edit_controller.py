"""Editing from the window: dialogs in, undoable commands out.

Every edit is a ``QUndoCommand`` whose redo/undo queue a job on the database executor, so
Ctrl+Z / Ctrl+Shift+Z walk back and forth through saves and deletes in order. Undoing a delete
restores the entity with its relations, figures, space and contact; undoing an import puts back
the backup the import took (:mod:`desktop.ui.upkeep.import_undo`).

The messages say what really happened: the detail pane speaks of a deletion only after one, and
names the key that takes it back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.ui.base import dialogs
from desktop.ui.base.wording import entity_gone, plural
from desktop.ui.upkeep import entity_dialog

if TYPE_CHECKING:
    from desktop.core.upkeep.editing import DeletedEntity, EntityRecord
    from desktop.ui.base.executor import DatabaseExecutor


def _jobs() -> Any:
    from desktop.app import edits as edit_jobs

    return edit_jobs


def consultant_name() -> str:
    """Who the journal names: the consultant from the settings, else the computer login."""
    import getpass

    try:
        login = getpass.getuser()
    except Exception:  # no login name on some systems: the journal still needs a name
        login = "unknown"
    return dialogs.consultant_card().name or login


def entity_name(store: Any, slug: str) -> str:
    """In the worker: the entity's name for a question or a message (the slug if unknown)."""
    from sqlmodel import select

    from desktop.core.kb.models import Entity

    with store.database.session() as session:
        entity = session.exec(select(Entity).where(Entity.slug == slug)).first()
        return entity.name if entity is not None else slug


def _singular(what: str) -> str:
    head, _, last = what.rpartition(" ")
    word = last[:-1] if last.endswith("s") else last
    return f"{head} {word}".strip()


class EditController(QObject):
    changed = Signal(str)  # the slug to show after a change ("" when there is none to show)
    removed = Signal(str)  # an entity went away in this window: what the detail pane says

    def __init__(self, executor: DatabaseExecutor, window: QWidget) -> None:
        super().__init__(window)
        self.executor = executor
        self.window = window
        self.stack = QUndoStack(self)
        self._records: Any = None
        self.maintenance: Any = None  # set by the window: restores for undoing an import
        self.pending = 0  # undo steps still running that may refuse (an import's restore)
        self.queued_changes = 0  # changes queued so far: a form read before one is stale

    def undo(self) -> None:
        """Edit ▸ Undo: one step back, unless a step that may be refused is still running."""
        if not self.pending:
            self.stack.undo()

    def redo(self) -> None:
        if not self.pending:
            self.stack.redo()

    @property
    def records(self) -> Any:
        """Figure, relation, space and contact edits (imported on first use: they need the ORM)."""
        if self._records is None:
            from desktop.ui.upkeep.record_edits import RecordEdits

            self._records = RecordEdits(self)
        return self._records

    # --- actions -------------------------------------------------------------------------------

    def new_entity(self) -> None:
        self.executor.submit(
            lambda store: _jobs().form_data(store, None),
            lambda data: self._edit(None, *data),
            self._failed,
        )

    def edit_entity(self, slug: str) -> None:
        """Open the form on ``slug``; a row still listed after its entity was deleted (the
        delete is on its way) gets a sentence, not an unexpected error.

        The form shows the entity as it is when the form opens: if a change (an Undo pressed
        while the form was loading) was queued after the form's data was asked for, the data
        is asked for again. Saving a form read before that change would silently write the
        undone values back, and the save's own Undo would then restore the wrong state.
        """
        asked = self.queued_changes

        def show(data: Any) -> None:
            if asked != self.queued_changes:
                self.edit_entity(slug)
            else:
                self._edit(slug, *data)

        self.executor.submit(
            lambda store: _jobs().form_data(store, slug), show, self._entity_failed
        )

    def _edit(self, slug: str | None, record: EntityRecord | None, names: dict, tags: dict) -> None:
        after = entity_dialog.edit_entity(self.window, record, names, tags)
        if after is not None and after != record:
            self.stack.push(SaveEntityCommand(self, record, after))

    def delete_entity(self, slug: str) -> None:
        self.executor.submit(
            lambda store: (_jobs().delete_impact(store, slug), entity_name(store, slug)),
            lambda found: self._confirm_delete(slug, *found),
            self._entity_failed,
        )

    def _confirm_delete(self, slug: str, impact: dict[str, int], name: str) -> None:
        goes = (
            ", ".join(
                plural(count, _singular(what), what) for what, count in impact.items() if count
            )
            or "nothing else"
        )
        if dialogs.confirm(
            self.window,
            "Delete entity",
            f"Delete “{name}”? With it go: {goes}. "
            "Edit ▸ Undo (Ctrl+Z) puts it back while the window is open.",
        ):
            self.stack.push(DeleteEntityCommand(self, slug, name))

    def verify(self, record_type: str, key: str) -> None:
        who = consultant_name()
        self.executor.submit(
            lambda store: _jobs().verify(store, record_type, key, who),
            lambda _: self.changed.emit(key if record_type == "entity" else ""),
            self._entity_failed if record_type == "entity" else self._failed,
        )

    def open_audit(self, record_key: str | None = None) -> None:
        from desktop.ui.upkeep.journal_dialogs import AuditDialog

        dialog = AuditDialog(self.executor, self.window, record_key)
        dialog.show()

    def open_needs_checking(self, show_entity: Any) -> None:
        from desktop.ui.upkeep.journal_dialogs import NeedsCheckingDialog

        dialog = NeedsCheckingDialog(self.executor, self.window)
        dialog.show_entity.connect(show_entity)
        dialog.verify_requested.connect(self.verify)
        self.changed.connect(lambda _slug: dialog.load())
        dialog.show()

    def open_import(self, db_path: Any) -> Any:
        from desktop.ui.upkeep.import_dialog import ImportDialog

        dialog = ImportDialog(self.executor, db_path, self.window)
        dialog.applied.connect(self.imported)
        dialog.show()
        return dialog

    def imported(self, done: Any) -> None:
        """An import was applied: it becomes a step on the undo stack (when it wrote anything
        and the window can restore), and every view shows the data as it now is."""
        if self.maintenance is not None and done.backup_path is not None:
            from desktop.ui.upkeep.import_undo import ImportCommand

            self.stack.push(ImportCommand(self, done))
        self.changed.emit("")

    def export_data(self) -> None:
        path = dialogs.ask_save_path(
            self.window, "Dossier Desk data.xlsx", "Data (*.xlsx *.json *.csv)"
        )
        if path is None:
            return

        def write(store: Any) -> list[Any]:
            from desktop.core.exchange.exporter import export_data

            return export_data(store.database, path)

        self.executor.submit(
            write,
            lambda files: dialogs.show_info(
                self.window, "Export", "Written: " + ", ".join(str(f) for f in files)
            ),
            self._failed,
        )

    def open_sources(self) -> None:
        from desktop.ui.upkeep.journal_dialogs import SourcesDialog

        SourcesDialog(self.executor, self.records, self.window).show()

    def open_settings(self) -> None:
        from desktop.ui.preferences.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window)
        dialog.exec()
        dialog.deleteLater()

    # --- plumbing for the commands -------------------------------------------------------------

    def run(
        self,
        work: Any,
        show: Any,
        removal: Callable[[Any], str] | None = None,
        step: QUndoCommand | None = None,
    ) -> None:
        """Queue ``work``; then say what went (``removal``) and which entity to show.

        When the work of an undo ``step`` is refused (its entity was deleted meanwhile, a
        second click on Delete), the step is made obsolete: it did nothing, so Undo and Redo
        drop it instead of acting on a change that never happened.
        """

        def done(result: Any) -> None:
            if removal is not None:
                self.removed.emit(removal(result))
            self.changed.emit(show(result))

        self.queued_changes += 1

        def refused(error: BaseException) -> None:
            if step is not None:
                if shiboken6.isValid(step):  # the stack may have been cleared meanwhile
                    step.setObsolete(True)
                self._entity_failed(error)
            else:
                self._failed(error)

        self.executor.submit(work, done, refused)

    def _entity_failed(self, error: BaseException) -> None:
        """As :meth:`_failed`, for a step on one entity: its absence is said as such."""
        from desktop.core.errors import NotFoundError

        if isinstance(error, NotFoundError):
            dialogs.show_error(self.window, "The change was not saved", entity_gone())
        else:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if isinstance(error, (DossierError, ValueError)):
            dialogs.show_error(self.window, "The change was not saved", str(error))
        else:
            dialogs.report_unexpected(self.window, error)


class SaveEntityCommand(QUndoCommand):
    """Create (``before`` None) or update an entity; undo restores the previous state."""

    def __init__(
        self, controller: EditController, before: EntityRecord | None, after: EntityRecord
    ) -> None:
        super().__init__(f"{'Edit' if before else 'Create'} {after.name}")
        self.controller, self.before, self.after = controller, before, after
        self.deleted: DeletedEntity | None = None

    def redo(self) -> None:
        who, before, after = consultant_name(), self.before, self.after
        if before is None and self.deleted is not None:  # redo of an undone creation
            deleted = self.deleted
            self.controller.run(
                lambda store: _jobs().restore_entity(store, deleted, who),
                lambda slug: slug,
                step=self,
            )
            return
        original = before.slug if before else None
        self.controller.run(
            lambda store: _jobs().save_entity(store, after, original, who),
            lambda slug: slug,
            step=self,
        )

    def undo(self) -> None:
        who, before, after = consultant_name(), self.before, self.after
        if before is None:

            def remove(store: Any) -> str:
                self.deleted = _jobs().delete_entity(store, after.slug, who)
                return ""

            self.controller.run(
                remove,
                lambda slug: slug,
                lambda _r: (
                    f"The new entity “{after.name}” was taken back (Undo). "
                    "Edit ▸ Redo (Ctrl+Shift+Z) creates it again."
                ),
                step=self,
            )
        else:
            self.controller.run(
                lambda store: _jobs().save_entity(store, before, after.slug, who),
                lambda slug: slug,
                step=self,
            )


class DeleteEntityCommand(QUndoCommand):
    def __init__(self, controller: EditController, slug: str, name: str | None = None) -> None:
        super().__init__(f"Delete {name or slug}")
        self.controller, self.slug, self.name = controller, slug, name or slug
        self.deleted: DeletedEntity | None = None

    def redo(self) -> None:
        who, slug, name = consultant_name(), self.slug, self.name

        def remove(store: Any) -> str:
            self.deleted = _jobs().delete_entity(store, slug, who)
            return ""

        self.controller.run(
            remove,
            lambda result: result,
            lambda _r: f"“{name}” was deleted. Edit ▸ Undo (Ctrl+Z) puts it back.",
            step=self,
        )

    def undo(self) -> None:
        who = consultant_name()

        def restore(store: Any) -> str:
            # read in the worker: an undo pressed at once still finds the delete done
            if self.deleted is None:  # the delete was refused: nothing to put back
                return ""
            return _jobs().restore_entity(store, self.deleted, who)

        self.controller.run(restore, lambda slug: slug, step=self)
