"""The shell's shared widgets follow the window's language: labels, numbers, dates, sorting."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.kb import taxonomy, validation
from desktop.ui.base.wording import plural
from desktop.ui.preferences.first_start import ConsultantCardDialog
from desktop.ui.widgets.code_list import CodeList
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table


@pytest.mark.usefixtures("german_formats")
def test_counts_are_written_as_the_window_language_writes_numbers() -> None:
    assert plural(1500, "entity") == "1.500 entities"


def test_counts_keep_the_english_separator_in_english(qapp: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert plural(1500, "entity") == "1,500 entities"


@pytest.mark.usefixtures("german_formats")
def test_the_date_is_spelled_out_in_the_window_language(qtbot: QtBot) -> None:
    field = DateField("meeting", "Meeting")
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 15))
    assert "März" in field.spelled.text() and "2026" in field.spelled.text()


@pytest.mark.usefixtures("german_formats")
def test_vocabulary_lists_show_the_window_language_with_the_other_as_tooltip(
    qtbot: QtBot,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    codes = CodeList(taxonomy.SECTORS, "sectors", parent)
    term = next(iter(taxonomy.SECTORS.values()))
    assert codes.item(0).text() == term.label("de") and codes.item(0).toolTip() == term.en


@pytest.mark.usefixtures("german_formats")
def test_names_sort_with_their_umlauts_not_after_z(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    model: RecordTableModel[str] = RecordTableModel([Column("Name", lambda name: name)], parent)
    model.set_records(["Zeitz", "Ärzteverband", "Bautzen", "Oschatz", "Österreich"])
    table = record_table("names", "Names", model, parent)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    proxy = table.model()
    shown = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert shown == ["Ärzteverband", "Bautzen", "Oschatz", "Österreich", "Zeitz"]


def test_a_long_problem_under_a_contact_field_is_shown_in_full(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """German messages run a line or two longer: the dialog grows to show them whole."""
    long_message = "Eine Telefonnummer besteht nur aus Ziffern, Leerzeichen und + ( ) / -. " * 3
    monkeypatch.setattr(
        validation, "phone", lambda text, _language="en": long_message if text else None
    )
    dialog = ConsultantCardDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.fields["phone"], "abc")
    problem = dialog.contact.problems["phone"]
    qtbot.waitUntil(problem.isVisible)
    needed = problem.heightForWidth(problem.width())
    assert needed > 2 * problem.fontMetrics().height()  # the message does wrap
    qtbot.waitUntil(lambda: problem.height() >= problem.heightForWidth(problem.width()))
