"""The prospect form: who the investor is, what they need, where the talks stand.

Validation runs as the consultant types, with the message next to the problem; Save stays
disabled until the record can be saved, so nothing half-entered reaches the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core import prospect_vocab, taxonomy
from desktop.core.briefs import ProspectInput
from desktop.ui.record_form import line_edit

NO_DATE = QDate(2000, 1, 1)  # the date edit's "none" value, shown as "—"


class CodeList(QListWidget):
    """A checkable list of vocabulary codes."""

    def __init__(self, vocabulary: dict[str, taxonomy.Term], name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        for term in vocabulary.values():
            item = QListWidgetItem(term.en, self)
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setToolTip(term.de)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMinimumHeight(150)

    def codes(self) -> tuple[str, ...]:
        return tuple(
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_codes(self, codes: tuple[str, ...]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class ProspectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, data: ProspectInput | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prospectDialog")
        self.setWindowTitle("Prospect")
        self.resize(860, 640)
        self.company = line_edit(self, "companyName", "Company name (confidential)")
        self.code_name = line_edit(self, "codeName", "Code name, e.g. Project Aurora")
        self.use_code_name = QCheckBox("Use the code name in dossiers", self)
        self.use_code_name.setObjectName("useCodeName")
        self.country = line_edit(self, "country", "ISO code, e.g. US")
        self.country.setMaxLength(2)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.setAccessibleName("Status")
        for term in prospect_vocab.STATUSES.values():
            self.status.addItem(term.en, term.code)
        self.meeting = QDateEdit(self)
        self.meeting.setObjectName("meetingDate")
        self.meeting.setAccessibleName("Meeting date")
        self.meeting.setCalendarPopup(True)
        self.meeting.setMinimumDate(NO_DATE)
        self.meeting.setSpecialValueText("—")
        self.meeting.setDate(NO_DATE)
        self.keywords = line_edit(self, "keywords", "Comma-separated, e.g. CAR-T, autologous")
        self.needs = QPlainTextEdit(self)
        self.needs.setObjectName("needs")
        self.needs.setAccessibleName("Needs in the investor's words")
        self.needs.setMaximumHeight(70)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("internalNotes")
        self.notes.setAccessibleName("Internal notes (never exported)")
        self.notes.setMaximumHeight(70)
        self.sectors = CodeList(taxonomy.SECTORS, "Sectors of interest", self)
        self.activities = CodeList(prospect_vocab.ACTIVITIES, "Planned activities", self)
        self.requirements = CodeList(prospect_vocab.REQUIREMENTS, "Requirements", self)
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: palette(link);")

        form = QFormLayout()
        form.addRow("Company", self.company)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_name, 1)
        code_row.addWidget(self.use_code_name)
        form.addRow("Code name", code_row)
        form.addRow("Country", self.country)
        form.addRow("Status", self.status)
        form.addRow("Meeting", self.meeting)
        form.addRow("Keywords", self.keywords)
        form.addRow("Needs", self.needs)
        form.addRow("Internal notes", self.notes)
        lists = QGridLayout()
        for column, (title, widget) in enumerate(
            (
                ("Sectors", self.sectors),
                ("Activities", self.activities),
                ("Requirements", self.requirements),
            )
        ):
            lists.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
            lists.addWidget(widget, 1, column)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        if data is not None:
            self.set_data(data)
        for signal in (
            self.company.textChanged,
            self.code_name.textChanged,
            self.use_code_name.toggled,
            self.country.textChanged,
        ):
            signal.connect(self._validate)
        self.sectors.itemChanged.connect(self._validate)
        self._validate()

    def data(self) -> ProspectInput:
        meeting = self.meeting.date()
        return ProspectInput(
            company_name=self.company.text(),
            code_name=self.code_name.text(),
            use_code_name=self.use_code_name.isChecked(),
            country=self.country.text(),
            sectors=self.sectors.codes(),
            activities=self.activities.codes(),
            requirements=self.requirements.codes(),
            keywords=tuple(k.strip() for k in self.keywords.text().split(",") if k.strip()),
            needs=self.needs.toPlainText(),
            status=self.status.currentData(),
            meeting_on=None
            if meeting == NO_DATE
            else date(meeting.year(), meeting.month(), meeting.day()),
            internal_notes=self.notes.toPlainText(),
        )

    def set_data(self, data: ProspectInput) -> None:
        self.company.setText(data.company_name)
        self.code_name.setText(data.code_name or "")
        self.use_code_name.setChecked(data.use_code_name)
        self.country.setText(data.country or "")
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        if data.meeting_on:
            self.meeting.setDate(
                QDate(data.meeting_on.year, data.meeting_on.month, data.meeting_on.day)
            )
        self.keywords.setText(", ".join(data.keywords))
        self.needs.setPlainText(data.needs or "")
        self.notes.setPlainText(data.internal_notes or "")
        self.sectors.set_codes(data.sectors)
        self.activities.set_codes(data.activities)
        self.requirements.set_codes(data.requirements)

    def _validate(self) -> None:
        data = self.data()
        problems = data.problems()
        country = self.country.text().strip()
        if country and not (len(country) == 2 and country.isalpha()):
            problems.append("The country is a two-letter ISO code, e.g. US or DE.")
        if not data.sectors:
            problems.append("Pick at least one sector, so suggestions can be ranked.")
        self.problems.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
