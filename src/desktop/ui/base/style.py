"""A light touch on top of Fusion: spacing and chips, with colours taken from the palette so
light and dark schemes both work."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SCHEME_ENV_VAR = "DOSSIER_DESK_COLOR_SCHEME"
STYLE = """
QPushButton[chip="true"] {
    border: 1px solid palette(mid);
    border-radius: 10px;
    padding: 2px 10px;
    background: palette(base);
}
QPushButton[chip="true"]:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QPushButton[chip="true"]:focus { border: 2px solid palette(highlight); }
QLabel#sectionLabel {
    color: palette(placeholder-text); font-weight: 600; padding: 8px 2px 2px 2px;
}
QLabel#emptyTitle { font-size: 13pt; font-weight: 600; }
QLabel#emptyText { color: palette(placeholder-text); }
QLineEdit#searchField { padding: 4px 8px; border-radius: 6px; border: 1px solid palette(mid); }
QLineEdit#searchField:focus { border: 2px solid palette(highlight); }
QTableView { gridline-color: palette(midlight); }
QTextBrowser#entityDetail { border: none; padding: 8px; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(STYLE)
    follow_colour_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _scheme: follow_colour_scheme(app)
    )


def follow_colour_scheme(app: QApplication) -> None:
    """Use a dark palette when the system asks for one but the platform theme supplies none.

    Fusion already turns dark on Windows, macOS and GNOME/KDE; this covers the rest (and the
    offscreen platform used for screenshots). ``DOSSIER_DESK_COLOR_SCHEME=dark|light``
    overrides the system.
    """
    forced = os.environ.get(SCHEME_ENV_VAR, "").lower()
    dark_wanted = forced == "dark" or (
        forced != "light" and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    standard = app.style().standardPalette()
    if dark_wanted and not is_dark(standard):
        app.setPalette(dark_palette())
    else:
        app.setPalette(standard)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202328"),
        (roles.WindowText, "#e6e9ee"),
        (roles.Base, "#17191d"),
        (roles.AlternateBase, "#1f2227"),
        (roles.ToolTipBase, "#2b2f36"),
        (roles.ToolTipText, "#e6e9ee"),
        (roles.PlaceholderText, "#8d96a3"),
        (roles.Text, "#e6e9ee"),
        (roles.Button, "#2a2e35"),
        (roles.ButtonText, "#e6e9ee"),
        (roles.BrightText, "#ffffff"),
        (roles.Highlight, "#2f6fb5"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7ab8ff"),
        (roles.Mid, "#3a3f47"),
        (roles.Midlight, "#2c3038"),
        (roles.Dark, "#121417"),
        (roles.Light, "#3d434c"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#6b7380"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
