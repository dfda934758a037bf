"""A checkable list of vocabulary codes (sectors, activities, requirements …), shown by label.

Each code shows its label in the window's language, with the other language as its tooltip
(the vocabularies carry both; a consultant may know a term by its other name)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.core.kb import taxonomy
from desktop.ui.base.translation import current_language


class CodeList(QListWidget):
    """A checkable list of vocabulary codes."""

    def __init__(self, vocabulary: dict[str, taxonomy.Term], name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        language = current_language()
        other = "en" if language == "de" else "de"
        for term in vocabulary.values():
            item = QListWidgetItem(term.label(language), self)
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setToolTip(term.label(other))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMinimumHeight(150)

    def codes(self) -> tuple[str, ...]:
        return tuple(
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_codes(self, codes: tuple[str, ...]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
