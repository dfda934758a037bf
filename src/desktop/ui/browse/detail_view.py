"""The detail pane: an entity rendered as HTML, its relations as in-app links."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.ui.base import formats
from desktop.ui.base.style import is_dark

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import EntityDetail

# Marked for translation here, translated where shown (the translator is installed later);
# the English text stays the constant, so tests can look for it in an English window.
NOT_LISTED = QT_TRANSLATE_NOOP(
    "EntityDetailView",
    "Not in the current results: the search or the filters changed. Clear them "
    "(Ctrl+Shift+K) to see it listed again.",
)
PLACEHOLDER = QT_TRANSLATE_NOOP(
    "EntityDetailView",
    "Select an entity to see what it offers, its key figures with sources, its contacts and "
    "how it relates to the rest of the cluster.",
)


def placeholder_html() -> str:
    text = QCoreApplication.translate("EntityDetailView", PLACEHOLDER)
    return f"<p style='color:gray'>{html.escape(text)}</p>"


class EntityDetailView(QTextBrowser):
    """Emits ``entity_requested(slug)`` when a related entity is clicked."""

    entity_requested = Signal(str)
    action_requested = Signal(str, str, str)  # action, entity slug, key of the part

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityDetail")
        self.setAccessibleName(self.tr("Entity details"))
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.tag_labels: dict[str, str] = {}
        from desktop.ui.base.settings import setting

        self.stale_after_months = setting("stale_after_months")
        self.detail: EntityDetail | None = None
        self.editable = True
        self.listed = True  # whether the entity shown is among the current results
        self.setHtml(placeholder_html())

    def set_listed(self, listed: bool) -> None:
        """Mark (or unmark) the entity shown as one the current results no longer contain."""
        if listed != self.listed:
            self.listed = listed
            if self.detail is not None:
                self.show_detail(self.detail)

    def show_detail(self, detail: EntityDetail, listed: bool | None = None) -> None:
        from desktop.ui.browse.detail_html import DARK, LIGHT, render_detail

        self.detail = detail
        if listed is not None:
            self.listed = listed
        colours = DARK if is_dark(self.palette()) else LIGHT
        self.setHtml(
            render_detail(
                detail,
                today=date.today(),
                colours=colours,
                tag_labels=self.tag_labels,
                stale_after_months=self.stale_after_months,
                editable=self.editable,
                notice=None
                if self.listed
                else QCoreApplication.translate("EntityDetailView", NOT_LISTED),
            )
        )
        self.setAccessibleDescription(detail.name)

    def show_message(self, html_text: str) -> None:
        self.detail = None
        self.setHtml(html_text)

    def show_problem(self, error: BaseException) -> bool:
        """Say in the pane why the entity cannot be shown; False for an unexpected error,
        which belongs in the error report instead."""
        from desktop.core.errors import DossierError, NotFoundError
        from desktop.ui.base.wording import entity_gone, for_window

        if isinstance(error, NotFoundError):
            self.show_message(f"<p>{html.escape(entity_gone())}</p>")
        elif isinstance(error, DossierError):
            self.show_message(f"<p>{html.escape(for_window(formats.said(error)))}</p>")
        else:
            return False
        return True

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.detail is not None:
            self.show_detail(self.detail)

    def _on_anchor(self, url: QUrl) -> None:
        from desktop.ui.browse.detail_html import ACTION_SCHEME, ENTITY_SCHEME

        if url.scheme() == ENTITY_SCHEME:
            self.entity_requested.emit(url.path())
        elif url.scheme() == ACTION_SCHEME and self.detail is not None:
            action, _, key = url.path().partition("/")
            self.action_requested.emit(action, self.detail.slug, key)
        elif url.scheme() in ("http", "https", "mailto", "tel"):
            QDesktopServices.openUrl(url)
