"""The window's tabs: Entities right after the first paint, Key figures and Prospects when
first needed, to keep start-up light."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from desktop.ui.briefs.prospects_view import ProspectsView
    from desktop.ui.browse.figures_view import FiguresView


class LazyTabs:
    """Mixed into the main window: ``tabs``, ``desk`` and ``_facts`` come from there."""

    tabs: Any
    desk: Any
    _facts: Any
    _figures: FiguresView | None

    def _build_tabs(self, browse: QWidget) -> QTabWidget:
        """The tab widget with the Entities tab and placeholders for the other two."""
        assert isinstance(self, QWidget)
        browse.setContentsMargins(6, 4, 6, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(
            QCoreApplication.translate("LazyTabs", "Views: entities, key figures and prospects")
        )
        self.tabs.tabBar().setAccessibleName(QCoreApplication.translate("LazyTabs", "Switch view"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(browse, QCoreApplication.translate("LazyTabs", "Entities"))
        self.tabs.addTab(QWidget(self), QCoreApplication.translate("LazyTabs", "Key figures"))
        self.tabs.addTab(QWidget(self), QCoreApplication.translate("LazyTabs", "Prospects"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        return self.tabs

    @property
    def figures(self) -> FiguresView:
        """The Key figures tab (built once the first list is shown)."""
        if self._figures is None:
            from desktop.ui.browse.figures_view import FiguresView

            self._figures = FiguresView(self)
            self._figures.set_facts(self._facts)
            self._replace_tab(
                1, self._figures, QCoreApplication.translate("LazyTabs", "Key figures")
            )
        return self._figures

    @property
    def prospects(self) -> ProspectsView:
        """The Prospects tab (built when first opened)."""
        view = self.desk.view()
        if self.tabs.widget(2) is not view:
            self._replace_tab(2, view, QCoreApplication.translate("LazyTabs", "Prospects"))
        return view

    def _replace_tab(self, index: int, widget: QWidget, title: str) -> None:
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _on_tab_changed(self, index: int) -> None:
        lazy = {1: lambda: self.figures, 2: lambda: self.prospects}
        if index in lazy:
            self.tabs.setCurrentWidget(lazy[index]())
