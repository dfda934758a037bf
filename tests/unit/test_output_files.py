"""Output files: only regular files are replaced, every failure is one line, no debris stays.

Covers the one atomic writer both exports use (PDF dossier and data export): folders, links,
pipes and devices at the target; a link or file swapped in while exporting; read-only folders
and full disks (simulated in-process: the tests run as root, which ignores permissions); stale
temporary files of killed exports; empty passwords; spreadsheet formulas in CSV cells.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.main import main
from desktop.core import atomic_files
from desktop.core.atomic_files import OutputFileError, remove_stale_temporaries, write_bytes
from desktop.core.exchange import exporter
from desktop.core.exchange.csv_reader import guard_formula, unguard_formula
from desktop.core.exchange.importer import apply, plan_file
from desktop.core.storage.database import Database, content_digest
from desktop.dossier.render import EmptyPasswordError, render_file
from tests.fixtures.sample_dossier import sample_data

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "acme-cell-therapy.toml"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def one_line_failure(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    code, _ = run(*args)
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.startswith("dossier-desk: check:")]
    assert code != 0 and "Traceback" not in err and len(errors) == 1, err
    return errors[0]


def pdf_export(db_path: Path, out: Path, *extra: str) -> tuple[str, ...]:
    return ("--db", str(db_path), "export", "--profile", str(PROFILE), "--out", str(out), *extra)


def data_export(db_path: Path, out: Path) -> tuple[str, ...]:
    return ("--db", str(db_path), "export-data", "--out", str(out))


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- F: only regular files are replaced ------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "export-data"])
def test_a_folder_at_the_target_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    target = tmp_path / ("out.pdf" if command == "export" else "out.json")
    target.mkdir()
    make = pdf_export if command == "export" else data_export
    err = one_line_failure(capsys, *make(db_path, target))
    assert f"{target} is a folder; give a file name. Nothing was written." in err
    assert target.is_dir() and not list(target.iterdir())


@pytest.mark.parametrize("command", ["export", "export-data"])
def test_a_symbolic_link_is_refused_and_its_target_kept(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / ("link.pdf" if command == "export" else "link.json")
    link.symlink_to(precious)
    make = pdf_export if command == "export" else data_export
    err = one_line_failure(capsys, *make(db_path, link))
    assert "is a symbolic link; give the path of a file, not a link" in err
    assert link.is_symlink() and precious.read_text() == "keep me"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    err = one_line_failure(capsys, *data_export(db_path, pipe))
    assert "is not a regular file (a device, a pipe or a socket)" in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_node_is_refused(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_failure(capsys, *pdf_export(db_path, Path("/dev/null")))
    assert "/dev/null is not a regular file" in err
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_link_swapped_in_while_writing_is_not_replaced(tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "out.json"
    target.write_text("old")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not ours")

    def write(handle: object) -> None:
        target.unlink()
        target.symlink_to(elsewhere)
        handle.write(b"new")  # type: ignore[attr-defined]

    with pytest.raises(OutputFileError, match="is a symbolic link"):
        atomic_files.write_file(target, write)
    assert target.is_symlink() and elsewhere.read_text() == "not ours"
    assert only(tmp_path) == ["elsewhere.txt", "out.json"]


def test_a_file_created_meanwhile_at_a_new_path_is_not_replaced(tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "new.pdf"

    def write(handle: object) -> None:
        target.write_text("someone else's")
        handle.write(b"ours")  # type: ignore[attr-defined]

    with pytest.raises(OutputFileError, match="created by another program"):
        atomic_files.write_file(target, write)
    assert target.read_text() == "someone else's" and only(tmp_path) == ["new.pdf"]


def test_temporary_names_are_hidden_carry_the_pid_and_go_away(tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    seen: list[str] = []
    target = tmp_path / "dossier.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_files.write_file(target, lambda handle: seen.extend(only(tmp_path)))
    [temporary] = [name for name in seen if name != "dossier.pdf"]
    assert temporary.startswith(f".dossier.pdf.{os.getpid()}.") and temporary.endswith(".part")
    assert only(tmp_path) == ["dossier.pdf"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # replacing keeps the permissions


def dead_pid() -> int:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_stale_temporaries_of_killed_exports_are_removed(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    old = time.time() - 2 * atomic_files.STALE_AFTER_SECONDS
    gone = dead_pid()
    names = {
        "stale": f".dossier.pdf.{gone}.0123abcd.part",
        "stale_old_exporter": f".data.json.{gone}.partial",
        "running": f".dossier.pdf.{os.getpid()}.0123abcd.part",  # a live writer: ours
        "fresh": f".other.pdf.{gone}.89abcdef.part",  # too young to judge
        "foreign": "notes.pdf.part",  # not a name this program makes
    }
    for key, name in names.items():
        (folder / name).write_bytes(b"half")
        if key != "fresh":
            os.utime(folder / name, (old, old))
    code, _ = run(*data_export(db_path, folder / "all.json"))
    assert code == 0
    left = set(only(folder))
    assert names["stale"] not in left and names["stale_old_exporter"] not in left
    assert {names["running"], names["fresh"], names["foreign"], "all.json"} <= left
    assert remove_stale_temporaries(folder) == []


# --- E: read-only folders and full disks are one line ----------------------------------------


def refuse_temporary(code: int) -> object:
    def create(path: Path) -> object:
        raise OSError(code, os.strerror(code), str(path))

    return create


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.EROFS, "is on a read-only disk; choose another folder"),
        (errno.EACCES, "no permission to write in"),
        (errno.ENAMETOOLONG, "the file name is too long"),
    ],
)
def test_an_unwritable_folder_is_one_line_for_export_data(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    said: str,
) -> None:
    monkeypatch.setattr(atomic_files, "_create_temporary", refuse_temporary(code))
    err = one_line_failure(capsys, *data_export(db_path, tmp_path / "out.xlsx"))
    assert f"Cannot write {tmp_path / 'out.xlsx'}: " in err and said in err
    assert "Nothing was written." in err and not (tmp_path / "out.xlsx").exists()


def test_a_read_only_folder_is_one_line_for_the_pdf_export(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(atomic_files, "_create_temporary", refuse_temporary(errno.EROFS))
    err = one_line_failure(capsys, *pdf_export(db_path, tmp_path / "acme.pdf"))
    assert "is on a read-only disk; choose another folder. Nothing was written." in err


def test_a_full_disk_is_one_line_and_leaves_the_old_files(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf, data = tmp_path / "acme.pdf", tmp_path / "all.json"
    pdf.write_bytes(b"previous dossier")
    data.write_bytes(b"previous export")

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", full)
    for args in (pdf_export(db_path, pdf), data_export(db_path, data)):
        err = one_line_failure(capsys, *args)
        assert "the disk is full; free some space or choose another folder" in err
    assert pdf.read_bytes() == b"previous dossier" and data.read_bytes() == b"previous export"
    assert only(tmp_path) == ["acme.pdf", "all.json", "home", "knowledge.sqlite3"]


def test_every_errno_has_a_sentence() -> None:
    for code in (
        errno.ENOSPC,
        errno.EROFS,
        errno.EACCES,
        errno.EISDIR,
        errno.ENOTDIR,
        errno.ENAMETOOLONG,
    ):
        message = str(atomic_files.describe_os_error(OSError(code, "x"), Path("/a/b.pdf")))
        assert message.startswith("Cannot write /a/b.pdf: ") and "\n" not in message
        assert message.endswith("Nothing was written.") and ": x." not in message


# --- G: empty passwords ------------------------------------------------------------------------


def test_an_empty_password_is_refused_by_the_cli(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "acme.pdf"
    err = one_line_failure(capsys, *pdf_export(db_path, out, "--password", ""))
    assert "--password is empty: give a password to encrypt the PDF" in err
    assert not out.exists()


@pytest.mark.parametrize("password", ["", "   "])
def test_render_file_refuses_an_empty_password(tmp_path: Path, password: str) -> None:
    with pytest.raises(EmptyPasswordError, match="The password is empty"):
        render_file(sample_data("en", "onepager"), tmp_path / "x.pdf", password=password)
    assert not list(tmp_path.glob("*.pdf"))


def test_no_password_still_writes_an_open_pdf(tmp_path: Path) -> None:
    out = tmp_path / "open.pdf"
    render_file(sample_data("en", "onepager"), out, password=None)
    assert not PdfReader(out).is_encrypted


# --- G: formulas in CSV cells ------------------------------------------------------------------

TRICKY = [
    '=HYPERLINK("http://x")',
    "+49 341 1234",
    "-minus",
    "@SUM(A1)",
    "'=quoted",
    "''+",
    "'plain",
    "plain",
    "",
    "'",
    "\t tab",
    "\rcr",
    "a=b",
]


def test_guard_and_unguard_are_inverse() -> None:
    for text in TRICKY:
        guarded = guard_formula(text)
        assert unguard_formula(guarded) == text
        assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_that_look_like_formulas_are_guarded_and_round_trip(
    database: Database, tmp_path: Path
) -> None:
    source = tmp_path / "in.json"
    entities = [
        {"slug": "formula-firm", "name": '=HYPERLINK("http://evil","click")', "kind": "company"},
        {"slug": "phone-firm", "name": "+49 Firm", "kind": "company", "location": "@home"},
        {"slug": "minus-firm", "name": "-5 Firm", "kind": "company"},
        {"slug": "quote-firm", "name": "'=already quoted", "kind": "company"},
    ]
    facts = [
        {
            "key": "negative-figure",
            "label": "Change",
            "value": -5,
            "unit": "companies",
            "source": "cluster-profile",
        }
    ]
    source.write_text(json.dumps({"entities": entities, "facts": facts}))
    apply(database, plan_file(database, source), who="me")
    written = exporter.export_data(database, tmp_path / "out.csv")
    cells = {
        path.stem.split("-", 1)[1]: list(csv.reader(path.read_text("utf-8-sig").splitlines()))
        for path in written
    }
    names = [row[1] for row in cells["entities"][1:]]
    assert '\'=HYPERLINK("http://evil","click")' in names
    assert {"'+49 Firm", "'-5 Firm", "''=already quoted"} <= set(names)
    assert not any(cell[:1] in "=+-@" and cell for row in cells["entities"] for cell in row)
    header, *rows = cells["facts"]
    [figure] = [row for row in rows if row[0] == "negative-figure"]
    assert figure[header.index("value")] == "-5"  # a number stays a number
    before = content_digest(database.engine)
    for path in written:
        planned = plan_file(database, path)
        assert planned.ok and planned.counts()["unchanged"] == len(planned.rows), path.name
    assert content_digest(database.engine) == before


def test_write_bytes_creates_a_new_file_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "fresh.pdf"
    write_bytes(target, b"%PDF")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_bytes() == b"%PDF"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("command", ["export", "export-data"])
def test_a_file_name_too_long_for_the_disk_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    target = tmp_path / ("x" * 300 + (".pdf" if command == "export" else ".json"))
    make = pdf_export if command == "export" else data_export
    err = one_line_failure(capsys, *make(db_path, target))
    assert "the file name is too long; choose a shorter one. Nothing was written." in err


def test_replace_syncs_the_content_then_renames_then_syncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file finished elsewhere (a database built or copied aside) goes in place durably."""
    source, target = tmp_path / "knowledge.sqlite3.building", tmp_path / "knowledge.sqlite3"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    events: list[str] = []
    fsync, rename = os.fsync, os.replace

    def recording_fsync(descriptor: int) -> None:
        events.append("folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file")
        fsync(descriptor)

    def recording_replace(src: Path, dst: Path) -> None:
        events.append("rename")
        rename(src, dst)

    monkeypatch.setattr(atomic_files.os, "fsync", recording_fsync)
    monkeypatch.setattr(atomic_files.os, "replace", recording_replace)
    atomic_files.replace(source, target)
    assert events == ["file", "rename", "folder"]
    assert target.read_bytes() == b"new" and not source.exists()
