"""A throwaway PostgreSQL cluster for the team tests: the real server, started by the tests.

The cluster is made with the Debian ``postgresql`` package's own ``initdb`` into a temporary
folder and listens only on a Unix socket in that folder (no TCP port at all), so nothing on the
machine can reach it and two runs never collide. PostgreSQL refuses to run as root; when the
tests run as root the server runs as the package's ``postgres`` system user. ``stop()`` shuts it
down and removes the folder.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "sudo apt-get install -y postgresql  (Debian/Ubuntu; PostgreSQL 15 or newer)"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); nothing listens on TCP
ADMIN = "team_admin"


class ServerUnavailableError(RuntimeError):
    """The test server could not be started; the message says why and what to install."""


@dataclass(frozen=True)
class TeamServer:
    folder: Path
    bin_dir: Path
    version: int

    @property
    def socket_dir(self) -> str:
        return str(self.folder / "socket")

    def dsn(
        self, *, user: str = ADMIN, dbname: str = "postgres", password: str | None = None
    ) -> str:
        parts = [f"host={self.socket_dir}", f"port={PORT}", f"user={user}", f"dbname={dbname}"]
        if password is not None:
            parts.append(f"password={password}")
        return " ".join(parts)

    def stop(self) -> None:
        _run_as_owner(
            [
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ]
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def find_bin_dir() -> Path:
    """The newest installed server's binaries (Debian keeps them off the PATH)."""
    found = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda path: int(path.parent.name),
    )
    if not found:
        raise ServerUnavailableError(
            f"No PostgreSQL server is installed. Install it: {INSTALL_HINT}"
        )
    return found[-1]


def start() -> TeamServer:
    bin_dir = find_bin_dir()
    version = int(bin_dir.parent.name)
    if version < 15:
        raise ServerUnavailableError(
            f"PostgreSQL {version} is too old; the team server needs 15 or newer."
        )
    folder = Path(tempfile.mkdtemp(prefix="dossier-team-server-"))
    (folder / "socket").mkdir()
    _give_to_owner(folder)
    _give_to_owner(folder / "socket")
    data = folder / "data"
    try:
        _run_as_owner(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "scram-sha-256",
                "-U",
                ADMIN,
                "--pwfile",
                str(_password_file(folder)),
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ]
        )
        # local connections of the test admin are trusted; everyone else gives a password
        (data / "pg_hba.conf").write_text(
            f"local all {ADMIN} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        _give_to_owner(data / "pg_hba.conf")
        options = f"-k {folder / 'socket'} -c listen_addresses='' -p {PORT} -c fsync=off"
        _run_as_owner(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ]
        )
    except ServerUnavailableError as error:
        log = folder / "server.log"
        said = log.read_text("utf-8", errors="replace")[-1500:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise ServerUnavailableError(f"{error}\n{said}".strip()) from None
    return TeamServer(folder, bin_dir, version)


def _password_file(folder: Path) -> Path:
    path = folder / "admin-password"
    path.write_text("not-used-locally\n", encoding="utf-8")
    _give_to_owner(path)
    return path


def _owner() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, or the ``postgres`` system user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise ServerUnavailableError(
            "Running as root, but there is no 'postgres' system user to run the server: "
            + INSTALL_HINT
        ) from None


def _give_to_owner(path: Path) -> None:
    owner = _owner()
    if owner is not None:
        os.chown(path, owner.pw_uid, owner.pw_gid)


def _run_as_owner(command: list[str]) -> None:
    program = Path(command[0]).name
    owner = _owner()
    if owner is not None:
        command = ["runuser", "-u", owner.pw_name, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()[-2000:]
        raise ServerUnavailableError(f"{program} failed: {output}")
