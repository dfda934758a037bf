"""The audit journal, the "Needs checking" list and the sources, each a small dialog.

They speak to people: entities by name, vocabularies by label, actions as words; the stored
codes stay in the database and the CSV export. Each reads through an application function
(:mod:`desktop.app.edits`, :mod:`desktop.app.records`); the lists that can change while they
are open reload when the executor announces a change to what they show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
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
from desktop.ui.base.formats import counted
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.settings import setting
from desktop.ui.upkeep.labels import (
    action_word,
    field_word,
    record_type_word,
    shown_date,
    shown_stamp,
    shown_value,
)
from desktop.ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.app.edits import Journal, JournalEntry
    from desktop.core.upkeep.sources import SourceRecord
    from desktop.core.upkeep.verification import CheckItem
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.upkeep.record_edits import RecordEdits


class JournalWords:
    """Turns a journal entry's codes into what a person reads."""

    def __init__(self, names: dict[str, dict[str, str]] | None = None) -> None:
        self.names = names or {}

    def record(self, entry: JournalEntry) -> str:
        record_type, key = entry.record_type, entry.record_key
        name = self.names.get(record_type, {}).get(key) or self.names.get("entity", {}).get(key)
        return f"{record_type_word(record_type)}: {name or key}"

    def field(self, entry: JournalEntry) -> str:
        return field_word(entry.field) if entry.field else ""

    def change(self, entry: JournalEntry) -> str:
        field, tags = entry.field or "", self.names.get("tags")
        return f"{shown_value(field, entry.old, tags)} → {shown_value(field, entry.new, tags)}"


class AuditDialog(QDialog):
    """Every change, newest first: the whole journal or one record's history, filterable."""

    def __init__(
        self, executor: DatabaseExecutor, parent: QWidget | None, record_key: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("History") if record_key else self.tr("Audit journal"))
        self.resize(980, 560)
        self.executor, self.record_key = executor, record_key
        self.words = JournalWords()
        words = self.words
        self.model: RecordTableModel[JournalEntry] = RecordTableModel(
            [
                Column(self.tr("When"), lambda e: shown_stamp(e.at), lambda e: e.at),
                Column(self.tr("Who"), lambda e: e.who),
                Column(self.tr("Action"), lambda e: action_word(e.action)),
                Column(self.tr("Record"), words.record),
                Column(self.tr("Field"), words.field),
                Column(self.tr("Old → new"), words.change),
            ],
            self,
        )
        self.table = record_table("auditTable", self.tr("Audit journal entries"), self.model, self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("auditFilter")
        self.filter.setAccessibleName(self.tr("Filter the journal"))
        self.filter.setPlaceholderText(self.tr("Filter by person, record, field or value"))
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
            self.setWindowTitle(self.tr("History of {name}").format(name=name))
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
        self.setWindowTitle(
            counted(
                self.age,
                self.tr("Needs checking (not verified in 1 month)"),
                self.tr("Needs checking (not verified in {count} months)"),
            )
        )
        never = self.tr("never")
        self.model: RecordTableModel[CheckItem] = RecordTableModel(
            [
                Column(self.tr("Record"), lambda i: i.name),
                Column(
                    self.tr("Type"),
                    lambda i: record_type_word("entity" if i.record_type == "entity" else "fact"),
                ),
                Column(
                    self.tr("Last verified"),
                    lambda i: shown_date(i.verified_on, never),
                    lambda i: i.verified_on or "",
                ),
            ],
            self,
        )
        self.table = record_table(
            "needsCheckingTable", self.tr("Records that need checking"), self.model, self
        )
        self.summary = QLabel(self)
        self.verify_button = QPushButton(self.tr("Mark verified"), self)
        self.verify_button.setObjectName("markVerified")
        self.open_button = QPushButton(self.tr("Show"), self)
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
            self.tr("Nothing to check.")
            if not items
            else counted(
                len(items),
                self.tr("1 record or figure to check."),
                self.tr("{count} records and figures to check."),
            )
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
        self.setWindowTitle(self.tr("Sources"))
        self.resize(900, 480)
        self.executor = executor
        undated = self.tr("undated")
        self.model: RecordTableModel[tuple[SourceRecord, int]] = RecordTableModel(
            [
                Column(self.tr("Title"), lambda r: r[0].title),
                Column(self.tr("Publisher"), lambda r: r[0].publisher or ""),
                Column(
                    self.tr("Published"),
                    lambda r: shown_date(r[0].published, undated),
                    lambda r: r[0].published or "",
                ),
                Column(
                    self.tr("Accessed"),
                    lambda r: shown_date(r[0].accessed_on),
                    lambda r: r[0].accessed_on or "",
                ),
                Column(self.tr("Cited by"), lambda r: QLocale().toString(r[1]), lambda r: r[1]),
            ],
            self,
        )
        self.table = record_table("sourcesTable", self.tr("Sources"), self.model, self)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("New…"), lambda: edit.sources.edit(None)),
            (self.tr("Edit…"), lambda: (row := self._current()) and edit.sources.edit(row[0])),
            (self.tr("Delete"), lambda: (row := self._current()) and edit.sources.delete(row[0])),
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
