"""The Key figures tab: every figure with its source and as-of, and a chart of comparable ones."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import FactView
from desktop.ui.base.formats import collator, sorted_names
from desktop.ui.browse.figures_model import SORT_ROLE, FactsTableModel
from desktop.ui.browse.formats import CollatedProxy
from desktop.ui.widgets.bar_chart import Bar, BarChart


def group_title(name: str) -> str:
    """The chart picker's name for a group of comparable figures (its code made readable)."""
    if name == "students":
        return QCoreApplication.translate("FiguresView", "Students")
    return name.replace("-", " ").capitalize()


class FiguresView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresView")
        self.setAccessibleName(self.tr("Key figures"))
        self.model = FactsTableModel(self)
        self.proxy = CollatedProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("figuresTable")
        self.table.setAccessibleName(self.tr("All key figures with source and as-of date"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)

        self.group_box = QComboBox(self)
        self.group_box.setObjectName("figuresGroup")
        self.group_box.setAccessibleName(self.tr("Figures to compare in the chart"))
        self.group_box.currentIndexChanged.connect(self._show_group)
        self.chart = BarChart(self)
        self.note = QLabel(self)
        self.note.setObjectName("figuresNote")
        self.note.setWordWrap(True)

        chart_panel = QWidget(self)
        chart_layout = QVBoxLayout(chart_panel)
        chart_layout.setContentsMargins(12, 8, 12, 8)
        picker = QHBoxLayout()
        compare = QLabel(self.tr("Compare:"), chart_panel)
        compare.setBuddy(self.group_box)
        picker.addWidget(compare)
        picker.addWidget(self.group_box)
        picker.addStretch(1)
        chart_layout.addLayout(picker)
        chart_layout.addWidget(self.chart)
        chart_layout.addWidget(self.note)
        chart_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("figuresSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(chart_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(splitter)
        self._groups: dict[str, list[FactView]] = {}

    def set_facts(self, facts: list[FactView]) -> None:
        self.model.set_facts(facts)
        header = self.table.horizontalHeader()
        for column in (FactsTableModel.VALUE, FactsTableModel.SCOPE, FactsTableModel.AS_OF):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FactsTableModel.FIGURE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FactsTableModel.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setColumnWidth(FactsTableModel.SOURCE, 300)
        groups: dict[str, list[FactView]] = defaultdict(list)
        for fact in facts:
            if fact.comparable:
                groups[fact.comparable].append(fact)
        self._groups = {name: items for name, items in groups.items() if len(items) > 1}
        self.group_box.blockSignals(True)
        self.group_box.clear()
        order = collator()
        titles = sorted(
            ((group_title(name), name) for name in self._groups), key=lambda t: order.sortKey(t[0])
        )
        for title, name in titles:
            self.group_box.addItem(title, name)
        self.group_box.blockSignals(False)
        self._show_group()

    def _show_group(self) -> None:
        name = self.group_box.currentData()
        facts = self._groups.get(name, [])
        if not facts:
            self.chart.set_bars(self.tr("No comparable figures"), [])
            self.note.setText("")
            return
        self.chart.set_bars(
            self.group_box.currentText(),
            [Bar(_chart_label(fact), fact.value, fact.text) for fact in facts],
        )
        sources = sorted_names({fact.source.title for fact in facts if fact.source})
        self.note.setText(
            self.tr("Source: {sources}").format(sources="; ".join(sources))
            if sources
            else self.tr("Source unknown")
        )


def _chart_label(fact: FactView) -> str:
    return fact.label
