"""The Prospects tab: the pipeline of investors, their briefs, and what was sent to them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.kb import countries, taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base import dialogs
from desktop.ui.briefs import prospect_dialog
from desktop.ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.briefs import BriefRow, ProspectDetail, ProspectRow, SentRow
    from desktop.ui.base.executor import DatabaseExecutor

GONE_PROSPECT = (
    "This prospect is no longer in the database: it was deleted. The list shows the "
    "prospects as they are now."
)


def _jobs() -> Any:
    from desktop.app import briefs as brief_jobs

    return brief_jobs


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text)
    return button


class ProspectsView(QSplitter):
    open_brief = Signal(int)  # brief id

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("prospectsView")
        self.executor = executor
        self._detail: ProspectDetail | None = None

        self.model: RecordTableModel[ProspectRow] = RecordTableModel(
            [
                Column(
                    "Prospect",
                    lambda r: r.company_name + (f"  ({r.code_name})" if r.code_name else ""),
                ),
                Column("Status", lambda r: prospect_vocab.STATUSES[r.status].en),
                Column("Country", lambda r: countries.name(r.country)),
                Column(
                    "Meeting",
                    lambda r: r.meeting_on.isoformat() if r.meeting_on else "",
                    lambda r: r.meeting_on or "",
                ),
                Column("Updated", lambda r: r.updated),
            ],
            self,
        )
        self.table = record_table("prospectTable", "Prospects", self.model, self)
        self.proxy = self.table.model()
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.doubleClicked.connect(lambda _index: self.edit_prospect())
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName("Filter prospects by status")
        self.status_filter.addItem("All statuses", "")
        for term in prospect_vocab.STATUSES.values():
            self.status_filter.addItem(term.en, term.code)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.text_filter = QLineEdit(self)
        self.text_filter.setObjectName("prospectFilter")
        self.text_filter.setAccessibleName("Filter prospects by name")
        self.text_filter.setPlaceholderText("Filter by name, code name or country")
        self.text_filter.textChanged.connect(self._apply_filter)
        self.new_button = _button("New prospect…", "newProspect", self)
        self.edit_button = _button("Edit…", "editProspect", self)
        self.delete_button = _button("Delete", "deleteProspect", self)
        self.new_button.clicked.connect(lambda: self.edit_prospect(new=True))
        self.edit_button.clicked.connect(lambda: self.edit_prospect())
        self.delete_button.clicked.connect(self.delete_prospect)

        left = QWidget(self)
        filters = QHBoxLayout()
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.status_filter)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 4, 6, 4)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.summary = QLabel("Select a prospect.", self)
        self.summary.setObjectName("prospectSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.brief_model: RecordTableModel[BriefRow] = RecordTableModel(
            [
                Column("Brief", lambda b: b.title),
                Column("Template", lambda b: _label(prospect_vocab.TEMPLATES, b.template)),
                Column("Language", lambda b: _label(prospect_vocab.LANGUAGES, b.language)),
                Column("Updated", lambda b: b.updated),
            ],
            self,
        )
        self.brief_table = record_table(
            "briefTable", "Briefs of this prospect", self.brief_model, self
        )
        self.brief_table.doubleClicked.connect(lambda _index: self._open_selected_brief())
        self.new_brief_button = _button("New brief", "newBrief", self)
        self.open_brief_button = _button("Open", "openBrief", self)
        self.duplicate_brief_button = _button("Duplicate", "duplicateBrief", self)
        self.delete_brief_button = _button("Delete brief", "deleteBrief", self)
        self.new_brief_button.clicked.connect(self.new_brief)
        self.open_brief_button.clicked.connect(self._open_selected_brief)
        self.duplicate_brief_button.clicked.connect(self._duplicate_brief)
        self.delete_brief_button.clicked.connect(self._delete_brief)
        self.sent_model: RecordTableModel[SentRow] = RecordTableModel(
            [
                Column("Sent", lambda s: s.sent_at),
                Column("Prepared for", lambda s: s.prepared_for),
                Column(
                    "Template",
                    lambda s: (
                        f"{_label(prospect_vocab.TEMPLATES, s.template)}"
                        f" · {_label(prospect_vocab.LANGUAGES, s.language)}"
                    ),
                ),
                Column("File", lambda s: s.file_name),
            ],
            self,
        )
        self.sent_table = record_table(
            "sentTable", "Dossiers sent to this prospect", self.sent_model, self
        )
        self.changes_button = _button("What changed since?", "changesSince", self)
        self.changes_button.clicked.connect(self._show_changes)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 4, 6, 4)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(QLabel("<b>Briefs</b>", self))
        right_layout.addWidget(self.brief_table, 1)
        brief_buttons = QHBoxLayout()
        for button in (
            self.new_brief_button,
            self.open_brief_button,
            self.duplicate_brief_button,
            self.delete_brief_button,
        ):
            brief_buttons.addWidget(button)
        brief_buttons.addStretch(1)
        right_layout.addLayout(brief_buttons)
        right_layout.addWidget(QLabel("<b>Sent register</b>", self))
        right_layout.addWidget(self.sent_table, 1)
        right_layout.addWidget(self.changes_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.addWidget(left)
        self.addWidget(right)
        self.setSizes([640, 620])
        self._update_buttons()

    # --- loading -----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        self.executor.submit(
            lambda store: _jobs().list_prospects(store),
            lambda rows: self._on_rows(rows, keep),
            self._failed("Cannot show the prospects", refresh=False),
        )

    def _on_rows(self, rows: list[ProspectRow], keep: int | None) -> None:
        self.model.set_records(rows)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).prospect_id == keep:
                self.table.setCurrentIndex(index)
                break
        else:  # the prospect shown was deleted: its briefs and register go with it
            self._clear_detail()
        self._update_buttons()

    def _clear_detail(self) -> None:
        self._detail = None
        self.summary.setText("Select a prospect.")
        self.brief_model.set_records([])
        self.sent_model.set_records([])

    def _failed(self, title: str, *, refresh: bool = True, say_gone: bool = False) -> Any:
        """A job's failure handler: a prospect or brief deleted meanwhile (a second click on
        Delete, a row still listed) refreshes the list — and, where the consultant asked for
        something to be made (``say_gone``), says why nothing was; other refusals are said in
        words."""

        def handle(error: BaseException) -> None:
            from desktop.core.errors import DossierError, NotFoundError

            if isinstance(error, NotFoundError) and refresh:
                self.refresh()
                if say_gone:
                    dialogs.show_error(self, title, GONE_PROSPECT)
            elif isinstance(error, (DossierError, ValueError)):
                dialogs.show_error(self, title, str(error))
            else:
                dialogs.report_unexpected(self, error)

        return handle

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE).prospect_id if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if current.isValid():
            self._load_detail(current.data(RECORD_ROLE).prospect_id)

    def _load_detail(self, prospect_id: int) -> None:
        self.executor.submit(
            lambda store: _jobs().prospect_detail(store, prospect_id),
            self._on_detail,
            self._failed("Cannot show the prospect"),
        )

    def _on_detail(self, detail: ProspectDetail) -> None:
        if detail.row.prospect_id != self.current_id():
            return
        self._detail = detail
        data = detail.row.data
        lines = [
            data.company_name
            + (f" — dossiers use “{data.code_name}”" if data.use_code_name else "")
        ]
        if data.country:
            lines.append("Country: " + countries.name(data.country))
        lines.append("Sectors: " + ", ".join(taxonomy.SECTORS[c].en for c in data.sectors))
        if data.requirements:
            lines.append(
                "Requirements: "
                + ", ".join(prospect_vocab.REQUIREMENTS[c].en for c in data.requirements)
            )
        if data.needs:
            lines.append("Needs: " + data.needs)
        self.summary.setText("\n".join(lines))
        self.brief_model.set_records(detail.briefs)
        self.sent_model.set_records(detail.sent)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.edit_button, self.delete_button, self.new_brief_button):
            button.setEnabled(chosen)
        has_briefs = chosen and self.brief_model.rowCount() > 0
        for button in (
            self.open_brief_button,
            self.duplicate_brief_button,
            self.delete_brief_button,
        ):
            button.setEnabled(has_briefs)
        self.changes_button.setEnabled(chosen and self.sent_model.rowCount() > 0)

    def _apply_filter(self) -> None:
        status = self.status_filter.currentData() or None
        text = self.text_filter.text().strip().casefold()
        self.proxy.set_filter("status", status and (lambda row: row.status == status))
        self.proxy.set_filter(
            "text",
            text
            and (
                lambda row: (
                    text
                    in " ".join(
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
                )
            ),
        )

    # --- actions -----------------------------------------------------------------------------

    def edit_prospect(self, *, new: bool = False) -> None:
        row = None if new else self._current_row()
        if not new and row is None:
            return
        data = prospect_dialog.edit_prospect(self, row.data if row else None)
        if data is None:
            return
        prospect_id = row.prospect_id if row else None
        self.executor.submit(
            lambda store: _jobs().save_prospect(store, data, prospect_id),
            lambda saved_id: self.refresh(select_id=saved_id),
            self._failed("Cannot save the prospect", say_gone=True),
        )

    def delete_prospect(self) -> None:
        row = self._current_row()
        if row is None or not dialogs.confirm(
            self,
            "Delete prospect",
            f"Delete {row.company_name}? Its briefs and its sent register go with it. "
            "Exported PDF files stay where they are.",
        ):
            return
        self.executor.submit(
            lambda store: _jobs().delete_prospect(store, row.prospect_id),
            lambda _: self.refresh(),
            self._failed("Cannot delete the prospect"),
        )

    def new_brief(self) -> None:
        prospect_id = self.current_id()
        if prospect_id is None:
            return
        consultant = dialogs.consultant_card().name or None
        self.executor.submit(
            lambda store: _jobs().create_brief(store, prospect_id, consultant),
            self._after_brief_created,
            self._failed("Cannot create the brief", say_gone=True),
        )

    def _after_brief_created(self, brief_id: int) -> None:
        if (prospect_id := self.current_id()) is not None:
            self._load_detail(prospect_id)
        self.open_brief.emit(brief_id)

    def _selected_brief(self) -> BriefRow | None:
        index = self.brief_table.currentIndex()
        if not index.isValid() and self.brief_model.rowCount():
            index = self.brief_table.model().index(0, 0)
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _open_selected_brief(self) -> None:
        if (brief := self._selected_brief()) is not None:
            self.open_brief.emit(brief.brief_id)

    def _duplicate_brief(self) -> None:
        if (brief := self._selected_brief()) is not None:
            self.executor.submit(
                lambda store: _jobs().duplicate_brief(store, brief.brief_id),
                self._after_brief_created,
                self._failed("Cannot duplicate the brief"),
            )

    def _delete_brief(self) -> None:
        brief = self._selected_brief()
        if brief and dialogs.confirm(self, "Delete brief", f"Delete the brief “{brief.title}”?"):
            prospect_id = self.current_id()
            self.executor.submit(
                lambda store: _jobs().delete_brief(store, brief.brief_id),
                lambda _: prospect_id and self._load_detail(prospect_id),
                self._failed("Cannot delete the brief"),
            )

    def _show_changes(self) -> None:
        index = self.sent_table.currentIndex()
        if not index.isValid() and self.sent_model.rowCount():
            index = self.sent_table.model().index(0, 0)
        if not index.isValid():
            return
        sent = index.data(RECORD_ROLE)
        self.executor.submit(
            lambda store: _jobs().changes_since(store, sent.sent_id),
            lambda changes: dialogs.show_info(
                self, "Changes since this dossier", _describe(sent, changes)
            ),
            self._failed("Changes since this dossier"),
        )

    def _current_row(self) -> ProspectRow | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None


def _label(vocabulary: dict[str, taxonomy.Term], code: str) -> str:
    """The English label of a vocabulary code (the code itself if it is not known)."""
    term = vocabulary.get(code)
    return term.en if term else code


def _describe(sent: SentRow, changes: list[Any]) -> str:
    if not changes:
        return f"Nothing in the dossier of {sent.sent_at} has changed in the database since."
    lines = [f"Since the dossier of {sent.sent_at}:"]
    lines += [f"• {change.name} ({change.kind}): {change.what}" for change in changes]
    return "\n".join(lines)
