"""Screenshots of the team views — joining, the sync button, the Conflicts list — for review
and the README, against a throwaway PostgreSQL server started here (as the tests do).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/team_screenshots.py [OUT_DIR]

In German (``LANGUAGE=de``) into a folder of its own, then the team-*.png copied to
``docs/screenshots/de/`` (its settings.png shows the team section, not the everyday one).
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMP = Path(tempfile.mkdtemp(prefix="dossier-team-shots-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(TEMP / variable.lower())
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from sqlalchemy import text  # noqa: E402
from tests.team.laptops import Laptop  # noqa: E402
from tests.team.server import start  # noqa: E402

from desktop.core.storage.database import build_seeded_database, make_engine  # noqa: E402
from desktop.core.team import admin, secrets  # noqa: E402
from desktop.core.team.dsn import ServerAddress  # noqa: E402
from desktop.ui.base import dialogs  # noqa: E402
from desktop.ui.preferences import first_start  # noqa: E402
from desktop.ui.preferences.settings_dialog import SettingsDialog  # noqa: E402
from desktop.ui.shell.app import build_main_window, ensure_application  # noqa: E402
from desktop.ui.team.conflicts_dialog import ConflictsDialog  # noqa: E402
from desktop.ui.team.join_dialog import JoinDialog  # noqa: E402

first_start.ask_once_at_start = lambda _parent: False  # type: ignore[assignment]
dialogs.show_info = lambda *_args: None  # "Joined." would wait for a click
KEPT: dict[tuple[str, str], str] = {}


class MemoryKeyring:
    """A laptop's keyring (this machine may have none): the join keeps the password here."""

    priority = 1

    def get_password(self, service: str, user: str) -> str | None:
        return KEPT.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        KEPT[(service, user)] = password


secrets._keyring = MemoryKeyring  # type: ignore[assignment]
SLUG = "fraunhofer-izi"


def settle(until, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until ``until()`` holds (or the time is up)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: until() and loop.quit())
    timer.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    server = start()
    try:
        name = f"shots_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(server.dsn(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        address = ServerAddress.parse(server.dsn(dbname=name))
        admin.init_team(address.url())
        password = admin.add_member(address.url(), "anna")
        ensure_application()
        laptop = TEMP / "knowledge.sqlite3"
        build_seeded_database(laptop)
        window = build_main_window(laptop)
        window.resize(1400, 860)
        window.show()
        settle(lambda: window.team.state is not None)
        dialog = JoinDialog(window.team, window)
        dialog.show()
        dialog.address.setText(address.for_user("anna").redacted())
        dialog.password.setText(password)
        dialog.check_button.click()
        settle(lambda: dialog.join_button.isEnabled())  # Check said what the team holds
        dialog.grab().save(str(out / "team-join.png"))
        dialog.join_button.click()
        settle(lambda: window.team.state.joined)
        dialog.close()

        engine = make_engine(address.url().render_as_string(hide_password=False))
        ben = Laptop.copy_of(laptop, TEMP, engine, "ben")
        ben.sync()
        local = make_engine(laptop)
        with local.begin() as connection:
            connection.execute(
                text("UPDATE entity SET website = 'https://izi.example/anna' WHERE slug = :s"),
                {"s": SLUG},
            )
            ahead = connection.execute(text("SELECT hlc FROM sync_clock")).scalar_one()
        local.dispose()
        ben.run("UPDATE sync_clock SET hlc = max(hlc, :t + 65536)", t=ahead)
        ben.run("UPDATE entity SET website = 'https://izi.example/ben' WHERE slug = :s", s=SLUG)
        ben.sync()
        window.team.sync()
        settle(lambda: window.team.state.open_conflicts == 1 and not window.team.syncing)
        window.show_entity(SLUG)
        settle(lambda: "izi.example/ben" in window.detail.toPlainText())
        window.grab().save(str(out / "team-window.png"))
        window.team.button.parentWidget().grab().save(str(out / "team-sync.png"))  # toolbar
        conflicts = ConflictsDialog(window.team, window)
        conflicts.show()
        settle(lambda: conflicts.table.rowCount() == 1)
        conflicts.table.selectRow(0)
        conflicts.grab().save(str(out / "team-conflicts.png"))
        conflicts.close()
        joined = JoinDialog(window.team, window)
        joined.show()
        joined.grab().save(str(out / "team-joined.png"))
        joined.close()
        settings = SettingsDialog(window)
        settings.show()
        settings.grab().save(str(out / "settings.png"))
        settings.close()
        ben.close()
        engine.dispose()
        window.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
