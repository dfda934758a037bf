"""Settings: who the consultant is (for dossiers and the journal), the data-care limits, the
window's language (from the next start), and the way to the team this database syncs with."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.app.language import KEY as LANGUAGE_KEY
from desktop.app.language import SECTION as LANGUAGE_SECTION
from desktop.core.kb.vocabulary import LANGUAGES
from desktop.ui.base.settings import app_settings, setting
from desktop.ui.preferences.contact_fields import ContactFields


class SettingsDialog(QDialog):
    """Who the consultant is (for dossiers and the journal) and the data-care limits.

    The e-mail and phone are checked as they are typed; Save stays disabled while either
    would print a wrong address on the contact page.
    """

    team_requested = Signal()  # the Team… button: joining, or the team this file syncs with

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(580)  # room for the placeholders and the German labels
        form = QFormLayout(self)
        self.contact = ContactFields(form, self)
        self.fields: dict[str, QLineEdit] = self.contact.fields
        self.spins: dict[str, QSpinBox] = {}
        for key, label, low, high in (
            ("stale_after_months", self.tr("Figures are stale after (months)"), 1, 240),
            ("check_age_months", self.tr("Needs checking after (months)"), 1, 120),
            ("backup_count", self.tr("Backups to keep"), 1, 100),
        ):
            spin = QSpinBox(self)
            spin.setObjectName(key)
            spin.setAccessibleName(label)
            spin.setRange(low, high)
            spin.setValue(setting(key))
            form.addRow(label, spin)
            self.spins[key] = spin
        self.language = QComboBox(self)
        self.language.setObjectName("languageChoice")
        self.language.setAccessibleName(self.tr("Language"))
        # each language names itself, so it can be found whatever the window speaks
        self.language.addItem(self.tr("System default"), "")
        for code, term in sorted(LANGUAGES.items(), key=lambda item: item[1].label(item[0])):
            self.language.addItem(term.label(code), code)  # "Deutsch", "English" …
        saved = str(app_settings().value(f"{LANGUAGE_SECTION}/{LANGUAGE_KEY}", "") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(saved)))
        self.language.setToolTip(
            self.tr("The window's language; a dossier's language is set per brief")
        )
        form.addRow(self.tr("Language"), self.language)
        self.language_note = QLabel(
            self.tr("Takes effect the next time Dossier Desk starts."), self
        )
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _index: self.language_note.setVisible(self.language.currentData() != saved)
        )
        form.addRow("", self.language_note)
        team = QPushButton(self.tr("Team…"), self)
        team.setObjectName("teamButton")
        team.setToolTip(self.tr("Join a team, or see the team this database syncs with"))
        team.clicked.connect(self.team_requested)
        form.addRow(self.tr("Team"), team)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(self.contact.valid)
        self.contact.validity_changed.connect(self.save_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def accept(self) -> None:
        if not self.contact.valid:
            return  # Enter in a field must not save what the button refuses
        self.contact.save()
        settings = app_settings()
        for key, spin in self.spins.items():
            settings.setValue(f"data/{key}", spin.value())
        settings.setValue(f"{LANGUAGE_SECTION}/{LANGUAGE_KEY}", self.language.currentData())
        settings.sync()
        super().accept()
