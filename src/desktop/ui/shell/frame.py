"""The part of the main window painted first: the navigation toolbar and the status line.

Built from plain widgets only, so the first paint never waits for a panel or the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QToolButton


@dataclass(frozen=True)
class Frame:
    search_field: QLineEdit
    back_button: QToolButton
    forward_button: QToolButton
    status_label: QLabel


def build_frame(window: QMainWindow) -> Frame:
    search_field = QLineEdit(window)
    search_field.setObjectName("searchField")
    search_field.setAccessibleName(
        QCoreApplication.translate("ShellFrame", "Search the knowledge base")
    )
    search_field.setPlaceholderText(
        QCoreApplication.translate(
            "ShellFrame", "Search institutes, companies, sites, figures…  (Ctrl+K)"
        )
    )
    search_field.setClearButtonEnabled(True)
    search_field.setMinimumWidth(420)
    back = _tool_button(
        window,
        "backButton",
        QCoreApplication.translate("ShellFrame", "Back"),
        QCoreApplication.translate("ShellFrame", "Go back (Alt+Left)"),
    )
    forward = _tool_button(
        window,
        "forwardButton",
        QCoreApplication.translate("ShellFrame", "Forward"),
        QCoreApplication.translate("ShellFrame", "Go forward (Alt+Right)"),
    )
    toolbar = window.addToolBar(QCoreApplication.translate("ShellFrame", "Navigation"))
    toolbar.setObjectName("navigationToolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(back)
    toolbar.addWidget(forward)
    toolbar.addSeparator()
    toolbar.addWidget(search_field)
    status_label = QLabel(window)
    status_label.setObjectName("statusLabel")
    window.statusBar().addWidget(status_label, 1)
    return Frame(search_field, back, forward, status_label)


def _tool_button(window: QMainWindow, name: str, text: str, tip: str) -> QToolButton:
    """A history button: disabled until there is somewhere to go."""
    button = QToolButton(window)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setEnabled(False)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    return button
