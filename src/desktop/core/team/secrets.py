"""A server password in the system's keyring (macOS Keychain, Windows Credential Locker, the
Secret Service on Linux), when there is one — never in a file of ours.

The ``keyring`` library is optional: without it, or without a usable keyring behind it (a
headless machine, a locked or broken store), nothing is stored and the caller asks for the
password when it is needed. Every keyring failure is "no keyring", never an error: a sync must
not fail because a password could not be remembered. Entries are kept under the service
:data:`SERVICE`, named ``user@host/dbname`` (:attr:`ServerAddress.keyring_user`).
"""

from __future__ import annotations

import logging
from typing import Any

from desktop.core.team.dsn import ServerAddress

SERVICE = "dossier-desk"

log = logging.getLogger(__name__)


def _keyring() -> Any | None:
    """The keyring backend in use, or None when none can keep a password."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        # The fail and null backends (priority 0 and below) stand in when nothing is usable.
        usable = float(getattr(backend, "priority", 0)) > 0
    except Exception as error:  # a backend that cannot even say what it is
        log.info("no usable keyring (%s)", type(error).__name__)
        return None
    return backend if usable else None


def keyring_available() -> bool:
    """Whether a password can be kept in this system's keyring."""
    return _keyring() is not None


def stored_password(address: ServerAddress) -> str | None:
    """The password kept for this address's user, server and database; None when none is
    (or the keyring cannot be read)."""
    backend = _keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(SERVICE, address.keyring_user)
    except Exception as error:  # locked, refused, or broken: as if nothing were kept
        log.info("cannot read the keyring (%s)", type(error).__name__)
        return None
    return found if isinstance(found, str) and found else None


def store_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` for this address; True when it was kept, False when there is no
    usable keyring (the caller will ask next time)."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, address.keyring_user, password)
    except Exception as error:
        log.info("cannot write to the keyring (%s)", type(error).__name__)
        return False
    return True


def forget_password(address: ServerAddress) -> None:
    """Remove the kept password, if there is one."""
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, address.keyring_user)
    except Exception as error:  # nothing kept, or the keyring refused: nothing to do
        log.info("cannot remove from the keyring (%s)", type(error).__name__)
