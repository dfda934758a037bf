"""The brief editor's middle column: why the selected item was suggested, its note for the
investor, and the requirements matrix with the pre-export findings.

The note is the one piece of typed text here, and it must never be lost or land on the wrong
item: it is saved after a short pause, when the field loses focus, before the field shows
another item and when the window closes — always for the item it was typed for. A save that
is on its way is remembered until the database has it, so a reload that comes back in between
shows what was typed rather than the older stored text.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.ui.base.formats import counted
from desktop.ui.base.translation import current_language
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.core.briefs.brief_views import BriefItemView, BriefView
    from desktop.dossier.content.assemble import Assembled
    from desktop.dossier.content.model import EvidenceRow

NOTE_PAUSE_MS = 600  # typing pauses this long: the note is saved


class ItemPanel(QWidget):
    note_edited = Signal(int, str)  # item id, the note as typed: save it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id: int | None = None  # the item whose note is in the note field
        self._saved = ""  # what is stored (or on its way) for that item
        self._on_the_way: dict[int, str] = {}  # saved, not yet back from the database

        self.item_title = QLabel(self.tr("Select an item to see why it was suggested."), self)
        self.item_title.setObjectName("itemTitle")
        self.item_title.setWordWrap(True)
        self.item_reason = QLabel(self)
        self.item_reason.setObjectName("itemReason")
        self.item_reason.setWordWrap(True)
        self.item_reason.setTextFormat(Qt.TextFormat.PlainText)  # reasons are text, not markup
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("itemNote")
        self.note.setAccessibleName(self.tr("Note for the investor, printed with this item"))
        self.note.setPlaceholderText(self.tr("Note for the investor (printed in the dossier)"))
        self.note.setMaximumHeight(90)
        self.note.setTabChangesFocus(True)
        self.note.setEnabled(False)
        self.note.installEventFilter(self)  # focus-out saves
        self.timer = QTimer(self, singleShot=True, interval=NOTE_PAUSE_MS)
        self.timer.timeout.connect(self.save_note)
        self.note.textChanged.connect(self.timer.start)
        nothing = self.tr("Nothing included serves it")
        self.evidence_model: RecordTableModel[EvidenceRow] = RecordTableModel(
            [
                Column(self.tr("Requirement"), lambda r: r.requirement),
                Column(self.tr("Evidence"), lambda r: "; ".join(r.evidence) or nothing),
            ],
            self,
        )
        self.evidence = record_table(
            "evidenceMatrix",
            self.tr("Requirements and the evidence that serves them"),
            self.evidence_model,
            self,
        )
        self.evidence.setSortingEnabled(False)
        self.evidence.setWordWrap(True)
        self.findings = QLabel(self)
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.item_title)
        layout.addWidget(self.item_reason)
        layout.addWidget(self.note)
        heading = html.escape(self.tr("Requirements and evidence"))
        layout.addWidget(QLabel(f"<b>{heading}</b>", self))
        layout.addWidget(self.evidence, 1)
        layout.addWidget(self.findings)

    # --- the selected item -----------------------------------------------------------------

    def show_item(self, item: BriefItemView | None, heading: str = "") -> None:
        """Show ``item`` (None: a section called ``heading``); the note typed for the item
        shown before is saved first."""
        if item is not None:
            self.item_title.setText(
                f"<b>{html.escape(item.title)}</b> — {html.escape(item.subtitle)}"
            )
            self.item_reason.setText(item.reason)
        else:
            self.item_title.setText(html.escape(heading))
            self.item_reason.setText("")
        item_id = item.item_id if item is not None else None
        if item_id == self.item_id:
            return  # the same item, shown again after a save: keep what is being typed
        self.save_note()  # the previous item's note, before the field shows another one
        self.item_id = item_id
        self._saved = "" if item is None else self._on_the_way.get(item.item_id, item.note or "")
        self.note.blockSignals(True)
        self.note.setPlainText(self._saved)
        self.note.blockSignals(False)
        self.note.setEnabled(item is not None)

    def save_note(self) -> None:
        """Ask for the note field to be saved for the item it was typed for, if it changed."""
        self.timer.stop()
        text = self.note.toPlainText()
        if self.item_id is None or text.strip() == self._saved.strip():
            return
        self._saved = self._on_the_way[self.item_id] = text
        self.note_edited.emit(self.item_id, text)

    def arrived(self, view: BriefView) -> None:
        """The brief came back from the database: notes it now holds are no longer on the way."""
        stored = {item.item_id: (item.note or "").strip() for item in view.items()}
        for item_id, text in list(self._on_the_way.items()):
            if stored.get(item_id, text.strip()) == text.strip():
                del self._on_the_way[item_id]

    def forget_pending(self) -> None:
        """A save failed: the reload that follows shows what was really stored."""
        self._on_the_way.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.save_note()
        return super().eventFilter(watched, event)

    # --- what will be printed ------------------------------------------------------------------

    def show_assembled(self, assembled: Assembled) -> None:
        self.evidence_model.set_records(assembled.data.evidence)
        self.evidence.resizeRowsToContents()
        count = sum(len(section.entities) for section in assembled.data.sections)
        facts = len(assembled.data.key_facts)
        printed = self.tr("{entities} and {figures} will be printed.").format(
            entities=counted(count, self.tr("1 entity"), self.tr("{count} entities")),
            figures=counted(facts, self.tr("1 key figure"), self.tr("{count} key figures")),
        )
        # the dossier's checks, read in the window's language
        language = current_language()
        self.findings.setText(
            printed + "".join(f"\n• {finding.text(language)}" for finding in assembled.findings)
        )
