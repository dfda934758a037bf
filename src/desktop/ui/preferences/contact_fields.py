"""The consultant's contact fields with their checks, shared by Settings and the first start.

Each field is checked as it is typed with the same functions the import and the services use
(:mod:`desktop.core.kb.validation`); the problem is shown right under the field, and the dialog's
Save button follows :attr:`ContactFields.valid`. The card is written with QSettings and read
back, by the window as by the CLI, through the one reader
:func:`desktop.app.consultant.read_consultant`; :func:`saved_card` is the window's way to call
it, after QSettings has put every pending write in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.app.consultant import read_consultant
from desktop.core.kb import validation
from desktop.ui.base.settings import app_settings
from desktop.ui.base.translation import current_language

if TYPE_CHECKING:
    from desktop.app.consultant import ContactCard

Check = Callable[[str], str | None]


def saved_card() -> ContactCard:
    """The card as last saved in this window: QSettings keeps writes in memory until it syncs
    (they are shared by every QSettings of the process), so it syncs before the file is read."""
    app_settings().sync()
    return read_consultant()


def contact_fields() -> tuple[tuple[str, str, str, int, Check | None], ...]:
    """Key, label, placeholder, longest accepted input and check of each field, in the window's
    language (a function, not a constant: the translator is installed after import)."""
    translate = QCoreApplication.translate
    return (
        (
            "name",
            translate("ContactFields", "Name"),
            translate("ContactFields", "e.g. Anna Berger"),
            120,
            None,
        ),
        (
            "role",
            translate("ContactFields", "Role"),
            translate("ContactFields", "e.g. Investor consultant"),
            120,
            None,
        ),
        (
            "organisation",
            translate("ContactFields", "Organisation"),
            translate("ContactFields", "e.g. Invest Region Leipzig"),
            160,
            None,
        ),
        ("email", translate("ContactFields", "E-mail"), "name@example.org", 254, validation.email),
        ("phone", translate("ContactFields", "Phone"), "+49 341 123456", 40, validation.phone),
    )


class ContactFields(QObject):
    """Line edits for ``keys`` added to ``form``, loaded from and saved to the settings."""

    validity_changed = Signal(bool)

    def __init__(
        self,
        form: QFormLayout,
        parent: QWidget,
        keys: tuple[str, ...] = ("name", "role", "organisation", "email", "phone"),
        *,
        required: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.required = required
        self.fields: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        self._checks: dict[str, Check | None] = {}
        card = saved_card()
        for key, label, placeholder, longest, check in contact_fields():
            if key not in keys:
                continue
            field = QLineEdit(getattr(card, key) or "", parent)
            field.setObjectName(f"consultant-{key}")
            field.setAccessibleName(label)
            field.setPlaceholderText(placeholder)
            field.setMaxLength(longest)
            problem = QLabel(parent)
            problem.setObjectName(f"consultant-{key}-problem")
            problem.setProperty("problem", True)
            problem.setStyleSheet("color: #b3261e;")
            problem.setWordWrap(True)
            problem.hide()
            form.addRow(label, field)
            form.addRow("", problem)
            field.textChanged.connect(lambda _text: self._recheck())
            self.fields[key], self.problems[key], self._checks[key] = field, problem, check
        self._valid = True
        self._recheck()

    def problem(self, key: str) -> str | None:
        text = self.fields[key].text().strip()
        if key in self.required and not text:
            label = next(label for k, label, *_ in contact_fields() if k == key)
            return validation.required(text, label, current_language())
        check = self._checks[key]
        return check(text, current_language()) if check is not None else None

    @property
    def valid(self) -> bool:
        return self._valid

    def _recheck(self) -> None:
        valid = True
        for key, label in self.problems.items():
            problem = self.problem(key)
            # an empty required field disables Save but is not scolded before anything is typed
            shown = problem if problem and self.fields[key].text().strip() else None
            label.setText(shown or "")
            label.setVisible(shown is not None)
            valid = valid and problem is None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        self._valid = valid
        self._fit_window()

    def _fit_window(self) -> None:
        """Grow the dialog when a problem appears: a wrapped message needs the height it takes
        at the dialog's width, which a form's minimum size does not count (German messages
        run a line longer)."""
        parent = self.parent()
        window = parent.window() if isinstance(parent, QWidget) else None
        if window is None or not window.isVisible() or window.layout() is None:
            return
        window.layout().activate()
        needed = window.heightForWidth(window.width())
        if needed > window.height():
            window.resize(window.width(), needed)

    def values(self) -> dict[str, str]:
        return {key: field.text().strip() for key, field in self.fields.items()}

    def save(self) -> None:
        """Write the fields to the settings file (the CLI reads the same file)."""
        settings = app_settings()
        for key, value in self.values().items():
            settings.setValue(f"consultant/{key}", value)
        settings.sync()
