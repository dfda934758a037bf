"""The audit journal, the "Needs checking" list and the sources, each a small dialog.

They speak to people: entities by name, vocabularies by label, actions as words; the stored
codes stay in the database and the CSV export. Each reads through an application function
(:mod:`desktop.app.edits`, :mod:`desktop.app.records`); the lists that can change while they
are open reload when the executor announces a change to what they show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import edits, records
from desktop.app.changes import DataChange, Topic
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.settings import setting
from desktop.ui.base.wording import code_label, plural
from desktop.ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.edits import Journal, JournalEntry
    from desktop.core.upkeep.sources import SourceRecord
    from desktop.core.upkeep.verification import CheckItem
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.upkeep.record_edits import RecordEdits


ACTIONS = {
    "create": "Created",
    "update": "Changed",
    "delete": "Deleted",
    "verify": "Verified",
    "import": "Imported",
    "restore": "Restored",
}
RECORD_TYPES = {
    "entity": "Entity",
    "fact": "Key figure",
    "relation": "Relation",
    "space": "Space offer",
    "contact": "Contact",
    "source": "Source",
}


class JournalWords:
    """Turns a journal entry's codes into what a person reads."""

    def __init__(self, names: dict[str, dict[str, str]] | None = None) -> None:
        self.names = names or {}

    def record(self, entry: JournalEntry) -> str:
        record_type, key = entry.record_type, entry.record_key
        name = self.names.get(record_type, {}).get(key) or self.names.get("entity", {}).get(key)
        return f"{RECORD_TYPES.get(record_type, code_label(record_type))}: {name or key}"

    def field(self, entry: JournalEntry) -> str:
        return code_label(entry.field) if entry.field else ""

    def change(self, entry: JournalEntry) -> str:
        field = entry.field or ""
        return f"{self._value(field, entry.old or '—')} → {self._value(field, entry.new or '—')}"

    def _value(self, field: str, value: str) -> str:
        from desktop.core.kb import taxonomy

        vocabulary: dict[str, str] = {}
        if field == "kind":
            vocabulary = {code: term.en for code, term in taxonomy.KINDS.items()}
        elif field == "sectors":
            vocabulary = {code: term.en for code, term in taxonomy.SECTORS.items()}
        elif field == "tags":
            vocabulary = self.names.get("tags", {})
        if not vocabulary or value == "—":
            return value
        return ", ".join(vocabulary.get(part, part) for part in value.split(", "))


class AuditDialog(QDialog):
    """Every change, newest first: the whole journal or one record's history, filterable."""

    def __init__(
        self, executor: DatabaseExecutor, parent: QWidget | None, record_key: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle("History" if record_key else "Audit journal")
        self.resize(980, 560)
        self.executor, self.record_key = executor, record_key
        self.words = JournalWords()
        words = self.words
        self.model: RecordTableModel[JournalEntry] = RecordTableModel(
            [
                Column("When", lambda e: e.at),
                Column("Who", lambda e: e.who),
                Column("Action", lambda e: ACTIONS.get(e.action, code_label(e.action))),
                Column("Record", words.record),
                Column("Field", words.field),
                Column("Old → new", words.change),
            ],
            self,
        )
        self.table = record_table("auditTable", "Audit journal entries", self.model, self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("auditFilter")
        self.filter.setAccessibleName("Filter the journal")
        self.filter.setPlaceholderText("Filter by person, record, field or value")
        self.filter.textChanged.connect(self.table.model().setFilterFixedString)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        self.load()

    def load(self) -> None:
        key = self.record_key
        DatabaseOp(self, lambda store: edits.journal(store, record_key=key)).success(
            self._show
        ).run(self.executor)

    def _show(self, journal: Journal) -> None:
        self.words.names = journal.names
        if self.record_key:
            name = journal.names["entity"].get(self.record_key, self.record_key)
            self.setWindowTitle(f"History of {name}")
        self.model.set_records(journal.entries)


class NeedsCheckingDialog(QDialog):
    """Records and figures not verified within the configured age: refresh them before a trip."""

    show_entity = Signal(str)
    verify_requested = Signal(str, str)  # record type, key

    def __init__(self, executor: DatabaseExecutor, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("needsCheckingDialog")
        self.resize(820, 560)
        self.executor = executor
        self.age = setting("check_age_months")
        self.setWindowTitle(f"Needs checking (not verified in {self.age} months)")
        self.model: RecordTableModel[CheckItem] = RecordTableModel(
            [
                Column("Record", lambda i: i.name),
                Column("Type", lambda i: "Entity" if i.record_type == "entity" else "Key figure"),
                Column("Last verified", lambda i: i.verified_on or "never"),
            ],
            self,
        )
        self.table = record_table(
            "needsCheckingTable", "Records that need checking", self.model, self
        )
        self.summary = QLabel(self)
        self.verify_button = QPushButton("Mark verified", self)
        self.verify_button.setObjectName("markVerified")
        self.open_button = QPushButton("Show", self)
        self.verify_button.clicked.connect(self._verify)
        self.open_button.clicked.connect(self._open)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        executor.data_changed.connect(self._changed)
        self.load()

    def load(self) -> None:
        age = self.age
        DatabaseOp(self, lambda store: edits.needs_checking(store, max_age_months=age)).success(
            self._show
        ).run(self.executor)

    def _changed(self, change: DataChange) -> None:
        if change.touches(Topic.ENTITIES, Topic.FIGURES):  # a verification, a new figure …
            self.load()

    def _show(self, items: list[CheckItem]) -> None:
        self.model.set_records(items)
        self.summary.setText(
            "Nothing to check."
            if not items
            else f"{plural(len(items), 'record or figure', 'records and figures')} to check."
        )

    def _current(self) -> CheckItem | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _verify(self) -> None:
        if (item := self._current()) is not None:
            self.verify_requested.emit(item.record_type, item.key)

    def _open(self) -> None:
        if (item := self._current()) is not None and item.record_type == "entity":
            self.show_entity.emit(item.key)


class SourcesDialog(QDialog):
    """The documents, pages and conversations the figures cite: add, correct, remove."""

    def __init__(
        self, executor: DatabaseExecutor, edit: RecordEdits, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesDialog")
        self.setWindowTitle("Sources")
        self.resize(900, 480)
        self.executor = executor
        self.model: RecordTableModel[tuple[SourceRecord, int]] = RecordTableModel(
            [
                Column("Title", lambda r: r[0].title),
                Column("Publisher", lambda r: r[0].publisher or ""),
                Column("Published", lambda r: r[0].published or "undated"),
                Column("Accessed", lambda r: r[0].accessed_on or ""),
                Column("Cited by", lambda r: str(r[1]), lambda r: r[1]),
            ],
            self,
        )
        self.table = record_table("sourcesTable", "Sources", self.model, self)
        buttons = QHBoxLayout()
        for text, slot in (
            ("New…", lambda: edit.edit_source(None)),
            ("Edit…", lambda: (row := self._current()) and edit.edit_source(row[0])),
            ("Delete", lambda: (row := self._current()) and edit.delete_source(row[0])),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        executor.data_changed.connect(self._changed)
        self.load()

    def load(self) -> None:
        DatabaseOp(self, records.list_sources).success(self.model.set_records).run(self.executor)

    def _changed(self, change: DataChange) -> None:
        if change.touches(Topic.SOURCES, Topic.FIGURES):  # a figure may cite another source now
            self.load()

    def _current(self) -> tuple[SourceRecord, int] | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None
