"""Which language the window and the commands speak: the consultant's choice, else the system's.

Settings → Language stores ``[ui] language`` (``de``, ``en``, or nothing for the system's) in
the window's settings file; the commands read the same file (without Qt), so both speak the
same language. Without a choice the environment decides (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, as gettext reads them), then the system locale; a language we have
no translations for is English. The dossier's language is the brief's own choice, not this.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from desktop.app.consultant import read_section, settings_path

DEFAULT = "en"
SECTION = "ui"
KEY = "language"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def supported() -> tuple[str, ...]:
    """The languages we speak: English and every language with a catalogue."""
    from desktop.core.language.catalogues import languages

    return languages()


def chosen_language() -> str | None:
    """The language saved in Settings, or None when the consultant left it to the system."""
    try:
        text = settings_path().read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    value = read_section(text, SECTION).get(KEY, "").strip().lower()
    return value if value in supported() else None


def resolve(
    chosen: str | None,
    environ: Mapping[str, str] | None = None,
    system_locale: str | None = None,
) -> str:
    """The language to speak: ``chosen`` if set, else the first supported one the environment
    or the system locale (``de_DE``) names, else English."""
    if chosen in supported():
        return chosen
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        for value in environ.get(name, "").split(":"):  # LANGUAGE may list several
            code = _code(value)
            if code in supported():
                return code
            if code and name != "LANGUAGE":
                return DEFAULT  # LC_ALL=fr_FR: the user asked for a language we lack
    code = _code(system_locale or "")
    return code if code in supported() else DEFAULT


_in_use: list[str] = []  # the language the window chose at start, once it has


def use(language: str) -> None:
    """Remember the language the window speaks, so the application layer answers in it."""
    _in_use[:] = [language]


def current() -> str:
    """The language in use: the window's, or for the commands the saved or environment's."""
    return _in_use[0] if _in_use else ui_language()


def ui_language(system_locale: str | None = None) -> str:
    """The language of this program's messages, as saved or from the environment."""
    return resolve(chosen_language(), system_locale=system_locale)


def _code(locale_name: str) -> str:
    """``de_DE.UTF-8`` → ``de``; ``C`` and ``POSIX`` name no language."""
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()
    return "" if code in ("c", "posix") else code
