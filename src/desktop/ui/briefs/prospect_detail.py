"""The right side of the Prospects tab: one prospect's summary, its briefs and its sent register.

The brief buttons (new, open, duplicate, delete) and "What changed since?" live here with the
tables they act on. Each action is one function of :mod:`desktop.app.briefs` run as a
:class:`DatabaseOp` that announces what it changed, so open brief windows and the list follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import briefs
from desktop.app.changes import Topic, change
from desktop.core.kb import countries, taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base import dialogs
from desktop.ui.base.formats import said, shown_stamp, stamp_order
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.translation import current_language
from desktop.ui.preferences.contact_fields import saved_card
from desktop.ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.briefs import BriefRow, ProspectDetail, SentRow
    from desktop.core.briefs.sent_register import Change
    from desktop.ui.base.executor import DatabaseExecutor

# in English; shown translated (the marker lets lupdate find it)
GONE_PROSPECT = QT_TRANSLATE_NOOP(
    "ProspectDetailPane",
    "This prospect is no longer in the database: it was deleted. The list shows the "
    "prospects as they are now.",
)


def button(text: str, name: str, parent: QWidget) -> QPushButton:
    made = QPushButton(text, parent)
    made.setObjectName(name)
    made.setAccessibleName(text)
    return made


def failure_handler(
    parent: QWidget,
    title: str,
    refresh: Callable[[], Any] | None,
    *,
    say_gone: bool = False,
) -> Callable[[BaseException], None]:
    """An action's failure: a prospect or brief deleted meanwhile (a second click on Delete, a
    row still listed) refreshes the list — and, where the consultant asked for something to be
    made (``say_gone``), says why nothing was; other refusals are said in words."""

    def handle(error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if isinstance(error, NotFoundError) and refresh is not None:
            refresh()
            if say_gone:
                gone = QCoreApplication.translate("ProspectDetailPane", GONE_PROSPECT)
                dialogs.show_error(parent, title, gone)
        elif isinstance(error, (DossierError, ValueError)):
            dialogs.show_error(parent, title, said(error))
        else:
            dialogs.report_unexpected(parent, error)

    return handle


class ProspectDetailPane(QWidget):
    open_brief = Signal(int)  # brief id
    gone = Signal()  # the prospect shown was deleted meanwhile: the list should refresh

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.executor = executor
        self.prospect_id: int | None = None
        self.detail: ProspectDetail | None = None
        self.summary = QLabel(self.tr("Select a prospect."), self)
        self.summary.setObjectName("prospectSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.brief_model: RecordTableModel[BriefRow] = RecordTableModel(
            [
                Column(self.tr("Brief"), lambda b: b.title),
                Column(self.tr("Template"), lambda b: _label(prospect_vocab.TEMPLATES, b.template)),
                Column(self.tr("Language"), lambda b: _label(prospect_vocab.LANGUAGES, b.language)),
                Column(
                    self.tr("Updated"),
                    lambda b: shown_stamp(b.updated),
                    lambda b: stamp_order(b.updated),
                ),
            ],
            self,
        )
        self.brief_table = record_table(
            "briefTable", self.tr("Briefs of this prospect"), self.brief_model, self
        )
        briefs_header = self.brief_table.horizontalHeader()
        briefs_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title
        briefs_header.setStretchLastSection(False)
        self.brief_table.setWordWrap(False)  # a long title elides
        self.brief_table.doubleClicked.connect(lambda _index: self._open_selected_brief())
        self.new_brief_button = button(self.tr("New brief"), "newBrief", self)
        self.open_brief_button = button(self.tr("Open"), "openBrief", self)
        self.duplicate_brief_button = button(self.tr("Duplicate"), "duplicateBrief", self)
        self.delete_brief_button = button(self.tr("Delete brief"), "deleteBrief", self)
        self.new_brief_button.clicked.connect(self.new_brief)
        self.open_brief_button.clicked.connect(self._open_selected_brief)
        self.duplicate_brief_button.clicked.connect(self._duplicate_brief)
        self.delete_brief_button.clicked.connect(self._delete_brief)
        self.sent_model: RecordTableModel[SentRow] = RecordTableModel(
            [
                Column(
                    self.tr("Sent"),
                    lambda s: shown_stamp(s.sent_at),
                    lambda s: stamp_order(s.sent_at),
                ),
                Column(self.tr("Prepared for"), lambda s: s.prepared_for),
                Column(
                    self.tr("Template"),
                    lambda s: (
                        f"{_label(prospect_vocab.TEMPLATES, s.template)}"
                        f" · {_label(prospect_vocab.LANGUAGES, s.language)}"
                    ),
                ),
                Column(self.tr("File"), lambda s: s.file_name),
            ],
            self,
        )
        self.sent_table = record_table(
            "sentTable", self.tr("Dossiers sent to this prospect"), self.sent_model, self
        )
        self.changes_button = button(self.tr("What changed since?"), "changesSince", self)
        self.changes_button.clicked.connect(self._show_changes)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Briefs")), self))
        layout.addWidget(self.brief_table, 1)
        brief_buttons = QHBoxLayout()
        for each in (
            self.new_brief_button,
            self.open_brief_button,
            self.duplicate_brief_button,
            self.delete_brief_button,
        ):
            brief_buttons.addWidget(each)
        brief_buttons.addStretch(1)
        layout.addLayout(brief_buttons)
        layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Sent register")), self))
        layout.addWidget(self.sent_table, 1)
        layout.addWidget(self.changes_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.update_buttons()

    # --- showing -------------------------------------------------------------------------------

    def load(self, prospect_id: int) -> None:
        self.prospect_id = prospect_id
        self.update_buttons()
        DatabaseOp(
            self, lambda store: briefs.prospect_detail(store, prospect_id=prospect_id)
        ).success(self._show).failure(
            failure_handler(self, self.tr("Cannot show the prospect"), self.gone.emit)
        ).run(self.executor)

    def clear(self) -> None:
        self.prospect_id = self.detail = None
        self.summary.setText(self.tr("Select a prospect."))
        self.brief_model.set_records([])
        self.sent_model.set_records([])
        self.update_buttons()

    def _show(self, detail: ProspectDetail) -> None:
        if detail.row.prospect_id != self.prospect_id:
            return  # another prospect was chosen meanwhile
        self.detail = detail
        data, language = detail.row.data, current_language()
        lines = [
            self.tr("{company} — dossiers use “{code_name}”").format(
                company=data.company_name, code_name=data.code_name
            )
            if data.use_code_name
            else data.company_name
        ]
        if data.country:
            country = countries.name(data.country, language)
            lines.append(self.tr("Country: {country}").format(country=country))
        sectors = ", ".join(taxonomy.SECTORS[c].label(language) for c in data.sectors)
        lines.append(self.tr("Sectors: {sectors}").format(sectors=sectors))
        if data.requirements:
            wanted = ", ".join(
                prospect_vocab.REQUIREMENTS[c].label(language) for c in data.requirements
            )
            lines.append(self.tr("Requirements: {requirements}").format(requirements=wanted))
        if data.needs:
            lines.append(self.tr("Needs: {needs}").format(needs=data.needs))
        self.summary.setText("\n".join(lines))
        self.brief_model.set_records(detail.briefs)
        self.sent_model.set_records(detail.sent)
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self.prospect_id is not None
        self.new_brief_button.setEnabled(chosen)
        has_briefs = chosen and self.brief_model.rowCount() > 0
        for each in (
            self.open_brief_button,
            self.duplicate_brief_button,
            self.delete_brief_button,
        ):
            each.setEnabled(has_briefs)
        self.changes_button.setEnabled(chosen and self.sent_model.rowCount() > 0)

    # --- actions -------------------------------------------------------------------------------

    def new_brief(self) -> None:
        prospect_id = self.prospect_id
        if prospect_id is None:
            return
        consultant = saved_card().name or None
        DatabaseOp(
            self,
            lambda store: briefs.create_brief(
                store, prospect_id=prospect_id, consultant=consultant
            ),
        ).success(self._brief_created).failure(
            failure_handler(self, self.tr("Cannot create the brief"), self.gone.emit, say_gone=True)
        ).announces(lambda brief_id: change(Topic.BRIEFS, brief_id=brief_id)).run(self.executor)

    def _brief_created(self, brief_id: int) -> None:
        if self.prospect_id is not None:
            self.load(self.prospect_id)
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
        if (brief := self._selected_brief()) is None:
            return
        DatabaseOp(
            self, lambda store: briefs.duplicate_brief(store, brief_id=brief.brief_id)
        ).success(self._brief_created).failure(
            failure_handler(self, self.tr("Cannot duplicate the brief"), self.gone.emit)
        ).announces(lambda copy_id: change(Topic.BRIEFS, brief_id=copy_id)).run(self.executor)

    def _delete_brief(self) -> None:
        brief = self._selected_brief()
        if not brief or not dialogs.confirm(
            self,
            self.tr("Delete brief"),
            self.tr("Delete the brief “{title}”?").format(title=brief.title),
        ):
            return
        prospect_id = self.prospect_id
        DatabaseOp(self, lambda store: briefs.delete_brief(store, brief_id=brief.brief_id)).success(
            lambda _: prospect_id is not None and self.load(prospect_id)
        ).failure(
            failure_handler(self, self.tr("Cannot delete the brief"), self.gone.emit)
        ).announces(change(Topic.BRIEFS, brief_id=brief.brief_id)).run(self.executor)

    def _show_changes(self) -> None:
        index = self.sent_table.currentIndex()
        if not index.isValid() and self.sent_model.rowCount():
            index = self.sent_table.model().index(0, 0)
        if not index.isValid():
            return
        sent = index.data(RECORD_ROLE)
        title = self.tr("Changes since this dossier")
        DatabaseOp(self, lambda store: briefs.changes_since(store, sent_id=sent.sent_id)).success(
            lambda changes: dialogs.show_info(self, title, _describe(sent, changes))
        ).failure(failure_handler(self, title, self.gone.emit)).run(self.executor)


def _label(vocabulary: dict[str, taxonomy.Term], code: str) -> str:
    """The label of a vocabulary code in the window's language (the code if it is unknown)."""
    term = vocabulary.get(code)
    return term.label(current_language()) if term else code


def _describe(sent: SentRow, changes: list[Change]) -> str:
    """What changed since a dossier was sent (what each change says comes from core)."""
    when = shown_stamp(sent.sent_at)
    if not changes:
        return QCoreApplication.translate(
            "ProspectDetailPane",
            "Nothing in the dossier of {date} has changed in the database since.",
        ).format(date=when)
    lines = [
        QCoreApplication.translate("ProspectDetailPane", "Since the dossier of {date}:").format(
            date=when
        )
    ]
    lines += [f"• {each.name} ({_kind(each.kind)}): {_what(each.what)}" for each in changes]
    return "\n".join(lines)


def _kind(kind: str) -> str:
    """ "entity" or "figure", the register's codes, in words."""
    words = {
        "entity": QCoreApplication.translate("ProspectDetailPane", "entity"),
        "figure": QCoreApplication.translate("ProspectDetailPane", "key figure"),
    }
    return words.get(kind, kind)


def _what(what: str) -> str:
    """The register's "removed" or "changed: name, as_of" in words; the field names are codes
    of the snapshot."""
    translate = QCoreApplication.translate
    if what == "removed":
        return translate("ProspectDetailPane", "removed")
    if not what.startswith("changed: "):
        return what
    fields = {
        "name": translate("ProspectDetailPane", "name"),
        "description": translate("ProspectDetailPane", "description"),
        "location": translate("ProspectDetailPane", "location"),
        "tags": translate("ProspectDetailPane", "tags"),
        "space": translate("ProspectDetailPane", "space"),
        "label": translate("ProspectDetailPane", "label"),
        "text": translate("ProspectDetailPane", "value"),
        "as_of": translate("ProspectDetailPane", "as of"),
    }
    names = [fields.get(code.strip(), code.strip()) for code in what[9:].split(",")]
    return translate("ProspectDetailPane", "changed: {fields}").format(fields=", ".join(names))
