"""The key-figures table: every fact with its value, scope, as-of date and source."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import FactView
from desktop.core.kb.values import freshness
from desktop.ui.base.formats import shown_iso_date as shown_date
from desktop.ui.widgets.list_model import ListTableModel, ModelIndex

FACT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FRESHNESS_ROLE = Qt.ItemDataRole.UserRole + 3


def source_text(fact: FactView) -> str:
    translate = QCoreApplication.translate
    if fact.source is None:
        return translate("FactsTableModel", "source unknown")
    parts = [fact.source.title]
    if fact.source.publisher:
        parts.append(fact.source.publisher)
    if fact.source.published:
        published = shown_date(fact.source.published)
        parts.append(translate("FactsTableModel", "published {date}").format(date=published))
    elif fact.source.accessed_on:
        accessed = shown_date(fact.source.accessed_on)
        parts.append(translate("FactsTableModel", "accessed {date}").format(date=accessed))
    return ", ".join(parts)


def as_of_text(fact: FactView, status: str) -> str:
    translate = QCoreApplication.translate
    if status == "undated" or not fact.as_of:
        return translate("FactsTableModel", "undated in source")
    if status == "stale":
        return translate("FactsTableModel", "{date} (stale)").format(date=shown_date(fact.as_of))
    return shown_date(fact.as_of)


class FactsTableModel(ListTableModel["FactView"]):
    FIGURE, VALUE, SCOPE, AS_OF, SOURCE = range(5)

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        translate = QCoreApplication.translate
        headers = (
            translate("FactsTableModel", "Figure"),
            translate("FactsTableModel", "Value"),
            translate("FactsTableModel", "About"),
            translate("FactsTableModel", "As of"),
            translate("FactsTableModel", "Source"),
        )
        super().__init__(headers, parent)
        self._today = today or date.today()
        self.stale_after_months = 24

    def set_facts(self, facts: list[FactView]) -> None:
        self._replace_rows(facts)

    def facts(self) -> list[FactView]:
        return list(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        fact = self._row_at(index)
        if fact is None:
            return None
        column = index.column()
        status = freshness(
            fact.as_of, today=self._today, stale_after_months=self.stale_after_months
        )
        if role == FACT_ROLE:
            return fact
        if role == FRESHNESS_ROLE:
            return status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(fact, column, status)
        if role == SORT_ROLE:
            if column == self.VALUE:
                return fact.value
            if column == self.AS_OF:
                return fact.as_of or ""  # ISO sorts by date, whatever the language shows
            return self._display(fact, column, status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if fact.quote:
                return QCoreApplication.translate(
                    "FactsTableModel", "“{quote}”\n— {source}"
                ).format(quote=fact.quote, source=source_text(fact))
            return source_text(fact)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.AS_OF and status == "stale":
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, fact: FactView, column: int, status: str) -> str:
        if column == self.FIGURE:
            return fact.label
        if column == self.VALUE:
            return fact.text
        if column == self.SCOPE:
            return fact.scope_name or QCoreApplication.translate(
                "FactsTableModel", "Leipzig cluster"
            )
        if column == self.AS_OF:
            return as_of_text(fact, status)
        if column == self.SOURCE:
            return source_text(fact)
        return ""
