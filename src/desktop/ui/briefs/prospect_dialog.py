"""The prospect form: who the investor is, what they need, where the talks stand.

Validation runs as the consultant types, with the message next to the problem; Save stays
disabled until the record can be saved, so nothing half-entered reaches the database.
Closing the form (Esc, Cancel, the window's close button) with changes asks first, so typed
text is never dropped without a word. Tab moves on from the multi-line fields, so text meant
for the next field never lands in one that is shown on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.briefs.curation import ProspectInput
from desktop.core.kb import countries, taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base.translation import current_language
from desktop.ui.widgets.code_list import CodeList
from desktop.ui.widgets.country_field import CountryField
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.record_form import line_edit


def _text_box(parent: QWidget, name: str, accessible_name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(70)
    box.setTabChangesFocus(True)  # Tab moves on; the text never holds a tab by accident
    return box


class ProspectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, data: ProspectInput | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prospectDialog")
        self.setWindowTitle(self.tr("Prospect"))
        self.resize(900, 680)
        self.company = line_edit(self, "companyName", self.tr("Company name (confidential)"))
        self.code_name = line_edit(self, "codeName", self.tr("Code name, e.g. Project Aurora"))
        self.use_code_name = QCheckBox(self.tr("Use the code name in dossiers"), self)
        self.use_code_name.setObjectName("useCodeName")
        self.country = CountryField(self)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.setAccessibleName(self.tr("Status"))
        language = current_language()
        for term in prospect_vocab.STATUSES.values():
            self.status.addItem(term.label(language), term.code)
        self.meeting = DateField("meetingDate", self.tr("Meeting date"), self)
        self.keywords = line_edit(
            self, "keywords", self.tr("Comma-separated, e.g. CAR-T, autologous")
        )
        self.needs = _text_box(
            self,
            "needs",
            self.tr("Needs in the investor's words"),
            self.tr("Printed in briefs; Tab moves on"),
        )
        self.notes = _text_box(
            self,
            "internalNotes",
            self.tr("Internal notes (never exported)"),
            self.tr("Never leaves the agency"),
        )
        # the object names stay English; what a screen reader says is translated
        self.sectors = CodeList(taxonomy.SECTORS, "Sectors of interest", self)
        self.sectors.setAccessibleName(self.tr("Sectors of interest"))
        self.activities = CodeList(prospect_vocab.ACTIVITIES, "Planned activities", self)
        self.activities.setAccessibleName(self.tr("Planned activities"))
        self.requirements = CodeList(prospect_vocab.REQUIREMENTS, "Requirements", self)
        self.requirements.setAccessibleName(self.tr("Requirements"))
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet("color: palette(link);")

        form = QFormLayout()
        form.addRow(self.tr("Company"), self.company)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_name, 1)
        code_row.addWidget(self.use_code_name)
        form.addRow(self.tr("Code name"), code_row)
        form.addRow(self.tr("Country"), self.country)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Meeting"), self.meeting)
        form.addRow(self.tr("Keywords"), self.keywords)
        form.addRow(self.tr("Needs"), self.needs)
        form.addRow(self.tr("Internal notes"), self.notes)
        lists = QGridLayout()
        for column, (title, widget) in enumerate(
            (
                (self.tr("Sectors"), self.sectors),
                (self.tr("Activities"), self.activities),
                (self.tr("Requirements"), self.requirements),
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
        self._initial = self.data()
        for signal in (
            self.company.textChanged,
            self.code_name.textChanged,
            self.use_code_name.toggled,
            self.country.changed,
            self.meeting.changed,
            self.needs.textChanged,  # the text limits apply while typing too
            self.notes.textChanged,
        ):
            signal.connect(self._validate)
        self.sectors.itemChanged.connect(self._validate)
        self._validate()

    def data(self) -> ProspectInput:
        return ProspectInput(
            company_name=self.company.text(),
            code_name=self.code_name.text(),
            use_code_name=self.use_code_name.isChecked(),
            country=self.country.text() or None,
            sectors=self.sectors.codes(),
            activities=self.activities.codes(),
            requirements=self.requirements.codes(),
            keywords=tuple(k.strip() for k in self.keywords.text().split(",") if k.strip()),
            needs=self.needs.toPlainText(),
            status=self.status.currentData(),
            meeting_on=self.meeting.value(),
            internal_notes=self.notes.toPlainText(),
        )

    def set_data(self, data: ProspectInput) -> None:
        self.company.setText(data.company_name)
        self.code_name.setText(data.code_name or "")
        self.use_code_name.setChecked(data.use_code_name)
        self.country.set_code(data.country)
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.meeting.set_value(data.meeting_on)
        self.keywords.setText(", ".join(data.keywords))
        self.needs.setPlainText(data.needs or "")
        self.notes.setPlainText(data.internal_notes or "")
        self.sectors.set_codes(data.sectors)
        self.activities.set_codes(data.activities)
        self.requirements.set_codes(data.requirements)

    def _validate(self) -> None:
        country_problem = self.country.problem()  # shown at the field itself, as the date's
        # the data's own problems, in the window's language; the country's is left to its field
        language = current_language()
        said_at_field = countries.problem(self.country.text(), language)
        problems = [p for p in self.data().problems(language) if p != said_at_field]
        if not self.sectors.codes():
            problems.append(self.tr("Pick at least one sector, so suggestions can be ranked."))
        self.problems.setText("\n".join(problems))
        fields_ok = country_problem is None and self.meeting.problem() is None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and fields_ok
        )

    def can_save(self) -> bool:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()

    # --- closing with changes -------------------------------------------------------------------

    def has_changes(self) -> bool:
        return self.data() != self._initial

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel, for a form closed with changes (patched in tests)."""
        buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        if self.can_save():
            buttons |= QMessageBox.StandardButton.Save
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this prospect?")
            if self.can_save()
            else self.tr(
                "The changes cannot be saved yet (see the message in the form). Discard them?"
            ),
            buttons,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def reject(self) -> None:
        if not self.isVisible() or not self.has_changes():
            super().reject()
            return
        choice = self.ask_unsaved()
        if choice == QMessageBox.StandardButton.Save and self.can_save():
            self.accept()
        elif choice == QMessageBox.StandardButton.Discard:
            super().reject()
        # Cancel: stay in the form, nothing lost


def edit_prospect(parent: QWidget | None, data: Any = None) -> Any:
    """The prospect form; returns the entered ProspectInput, or None when cancelled."""
    dialog = ProspectDialog(parent, data)
    try:
        return dialog.data() if dialog.exec() == ProspectDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
