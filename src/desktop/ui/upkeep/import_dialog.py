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

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.changes import Topic, change
from desktop.ui.base import dialogs
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.settings import setting
from desktop.ui.base.wording import plural
from desktop.ui.upkeep.steps import who
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.exchange import Imported, ImportTable
    from desktop.app.store import Store
    from desktop.core.exchange.importer import ImportPlan, RowPlan, Table
    from desktop.ui.base.executor import DatabaseExecutor

IGNORE = ""
ACTION_WORDS = {
    "add": "to add",
    "update": "to update",
    "reject": "rejected",
    "unchanged": "unchanged",
}

# what an import changes: the records it wrote (the undo of one is a restore: EVERYTHING)
IMPORTED = change(Topic.ENTITIES, Topic.FIGURES, Topic.SOURCES)


def rows_summary(counts: dict[str, int]) -> str:
    """``3 rows to add, 1 row rejected``: the dry run's counts in words."""
    parts = [
        f"{plural(n, 'row')} {ACTION_WORDS.get(action, action)}"
        for action, n in counts.items()
        if n
    ]
    return ", ".join(parts) or "No rows."


def _row_text(row: RowPlan) -> str:
    if row.problems:
        return "; ".join(str(problem) for problem in row.problems)
    if row.changes:
        from desktop.core.exchange.plan import display

        return "; ".join(
            f"{c.field}: {display(c.old) or '—'} → {display(c.new) or '—'}" for c in row.changes
        )
    return ""


class ImportDialog(QDialog):
    imported = Signal(object)  # ApplyResult
    applied = Signal(object)  # desktop.app.exchange.Imported, for the undo stack

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import data")
        self.resize(1000, 700)
        self.executor = executor
        self.path: Path | None = None
        self.table: Table | None = None
        self.kind: str | None = None
        self.plan: ImportPlan | None = None

        self.file_label = QLabel("No file chosen.", self)
        choose = QPushButton("Choose file…", self)
        choose.clicked.connect(self.choose_file)
        self.record_type = QComboBox(self)
        self.record_type.setAccessibleName("Record type")
        self.record_type.addItem("Detect from the file", None)
        for name in ("entities", "facts", "contacts", "relations", "spaces", "sources", "tags"):
            self.record_type.addItem(name.capitalize(), name)
        self.encoding = QComboBox(self)
        self.encoding.setAccessibleName("Text encoding")
        for label, value in (("Detect encoding", None), ("UTF-8", "utf-8"), ("Latin-1", "latin-1")):
            self.encoding.addItem(label, value)
        self.record_type.activated.connect(lambda _i: self._read())
        self.encoding.activated.connect(lambda _i: self._read())
        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setObjectName("columnMapping")
        self.mapping.setAccessibleName("Column mapping: file column to field")
        self.mapping.setHorizontalHeaderLabels(["Column in the file", "Field"])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.preview_button = QPushButton("Preview (dry run)", self)
        self.preview_button.setObjectName("previewImport")
        self.preview_button.clicked.connect(self.preview)
        self.rows: RecordTableModel[RowPlan] = RecordTableModel(
            [
                Column("Row", lambda r: str(r.row), lambda r: r.row),
                Column("Record", lambda r: r.key),
                Column("Action", lambda r: r.action),
                Column("Changes or problems", _row_text),
            ],
            self,
        )
        self.result = record_table("importPreview", "Import dry run, row by row", self.rows, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.skip_rejected = QCheckBox(
            "Import the accepted rows and leave the rejected ones out", self
        )
        self.apply_button = QPushButton("Apply", self)
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
        layout.addWidget(QLabel("<b>Columns</b> — which field each column of the file fills", self))
        layout.addWidget(self.mapping, 1)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.result, 2)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

    # --- reading and mapping ---------------------------------------------------------------------

    def choose_file(self) -> None:
        path = dialogs.ask_open_path(self, "Import data", "Data files (*.csv *.xlsx *.json)")
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

        DatabaseOp(self, read).with_progress("Reading the file…").success(
            self._show_mapping
        ).failure(self._failed).run(self.executor)

    def _show_mapping(self, read: ImportTable) -> None:
        self.table, self.kind = read.table, read.record_type
        self.record_type.setCurrentIndex(max(0, self.record_type.findData(self.kind)))
        self.mapping.setRowCount(len(read.table.headers))
        for row, header in enumerate(read.table.headers):
            self.mapping.setCellWidget(row, 0, QLabel(header, self.mapping))
            combo = QComboBox(self.mapping)
            combo.addItem("(ignore this column)", IGNORE)
            for name in read.fields:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(read.mapping.get(header, IGNORE))))
            self.mapping.setCellWidget(row, 1, combo)
        self.summary.setText("Check the columns, then Preview. Nothing is written before Apply.")
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

        DatabaseOp(self, dry_run).with_progress("Checking every row…").success(
            self._show_plan
        ).failure(self._failed).run(self.executor)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.rows.set_records(plan.rows)
        self.result.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        counts = plan.counts()
        lines = [rows_summary(counts)]
        lines += [str(problem) for problem in plan.problems]
        lines += plan.notes[:3]
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
        DatabaseOp(self, write).with_progress("Importing…").announces(IMPORTED).success(
            self._done
        ).failure(self._failed).run(self.executor)

    def _done(self, done: Imported) -> None:
        result = done.result
        text = (
            f"Imported: {result.added} added, {result.updated} updated, {result.skipped} left out."
        )
        if done.backup_path is not None:
            text += (
                f" The backup taken first is {done.backup_path.name}: Edit ▸ Undo (Ctrl+Z) in "
                "the main window puts it back, and so does Tools ▸ Restore a backup…"
            )
        else:
            text += " Nothing needed writing."
        self.summary.setText(text)
        self.plan = None
        self.applied.emit(done)
        self.imported.emit(result)

    def _failed(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if isinstance(error, (DossierError, ValueError, OSError)):
            self.summary.setText(str(error))
            dialogs.show_error(self, "Import", str(error))
        else:
            dialogs.report_unexpected(self, error)
        self._update_apply()
