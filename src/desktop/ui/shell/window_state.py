"""What the main window remembers between runs: geometry, layout, search, filters, reading.

The geometry and the query are put back before the first paint (:func:`restore_frame`), so the
window appears where and as it was left; the panels' layout, filters and reading once the
panels exist (:func:`restore`); the first search reads the filters before (:func:`saved_filters`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QLineEdit, QMainWindow

from desktop.ui.base.settings import app_settings, read_list

if TYPE_CHECKING:
    from desktop.ui.browse.browse_view import BrowseView


def restore_frame(window: QMainWindow, search_field: QLineEdit) -> None:
    """Put back the window's geometry and the query, before the window is shown."""
    settings = app_settings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    search_field.blockSignals(True)
    search_field.setText(str(settings.value("search/query", "") or ""))
    search_field.blockSignals(False)


def restore(browse: BrowseView) -> str | None:
    """Put back the panels' part of what :func:`save` stored; return the slug that was being
    read, if any."""
    settings = app_settings()
    for key, apply in (
        ("window/browseSplitter", browse.restoreState),
        ("window/tableHeader", browse.table.horizontalHeader().restoreState),
    ):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            apply(value)
    browse.set_filter_choice(*saved_filters())
    return str(settings.value("detail/slug", "") or "") or None


def saved_filters() -> tuple[str | None, str | None, tuple[str, ...]]:
    """The navigator's filters as :func:`save` stored them: kind, sector, tags."""
    settings = app_settings()
    kind, sector = settings.value("search/kind"), settings.value("search/sector")
    return (
        str(kind) if kind else None,
        str(sector) if sector else None,
        tuple(read_list(settings, "search/tags")),
    )


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
