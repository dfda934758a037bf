"""Errors a person can act on.

Each carries a message that says what happened and what to do, kept as a
:class:`~desktop.core.language.messages.Message` (the English sentence and its values) so the
reader gets it in their language: the window and the CLI show ``error.said(language)``, the log
and ``--json`` the English ``str(error)``. Anything that is not a ``DossierError`` is a bug and is
logged with its traceback.

A sentence is a literal with ``{name}`` placeholders, never an f-string: a test finds every one in
the source and keeps each language's catalogue complete. :class:`SeedError` alone stays English:
it speaks to whoever edits the seed files, not to a consultant.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.language.messages import Message, Sayable, message


class DossierError(Exception):
    """Base class: ``str(error)`` is the message in English, :meth:`said` in any language."""

    def __init__(self, sentence: str | Sayable = "", /, **values: object) -> None:
        self.message: Sayable = Message(sentence, values) if isinstance(sentence, str) else sentence
        super().__init__(str(self.message))

    def said(self, language: str) -> str:
        return self.message.said(language)


class DatabaseError(DossierError):
    def __init__(self, path: Path | str, sentence: str | Message, /, **values: object) -> None:
        super().__init__(sentence, path=path, **values)
        self.path = path


class DatabaseMissingError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "No database at {path}, and its folder does not exist. "
            "Check the path, or create the folder to start a new knowledge base there.",
        )


class DatabaseUnreadableError(DatabaseError):
    def __init__(self, path: Path | str, reason: str | Message) -> None:
        super().__init__(
            path,
            "Cannot open {path} as a Dossier Desk database: {reason}. "
            "Choose another file or restore a backup.",
            reason=reason,
        )


class DatabaseDamagedError(DatabaseUnreadableError):
    """The file exists but the database engine cannot read it as a database: empty, overwritten,
    or pages damaged (found at any read, not only at opening). The window offers the newest good
    backup."""

    def __init__(self, path: Path | str, reason: str | Message) -> None:
        DatabaseError.__init__(
            self,
            path,
            "{path} is damaged ({reason}). Restore the latest good backup (run "
            "'dossier-desk restore FILE'), or move the file away to start again from the "
            "bundled knowledge base.",
            reason=reason,
        )
        self.reason = reason


class DatabaseReadOnlyError(DatabaseError):
    """The file or its folder cannot be written (read-only medium, folder or file): nothing is
    wrong with the data, so nothing suggests restoring a backup."""

    def __init__(self, path: Path | str, reason: str | Message) -> None:
        super().__init__(
            path,
            "Cannot open {path}: {reason}. Dossier Desk needs to write beside the database: "
            "copy it to a writable folder and open the copy there.",
            reason=reason,
        )
        self.reason = reason


class NewerSchemaError(DatabaseError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            path,
            "{path} was written by a newer Dossier Desk (schema {found}; this version "
            "understands up to {supported}). Update Dossier Desk to open it.",
            found=found,
            supported=supported,
        )
        self.found = found
        self.supported = supported


class DatabaseLockedError(DatabaseError):
    """The database waited for the write lock (the busy timeout) and did not get it."""

    def __init__(self, path: Path | str, holder: str | Message | None = None) -> None:
        if holder:
            sentence = message(
                "{path} is busy: {holder} is writing to it. Wait until it has finished (or "
                "close the other Dossier Desk window), then try again.",
                path=path,
                holder=holder,
            )
        else:
            sentence = message(
                "{path} is busy: another program is writing to it. Wait until it has finished "
                "(or close the other Dossier Desk window), then try again.",
                path=path,
            )
        super().__init__(path, sentence)
        self.holder = holder


class DatabaseInUseError(DatabaseError):
    """An operation that needs the file to itself (restore, a schema update) found it open."""

    def __init__(
        self,
        path: Path | str,
        holder: str | Message | None = None,
        *,
        action: Message | None = None,
    ) -> None:
        super().__init__(
            path,
            "Cannot {action} now: {path} is open in {holder}. Close it, then try again; "
            "nothing was changed.",
            action=action or message("do this"),
            holder=holder or message("Dossier Desk or another program"),
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

    def __init__(
        self, sentence: str | Message, /, *, missing: bool = False, **values: object
    ) -> None:
        super().__init__(sentence, **values)
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
