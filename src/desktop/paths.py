"""Where things live: bundled resources, the seed knowledge base and the user's data.

Kept in one module so a frozen build (PyInstaller sets ``sys._MEIPASS``) and a source checkout
resolve the same names, and tests can redirect user data with one environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID

DB_ENV_VAR = "DOSSIER_DESK_DB"
DB_FILE_NAME = "dossier-desk.sqlite3"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``db/``: the frozen bundle, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("brand", "theme.toml")``."""
    return project_root().joinpath("resources", *parts)


def seed_dir() -> Path:
    """The reviewable text files the knowledge base is built from."""
    return project_root() / "db" / "seed"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_ID, appauthor=False)


def settings_file() -> Path:
    """The window's settings (an INI file QSettings writes), which the CLI reads too."""
    from platformdirs import user_config_path

    return user_config_path(APP_ID, appauthor=False) / "settings.ini"


def user_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_ID, appauthor=False)


def default_db_path() -> Path:
    """The database to open when none is given: ``$DOSSIER_DESK_DB``, else the user data dir."""
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_dir() / DB_FILE_NAME
