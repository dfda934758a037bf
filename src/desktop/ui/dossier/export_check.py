"""The pre-export check: what to know before a dossier leaves the agency, and an optional
password. A module function, so tests answer it without a modal dialog."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop import APP_NAME


@dataclass(frozen=True)
class ExportChoice:
    password: str | None


def pre_export_check(parent: QWidget | None, findings: list[str]) -> ExportChoice | None:
    """Show what to know before the dossier leaves the agency; None when the consultant stops."""
    from PySide6.QtWidgets import (
        QDialog,
        QDialogButtonBox,
        QLabel,
        QLineEdit,
        QVBoxLayout,
    )

    dialog = QDialog(parent)
    dialog.setObjectName("preExportCheck")
    dialog.setWindowTitle(f"Before you export — {APP_NAME}")
    layout = QVBoxLayout(dialog)
    text = (
        "Please review before the dossier goes out:\n\n" + "\n".join(f"• {f}" for f in findings)
        if findings
        else "Nothing to review: every figure is current and every requirement has evidence."
    )
    message = QLabel(text, dialog)
    message.setWordWrap(True)
    message.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(message)
    password = QLineEdit(dialog)
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.setPlaceholderText("Optional password to open the PDF (AES-256)")
    password.setAccessibleName("Optional password")
    layout.addWidget(password)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return ExportChoice(password=password.text() or None)
    finally:
        dialog.deleteLater()
