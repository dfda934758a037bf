"""Where the window keeps its state between runs.

An INI file in the user config folder (platformdirs), not the platform registry, so tests can
redirect it with ``XDG_CONFIG_HOME`` and a consultant can copy or reset it by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.paths import settings_file


def app_settings() -> QSettings:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def read_list(settings: QSettings, key: str) -> list[str]:
    """A string list, whatever QSettings makes of an empty or one-element list."""
    value = settings.value(key, [])
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


# Data-care limits from Settings, with their defaults
DEFAULTS = {"stale_after_months": 24, "check_age_months": 12, "backup_count": 10}


def setting(name: str) -> int:
    """An integer setting with its documented default."""
    try:
        return int(app_settings().value(f"data/{name}", DEFAULTS[name]))
    except (TypeError, ValueError):
        return DEFAULTS[name]
