"""The left-hand navigator: kinds and sectors with counts, and tag/certification chips.

It only shows and emits filter choices; the window runs the searches. Counts come from the
search facets, so they always describe the current query.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLayout,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.kb import taxonomy
from desktop.ui.base.formats import number
from desktop.ui.base.translation import current_language
from desktop.ui.browse.results_panel import wrapped_viewport
from desktop.ui.widgets.flow_layout import FlowLayout

DIMENSION_ROLE = Qt.ItemDataRole.UserRole + 1  # "all", "kinds" or "sectors"
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
# The tags offered as chips, in this order, when the database has them.
CHIP_TAGS = ("gmp", "en-iso-13485", "atmp", "cdmo", "gdp", "iata-ceiv-pharma", "5g", "ai")


class Navigator(QWidget):
    """Emits ``filters_changed(kind, sector, tags)`` when the consultant picks something."""

    filters_changed = Signal(object, object, object)  # kind | None, sector | None, tuple[str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName(self.tr("Navigator: filter by kind, sector and certification"))
        self._kind: str | None = None
        self._sector: str | None = None
        self._tags: tuple[str, ...] = ()
        self._tag_labels: dict[str, str] = {}

        self.tree = QTreeView(self)
        self.tree.setObjectName("navigatorTree")
        self.tree.setAccessibleName(self.tr("Kinds and sectors"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.model = QStandardItemModel(self)
        self.tree.setModel(self.model)
        self._build_tree()
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        wrapped_viewport(self.tree).installEventFilter(self)  # the tooltips, when first asked

        self.chips_label = QLabel(self.tr("Certifications and tags"), self)
        self.chips_label.setWordWrap(True)
        self.chips_label.setObjectName("sectionLabel")
        self.chips = QWidget(self)
        self.chips.setObjectName("tagChips")
        self.chips_layout = FlowLayout(self.chips, spacing=4)
        self._chip_buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.chips_label)
        layout.addWidget(self.chips)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)

    # --- state ---------------------------------------------------------------------------

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def sector(self) -> str | None:
        return self._sector

    @property
    def tags(self) -> tuple[str, ...]:
        return self._tags

    def set_filters(self, kind: str | None, sector: str | None, tags: tuple[str, ...]) -> None:
        """Show the given filters as selected, without emitting ``filters_changed``."""
        self._kind = kind if kind in taxonomy.KINDS else None
        self._sector = sector if sector in taxonomy.SECTORS else None
        self._tags = tuple(tags)
        with QSignalBlocker(self.tree.selectionModel()):
            self.tree.setCurrentIndex(self._index_for(self._kind, self._sector))
        for code, button in self._chip_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(code in self._tags)

    def set_tags(self, labels: dict[str, str]) -> None:
        """Create the chips for the tags this database knows."""
        self._tag_labels = dict(labels)
        for button in self._chip_buttons.values():
            self.chips_layout.removeWidget(button)
            button.deleteLater()
        self._chip_buttons.clear()
        for code in CHIP_TAGS:
            if code not in labels:
                continue
            button = QPushButton(labels[code], self.chips)
            button.setObjectName(f"tagChip-{code}")
            button.setCheckable(True)
            button.setChecked(code in self._tags)
            button.setAccessibleName(self.tr("Filter by {tag}").format(tag=labels[code]))
            button.setProperty("chip", True)
            button.toggled.connect(lambda checked, c=code: self._on_chip(c, checked))
            self.chips_layout.addWidget(button)
            self._chip_buttons[code] = button

    def set_counts(self, total: int, kinds: dict[str, int], sectors: dict[str, int]) -> None:
        """Update the numbers next to each entry (facets of the current search)."""
        root = self.model.invisibleRootItem()
        all_item = root.child(0)
        all_item.setText(self.tr("All entities  ({count})").format(count=number(total)))
        muted, normal = QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Text
        language = current_language()
        for group_row, counts in ((1, kinds), (2, sectors)):
            group = root.child(group_row)
            for row in range(group.rowCount()):
                item = group.child(row)
                code = item.data(CODE_ROLE)
                term = (taxonomy.KINDS if group_row == 1 else taxonomy.SECTORS)[code]
                count = counts.get(code, 0)
                item.setText(f"{term.label(language)}  ({number(count)})")
                # Greyed, not disabled: picking an empty combination is allowed and then
                # explained by the empty state, which offers to clear the filters.
                item.setForeground(self.palette().brush(muted if count == 0 else normal))

    def preferred_width(self) -> int:
        """Wide enough for the longest kind or sector with a count (German labels run long)."""
        metrics = self.tree.fontMetrics()
        root = self.model.invisibleRootItem()
        widest = max(
            metrics.horizontalAdvance(f"{group.child(row).text()}  (000)")
            for group in (root.child(1), root.child(2))
            for row in range(group.rowCount())
        )
        scroll_bar = self.tree.verticalScrollBar().sizeHint().width()
        return widest + 2 * self.tree.indentation() + scroll_bar + 2 * self.tree.frameWidth() + 8

    def chip(self, code: str) -> QPushButton:
        return self._chip_buttons[code]

    def index_for(self, kind: str | None = None, sector: str | None = None) -> QModelIndex:
        return self._index_for(kind, sector)

    # --- internals -----------------------------------------------------------------------

    def _build_tree(self) -> None:
        root = self.model.invisibleRootItem()
        all_item = QStandardItem(self.tr("All entities"))
        all_item.setData("all", DIMENSION_ROLE)
        root.appendRow(all_item)
        language = current_language()
        for title, dimension, vocabulary in (
            (self.tr("Kinds"), "kinds", taxonomy.KINDS),
            (self.tr("Sectors"), "sectors", taxonomy.SECTORS),
        ):
            group = QStandardItem(title)
            group.setSelectable(False)
            group.setData(dimension, DIMENSION_ROLE)
            for term in vocabulary.values():
                item = QStandardItem(term.label(language))
                item.setData(dimension, DIMENSION_ROLE)
                item.setData(term.code, CODE_ROLE)
                group.appendRow(item)
            root.appendRow(group)
            # expanded as it will be laid out (expandAll() would lay the tree out now, and again
            # when it is shown)
            self.tree.expand(group.index())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            watched.removeEventFilter(self)
            self._set_tooltips()  # before the tree reads the one asked for
        return super().eventFilter(watched, event)

    def _set_tooltips(self) -> None:
        """Each kind and sector's name in the other language, as its tooltip: set when the
        first tooltip is asked for, as an English window would otherwise read the German
        catalogue for them before its first screen."""
        language = current_language()
        other = "en" if language == "de" else "de"
        root = self.model.invisibleRootItem()
        for group_row, vocabulary in ((1, taxonomy.KINDS), (2, taxonomy.SECTORS)):
            group = root.child(group_row)
            for row in range(group.rowCount()):
                item = group.child(row)
                item.setToolTip(vocabulary[item.data(CODE_ROLE)].label(other))

    def _index_for(self, kind: str | None, sector: str | None) -> QModelIndex:
        root = self.model.invisibleRootItem()
        for group_row, code in ((1, kind), (2, sector)):
            if code is None:
                continue
            group = root.child(group_row)
            for row in range(group.rowCount()):
                if group.child(row).data(CODE_ROLE) == code:
                    return group.child(row).index()
        return root.child(0).index()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dimension = current.data(DIMENSION_ROLE)
        code = current.data(CODE_ROLE)
        if dimension == "all":
            self._kind, self._sector = None, None
        elif dimension == "kinds" and code:
            self._kind = code
        elif dimension == "sectors" and code:
            self._sector = code
        else:
            return
        self.filters_changed.emit(self._kind, self._sector, self._tags)

    def _on_chip(self, code: str, checked: bool) -> None:
        tags = [tag for tag in self._tags if tag != code]
        if checked:
            tags.append(code)
        self._tags = tuple(tags)
        self.filters_changed.emit(self._kind, self._sector, self._tags)
