"""A small form dialog described by data: for figures, relations, space offers and contacts.

Each field may carry a check (a function returning a message or None, usually from
:mod:`desktop.core.kb.validation`); messages appear under the field as the consultant types and
Save stays disabled while any is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # "text", "multiline", "choice", "check"
    value: Any = None
    choices: list[tuple[str, Any]] = field(default_factory=list)  # (label, value)
    check: Callable[[str], str | None] | None = None
    # a heading shown above the first field of its group: the translations, listed after the
    # English fields, read as one block of their own
    group: str | None = None


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, specs: list[FieldSpec]) -> None:
        super().__init__(parent)
        self.setObjectName("recordForm")
        self.setWindowTitle(title)
        self.resize(560, 200)
        self.specs = specs
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout(self)
        group: str | None = None
        for spec in specs:
            if spec.group and spec.group != group:
                heading = QLabel(spec.group, self)
                heading.setObjectName("groupHeading")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                heading.setContentsMargins(0, 8, 0, 0)
                form.addRow(heading)
            group = spec.group
            widget = self._widget(spec)
            widget.setObjectName(spec.name)
            widget.setAccessibleName(spec.label)
            form.addRow(spec.label, widget)
            self.widgets[spec.name] = widget
            if spec.check is not None:
                message = QLabel(self)
                message.setStyleSheet("color: #b3261e;")
                message.setWordWrap(True)
                form.addRow("", message)
                self.messages[spec.name] = message
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._validate()

    def _widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "choice":
            combo = QComboBox(self)
            for label, value in spec.choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(spec.value)))
            combo.currentIndexChanged.connect(self._validate)
            return combo
        if spec.kind == "check":
            box = QCheckBox(self)
            box.setChecked(bool(spec.value))
            return box
        if spec.kind == "multiline":
            text = QPlainTextEdit(self)
            text.setPlainText("" if spec.value is None else str(spec.value))
            text.setMaximumHeight(80)
            text.textChanged.connect(self._validate)
            return text
        line = QLineEdit(self)
        line.setText("" if spec.value is None else str(spec.value))
        line.textChanged.connect(self._validate)
        return line

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.specs:
            widget = self.widgets[spec.name]
            if isinstance(widget, QComboBox):
                result[spec.name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                result[spec.name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                result[spec.name] = widget.toPlainText().strip() or None
            else:
                result[spec.name] = widget.text().strip() or None  # type: ignore[attr-defined]
        return result

    def _validate(self) -> None:
        if not hasattr(self, "buttons"):
            return
        values = self.values()
        problems = False
        for spec in self.specs:
            if spec.check is None:
                continue
            message = spec.check("" if values[spec.name] is None else str(values[spec.name]))
            self.messages[spec.name].setText(message or "")
            self.messages[spec.name].setVisible(bool(message))
            problems = problems or bool(message)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)


def ask(parent: QWidget | None, title: str, specs: list[FieldSpec]) -> dict[str, Any] | None:
    """Show the form; the entered values, or None when cancelled. Tests patch this."""
    dialog = FormDialog(parent, title, specs)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def line_edit(parent: QWidget, name: str, placeholder: str) -> QLineEdit:
    """A line edit whose placeholder doubles as its accessible name (the forms have no
    visible label beside some fields, and a screen reader needs one)."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(placeholder)
    field.setPlaceholderText(placeholder)
    return field
