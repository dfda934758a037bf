"""Errors a person can act on.

Each carries a message that says what happened and what to do; the CLI prints it as one line on
stderr and the window shows it in a dialog. Anything that is not a ``DossierError`` is a bug and
is logged with its traceback.
"""

from __future__ import annotations

from pathlib import Path


class DossierError(Exception):
    """Base class: ``str(error)`` is the message for the user."""


class DatabaseError(DossierError):
    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = path


class DatabaseMissingError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"No database at {path}, and its folder does not exist. "
            "Check the path, or create the folder to start a new knowledge base there.",
        )


class DatabaseUnreadableError(DatabaseError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"Cannot open {path} as a Dossier Desk database: {reason}. "
            "Choose another file or restore a backup.",
        )


class NewerSchemaError(DatabaseError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            path,
            f"{path} was written by a newer Dossier Desk (schema {found}; this version "
            f"understands up to {supported}). Update Dossier Desk to open it.",
        )
        self.found = found
        self.supported = supported


class DatabaseLockedError(DatabaseError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is busy: another program is writing to it. Close the other Dossier Desk "
            "window or wait a moment, then try again.",
        )


class NotFoundError(DossierError):
    """A slug or key the user typed does not exist."""


class SeedError(DossierError):
    """The seed files are inconsistent (unknown code, dangling slug, bad type)."""
