"""What the main window remembers between runs: geometry, layout, search, filters, reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from desktop.ui.base.settings import app_settings, read_list

if TYPE_CHECKING:
    from desktop.ui.shell.main_window import MainWindow


def restore(window: MainWindow) -> str | None:
    """Put back what :func:`save` stored; return the slug that was being read, if any."""
    settings = app_settings()
    for key, apply in (
        ("window/geometry", window.restoreGeometry),
        ("window/browseSplitter", window.browse.restoreState),
        ("window/tableHeader", window.table.horizontalHeader().restoreState),
    ):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            apply(value)
    window.search_field.blockSignals(True)
    window.search_field.setText(str(settings.value("search/query", "") or ""))
    window.search_field.blockSignals(False)
    window.browse.set_filter_choice(
        settings.value("search/kind") or None,
        settings.value("search/sector") or None,
        tuple(read_list(settings, "search/tags")),
    )
    return str(settings.value("detail/slug", "") or "") or None


def save(window: MainWindow, reading: str | None) -> None:
    settings = app_settings()
    kind, sector, tags = window.browse.filter_choice()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/browseSplitter", window.browse.saveState())
    settings.setValue("window/tableHeader", window.table.horizontalHeader().saveState())
    settings.setValue("search/query", window.search_field.text())
    settings.setValue("search/kind", kind or "")
    settings.setValue("search/sector", sector or "")
    settings.setValue("search/tags", list(tags))
    settings.setValue("detail/slug", reading or "")
    settings.sync()
