"""The centre of the window: active filters, the results table, and the empty state.

A right click on a result offers what can be done with it (show, edit, mark verified, copy the
name); the panel only reports the choice, the window carries it out. Excerpts are asked for the
rows on screen only: the panel says how many fit (:meth:`rows_on_screen`, for the search to
bring theirs along) and reports rows scrolled into view still without one (``snippets_wanted``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.browse.entity_model import HIT_ROLE, EntityTableModel, make_entity_proxy
from desktop.ui.browse.name_delegate import NameDelegate
from desktop.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from desktop.core.search.service import SearchHit


def wrapped_viewport(view: QAbstractScrollArea) -> QWidget:
    """``view.viewport()``, found by name the first time: the first ``viewport()`` of a program
    has PySide load every widget class to learn the viewport's (its enums take some 9 ms of the
    first screen), while an object found by name is wrapped as the class its meta-object says;
    once wrapped, ``viewport()`` returns that wrapper."""
    found = view.findChild(
        QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly
    )
    return found if found is not None else view.viewport()


class ResultsPanel(QWidget):
    clear_filters_requested = Signal()
    remove_filter_requested = Signal(str, str)  # dimension, code
    # the right-click menu's choices, each a signal of its own (the slug of the row)
    open_requested = Signal(str)
    edit_requested = Signal(str)
    verify_requested = Signal(str)
    name_copied = Signal(str)  # the name now on the clipboard, for the status line
    snippets_wanted = Signal(list)  # entity ids of rows on screen still without their excerpt
    painted = Signal()  # the table or the empty state was painted (just after the paint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntityTableModel(self)
        self.proxy = make_entity_proxy(self.model)

        self.table = QTableView(self)
        self.table.setObjectName("entityTable")
        self.table.setAccessibleName(self.tr("Search results"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the search ranking
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(EntityTableModel.NAME, NameDelegate(self.table))
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((280, 128, 150, 116, 76)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(EntityTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self._on_screen_changed = QTimer(self, singleShot=True, interval=0)
        self._on_screen_changed.timeout.connect(self._ask_for_snippets)
        for changed in (
            self.table.verticalScrollBar().valueChanged,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.modelReset,
        ):
            changed.connect(self._on_screen_changed.start)

        self.filter_bar = QWidget(self)
        self.filter_bar.setObjectName("activeFilters")
        self.filter_layout = FlowLayout(self.filter_bar, spacing=4)

        self.empty = QWidget(self)
        self.empty.setObjectName("emptyState")
        self.empty_title = QLabel(self.tr("No matches"), self.empty)
        self.empty_title.setObjectName("emptyTitle")
        self.empty_text = QLabel(self.empty)
        self.empty_text.setObjectName("emptyText")
        self.empty_text.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Clear search and filters"), self.empty)
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.setAccessibleName(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters_requested)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        for widget in (self.empty_title, self.empty_text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty_layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)
        self._after_paint = QTimer(self, singleShot=True, interval=0)  # runs once it is done
        self._after_paint.timeout.connect(self.painted)
        for page in (wrapped_viewport(self.table), self.empty):
            page.installEventFilter(self)

    def set_hits(
        self, hits: list[SearchHit], *, words: bool = False, listed: int | None = None
    ) -> None:
        """Show ``hits``, the first of the ``listed`` the search lists (the others come as the
        table scrolls); rows grow to two lines while a search (one with ``words``) shows
        matching snippets."""
        with_snippets = words or any(hit.snippet for hit in hits)
        self.table.verticalHeader().setDefaultSectionSize(self._row_height(with_snippets))
        self.model.set_hits(hits, words=words, listed=listed)
        if self.sorted_by_column():  # sorted since the search was asked for: bring the rest
            self.model.fetch_all()

    def sorted_by_column(self) -> bool:
        """Sorted by a column rather than by the search's ranking: a search must bring every
        hit it lists, not the first page, for the top rows to be the right ones."""
        return self.proxy.sortColumn() >= 0

    def rows_on_screen(self) -> int:
        """How many rows with excerpts the table shows at once (a guess while it is hidden)."""
        height = self.table.viewport().height()
        return height // self._row_height(True) + 1 if self.table.isVisible() else 25

    def _row_height(self, with_snippets: bool) -> int:
        line = self.table.fontMetrics().height()
        return line * 2 + 10 if with_snippets else line + 10

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._after_paint.start()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_screen_changed.start()

    def _ask_for_snippets(self) -> None:
        """Report the rows on screen that still lack their excerpt (none outside a search)."""
        top = self.table.rowAt(0)
        if top < 0 or not self.model.words:
            return
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        bottom = self.proxy.rowCount() - 1 if bottom < 0 else bottom
        source = self.proxy.mapToSource
        wanted = self.model.wanting(
            source(self.proxy.index(row, 0)).row() for row in range(top, bottom + 1)
        )
        if wanted:
            self.snippets_wanted.emit(wanted)

    def show_results(self, empty_message: str | None) -> None:
        """Show the table, or the empty state with ``empty_message``."""
        if empty_message is None:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_text.setText(empty_message)
            self.stack.setCurrentWidget(self.empty)

    def is_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def set_active_filters(self, chips: list[tuple[str, str, str]]) -> None:
        """``(dimension, code, label)`` per active filter, each shown with a remove button."""
        while self.filter_layout.count():
            item = self.filter_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for dimension, code, label in chips:
            button = QPushButton(f"{label}  ✕", self.filter_bar)
            button.setProperty("chip", True)
            button.setObjectName(f"activeFilter-{dimension}-{code}")
            button.setAccessibleName(self.tr("Remove filter {filter}").format(filter=label))
            button.setToolTip(self.tr("Remove this filter"))
            button.clicked.connect(
                lambda _=False, d=dimension, c=code: self.remove_filter_requested.emit(d, c)
            )
            self.filter_layout.addWidget(button)
        self.filter_bar.setVisible(bool(chips))

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The right-click menu for the result at ``index`` (None off the rows)."""
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if hit is None:
            return None
        menu = QMenu(self.table)
        menu.setObjectName("resultsContextMenu")
        choices = (
            ("open", self.tr("&Show details"), lambda: self.open_requested.emit(hit.slug)),
            ("edit", self.tr("&Edit…"), lambda: self.edit_requested.emit(hit.slug)),
            ("verify", self.tr("Mark &verified"), lambda: self.verify_requested.emit(hit.slug)),
            ("copy-name", self.tr("&Copy name"), lambda: self._copy_name(hit.name)),
        )
        for name, label, run in choices:
            item = menu.addAction(label)
            item.setObjectName(f"context-{name}")
            item.triggered.connect(lambda _checked=False, run=run: run())
            if name == "open":
                menu.setDefaultAction(item)
                menu.addSeparator()
        return menu

    def _copy_name(self, name: str) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(name)
        self.name_copied.emit(name)

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        menu = self.context_menu(index)
        if menu is None:
            return
        self.table.setCurrentIndex(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))
