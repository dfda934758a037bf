"""Working as a team in the window, against the real test server: join, sync, a colleague's
change in the detail pane, and a conflict settled from the Conflicts list."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from desktop.core.storage.database import make_engine
from desktop.core.team import admin, secrets
from desktop.core.team.dsn import ServerAddress
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.team.conflicts_dialog import ConflictsDialog
from desktop.ui.team.join_dialog import JoinDialog
from tests.team.laptops import Laptop
from tests.team.server import TeamServer

SLUG = "fraunhofer-izi"


class MemoryKeyring:
    """The system keyring a laptop would have (this machine's test runs have none)."""

    priority = 1

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.kept[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        self.kept.pop((service, user), None)


@pytest.fixture
def team(team_server: TeamServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    name, run = f"gui_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex[:6]
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"CREATE DATABASE {name}")
    address = ServerAddress.parse(team_server.dsn(dbname=name))
    admin.init_team(address.url())
    member = f"anna_{run}"
    password = admin.add_member(address.url(), member)
    keyring = MemoryKeyring()
    monkeypatch.setattr(secrets, "_keyring", lambda: keyring)
    engine = make_engine(address.url().render_as_string(hide_password=False))
    yield {
        "member_dsn": address.for_user(member).redacted(),
        "password": password,
        "engine": engine,
    }
    engine.dispose()
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")
        server.execute(f"DROP ROLE IF EXISTS {member}")


def colleague(engine: Engine, seeded_template: Path, folder: Path) -> Laptop:
    folder.mkdir(exist_ok=True)
    laptop = Laptop.copy_of(seeded_template, folder, engine, "ben")
    laptop.sync()
    return laptop


def join(qtbot: QtBot, window: MainWindow, team: dict[str, Any]) -> None:
    qtbot.waitUntil(lambda: window.team.state is not None, timeout=10_000)
    dialog = JoinDialog(window.team, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address.setText(team["member_dsn"])
    dialog.password.setText(team["password"])
    dialog.check_button.click()
    qtbot.waitUntil(lambda: "The team holds" in dialog.plan_label.text(), timeout=10_000)
    dialog.join_button.click()
    qtbot.waitUntil(lambda: window.team.state.joined, timeout=20_000)


def test_join_sync_and_see_a_colleagues_change(
    qtbot: QtBot, window: MainWindow, team: dict[str, Any], seeded_template: Path, tmp_path: Path
) -> None:
    join(qtbot, window, team)
    assert window.team.button.text().startswith("Synced")
    ben = colleague(team["engine"], seeded_template, tmp_path / "ben")
    try:
        ben.run("UPDATE entity SET website = 'https://ben.example' WHERE slug = :s", s=SLUG)
        ben.sync()
        window.show_entity(SLUG)
        qtbot.waitUntil(lambda: "Fraunhofer" in window.detail.toPlainText(), timeout=10_000)
        with qtbot.waitSignal(window.executor.data_changed, timeout=20_000):
            window.team.button.click()  # sync now
        qtbot.waitUntil(lambda: "ben.example" in window.detail.toPlainText(), timeout=10_000)
        window.grab().save(str(tmp_path / "team-window.png"))
    finally:
        ben.close()


def test_a_conflict_is_settled_from_the_conflicts_list(
    qtbot: QtBot, window: MainWindow, team: dict[str, Any], seeded_template: Path, tmp_path: Path
) -> None:
    join(qtbot, window, team)
    ben = colleague(team["engine"], seeded_template, tmp_path / "ben")
    try:
        local = make_engine(window.db_path)
        with local.begin() as connection:  # the consultant's edit, made on this laptop
            connection.execute(
                text("UPDATE entity SET website = 'https://mine.example' WHERE slug = :s"),
                {"s": SLUG},
            )
            ahead = connection.execute(text("SELECT hlc FROM sync_clock")).scalar_one()
        local.dispose()
        ben.run("UPDATE sync_clock SET hlc = max(hlc, :t + 65536)", t=ahead)
        ben.run("UPDATE entity SET website = 'https://ben.example' WHERE slug = :s", s=SLUG)
        ben.sync()
        window.team.sync()
        qtbot.waitUntil(lambda: window.team.state.open_conflicts == 1, timeout=20_000)
        assert "1 conflict" in window.team.button.text()
        dialog = ConflictsDialog(window.team, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
        assert "mine.example" in dialog.table.item(0, 3).text()
        assert dialog.table.item(0, 1).text() == "Website"  # the field in words, not its code
        dialog.grab().save(str(tmp_path / "conflicts.png"))
        dialog.table.selectRow(0)
        dialog.take_button.click()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10_000)
        window.team.sync()
        qtbot.waitUntil(lambda: window.team.state.waiting == 0, timeout=20_000)
        ben.sync()
        assert ben.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
            "https://mine.example"
        )
        assert ben.one("SELECT count(*) FROM team_conflict WHERE resolved_by IS NULL") == 0
    finally:
        ben.close()


def test_changes_go_by_file_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    seeded_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_dialogs: list[tuple[str, str]],
) -> None:
    """A laptop that never reaches the server: File ▸ Export changes…, then Import changes…
    on a colleague's laptop (its own window), twice — the second time changes nothing."""
    from desktop.ui.base import dialogs
    from desktop.ui.team import change_files

    local = make_engine(window.db_path)
    with local.begin() as connection:
        connection.execute(
            text("UPDATE entity SET website = 'https://by-file.example' WHERE slug = :s"),
            {"s": SLUG},
        )
    local.dispose()
    package = tmp_path / "changes.ddchanges"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: package)
    qtbot.waitUntil(lambda: window.team.state is not None, timeout=10_000)
    change_files.export_changes(window.team, window)
    qtbot.waitUntil(lambda: package.exists() and bool(shown_dialogs), timeout=10_000)
    assert "Wrote 1 changes" in shown_dialogs[-1][1]

    colleague_db = tmp_path / "colleague.sqlite3"
    colleague_db.write_bytes(seeded_template.read_bytes())
    from desktop.ui.shell.app import build_main_window  # a window on the colleague's file

    other = build_main_window(colleague_db)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: hasattr(other, "team"), timeout=5_000)  # built after the frame
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: package)
    for expected in ("1 applied", "0 applied"):
        shown_dialogs.clear()
        change_files.import_changes(other.team, other)
        qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=10_000)
        assert expected in shown_dialogs[-1][1]
    engine = make_engine(colleague_db)
    with engine.connect() as connection:
        website = connection.execute(
            text("SELECT website FROM entity WHERE slug = :s"), {"s": SLUG}
        ).scalar_one()
    engine.dispose()
    assert website == "https://by-file.example"


def test_settings_lead_to_the_team_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.preferences.settings_dialog import SettingsDialog
    from desktop.ui.shell import window_actions

    opened: list[object] = []
    monkeypatch.setattr(window_actions, "open_team", opened.append)
    monkeypatch.setattr(
        SettingsDialog, "exec", lambda dialog: dialog.findChild(QPushButton, "teamButton").click()
    )
    window.edits.open_settings()
    assert opened == [window]


def test_an_unreachable_server_is_a_quiet_state(
    qtbot: QtBot,
    window: MainWindow,
    team: dict[str, Any],
    team_server: TeamServer,
    shown_dialogs: list[tuple[str, str]],
) -> None:
    join(qtbot, window, team)
    shown_dialogs.clear()  # "Joined."
    local = make_engine(window.db_path)
    with local.begin() as connection:
        connection.execute(
            text("UPDATE entity SET website = 'https://offline.example' WHERE slug = :s"),
            {"s": SLUG},
        )
        connection.execute(  # the laptop left the office: the server's socket is gone
            text("UPDATE sync_state SET value = replace(value, :socket, '/nonexistent')"),
            {"socket": team_server.socket_dir},
        )
    local.dispose()
    window.team.refresh()
    qtbot.waitUntil(lambda: window.team.state.waiting == 1, timeout=10_000)
    window.team.sync()
    qtbot.waitUntil(lambda: window.team.button.text().startswith("Offline"), timeout=20_000)
    assert window.team.button.text() == "Offline — 1 change waiting"
    assert shown_dialogs == []
