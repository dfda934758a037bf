"""The brief editor's top bar: the title, the dossier's template and language, Preview and
Export PDF.

The bar only holds the controls; the editor connects them to its saves, so every change still
goes through one place. The template and language lists show their labels in the window's
language, while the chosen code is what is stored (the dossier's language is the brief's own
choice, not the window's).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base.translation import current_language


class BriefTopBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(self)
        self.title.setObjectName("briefTitle")
        self.title.setAccessibleName(self.tr("Brief title"))
        self.template = self._combo("briefTemplate", self.tr("Template"), prospect_vocab.TEMPLATES)
        self.language = self._combo("briefLanguage", self.tr("Language"), prospect_vocab.LANGUAGES)
        self.preview_button = self._button(self.tr("Preview"), "previewButton")
        self.export_button = self._button(self.tr("Export PDF…"), "exportButton")
        layout = QHBoxLayout(self)
        layout.addWidget(self.title, 1)
        for widget in (
            QLabel(self.tr("Template"), self),
            self.template,
            QLabel(self.tr("Language"), self),
            self.language,
            self.preview_button,
            self.export_button,
        ):
            layout.addWidget(widget)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def _combo(self, name: str, label: str, vocabulary: dict[str, Any]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        language = current_language()
        for term in vocabulary.values():
            combo.addItem(term.label(language), term.code)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo
