"""Words for people: counts with the right plural, and core messages told in window terms.

Core errors are written for both faces of the program; a few name a command-line step
("run 'dossier-desk check'"). In the window the same step is a menu item, so every message the
window shows passes through :func:`for_window` first.
"""

from __future__ import annotations

import re

_IRREGULAR = {
    "entity": "entities",
    "property": "properties",
    "company": "companies",
    "is": "are",
    "was": "were",
}

# A command-line step and what the window offers for it instead.
_WINDOW_STEPS = {
    "check": "use Tools ▸ Check the database",
    "restore": "use Tools ▸ Restore a backup…",
    "backup": "use Tools ▸ Back up now",
    "import": "use Data ▸ Import…",
    "export-data": "use Data ▸ Export data…",
    "search": "search for it in the search field",
    "list": "search for it in the search field",
    "show": "search for it in the search field",
}
_COMMAND = re.compile(
    r"(?P<verb>\b(?:run|try|use)\s+)?[`'\"‘“]dossier-desk\s+(?P<command>[\w-]+)[^`'\"’”]*[`'\"’”]",
    re.IGNORECASE,
)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 entity``, ``2 entities``, ``1,500 figures`` — the count with its noun."""
    if count == 1:
        return f"1 {word}"
    if many is None:
        many = _IRREGULAR.get(word, word if word.endswith("s") else word + "s")
    return f"{count:,} {many}"


def code_label(code: str) -> str:
    """A readable stand-in for a code without a label: ``short_name`` → ``Short name``."""
    text = code.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def for_window(message: str) -> str:
    """``message`` with each command-line step replaced by the window's way to do it."""

    def replace(match: re.Match[str]) -> str:
        step = _WINDOW_STEPS.get(match.group("command").lower(), "use the window's menus")
        if match.group("verb") is None:
            return step
        first = match.group("verb")[0]
        return step[0].upper() + step[1:] if first.isupper() else step

    return _COMMAND.sub(replace, message)


def entity_gone(name: str | None = None) -> str:
    """What the detail pane says when the entity it showed is not in the database any more."""
    who = f"“{name}”" if name else "This entity"
    return f"{who} is no longer in the database. Choose another entity in the list."
