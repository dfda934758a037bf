"""The first start and the first export ask for the consultant's card; Settings checks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.app.consultant import read_consultant
from desktop.ui.base import dialogs
from desktop.ui.dossier import export_check, export_flow
from desktop.ui.preferences import first_start
from desktop.ui.preferences.first_start import ConsultantCardDialog
from desktop.ui.preferences.settings_dialog import SettingsDialog
from desktop.ui.shell.main_window import MainWindow

from .brief_helpers import open_new_brief


@pytest.fixture
def editor(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch):
    return open_new_brief(qtbot, window, monkeypatch)


def test_card_dialog_checks_the_e_mail_under_the_field_and_saves_for_the_cli(
    qtbot: QtBot,
) -> None:
    dialog = ConsultantCardDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()  # a name is needed
    qtbot.keyClicks(dialog.fields["name"], "Anna Berger")
    qtbot.keyClicks(dialog.fields["role"], "Investor consultant")
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.fields["email"], "anna.berger@")
    problem = dialog.contact.problems["email"]
    assert problem.isVisible() and "e-mail" in problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.grab().save("/tmp/team/first-start-dialog-invalid.png")
    qtbot.keyClicks(dialog.fields["email"], "example.org")
    qtbot.keyClicks(dialog.fields["phone"], "+49 341 123456")
    assert dialog.save_button.isEnabled() and not problem.isVisible()
    dialog.grab().save("/tmp/team/first-start-dialog.png")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    card = read_consultant()  # what the headless CLI puts on its dossiers
    assert (card.name, card.role, card.email, card.phone) == (
        "Anna Berger",
        "Investor consultant",
        "anna.berger@example.org",
        "+49 341 123456",
    )


def test_settings_refuse_an_invalid_e_mail(qtbot: QtBot) -> None:
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["email"], "not an address")
    assert not dialog.save_button.isEnabled()
    assert dialog.contact.problems["email"].isVisible()
    dialog.accept()  # Enter in a field: nothing is saved
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert read_consultant().email is None
    dialog.fields["email"].setText("a@example.org")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert read_consultant().email == "a@example.org"


def test_the_first_start_asks_once_and_only_while_the_card_is_empty(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(first_start, "ask_consultant_card", lambda parent: asked.append(parent))
    window: MainWindow = open_window(db_path)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    assert asked == [window]
    assert not first_start.ask_once_at_start(window)  # "Later" means later: not at every start
    assert len(asked) == 1

    from desktop.ui.base.settings import app_settings

    settings = app_settings()
    settings.remove(first_start.ASKED_KEY)
    settings.setValue("consultant/name", "Anna Berger")
    settings.sync()
    first_start.ask_once_at_start(window)
    assert len(asked) == 1  # a filled card is never asked for
    settings.remove(first_start.ASKED_KEY)
    settings.remove("consultant/name")
    settings.sync()
    monkeypatch.setenv("DOSSIER_DESK_SMOKE", "1")
    first_start.ask_once_at_start(window)
    assert len(asked) == 1  # nobody to answer in an unattended run


def _save_card(_parent) -> bool:
    from desktop.ui.base.settings import app_settings

    settings = app_settings()
    settings.setValue("consultant/name", "Anna Berger")
    settings.setValue("consultant/email", "anna.berger@example.org")
    settings.sync()
    return True


def test_the_first_export_asks_for_the_card_and_prints_it(
    qtbot: QtBot, editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_dialogs: list
) -> None:
    target = tmp_path / "aurora.pdf"
    findings: list[list[str]] = []
    monkeypatch.setattr(first_start, "ask_consultant_card", _save_card)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name: target)
    monkeypatch.setattr(
        export_check,
        "pre_export_check",
        lambda _p, f: findings.append(f) or export_check.ExportChoice(None),
    )
    with qtbot.waitSignal(editor.exported, timeout=30_000):
        editor.export()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Anna Berger" in text and "anna.berger@example.org" in text
    assert not any("consultant" in finding for finding in findings[0])


def test_an_empty_contact_page_needs_its_own_yes(
    qtbot: QtBot, editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "aurora.pdf"
    answers: list[bool] = [False]
    asked: list[object] = []
    findings: list[list[str]] = []
    monkeypatch.setattr(
        export_flow, "confirm_empty_contact_page", lambda p: asked.append(p) or answers[0]
    )
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name: target)
    monkeypatch.setattr(
        export_check,
        "pre_export_check",
        lambda _p, f: findings.append(f) or export_check.ExportChoice(None),
    )
    editor.export()  # the card dialog says "Later", the question says no
    assert asked == [editor] and not findings and not target.exists()

    answers[0] = True
    with qtbot.waitSignal(editor.exported, timeout=30_000):
        editor.export()
    assert target.exists() and len(asked) == 2
    # answered by its own question, so not repeated as one bullet among many
    assert not any("No consultant" in finding for finding in findings[0])


# --- one reader for the card, for the window and the CLI ---------------------------------------

TRICKY = {
    "name": ' Jürgen "Jo" Müller-Lüdenscheidt, Jr. ',
    "role": "Head = #1; Ärztliche Leitung ",
    "organisation": ' Straße; Ölmühle, "Gesundheit" #2 = eins; x ',
    "email": "jo@example.org",
    "phone": "+49 341 123456",
}


def test_a_card_saved_in_settings_reads_back_identical_for_the_cli(qtbot: QtBot) -> None:
    """QSettings quotes and escapes what it writes (commas, quotes, `=`, `;`, spaces at either
    end); the one reader gives back what the consultant typed, as the window saved it."""
    from desktop.app.consultant import settings_path
    from desktop.ui.base.settings import app_settings

    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    for key, text in TRICKY.items():
        dialog.fields[key].setText(text)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    raw = settings_path().read_text("utf-8")
    assert 'name=" Jürgen' not in raw and '\\"Jo\\"' in raw  # saved trimmed, quoted, escaped
    settings = app_settings()
    as_the_window_has_it = {key: settings.value(f"consultant/{key}") for key in TRICKY}
    assert as_the_window_has_it == {key: text.strip() for key, text in TRICKY.items()}
    card = read_consultant()
    assert {key: getattr(card, key) for key in TRICKY} == as_the_window_has_it
    reopened = ConsultantCardDialog()  # the window shows the same card again
    qtbot.addWidget(reopened)
    assert reopened.fields["name"].text() == TRICKY["name"].strip()


def test_the_reader_understands_what_qsettings_writes(qtbot: QtBot) -> None:
    """Spaces at either end (quoted by QSettings), backslashes, a leading @ and a hand-edited
    list read as QSettings reads them; the card is trimmed to one line like the dialog."""
    from desktop.ui.base.settings import app_settings

    settings = app_settings()
    written = {
        "name": '  Anna, "A." = #1; Berger  ',
        "role": "back\\slash\tand tab",
        "organisation": "@home",
    }
    for key, text in written.items():
        settings.setValue(f"consultant/{key}", text)
    settings.sync()
    assert {key: settings.value(f"consultant/{key}") for key in written} == written
    card = read_consultant()
    assert (card.name, card.role, card.organisation) == (
        'Anna, "A." = #1; Berger',
        "back\\slash and tab",
        "@home",
    )


def test_the_window_sees_a_card_just_saved(qtbot: QtBot) -> None:
    """QSettings keeps a write in memory until it syncs; the window's reading syncs first,
    so an export right after the card was saved does not ask for it again."""
    from desktop.ui.base.settings import app_settings
    from desktop.ui.preferences.contact_fields import saved_card

    settings = app_settings()  # kept open: nothing written to the file yet
    settings.setValue("consultant/name", "Anna Berger")
    assert saved_card().name == "Anna Berger"
    assert export_flow.check_contact_page(None) is export_flow.Contact.READY
    assert read_consultant().name == "Anna Berger"  # and the CLI, after the window wrote it
