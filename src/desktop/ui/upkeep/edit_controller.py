"""Editing from the window: the Data menu's actions, dialogs in, undoable steps out.

Every edit is a step on the undo stack (:mod:`desktop.ui.upkeep.steps`), so Ctrl+Z /
Ctrl+Shift+Z walk back and forth through saves, deletes and record edits in order; undoing an
import puts back the backup the import took (:mod:`desktop.ui.upkeep.import_undo`). The work
is done by application functions (:mod:`desktop.app.edits`); they, the forms and the commands
are imported when first needed: they bring the ORM, which the window's first screen does
without.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from desktop.app.changes import Topic, change
from desktop.ui.base import dialogs
from desktop.ui.base.formats import counted
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.wording import plural
from desktop.ui.upkeep.steps import EditSteps, who

if TYPE_CHECKING:
    from desktop.app.edits import DeleteImpact, EntityForm
    from desktop.app.exchange import Imported
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.upkeep.import_dialog import ImportDialog
    from desktop.ui.upkeep.maintenance import Maintenance
    from desktop.ui.upkeep.record_edits import RecordEdits


def _singular(what: str) -> str:
    head, _, last = what.rpartition(" ")
    word = last[:-1] if last.endswith("s") else last
    return f"{head} {word}".strip()


def _goes(what: str, count: int) -> str:
    """``3 relations``: what goes with a deleted entity, counted in the window's language."""
    translate = QCoreApplication.translate
    if what == "relations":
        one, many = (
            translate("EditController", "1 relation"),
            translate("EditController", "{count} relations"),
        )
    elif what == "figures":
        one, many = (
            translate("EditController", "1 figure"),
            translate("EditController", "{count} figures"),
        )
    elif what == "space offers":
        one, many = (
            translate("EditController", "1 space offer"),
            translate("EditController", "{count} space offers"),
        )
    else:  # a kind core added later: said as core names it
        return plural(count, _singular(what), what)
    return counted(count, one, many)


class EditController(EditSteps):
    team_requested = Signal()  # Settings ▸ Team…: the window opens its team dialog

    def __init__(self, executor: DatabaseExecutor, window: QWidget) -> None:
        super().__init__(executor, window)
        self._records: RecordEdits | None = None
        self.maintenance: Maintenance | None = None  # set by the window: undoing an import

    @property
    def records(self) -> RecordEdits:
        """Figure, relation, space and contact edits (imported on first use: they need the ORM)."""
        if self._records is None:
            from desktop.ui.upkeep.record_edits import RecordEdits

            self._records = RecordEdits(self)
        return self._records

    # --- entities ------------------------------------------------------------------------------

    def new_entity(self) -> None:
        from desktop.app import edits

        DatabaseOp(self, lambda store: edits.entity_form(store, slug=None)).success(
            self._edit
        ).failure(self.failed).run(self.executor)

    def edit_entity(self, slug: str) -> None:
        """Open the form on ``slug``; a row still listed after its entity was deleted (the
        delete is on its way) gets a sentence, not an unexpected error.

        The form shows the entity as it is when the form opens: if a change (an Undo pressed
        while the form was loading) was queued after the form's data was asked for, the data
        is asked for again. Saving a form read before that change would silently write the
        undone values back, and the save's own Undo would then restore the wrong state.
        """
        from desktop.app import edits

        asked = self.queued_changes

        def show(form: EntityForm) -> None:
            if asked != self.queued_changes:
                self.edit_entity(slug)
            else:
                self._edit(form)

        DatabaseOp(self, lambda store: edits.entity_form(store, slug=slug)).success(show).failure(
            self.entity_failed
        ).run(self.executor)

    def _edit(self, form: EntityForm) -> None:
        from desktop.ui.upkeep import entity_dialog  # the form brings the ORM's record types
        from desktop.ui.upkeep.entity_commands import SaveEntityCommand

        after = entity_dialog.edit_entity(self.window, form.record, form.names, form.tags)
        if after is not None and after != form.record:
            self.stack.push(SaveEntityCommand(self, form.record, after))

    def delete_entity(self, slug: str) -> None:
        from desktop.app import edits

        DatabaseOp(self, lambda store: edits.delete_impact(store, slug=slug)).success(
            lambda impact: self._confirm_delete(slug, impact)
        ).failure(self.entity_failed).run(self.executor)

    def _confirm_delete(self, slug: str, impact: DeleteImpact) -> None:
        from desktop.ui.upkeep.entity_commands import DeleteEntityCommand

        goes = ", ".join(_goes(what, count) for what, count in impact.goes.items() if count)
        if dialogs.confirm(
            self.window,
            self.tr("Delete entity"),
            self.tr(
                "Delete “{name}”? With it go: {goes}. "
                "Edit ▸ Undo (Ctrl+Z) puts it back while the window is open."
            ).format(name=impact.name, goes=goes or self.tr("nothing else")),
        ):
            self.stack.push(DeleteEntityCommand(self, slug, impact.name))

    def verify(self, record_type: str, key: str) -> None:
        """Mark an entity or a figure checked today (not a step on the undo stack)."""
        from desktop.app import edits

        name, entity = who(), record_type == "entity"
        announced = (
            change(Topic.ENTITIES, slug=key) if entity else change(Topic.FIGURES, Topic.ENTITIES)
        )
        DatabaseOp(
            self, lambda store: edits.verify(store, record_type=record_type, key=key, who=name)
        ).announces(announced).failure(self.entity_failed if entity else self.failed).run(
            self.executor
        )

    # --- the journal, sources, settings --------------------------------------------------------

    def open_audit(self, record_key: str | None = None) -> None:
        from desktop.ui.upkeep.journal_dialogs import AuditDialog

        AuditDialog(self.executor, self.window, record_key).show()

    def open_needs_checking(self, show_entity: Callable[[str], object]) -> None:
        from desktop.ui.upkeep.journal_dialogs import NeedsCheckingDialog

        dialog = NeedsCheckingDialog(self.executor, self.window)
        dialog.show_entity.connect(show_entity)
        dialog.verify_requested.connect(self.verify)
        dialog.show()

    def open_sources(self) -> None:
        from desktop.ui.upkeep.journal_dialogs import SourcesDialog

        SourcesDialog(self.executor, self.records, self.window).show()

    def open_settings(self) -> None:
        from desktop.ui.preferences.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window)
        dialog.team_requested.connect(self.team_requested)
        dialog.exec()
        dialog.deleteLater()

    # --- import and export ---------------------------------------------------------------------

    def open_import(self) -> ImportDialog:
        """Data ▸ Import…: into the executor's database, undoable through its backup."""
        from desktop.ui.upkeep.import_dialog import ImportDialog

        dialog = ImportDialog(self.executor, self.window)
        dialog.applied.connect(self.imported)
        dialog.show()
        return dialog

    def imported(self, done: Imported) -> None:
        """An import was applied (its dialog announced the change): it becomes a step on the
        undo stack when it wrote anything and the window can restore."""
        if self.maintenance is not None and done.backup_path is not None:
            from desktop.ui.upkeep.import_undo import ImportCommand

            self.stack.push(ImportCommand(self, self.maintenance, done))

    def export_data(self) -> None:
        path = dialogs.ask_save_path(
            self.window,
            self.tr("Dossier Desk data.xlsx", "the suggested file name"),
            self.tr("Data (*.xlsx *.json *.csv)"),
        )
        if path is None:
            return
        from desktop.app import exchange

        DatabaseOp(self, lambda store: exchange.export_data(store.database, out=path)).success(
            lambda files: dialogs.show_info(
                self.window,
                self.tr("Export data"),
                self.tr("Written: {files}").format(files=", ".join(str(f) for f in files)),
            )
        ).failure(self.failed).run(self.executor)
