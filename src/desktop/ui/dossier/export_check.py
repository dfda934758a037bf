"""The pre-export check: what to know before a dossier leaves the agency, and an optional
password. A module function, so tests answer it without a modal dialog."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from desktop import APP_NAME


@dataclass(frozen=True)
class ExportChoice:
    password: str | None


def pre_export_check(parent: QWidget | None, findings: list[str]) -> ExportChoice | None:
    """Show what to know before the dossier leaves the agency; None when the consultant stops.
    The findings are the dossier's checks, in the window's language."""
    from PySide6.QtWidgets import (
        QDialog,
        QDialogButtonBox,
        QLabel,
        QLineEdit,
        QVBoxLayout,
    )

    dialog = QDialog(parent)
    dialog.setObjectName("preExportCheck")
    translate = QCoreApplication.translate
    dialog.setWindowTitle(
        translate("ExportCheck", "Before you export — {app}").format(app=APP_NAME)
    )
    dialog.setMinimumWidth(520)
    layout = QVBoxLayout(dialog)
    text = (
        translate("ExportCheck", "Please review before the dossier goes out:")
        + "\n\n"
        + "\n".join(f"• {f}" for f in findings)
        if findings
        else translate(
            "ExportCheck",
            "Nothing to review: every figure is current and every requirement has evidence.",
        )
    )
    message = QLabel(text, dialog)
    message.setWordWrap(True)
    message.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(message)
    password = QLineEdit(dialog)
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.setPlaceholderText(
        translate("ExportCheck", "Optional password to open the PDF (AES-256)")
    )
    password.setAccessibleName(translate("ExportCheck", "Optional password"))
    layout.addWidget(password)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("ExportCheck", "Export"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return ExportChoice(password=password.text() or None)
    finally:
        dialog.deleteLater()
