"""The application layer for upkeep: typed keyword-only actions, shared by window and CLI."""

from __future__ import annotations

import inspect
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from desktop.app import edits, exchange, maintenance, records
from desktop.app.consultant import settings_path
from desktop.app.store import Store, open_store
from desktop.cli.main import main
from desktop.core.storage import backup
from desktop.core.upkeep.records import SpaceRecord

ACTIONS = (edits, records, exchange, maintenance)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


def card(name: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f"[consultant]\nname = {name}\n", encoding="utf-8")


@pytest.mark.parametrize("module", ACTIONS, ids=lambda m: m.__name__)
def test_every_action_is_typed_and_keyword_only_after_its_handle(module: ModuleType) -> None:
    """No dispatch by string (``run_record_edit(store, "save_fact", **arguments)``)."""
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or function.__module__ != module.__name__:
            continue
        parameters = list(inspect.signature(function).parameters.values())
        positional = [p for p in parameters if p.kind is not p.KEYWORD_ONLY]
        assert len(positional) <= 1, f"{name}: {[p.name for p in positional]}"
        assert all(p.kind is not p.VAR_KEYWORD for p in parameters), name
        assert all(p.annotation is not p.empty for p in parameters), name
        assert inspect.signature(function).return_annotation is not inspect.Signature.empty, name


def test_a_record_edit_and_its_undo_are_two_calls_in_two_batches(store: Store) -> None:
    offer = SpaceRecord("biocube-leipzig", "cleanroom", "planned", "2027")
    assert records.set_space(store, record=offer, who="Anna") is None  # nothing it replaced
    forms = records.record_forms(store, slug="biocube-leipzig")
    assert "cleanroom" in {s.space_type for s in forms.detail.space}
    assert records.remove_space(
        store, site="biocube-leipzig", space_type="cleanroom", who="Anna"
    ) == SpaceRecord("biocube-leipzig", "cleanroom", "planned", "2027", None)
    journal = edits.journal(store, record_key="biocube-leipzig:cleanroom")
    assert {e.action for e in journal.entries} == {"create", "delete"}
    assert {e.who for e in journal.entries} == {"Anna"}
    connection = sqlite3.connect(store.path)
    batches = connection.execute(
        "SELECT COUNT(DISTINCT batch) FROM audit_entry WHERE record_key = ?",
        ("biocube-leipzig:cleanroom",),
    ).fetchone()[0]
    connection.close()
    assert batches == 2


def test_the_journal_names_who_was_given_then_the_card_then_the_login() -> None:
    assert edits.journal_name("  Bob  ") == "Bob"
    login = edits.journal_name()
    assert login  # no card yet: the computer login (or "unknown")
    card("Anna Beispiel")
    assert edits.journal_name() == "Anna Beispiel" and edits.journal_name(" ") == "Anna Beispiel"


def test_the_cli_imports_by_the_windows_rules(db_path: Path, tmp_path: Path) -> None:
    """A backup right before writing, and the consultant from the card in the journal."""
    card("Anna Beispiel")
    source = tmp_path / "firms.csv"
    source.write_text("name;kind\nRules Check GmbH;company\n", encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(source)], out=io.StringIO()) == 0
    [taken] = backup.list_backups(db_path)
    assert taken.reason == "import"
    connection = sqlite3.connect(db_path)
    who = connection.execute(
        "SELECT DISTINCT who FROM audit_entry WHERE action = 'import'"
    ).fetchall()
    connection.close()
    assert who == [("Anna Beispiel",)]


def test_an_undoable_import_names_its_backup_and_the_content_after_it(
    store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("name;kind\nUndo Check GmbH;company\n", encoding="utf-8")
    plan = exchange.plan_import_file(store.database, path=source)
    done = exchange.apply_import(store.database, plan=plan, who="Anna", undoable=True)
    assert done.source_name == "firms.csv" and done.result.added == 1
    assert done.backup_path is not None and done.backup_path.exists()
    assert done.after_digest == backup.digest_of(store.path)
    again = exchange.apply_import(store.database, plan=exchange.plan_import_file(
        store.database, path=source), who="Anna")  # fmt: skip
    assert again.backup_path is None and again.result.added == 0  # nothing to write: no backup


def test_an_undo_by_restore_is_refused_once_the_data_moved_on(store: Store, tmp_path: Path) -> None:
    taken = maintenance.back_up(store.path, reason="manual")
    digest = backup.digest_of(store.path)
    edits.verify(store, record_type="entity", key="co-don", who="Anna")
    store.close()
    with pytest.raises(maintenance.ChangedSinceError):
        maintenance.restore_if_unchanged(store.path, source=taken.path, expected=digest)
    restored = maintenance.restore_if_unchanged(
        store.path, source=taken.path, expected=backup.digest_of(store.path)
    )
    assert restored.digest == backup.digest_of(taken.path)
