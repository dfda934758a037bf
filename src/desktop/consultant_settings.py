"""The consultant's own contact card, read from the window's settings file without Qt.

The window stores it with QSettings in an INI file; the headless CLI reads the same file here,
so a dossier exported from either names the same person.
"""

from __future__ import annotations

import configparser

from desktop.dossier.model import ContactCard

FIELDS = ("name", "role", "organisation", "phone", "email")


def settings_path():  # type: ignore[no-untyped-def]
    from platformdirs import user_config_path

    from desktop import APP_ID

    return user_config_path(APP_ID, appauthor=False) / "settings.ini"


def read_consultant(name_override: str | None = None) -> ContactCard:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_path(), encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        parser = configparser.ConfigParser(interpolation=None)
    section = parser["consultant"] if parser.has_section("consultant") else {}
    values = {key: (section.get(key) or "").strip() or None for key in FIELDS}
    return ContactCard(
        name=(name_override or values["name"] or "").strip(),
        role=values["role"],
        organisation=values["organisation"],
        phone=values["phone"],
        email=values["email"],
    )
