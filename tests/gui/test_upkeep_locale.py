"""The upkeep windows follow the window's language where no catalogue is needed: vocabulary
labels, counts, figures typed and shown, dates and backup times, the order of names."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.base import formats
from desktop.ui.upkeep import labels
from desktop.ui.upkeep.import_dialog import rows_summary
from desktop.ui.upkeep.journal_dialogs import JournalWords


@pytest.mark.usefixtures("german_formats")
def test_figures_are_typed_and_shown_as_german_writes_them() -> None:
    assert labels.parse_number("1.500,5") == 1500.5
    assert labels.parse_number("2,5") == 2.5  # not 25, as stripping the comma made it
    assert labels.parse_number("2.5") == 2.5  # as a program writes it
    assert labels.parse_number("viel") is None and labels.check_figure("viel")
    assert labels.shown_number(1500.0) == "1.500" and labels.shown_number(2.5) == "2,5"
    assert formats.counted(1500, "1 row", "{count} rows") == "1.500 rows"


@pytest.mark.usefixtures("german_formats")
def test_dates_and_backup_times_are_german() -> None:
    assert labels.shown_date("2026-10-05") == "05.10.2026"
    assert labels.shown_date("2026-06") == "Juni 2026" and labels.shown_date("2026") == "2026"
    assert labels.shown_date(None, "nie") == "nie"
    assert formats.shown_time(datetime(2026, 12, 7, 14, 30)) == "07.12.2026 14:30"
    assert labels.shown_stamp("2026-12-07 09:05") == "07.12.2026 09:05"


@pytest.mark.usefixtures("german_formats")
def test_vocabularies_are_labelled_and_names_collated_in_german(qtbot: QtBot) -> None:
    from desktop.core.kb import taxonomy
    from desktop.ui.upkeep.entity_dialog import EntityDialog

    assert ("Partner von", "partner-of") in labels.term_choices(taxonomy.RELATION_TYPES)
    assert labels.term_choices(taxonomy.QUALIFIERS)[0][1] == "exact"
    names = labels.name_choices({"z": "Zentrum", "ae": "Ärztehaus", "a": "Apotheke"})
    assert [name for name, _key in names] == ["Apotheke", "Ärztehaus", "Zentrum"]
    assert labels.shown_value("sectors", ("medtech", "diagnostics")) == "Medizintechnik, Diagnostik"
    assert labels.shown_value("availability", "under-construction") == "im Bau"
    dialog = EntityDialog(None, None, {}, {"gmp": "GMP"})
    qtbot.addWidget(dialog)
    assert dialog.kind.itemText(dialog.kind.findData("company")) == "Unternehmen"


def test_the_english_window_keeps_its_words_and_iso_dates(qapp: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    qapp.setProperty("dossierLanguage", "en")  # as install_translations sets English
    assert rows_summary({"add": 1, "update": 1_500}) == "1 row to add, 1,500 rows to update"
    assert labels.shown_date("2026-10-05") == "2026-10-05"
    assert formats.shown_time(datetime(2026, 12, 7, 14, 30)) == "2026-12-07 14:30"
    assert labels.parse_number("1,500") == 1500.0 and labels.shown_number(1500.0) == "1,500"
    words = JournalWords({"tags": {"gmp": "GMP"}})
    assert labels.shown_value("tags", "gmp, atmp", words.names["tags"]) == "GMP, atmp"
    assert labels.shown_value("public", "True") == "yes" and labels.shown_value("note", None) == "—"
