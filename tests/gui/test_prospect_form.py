"""The prospect form: country by name or code, typed dates, Tab that moves on, no silent loss."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.briefs.curation import ProspectInput
from desktop.ui.briefs.prospect_dialog import ProspectDialog
from desktop.ui.widgets.date_field import parse_date


@pytest.fixture(autouse=True)
def discard_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form closed with changes at teardown is discarded, never waits on a message box."""
    monkeypatch.setattr(
        ProspectDialog, "ask_unsaved", lambda _self: QMessageBox.StandardButton.Discard
    )


@pytest.fixture
def form(qtbot: QtBot) -> ProspectDialog:
    dialog = ProspectDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.company, "Acme")
    dialog.sectors.set_codes(("medtech",))
    return dialog


def type_country(qtbot: QtBot, form: ProspectDialog, text: str) -> None:
    form.country.edit.clear()
    qtbot.keyClicks(form.country.edit, text)
    form.country.completer.popup().hide()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("USA", "US"),
        ("Vereinigte Staaten", "US"),
        ("Georgia", "GE"),
    ],
)
def test_country_takes_names_and_codes_and_never_truncates(
    qtbot: QtBot, form: ProspectDialog, typed: str, code: str
) -> None:
    type_country(qtbot, form, typed)
    assert form.country.edit.text() == typed  # nothing cut off while typing
    assert form.can_save(), form.problems.text()
    assert form.data().country == code
    assert code in form.country.message.text()


def test_unknown_country_is_named_under_the_field_and_blocks_save(
    qtbot: QtBot, form: ProspectDialog
) -> None:
    type_country(qtbot, form, "Germny")
    assert not form.can_save()
    assert "Germny" in form.country.message.text()
    assert "Germany (DE)" in form.country.message.text()  # did you mean …
    assert "Germny" not in form.problems.text()  # said once, where the problem is
    type_country(qtbot, form, "Germany")
    assert form.can_save() and form.data().country == "DE"


def test_country_is_shown_by_name_and_completes_in_both_languages(
    qtbot: QtBot, form: ProspectDialog
) -> None:
    form.set_data(ProspectInput(company_name="Acme", sectors=("medtech",), country="GB"))
    assert form.country.edit.text() == "United Kingdom (GB)" and form.data().country == "GB"
    completions = form.country.completer.model().stringList()
    assert "Vereinigtes Königreich (GB)" in completions and "Germany (DE)" in completions
    form.country.completer.setCompletionPrefix("deutsch")
    assert form.country.completer.currentCompletion() == "Deutschland (DE)"
    type_country(qtbot, form, "deutschland")
    form.country.edit.editingFinished.emit()
    assert form.country.edit.text() == "Deutschland (DE)"


def test_a_typed_meeting_date_is_stored(qtbot: QtBot, form: ProspectDialog) -> None:
    assert form.data().meeting_on is None and form.meeting.spelled.text() == "no date"
    qtbot.keyClicks(form.meeting.edit, "2026-03-15")
    assert form.data().meeting_on == date(2026, 3, 15)
    assert form.meeting.spelled.text() == "Sun 15 March 2026"
    form.meeting.edit.clear()
    qtbot.keyClicks(form.meeting.edit, "7.4.2026")
    assert form.data().meeting_on == date(2026, 4, 7)
    form.meeting.edit.editingFinished.emit()
    assert form.meeting.edit.text() == "2026-04-07"
    form.meeting.edit.clear()
    assert form.data().meeting_on is None and form.can_save()
    qtbot.keyClicks(form.meeting.edit, "31.02.2026")
    assert not form.can_save() and "not a date" in form.meeting.spelled.text()


def test_the_calendar_opens_at_today_or_the_stored_date(qtbot: QtBot, form: ProspectDialog) -> None:
    form.meeting.open_calendar()
    selected = form.meeting.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == date.today().timetuple()[:3]
    form.meeting.calendar.hide()
    form.meeting.set_value(date(2027, 1, 5))
    form.meeting.open_calendar()
    assert form.meeting.calendar.selectedDate().toString("yyyy-MM-dd") == "2027-01-05"
    form.meeting.calendar.clicked.emit(form.meeting.calendar.selectedDate().addDays(2))
    assert form.data().meeting_on == date(2027, 1, 7) and not form.meeting.calendar.isVisible()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-15", date(2026, 3, 15)),
        ("15.03.2026", date(2026, 3, 15)),
        ("15.3.26", date(2026, 3, 15)),
        (" 2026-3-5 ", date(2026, 3, 5)),
        ("2026-13-01", None),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_tab_in_needs_moves_to_the_next_field(qtbot: QtBot, form: ProspectDialog) -> None:
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    for box, following in ((form.needs, form.notes), (form.notes, None)):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClicks(box, "GMP suite")
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        assert "\t" not in box.toPlainText() and not box.hasFocus()
        if following is not None:
            assert following.hasFocus()


def test_closing_with_changes_asks_and_cancel_keeps_the_text(
    qtbot: QtBot, form: ProspectDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton):
        def ask(_self: ProspectDialog) -> QMessageBox.StandardButton:
            asked.append(choice.name)
            return choice

        return ask

    form.show()
    qtbot.keyClicks(form.needs, "Two hectares")
    monkeypatch.setattr(ProspectDialog, "ask_unsaved", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and form.needs.toPlainText() == "Two hectares"
    monkeypatch.setattr(ProspectDialog, "ask_unsaved", answer(QMessageBox.StandardButton.Save))
    form.close()
    assert form.result() == ProspectDialog.DialogCode.Accepted
    assert form.data().needs == "Two hectares" and asked == ["Cancel", "Save"]


def test_closing_without_changes_does_not_ask(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ProspectInput(company_name="Acme", sectors=("medtech",), country="DE")
    dialog = ProspectDialog(None, data)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(ProspectDialog, "ask_unsaved", lambda _self: pytest.fail("asked"))
    dialog.show()
    dialog.reject()
    assert dialog.result() == ProspectDialog.DialogCode.Rejected
