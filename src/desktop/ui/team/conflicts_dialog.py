"""Data ▸ Conflicts…: each value that lost to a colleague's change at the same time.

Each row shows the record and field, the value kept (and who made it, when) and the other
value; one click keeps the kept value or takes the other. Either is a change that syncs, so
the colleague's laptop shows the same choice after its next sync. A delete that lost to an
edit reads "deleted"; taking it deletes the record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.base import formats
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.team.sync_control import local_time, on_file
from desktop.ui.upkeep.labels import field_word, shown_value

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.app.team import Conflict
    from desktop.ui.team.sync_control import TeamSync


class ConflictsDialog(QDialog):
    def __init__(self, sync: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.conflicts: list[Conflict] = []
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        columns = [self.tr("Record"), self.tr("Field"), self.tr("Kept"), self.tr("The other value")]
        self.table = QTableWidget(0, len(columns), self)
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # field: short
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.keep_button = QPushButton(self.tr("&Keep the kept value"), self)
        self.keep_button.setObjectName("keepButton")
        self.take_button = QPushButton(self.tr("&Take the other value"), self)
        self.take_button.setObjectName("takeOtherButton")
        for button in (self.keep_button, self.take_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(False)
        self.keep_button.clicked.connect(lambda: self.resolve(take_other=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_other=True))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        from desktop.app import team

        DatabaseOp(self, on_file(team.conflicts)).success(self._fill).run(self.sync.executor)

    def _fill(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            field = field_word(conflict.field) if conflict.field else self.tr("the record")
            kept_by = f"{conflict.kept_author}, {local_time(conflict.kept_at)}"
            kept = f"{shown_value(conflict.field, conflict.kept_value)} — {kept_by}"
            other = (
                self.tr("deleted")
                if conflict.is_delete
                else shown_value(conflict.field, conflict.lost_value)
            )
            lost = f"{other} — {conflict.lost_author}, {local_time(conflict.lost_at)}"
            if conflict.is_delete:
                kept = self.tr("kept, edited by {author}").format(author=kept_by)
            record = formats.said(conflict.record)
            for column, text in enumerate((record, field, kept, lost)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        count = len(conflicts)
        if not conflicts:
            note = self.tr("Nothing to settle: every change of the team fitted together.")
        elif count == 1:  # English has no plural rules without a translator: choose here
            note = self.tr(
                "%Ln value lost to a change made at the same time on another laptop. The later "
                "change was kept everywhere; choose whether it stays or the other value is "
                "taken.",
                "",
                count,
            )
        else:
            note = self.tr(
                "%Ln values lost to a change made at the same time on another laptop. The "
                "later change was kept everywhere; choose for each whether it stays or the "
                "other value is taken.",
                "",
                count,
            )
        self.note.setText(note)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def resolve(self, *, take_other: bool) -> None:
        from desktop.app import team
        from desktop.ui.team.sync_control import SYNCED

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        conflict = self.conflicts[rows[0].row()]

        @on_file
        def work(store: Store) -> None:
            team.resolve_conflict(store, conflict_id=conflict.id, take_other=take_other)

        def done(_result: None) -> None:
            self.sync.main_executor.data_changed.emit(SYNCED)
            self.reload()

        DatabaseOp(self, work).success(done).run(self.sync.executor)
