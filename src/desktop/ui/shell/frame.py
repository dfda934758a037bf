"""The part of the main window painted first: the menu bar's titles, the navigation toolbar and
the status line.

Built from plain widgets only, so the first paint never waits for a panel, a service or the
database. Everything here already looks as it will once the window is complete: the history
buttons carry their text and arrow, the menus their titles, the sync button's place is kept;
the menus' entries, the buttons' actions and the sync button follow once the first list is on
screen (see :mod:`desktop.ui.shell.window_actions`), so nothing on screen moves when they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

# The menu bar, left to right: (key, title); window_actions fills each menu after the first
# paint. Titles are translated when the frame is built (the translator is installed by then).
MENUS = (
    ("file", QT_TRANSLATE_NOOP("WindowActions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("WindowActions", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("WindowActions", "&View")),
    ("briefs", QT_TRANSLATE_NOOP("WindowActions", "&Briefs")),
    ("data", QT_TRANSLATE_NOOP("WindowActions", "&Data")),
    ("go", QT_TRANSLATE_NOOP("WindowActions", "&Go")),
    ("tools", QT_TRANSLATE_NOOP("WindowActions", "&Tools")),
    ("help", QT_TRANSLATE_NOOP("WindowActions", "&Help")),
)


@dataclass(frozen=True)
class Frame:
    search_field: QLineEdit
    back_button: QToolButton
    forward_button: QToolButton
    status_label: QLabel
    menus: dict[str, QMenu]
    sync_slot: QAction  # the toolbar's right end, where the sync button goes


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
        QStyle.StandardPixmap.SP_ArrowBack,
    )
    forward = _tool_button(
        window,
        "forwardButton",
        QCoreApplication.translate("ShellFrame", "Forward"),
        QCoreApplication.translate("ShellFrame", "Go forward (Alt+Right)"),
        QStyle.StandardPixmap.SP_ArrowForward,
    )
    toolbar = window.addToolBar(QCoreApplication.translate("ShellFrame", "Navigation"))
    toolbar.setObjectName("navigationToolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(back)
    toolbar.addWidget(forward)
    toolbar.addSeparator()
    toolbar.addWidget(search_field)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    # an empty button of the sync button's size, so the search field keeps its width when the
    # sync button takes its place once the first list is on screen
    sync_slot = toolbar.addWidget(QToolButton(toolbar, enabled=False))
    status_label = QLabel(window)
    status_label.setObjectName("statusLabel")
    window.statusBar().addWidget(status_label, 1)
    bar = window.menuBar()
    menus = {key: bar.addMenu(QCoreApplication.translate("WindowActions", t)) for key, t in MENUS}
    return Frame(search_field, back, forward, status_label, menus, sync_slot)


def _tool_button(
    window: QMainWindow, name: str, text: str, tip: str, arrow: QStyle.StandardPixmap
) -> QToolButton:
    """A history button: disabled until there is somewhere to go. Its text and arrow are those
    of the action it gets once the first list is on screen (Back, Forward): it looks the same."""
    button = QToolButton(window)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setText(text)
    button.setIcon(window.style().standardIcon(arrow))
    button.setEnabled(False)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    return button
