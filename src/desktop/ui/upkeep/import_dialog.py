"""Import a CSV, XLSX or JSON file: map the columns, see the dry run, then apply.

Nothing is written until Apply: the dry run lists, row by row, what would be added, updated
(field: old → new) or rejected and why. Apply takes a backup, then writes everything in one
transaction; rejected rows block it unless the consultant chooses to import the rest only.
That backup is what Edit ▸ Undo puts back (:mod:`desktop.ui.upkeep.import_undo`); the success
message names it. Reading, planning and applying run on the database executor, never on the
UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

from desktop.ui.base import dialogs
from desktop.ui.base.wording import plural
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.ui.base.executor import DatabaseExecutor

IGNORE = ""
ACTION_WORDS = {
    "add": "to add",
    "update": "to update",
    "reject": "rejected",
    "unchanged": "unchanged",
}


@dataclass(frozen=True)
class ImportDone:
    """An applied import, with what undoing it needs."""

    result: Any  # ApplyResult
    source_name: str
    backup_path: Path | None  # taken right before writing; None when nothing was written
    after_digest: str | None  # the content right after the import


def rows_summary(counts: dict[str, int]) -> str:
    """``3 rows to add, 1 row rejected``: the dry run's counts in words."""
    parts = [
        f"{plural(n, 'row')} {ACTION_WORDS.get(action, action)}"
        for action, n in counts.items()
        if n
    ]
    return ", ".join(parts) or "No rows."


def _importer() -> Any:
    from desktop.core.exchange import importer

    return importer


def _row_text(row: Any) -> str:
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
    applied = Signal(object)  # ImportDone, for the undo stack

    def __init__(self, executor: DatabaseExecutor, db_path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import data")
        self.resize(1000, 700)
        self.executor, self.db_path = executor, db_path
        self.path: Path | None = None
        self.table: Any = None
        self.plan: Any = None

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
        self.rows: RecordTableModel[Any] = RecordTableModel(
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

        def read(_store: Any) -> tuple[Any, str, dict[str, str], list[str]]:
            importer = _importer()
            table = importer.read_tables(path, encoding)[0]
            kind = chosen or table.record_type or importer.guess_record_type(table.headers)
            fields = [field.name for field in importer.RECORD_TYPES[kind].fields]
            return table, kind, importer.suggest_mapping(table.headers, kind), fields

        self.executor.submit(read, self._show_mapping, self._failed)

    def _show_mapping(self, result: tuple[Any, str, dict[str, str], list[str]]) -> None:
        self.table, self.kind, mapping, fields = result
        self.record_type.setCurrentIndex(max(0, self.record_type.findData(self.kind)))
        self.mapping.setRowCount(len(self.table.headers))
        for row, header in enumerate(self.table.headers):
            self.mapping.setCellWidget(row, 0, QLabel(header, self.mapping))
            combo = QComboBox(self.mapping)
            combo.addItem("(ignore this column)", IGNORE)
            for name in fields:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, IGNORE))))
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
        if self.table is None:
            return
        table, mapping, kind = self.table, self.current_mapping(), self.kind

        def dry_run(store: Any) -> Any:
            with store.database.engine.connect() as connection:
                return _importer().plan(connection, table, mapping, kind)

        self.executor.submit(dry_run, self._show_plan, self._failed)

    def _show_plan(self, plan: Any) -> None:
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
        from desktop.ui.upkeep.edit_controller import consultant_name
        from desktop.ui.upkeep.maintenance import retention

        plan, who, path, skip = (
            self.plan,
            consultant_name(),
            self.db_path,
            self.skip_rejected.isChecked(),
        )
        source_name = self.path.name if self.path else "the file"

        def write(store: Any) -> ImportDone:
            from desktop.core.storage import backup
            from desktop.core.storage.database import content_digest

            taken: list[Any] = []

            def take_backup() -> object:
                info = backup.backup(path, reason="import", retention=retention())
                taken.append(info)
                return info

            result = _importer().apply(
                store.database, plan, who=who, backup=take_backup, skip_rejected=skip
            )
            if not taken:
                return ImportDone(result, source_name, None, None)
            return ImportDone(
                result, source_name, taken[0].path, content_digest(store.database.engine)
            )

        self.apply_button.setEnabled(False)
        self.executor.submit(write, self._done, self._failed)

    def _done(self, done: ImportDone) -> None:
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
