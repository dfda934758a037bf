"""The database file's messages reach a German reader in German: a refused restore, a file that
cannot be written, the health check's report (in the window's words and from
``dossier-desk check``), while ``str()`` and the log keep the English."""

from __future__ import annotations

import errno
import io
import os
import re
import socket
from pathlib import Path

import pytest

from desktop.app import language
from desktop.cli.main import main
from desktop.core.atomic_files import describe_os_error
from desktop.core.errors import DatabaseInUseError
from desktop.core.language.messages import message, said
from desktop.core.storage import backup, health

ENGLISH = re.compile(
    r"\b(the|is|are|was|open|process|window|cannot|restore|backup|nothing|changed|close|"
    r"write|written|disk|full|folder|checked|problems?|passed|every|check|damaged|on)\b",
    re.IGNORECASE,
)


def english_words(text: str, *values: object) -> list[str]:
    """The English words left in ``text`` once the values (paths, host names) are taken out."""
    for value in values:
        text = text.replace(str(value), "")
    return ENGLISH.findall(text)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the CLI in German by the environment, as a consultant's shell would (monkeypatch
    puts the suite's ``LANGUAGE=en`` back afterwards)."""
    monkeypatch.setattr(language, "_in_use", [])
    for name in language.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de")


def fake_window_of_another_process(db_path: Path) -> None:
    """The window's lock, held by a live process that is not this one (the runner's parent)."""
    Path(f"{db_path}.lock").write_text(f"{os.getppid()}\ndossier-desk\n{socket.gethostname()}\n")


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    page = 4096
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // page // 2 * page)
        handle.write(b"\xff" * page)


def test_a_restore_refused_while_the_window_is_open_reads_german(db_path: Path) -> None:
    taken = backup.backup(db_path, reason="manual")
    fake_window_of_another_process(db_path)
    with pytest.raises(DatabaseInUseError) as refused:
        backup.restore(db_path, taken.path)
    english, german = str(refused.value), refused.value.said("de")
    assert "restore a backup" in english and "Dossier Desk window" in english
    assert "Sicherung wiederherstellen" in german and f"Prozess {os.getppid()}" in german
    assert "Fenster" in german and "es wurde nichts geändert" in german
    assert english_words(german, db_path, socket.gethostname()) == []


def test_a_file_that_cannot_be_written_reads_german(tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    error = describe_os_error(OSError(errno.ENOSPC, "No space left on device"), target)
    assert str(error) == (
        f"Cannot write {target}: the disk is full; free some space or choose another folder. "
        "Nothing was written."
    )
    german = error.said("de")
    assert "der Datenträger ist voll" in german and "Es wurde nichts geschrieben" in german
    assert english_words(german, target) == []
    assert error.errno == errno.ENOSPC  # still an OSError for callers that treat it as one


def test_the_reports_findings_and_checks_are_said_in_the_readers_language(
    tmp_path: Path,
) -> None:
    missing = health.check(tmp_path / "missing.sqlite3")
    assert missing.text().startswith(f"{missing.path} has 1 problem (nothing checked):")
    assert said(missing, "de") == missing.text("de")
    assert missing.text("de") == (
        f"{missing.path} hat 1 Problem (nichts geprüft):\n"
        f"  - Unter {missing.path} liegt keine Datenbank."
    )
    report = health.Report(
        tmp_path,
        (health.INTEGRITY, health.FOREIGN_KEYS),
        (message("Search index: {problem}.", problem="engine words"), "as it is"),
    )
    assert report.problems == ("Search index: engine words.", "as it is")  # English, for logs
    assert "(Integrität, Fremdschlüssel geprüft)" in report.text("de")
    assert "  - Suchindex: engine words." in report.text("de")


def test_the_check_command_speaks_german(
    db_path: Path, german: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run("--db", str(db_path), "check")
    assert code == 0
    assert out.strip() == (
        f"In Ordnung: {db_path} hat alle Prüfungen bestanden "
        "(Integrität, Fremdschlüssel, Suchindex)."
    )
    damage(db_path)
    code, out = run("--db", str(db_path), "check")
    assert code == 1
    assert "Die Datei ist beschädigt: " in out
    assert re.search(r" hat \d+ Probleme? \(Integrität[^)]* geprüft\):", out)
    assert "The file is damaged" not in out and "problem" not in out
    assert "Stellen Sie eine Sicherung wieder her" in capsys.readouterr().err
