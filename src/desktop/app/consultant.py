"""The consultant's own contact card, read from the window's settings file without Qt.

The window stores it with QSettings in an INI file; the headless CLI reads the same file here,
so a dossier exported from either names the same person. ``problems`` is the check the
settings dialog shows before it saves; a hand-edited file is cut to the same limits on reading,
so no card can be too long for the dossier's contact page and its QR code.
"""

from __future__ import annotations

import configparser

from desktop.core.kb import validation
from desktop.dossier.content.model import ContactCard

FIELDS = ("name", "role", "organisation", "phone", "email")
LABELS = {
    "name": "The name",
    "role": "The role",
    "organisation": "The organisation",
    "phone": "The phone number",
    "email": "The e-mail address",
}


def problems(values: dict[str, str]) -> dict[str, str]:
    """Field → what is wrong with it, for the settings dialog (empty fields are fine)."""
    found: dict[str, str | None] = {
        key: validation.one_line(values.get(key), LABELS[key], validation.MAX_CONTACT_CHARS)
        for key in FIELDS
    }
    found["phone"] = found["phone"] or validation.phone(values.get("phone"))
    found["email"] = found["email"] or validation.email(values.get("email"))
    return {key: message for key, message in found.items() if message}


def _bounded(value: str | None) -> str | None:
    """One line of at most ``MAX_CONTACT_CHARS``: what the dialog would have accepted."""
    text = " ".join((value or "").split())
    return text[: validation.MAX_CONTACT_CHARS].strip() or None


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
    values = {key: _bounded(section.get(key)) for key in FIELDS}
    return ContactCard(
        name=_bounded(name_override) or values["name"] or "",
        role=values["role"],
        organisation=values["organisation"],
        phone=values["phone"],
        email=values["email"],
    )
