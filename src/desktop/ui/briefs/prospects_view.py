"""The Prospects tab: the pipeline of investors, their briefs, and what was sent to them.

The list and its prospect buttons live here; the chosen prospect's summary, briefs and sent
register are the :class:`~desktop.ui.briefs.prospect_detail.ProspectDetailPane`. The tab
refreshes itself from the executor's ``data_changed`` signal whenever a prospect or a brief
changed elsewhere — a brief saved in its window, a dossier recorded — and after its own
actions with the row to select.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.app import briefs
from desktop.app.changes import DataChange, Topic, change
from desktop.core.kb import countries
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base import dialogs
from desktop.ui.base.formats import shown_date, shown_stamp, stamp_order
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.translation import current_language
from desktop.ui.briefs import prospect_dialog
from desktop.ui.briefs.prospect_detail import (
    GONE_PROSPECT,
    ProspectDetailPane,
    button,
    failure_handler,
)
from desktop.ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.briefs import ProspectRow
    from desktop.ui.base.executor import DatabaseExecutor

__all__ = ["GONE_PROSPECT", "ProspectsView"]


class ProspectsView(QSplitter):
    open_brief = Signal(int)  # brief id

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("prospectsView")
        self.executor = executor

        language = current_language()
        self.model: RecordTableModel[ProspectRow] = RecordTableModel(
            [
                Column(
                    self.tr("Prospect"),
                    lambda r: r.company_name + (f"  ({r.code_name})" if r.code_name else ""),
                ),
                Column(self.tr("Status"), lambda r: _status(r.status, language)),
                Column(self.tr("Country"), lambda r: countries.name(r.country, language)),
                Column(
                    self.tr("Meeting"),
                    lambda r: shown_date(r.meeting_on),
                    lambda r: r.meeting_on.toordinal() if r.meeting_on else 0,
                ),
                Column(
                    self.tr("Updated"),
                    lambda r: shown_stamp(r.updated),
                    lambda r: stamp_order(r.updated),
                ),
            ],
            self,
        )
        self.table = record_table("prospectTable", self.tr("Prospects"), self.model, self)
        # the name takes the room left (elided, its tooltip says it whole), so the status,
        # country and dates stay readable however long a German label or a company name is
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)  # one line per prospect: a long name elides
        self.proxy = self.table.model()
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.doubleClicked.connect(lambda _index: self.edit_prospect())
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Filter prospects by status"))
        self.status_filter.addItem(self.tr("All statuses"), "")
        for term in prospect_vocab.STATUSES.values():
            self.status_filter.addItem(term.label(language), term.code)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.text_filter = QLineEdit(self)
        self.text_filter.setObjectName("prospectFilter")
        self.text_filter.setAccessibleName(self.tr("Filter prospects by name"))
        self.text_filter.setPlaceholderText(self.tr("Filter by name, code name or country"))
        self.text_filter.textChanged.connect(self._apply_filter)
        self.new_button = button(self.tr("New prospect…"), "newProspect", self)
        self.edit_button = button(self.tr("Edit…"), "editProspect", self)
        self.delete_button = button(self.tr("Delete"), "deleteProspect", self)
        self.new_button.clicked.connect(lambda: self.edit_prospect(new=True))
        self.edit_button.clicked.connect(lambda: self.edit_prospect())
        self.delete_button.clicked.connect(self.delete_prospect)

        left = QWidget(self)
        filters = QHBoxLayout()
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.status_filter)
        buttons = QHBoxLayout()
        for each in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(each)
        buttons.addStretch(1)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 4, 6, 4)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.detail = ProspectDetailPane(executor, self)
        self.detail.open_brief.connect(self.open_brief)
        self.detail.gone.connect(lambda: self.refresh())
        # the pane's controls, as the tab's (tests and the soak test reach them here)
        pane = self.detail
        self.summary, self.brief_table = pane.summary, pane.brief_table
        self.brief_model, self.sent_model = pane.brief_model, pane.sent_model
        self.new_brief_button = pane.new_brief_button
        self.open_brief_button = pane.open_brief_button
        self.duplicate_brief_button = pane.duplicate_brief_button
        self.delete_brief_button = pane.delete_brief_button
        self.addWidget(left)
        self.addWidget(self.detail)
        self.setSizes([640, 620])
        self._update_buttons()
        executor.data_changed.connect(self._on_data_changed)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        DatabaseOp(self, briefs.list_prospects).success(
            lambda rows: self._on_rows(rows, keep)
        ).failure(failure_handler(self, self.tr("Cannot show the prospects"), None)).run(
            self.executor
        )

    def _on_data_changed(self, changed: DataChange) -> None:
        """A prospect or a brief changed elsewhere (this tab's own actions refresh as they go)."""
        if changed.origin not in (self, self.detail) and changed.touches(
            Topic.PROSPECTS, Topic.BRIEFS
        ):
            self.refresh()

    def _on_rows(self, rows: list[ProspectRow], keep: int | None) -> None:
        self.model.set_records(rows)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).prospect_id == keep:
                self.table.setCurrentIndex(index)
                break
        else:  # the prospect shown was deleted: its briefs and register go with it
            self.detail.clear()
        self._update_buttons()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE).prospect_id if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if current.isValid():
            self.detail.load(current.data(RECORD_ROLE).prospect_id)

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for each in (self.edit_button, self.delete_button):
            each.setEnabled(chosen)
        self.detail.update_buttons()

    def _apply_filter(self) -> None:
        status = self.status_filter.currentData() or None
        text = self.text_filter.text().strip().casefold()
        self.proxy.set_filter("status", status and (lambda row: row.status == status))
        self.proxy.set_filter("text", text and (lambda row: text in _searchable(row)))

    # --- actions -----------------------------------------------------------------------------

    def edit_prospect(self, *, new: bool = False) -> None:
        row = None if new else self._current_row()
        if not new and row is None:
            return
        data = prospect_dialog.edit_prospect(self, row.data if row else None)
        if data is None:
            return
        prospect_id = row.prospect_id if row else None
        DatabaseOp(
            self, lambda store: briefs.save_prospect(store, data=data, prospect_id=prospect_id)
        ).success(lambda saved_id: self.refresh(select_id=saved_id)).failure(
            failure_handler(self, self.tr("Cannot save the prospect"), self.refresh, say_gone=True)
        ).announces(change(Topic.PROSPECTS)).run(self.executor)

    def delete_prospect(self) -> None:
        row = self._current_row()
        if row is None or not dialogs.confirm(
            self,
            self.tr("Delete prospect"),
            self.tr(
                "Delete {company}? Its briefs and its sent register go with it. "
                "Exported PDF files stay where they are."
            ).format(company=row.company_name),
        ):
            return
        DatabaseOp(
            self, lambda store: briefs.delete_prospect(store, prospect_id=row.prospect_id)
        ).success(lambda _: self.refresh()).failure(
            failure_handler(self, self.tr("Cannot delete the prospect"), self.refresh)
        ).announces(change(Topic.PROSPECTS, Topic.BRIEFS)).run(self.executor)

    def _current_row(self) -> ProspectRow | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None


def _status(code: str, language: str) -> str:
    term = prospect_vocab.STATUSES.get(code)
    return term.label(language) if term else code


def _searchable(row: ProspectRow) -> str:
    """What the text filter looks in: names, the country code and its names in both languages."""
    return " ".join(
        filter(
            None,
            (
                row.company_name,
                row.code_name,
                row.country,
                countries.name(row.country),
                countries.name(row.country, "de"),
            ),
        )
    ).casefold()
