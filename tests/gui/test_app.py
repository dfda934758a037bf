"""Start-up behaviour: one window per database, clear errors, no Qt in the CLI path."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.__main__ import CLI_COMMANDS, wants_cli
from desktop.cli.main import COMMANDS
from desktop.ui.shell import app


def test_second_instance_is_told_who_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    first = app.acquire_lock(db)
    assert not isinstance(first, str)
    try:
        second = app.acquire_lock(db)
        assert isinstance(second, str)
        assert "already open" in second and "process" in second
    finally:
        first.unlock()
    third = app.acquire_lock(db)
    assert not isinstance(third, str)
    third.unlock()


def test_missing_folder_is_reported_not_raised(
    tmp_path: Path, shown_dialogs: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code = app.main(["--db", str(tmp_path / "nope" / "x.sqlite3")])
    assert code == 1
    assert "does not exist" in capsys.readouterr().err
    assert shown_dialogs and "does not exist" in shown_dialogs[0][1]


@pytest.mark.parametrize(
    ("argv", "cli"),
    [
        ([], False),
        (["--db", "x"], False),
        (["list"], True),
        (["--db", "x", "search", "q"], True),
        (["--help"], True),
    ],
)
def test_cli_or_window(argv: list[str], cli: bool) -> None:
    assert wants_cli(argv) is cli


def test_entry_point_knows_every_cli_command() -> None:
    from desktop.cli.main import build_parser

    parser = build_parser()
    names = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert set(COMMANDS) <= names <= CLI_COMMANDS
