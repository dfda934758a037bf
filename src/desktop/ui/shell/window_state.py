"""What the main window remembers between runs: geometry, layout, search, filters, reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QLineEdit, QMainWindow

from desktop.ui.base.settings import app_settings, read_list

if TYPE_CHECKING:
    from desktop.ui.browse.browse_view import BrowseView


def restore(window: QMainWindow, browse: BrowseView, search_field: QLineEdit) -> str | None:
    """Put back what :func:`save` stored; return the slug that was being read, if any."""
    settings = app_settings()
    for key, apply in (
        ("window/geometry", window.restoreGeometry),
        ("window/browseSplitter", browse.restoreState),
        ("window/tableHeader", browse.table.horizontalHeader().restoreState),
    ):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            apply(value)
    search_field.blockSignals(True)
    search_field.setText(str(settings.value("search/query", "") or ""))
    search_field.blockSignals(False)
    browse.set_filter_choice(
        settings.value("search/kind") or None,
        settings.value("search/sector") or None,
        tuple(read_list(settings, "search/tags")),
    )
    return str(settings.value("detail/slug", "") or "") or None


def save(
    window: QMainWindow, browse: BrowseView, search_field: QLineEdit, reading: str | None
) -> None:
    settings = app_settings()
    kind, sector, tags = browse.filter_choice()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/browseSplitter", browse.saveState())
    settings.setValue("window/tableHeader", browse.table.horizontalHeader().saveState())
    settings.setValue("search/query", search_field.text())
    settings.setValue("search/kind", kind or "")
    settings.setValue("search/sector", sector or "")
    settings.setValue("search/tags", list(tags))
    settings.setValue("detail/slug", reading or "")
    settings.sync()
