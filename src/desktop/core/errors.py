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


class DatabaseDamagedError(DatabaseUnreadableError):
    """The file exists but the database engine cannot read it as a database: empty, overwritten,
    or pages damaged (found at any read, not only at opening). The window offers the newest good
    backup."""

    def __init__(self, path: Path | str, reason: str) -> None:
        DatabaseError.__init__(
            self,
            path,
            f"{path} is damaged ({reason}). Restore the latest good backup (run "
            "'dossier-desk restore FILE'), or move the file away to start again from the "
            "bundled knowledge base.",
        )
        self.reason = reason


class DatabaseReadOnlyError(DatabaseError):
    """The file or its folder cannot be written (read-only medium, folder or file): nothing is
    wrong with the data, so nothing suggests restoring a backup."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"Cannot open {path}: {reason}. Dossier Desk needs to write beside the database: "
            "copy it to a writable folder and open the copy there.",
        )
        self.reason = reason


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
    """The database waited for the write lock (the busy timeout) and did not get it."""

    def __init__(self, path: Path | str, holder: str | None = None) -> None:
        who = f"{holder} is writing to it" if holder else "another program is writing to it"
        super().__init__(
            path,
            f"{path} is busy: {who}. Wait until it has finished (or close the other Dossier "
            "Desk window), then try again.",
        )
        self.holder = holder


class DatabaseInUseError(DatabaseError):
    """An operation that needs the file to itself (restore, a schema update) found it open."""

    def __init__(
        self, path: Path | str, holder: str | None = None, *, action: str = "do this"
    ) -> None:
        where = holder or "Dossier Desk or another program"
        super().__init__(
            path,
            f"Cannot {action} now: {path} is open in {where}. Close it, then try again; "
            "nothing was changed.",
        )
        self.holder = holder


class NotFoundError(DossierError):
    """A slug or key the user typed does not exist."""


class SeedError(DossierError):
    """The seed files are inconsistent (unknown code, dangling slug, bad type)."""


# --- the team's server ---------------------------------------------------------------------
# Messages name the server as "user on host:port/dbname" and never hold a password.


class TeamServerError(DossierError):
    """Something about the team's server that a person can put right."""


class ServerAddressError(TeamServerError):
    """What was typed as the server's address cannot be used (the message never repeats the
    values typed, which might include a password)."""


class ServerPasswordError(TeamServerError):
    """The server refused the password, or asked for one and none was given (``missing``)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class ServerUnreachableError(TeamServerError):
    """No server answered at the address (wrong host or port, no network, TLS failed)."""


class TeamDatabaseMissingError(TeamServerError):
    """The server answered but has no database of that name."""


class NotTeamAdminError(TeamServerError):
    """The role lacks the rights this needs (owner of the database, CREATEROLE)."""


class TeamNotSetUpError(TeamServerError):
    """The database holds no team yet: ``team init`` comes first."""


class TeamMemberError(TeamServerError):
    """A member's name is not valid, already taken, or not a member."""
