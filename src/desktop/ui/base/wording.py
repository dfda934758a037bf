"""Words for people: counts with the right plural, and core messages told in window terms.

Core errors are written for both faces of the program; a few name a command-line step
("run 'dossier-desk check'"). In the window the same step is a menu item, so every message the
window shows passes through :func:`for_window` first.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

_IRREGULAR = {
    "entity": "entities",
    "property": "properties",
    "company": "companies",
    "is": "are",
    "was": "were",
}


def _window_steps() -> dict[str, str]:
    """A command-line step and what the window offers for it instead, in the window's language
    (built when a message is shown: the translator is installed after import)."""
    find = QCoreApplication.translate("Wording", "search for it in the search field")
    return {
        "check": QCoreApplication.translate("Wording", "use Tools ▸ Check the database"),
        "restore": QCoreApplication.translate("Wording", "use Tools ▸ Restore a backup…"),
        "backup": QCoreApplication.translate("Wording", "use Tools ▸ Back up now"),
        "import": QCoreApplication.translate("Wording", "use Data ▸ Import…"),
        "export-data": QCoreApplication.translate("Wording", "use Data ▸ Export data…"),
        "search": find,
        "list": find,
        "show": find,
    }


_COMMAND = re.compile(
    r"(?P<verb>\b(?:run|try|use)\s+)?[`'\"‘“]dossier-desk\s+(?P<command>[\w-]+)[^`'\"’”]*[`'\"’”]",
    re.IGNORECASE,
)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 entity``, ``2 entities``, ``1,500 figures`` — the count with its noun (English nouns;
    a translated text says ``tr("%n entities", "", count)`` instead). The number is written as
    the window's locale writes it."""
    if count == 1:
        return f"1 {word}"
    if many is None:
        many = _IRREGULAR.get(word, word if word.endswith("s") else word + "s")
    return f"{_number(count)} {many}"


def _number(count: int) -> str:
    """``1,500`` in English, ``1.500`` in German (QLocale's default is the window's language)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{count:,}"  # no window language set (a bare test): keep the separators
    return locale.toString(count)


def code_label(code: str) -> str:
    """A readable stand-in for a code without a label: ``short_name`` → ``Short name``."""
    text = code.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def for_window(message: str) -> str:
    """``message`` with each command-line step replaced by the window's way to do it."""

    steps = _window_steps()

    def replace(match: re.Match[str]) -> str:
        step = steps.get(match.group("command").lower()) or QCoreApplication.translate(
            "Wording", "use the window's menus"
        )
        if match.group("verb") is None:
            return step
        first = match.group("verb")[0]
        return step[0].upper() + step[1:] if first.isupper() else step

    return _COMMAND.sub(replace, message)


def entity_gone(name: str | None = None) -> str:
    """What the detail pane says when the entity it showed is not in the database any more."""
    if name:
        return QCoreApplication.translate(
            "Wording", "“{name}” is no longer in the database. Choose another entity in the list."
        ).format(name=name)
    return QCoreApplication.translate(
        "Wording", "This entity is no longer in the database. Choose another entity in the list."
    )
