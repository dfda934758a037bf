"""The country picker: type a name or a code in English or German, never truncated.

A completer offers every country as "Name (CODE)" in both languages while typing (any part
of the name matches); the line under the field says which country was understood, or why
the text is not one. The stored value is the ISO code from :func:`countries.resolve`.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.kb import countries
from desktop.ui.base.translation import current_language


class CountryField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("country")
        self.edit.setAccessibleName(self.tr("Country: a name or an ISO code, in English or German"))
        self.edit.setPlaceholderText(self.tr("e.g. Germany, Deutschland, DE or USA"))
        self.edit.setClearButtonEnabled(True)
        self.completer = QCompleter(QStringListModel(countries.choices(), self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.message = QLabel(self)
        self.message.setObjectName("countryMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text)
        self.edit.editingFinished.connect(self._tidy)
        self._on_text()

    def code(self) -> str | None:
        return countries.resolve(self.edit.text())

    def text(self) -> str:
        """What goes into the prospect: the code when understood, else the text as typed
        (which the prospect's own check then refuses)."""
        return self.code() or self.edit.text().strip()

    def set_code(self, code: str | None) -> None:
        self.edit.setText(countries.label(code) if code else "")

    def problem(self) -> str | None:
        return countries.problem(self.edit.text(), current_language())

    def _on_text(self) -> None:
        problem, code = self.problem(), self.code()
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet("color: #b3261e;")
        elif code:
            country = countries.BY_CODE[code]
            self.message.setText(f"{country.en} · {country.de} · {code}")
            self.message.setStyleSheet("color: palette(placeholder-text);")
        else:
            self.message.setText("")
        self.changed.emit()

    def _tidy(self) -> None:
        """Once typing is done, show what was understood as "Name (CODE)"."""
        code = self.code()
        if code is None:
            return
        tidy = countries.label(code, countries.language_of(self.edit.text(), code))
        if self.edit.text() != tidy:
            self.edit.setText(tidy)
