"""The first start: one small dialog for the consultant's own contact card.

Every dossier ends with a contact page built from this card. Until it is filled in, that page
holds nothing but a QR code, so the window asks once at its first start, and the export asks
again while the card is still empty. The question goes through :func:`ask_consultant_card`,
one function tests replace, so no test ever waits on a modal dialog. Runs without a person
(the packaging smoke run, the start-up benchmark) never ask; neither does a settings file with
``first_start/asked_for_card=true``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.ui.base.settings import app_settings
from desktop.ui.preferences.contact_fields import ContactFields, saved_card

if TYPE_CHECKING:
    from desktop.app.consultant import ContactCard

ASKED_KEY = "first_start/asked_for_card"
UNATTENDED = ("DOSSIER_DESK_SMOKE", "DOSSIER_DESK_STARTUP_PROBE")  # runs with nobody to answer


def card_is_empty(card: ContactCard) -> bool:
    """Nothing on the card the investor could use to reach the consultant."""
    return not (
        (card.name or "").strip() or (card.email or "").strip() or (card.phone or "").strip()
    )


class ConsultantCardDialog(QDialog):
    """Name, role, e-mail and phone, checked as typed; Save needs a name and a valid address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultantCardDialog")
        self.setWindowTitle(self.tr("Your contact details — {app}").format(app=APP_NAME))
        self.setMinimumWidth(520)
        # intro, fields and buttons stacked: a box layout gives the wrapped intro the height
        # its text needs at the dialog's width (German runs a line longer than English)
        outer = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every dossier ends with a contact page for the investor: your name, role, "
                "e-mail and phone, and a QR code that saves them on a phone. Enter them once "
                "here; Settings (Ctrl+,) changes them later."
            ),
            self,
        )
        intro.setObjectName("cardIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(intro)
        form = QFormLayout()
        outer.addLayout(form)
        self.contact = ContactFields(
            form, self, ("name", "role", "email", "phone"), required=("name",)
        )
        self.fields = self.contact.fields
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveCard")
        self.later_button = self.buttons.addButton(
            self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setObjectName("laterCard")
        self.save_button.setEnabled(self.contact.valid)
        self.save_button.setDefault(True)
        self.contact.validity_changed.connect(self.save_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.contact.valid:
            return
        self.contact.save()
        super().accept()


def ask_consultant_card(parent: QWidget | None) -> bool:
    """Ask for the card; True when it was saved. Tests replace this one function."""
    dialog = ConsultantCardDialog(parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ask_once_at_start(parent: QWidget | None) -> bool:
    """At the window's first start with an empty card, ask for it (once, whatever the answer:
    "Later" means later, and the export asks again). True when a card was saved."""
    if any(os.environ.get(name) for name in UNATTENDED):
        return False
    settings = app_settings()
    if _truthy(settings.value(ASKED_KEY, False)) or not card_is_empty(saved_card()):
        return False
    settings.setValue(ASKED_KEY, True)
    settings.sync()
    return ask_consultant_card(parent)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")
