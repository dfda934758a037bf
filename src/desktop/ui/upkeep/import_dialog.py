"""Import a CSV, XLSX or JSON file: map the columns, see the dry run, then apply.

Nothing is written until Apply: the dry run lists, row by row, what would be added, updated
(field: old → new) or rejected and why. Apply takes a backup, then writes everything in one
transaction; rejected rows block it unless the consultant chooses to import the rest only.
That backup is what Edit ▸ Undo puts back (:mod:`desktop.ui.upkeep.import_undo`); the success
message names it. Reading, planning and applying are :mod:`desktop.app.exchange`'s, the same
as for the command line, run on the database executor, never on the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.changes import Topic, change
from desktop.ui.base import dialogs
from desktop.ui.base.formats import counted, said
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.settings import setting
from desktop.ui.upkeep.labels import field_word, shown_value
from desktop.ui.upkeep.steps import who
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.exchange import Imported, ImportTable
    from desktop.app.store import Store
    from desktop.core.exchange.importer import ImportPlan, RowPlan, Table
    from desktop.ui.base.executor import DatabaseExecutor

IGNORE = ""
RECORD_TYPES = ("entities", "facts", "contacts", "relations", "spaces", "sources", "tags")
translate = QCoreApplication.translate

# what an import changes: the records it wrote (the undo of one is a restore: EVERYTHING)
IMPORTED = change(Topic.ENTITIES, Topic.FIGURES, Topic.SOURCES)


def _rows(action: str, n: int) -> str:
    """``3 rows to add``: one of the dry run's counts in words."""
    if action == "add":
        one, many = (
            translate("ImportDialog", "1 row to add"),
            translate("ImportDialog", "{count} rows to add"),
        )
    elif action == "update":
        one, many = (
            translate("ImportDialog", "1 row to update"),
            translate("ImportDialog", "{count} rows to update"),
        )
    elif action == "reject":
        one, many = (
            translate("ImportDialog", "1 row rejected"),
            translate("ImportDialog", "{count} rows rejected"),
        )
    elif action == "unchanged":
        one, many = (
            translate("ImportDialog", "1 row unchanged"),
            translate("ImportDialog", "{count} rows unchanged"),
        )
    else:  # an action core added later: named by its code
        text = translate("ImportDialog", "{count} × {action}")
        return text.format(count=QLocale().toString(n), action=action)
    return counted(n, one, many)


def rows_summary(counts: dict[str, int]) -> str:
    """``3 rows to add, 1 row rejected``: the dry run's counts in words."""
    parts = [_rows(action, n) for action, n in counts.items() if n]
    return ", ".join(parts) or translate("ImportDialog", "No rows.")


def action_word(action: str) -> str:
    """What the dry run will do with a row, as the preview's Action column says it."""
    words = {
        "add": translate("ImportDialog", "add"),
        "update": translate("ImportDialog", "update"),
        "reject": translate("ImportDialog", "reject"),
        "unchanged": translate("ImportDialog", "unchanged"),
    }
    return words.get(action, action)


def record_type_words() -> dict[str, str]:
    """The importable record types (as the file names them) in words."""
    return {
        "entities": translate("ImportDialog", "Entities"),
        "facts": translate("ImportDialog", "Key figures"),
        "contacts": translate("ImportDialog", "Contacts"),
        "relations": translate("ImportDialog", "Relations"),
        "spaces": translate("ImportDialog", "Space offers"),
        "sources": translate("ImportDialog", "Sources"),
        "tags": translate("ImportDialog", "Tags"),
    }


def _row_text(row: RowPlan) -> str:
    if row.problems:
        return "; ".join(said(problem) for problem in row.problems)
    if row.changes:
        return "; ".join(
            f"{field_word(c.field)}: {shown_value(c.field, c.old)} → {shown_value(c.field, c.new)}"
            for c in row.changes
        )
    return ""


class ImportDialog(QDialog):
    imported = Signal(object)  # ApplyResult
    applied = Signal(object)  # desktop.app.exchange.Imported, for the undo stack

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import data"))
        self.resize(1000, 700)
        self.executor = executor
        self.path: Path | None = None
        self.table: Table | None = None
        self.kind: str | None = None
        self.plan: ImportPlan | None = None

        self.file_label = QLabel(self.tr("No file chosen."), self)
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose_file)
        self.record_type = QComboBox(self)
        self.record_type.setAccessibleName(self.tr("Record type"))
        self.record_type.addItem(self.tr("Detect from the file"), None)
        words = record_type_words()
        for name in RECORD_TYPES:
            self.record_type.addItem(words[name], name)
        self.encoding = QComboBox(self)
        self.encoding.setAccessibleName(self.tr("Text encoding"))
        self.encoding.addItem(self.tr("Detect encoding"), None)
        for label, value in (("UTF-8", "utf-8"), ("Latin-1", "latin-1")):
            self.encoding.addItem(label, value)
        self.record_type.activated.connect(lambda _i: self._read())
        self.encoding.activated.connect(lambda _i: self._read())
        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setObjectName("columnMapping")
        self.mapping.setAccessibleName(self.tr("Column mapping: file column to field"))
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.preview_button = QPushButton(self.tr("Preview (dry run)"), self)
        self.preview_button.setObjectName("previewImport")
        self.preview_button.clicked.connect(self.preview)
        self.rows: RecordTableModel[RowPlan] = RecordTableModel(
            [
                Column(self.tr("Row"), lambda r: str(r.row), lambda r: r.row),
                Column(self.tr("Record"), lambda r: r.key),
                Column(self.tr("Action"), lambda r: action_word(r.action)),
                Column(self.tr("Changes or problems"), _row_text),
            ],
            self,
        )
        self.result = record_table(
            "importPreview", self.tr("Import dry run, row by row"), self.rows, self
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.skip_rejected = QCheckBox(
            self.tr("Import the accepted rows and leave the rejected ones out"), self
        )
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.skip_rejected.toggled.connect(lambda _on: self._update_apply())

        top = QHBoxLayout()
        for widget in (choose, self.file_label, self.record_type, self.encoding):
            top.addWidget(widget)
        top.setStretch(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_rejected)
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(self.tr("<b>Columns</b> — which field each column of the file fills"), self)
        )
        layout.addWidget(self.mapping, 1)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.result, 2)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

    # --- reading and mapping ---------------------------------------------------------------------

    def choose_file(self) -> None:
        path = dialogs.ask_open_path(
            self, self.tr("Import data"), self.tr("Data files (*.csv *.xlsx *.json)")
        )
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self._read()

    def _read(self) -> None:
        if self.path is None:
            return
        path, encoding, chosen = (
            self.path,
            self.encoding.currentData(),
            self.record_type.currentData(),
        )

        def read(_store: object) -> ImportTable:
            from desktop.app import exchange

            return exchange.read_import_file(path=path, encoding=encoding, record_type=chosen)

        DatabaseOp(self, read).with_progress(self.tr("Reading the file…")).success(
            self._show_mapping
        ).failure(self._failed).run(self.executor)

    def _show_mapping(self, read: ImportTable) -> None:
        self.table, self.kind = read.table, read.record_type
        self.record_type.setCurrentIndex(max(0, self.record_type.findData(self.kind)))
        self.mapping.setRowCount(len(read.table.headers))
        for row, header in enumerate(read.table.headers):
            self.mapping.setCellWidget(row, 0, QLabel(header, self.mapping))
            combo = QComboBox(self.mapping)
            combo.addItem(self.tr("(ignore this column)"), IGNORE)
            for name in read.fields:
                combo.addItem(field_word(name), name)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(read.mapping.get(header, IGNORE))))
            self.mapping.setCellWidget(row, 1, combo)
        self.summary.setText(
            self.tr("Check the columns, then Preview. Nothing is written before Apply.")
        )
        self.plan = None
        self._update_apply()

    def current_mapping(self) -> dict[str, str]:
        mapping = {}
        for row, header in enumerate(self.table.headers if self.table else []):
            field = self.mapping.cellWidget(row, 1).currentData()  # type: ignore[union-attr]
            if field:
                mapping[header] = field
        return mapping

    # --- dry run and apply ---------------------------------------------------------------------

    def preview(self) -> None:
        if self.table is None or self.kind is None:
            return
        table, mapping, kind = self.table, self.current_mapping(), self.kind

        def dry_run(store: Store) -> ImportPlan:
            from desktop.app import exchange

            return exchange.preview_import(
                store.database, table=table, mapping=mapping, record_type=kind
            )

        DatabaseOp(self, dry_run).with_progress(self.tr("Checking every row…")).success(
            self._show_plan
        ).failure(self._failed).run(self.executor)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.rows.set_records(plan.rows)
        self.result.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        counts = plan.counts()
        lines = [rows_summary(counts)]
        lines += [said(problem) for problem in plan.problems]
        lines += [said(note) for note in plan.notes[:3]]
        self.summary.setText("\n".join(lines))
        self._update_apply()

    def _update_apply(self) -> None:
        plan = self.plan
        ready = plan is not None and not plan.problems and bool(plan.rows)
        rejected = bool(plan and plan.of("reject"))
        self.apply_button.setEnabled(ready and (not rejected or self.skip_rejected.isChecked()))

    def apply(self) -> None:
        if self.plan is None:
            return
        plan, name, skip, keep = (
            self.plan,
            who(),
            self.skip_rejected.isChecked(),
            setting("backup_count"),
        )

        def write(store: Store) -> Imported:
            from desktop.app import exchange

            return exchange.apply_import(
                store.database,
                plan=plan,
                who=name,
                skip_rejected=skip,
                keep_backups=keep,
                undoable=True,
            )

        self.apply_button.setEnabled(False)
        DatabaseOp(self, write).with_progress(self.tr("Importing…")).announces(IMPORTED).success(
            self._done
        ).failure(self._failed).run(self.executor)

    def _done(self, done: Imported) -> None:
        result = done.result
        text = self.tr("Imported: {added} added, {updated} updated, {skipped} left out.").format(
            added=QLocale().toString(result.added),
            updated=QLocale().toString(result.updated),
            skipped=QLocale().toString(result.skipped),
        )
        if done.backup_path is not None:
            text += " " + self.tr(
                "The backup taken first is {name}: Edit ▸ Undo (Ctrl+Z) in the main window "
                "puts it back, and so does Tools ▸ Restore a backup…"
            ).format(name=done.backup_path.name)
        else:
            text += " " + self.tr("Nothing needed writing.")
        self.summary.setText(text)
        self.plan = None
        self.applied.emit(done)
        self.imported.emit(result)

    def _failed(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if isinstance(error, (DossierError, ValueError, OSError)):
            self.summary.setText(said(error))
            dialogs.show_error(self, self.tr("Import"), said(error))
        else:
            dialogs.report_unexpected(self, error)
        self._update_apply()
