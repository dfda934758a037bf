"""The Prospects tab and the brief editor in a German window: vocabulary labels, numbers and
dates as the window's language writes them (the texts themselves come from the catalogue)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.ui.base import formats
from desktop.ui.base.executor import DatabaseExecutor
from tests.gui.brief_helpers import stored_brief

PROSPECT = ProspectInput(
    company_name="Ärzte-Biotech GmbH",
    code_name="Project Aurora",
    use_code_name=True,
    country="US",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics"),
    status="site-visit",
    meeting_on=date(2026, 3, 15),
)


def test_numbers_and_dates_follow_the_window_language(german: None) -> None:
    assert formats.number(1500) == "1.500"
    assert formats.decimal(11.54) == "11,5"
    assert formats.shown_date(date(2026, 3, 5)) == "05.03.2026"
    assert formats.shown_stamp("2026-03-05 14:30") == "05.03.2026 14:30"
    assert formats.shown_stamp("2026-03-05") == "05.03.2026"
    assert formats.shown_stamp("soon") == "soon"  # not a stamp: shown as stored
    assert formats.counted(1, "1 Seite", "{count} Seiten") == "1 Seite"
    assert formats.counted(1500, "1 Seite", "{count} Seiten") == "1.500 Seiten"


def test_without_a_window_language_numbers_and_dates_stay_as_stored() -> None:
    """A bare C locale (no language at all) keeps ISO dates and English separators."""
    locale = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        assert formats.shown_date(date(2026, 3, 5)) == "2026-03-05"
        assert formats.shown_stamp("2026-03-05 14:30") == "2026-03-05 14:30"
        assert formats.number(1500) == "1,500" and formats.decimal(0.25) == "0.2"
    finally:
        QLocale.setDefault(locale)


def test_stamps_sort_by_time_whatever_the_shown_format() -> None:
    stamps = ["2026-12-01 09:00", "2026-02-28 17:45", "2026-02-28 08:05"]
    assert sorted(stamps, key=formats.stamp_order) == [stamps[2], stamps[1], stamps[0]]


def test_the_prospects_tab_shows_german_labels_and_dates(
    qtbot: QtBot, german: None, executor: DatabaseExecutor, database: Database
) -> None:
    from desktop.ui.briefs.prospects_view import ProspectsView
    from desktop.ui.widgets.record_model import RECORD_ROLE

    stored_brief(database, PROSPECT)
    view = ProspectsView(executor)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.waitUntil(lambda: view.brief_model.rowCount() == 1)
    row = [view.proxy.index(0, c).data() for c in range(view.proxy.columnCount())]
    assert row[1:4] == ["Standortbesuch", "Vereinigte Staaten", "15.03.2026"], row
    brief = [view.brief_model.index(0, c).data() for c in range(view.brief_model.columnCount())]
    assert brief[1:3] == ["Vollständiges Dossier", "Englisch"], brief
    summary = view.summary.text()
    assert "Vereinigte Staaten" in summary and "Zell- und Gentherapie" in summary
    assert "GMP-Herstellung" in summary
    statuses = [view.status_filter.itemText(i) for i in range(view.status_filter.count())]
    assert "Standortbesuch" in statuses
    view.status_filter.setCurrentIndex(view.status_filter.findData("site-visit"))
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data(RECORD_ROLE).company_name == "Ärzte-Biotech GmbH"


def test_the_prospect_form_lists_german_labels(qtbot: QtBot, german: None) -> None:
    from desktop.ui.briefs.prospect_dialog import ProspectDialog

    form = ProspectDialog(None, PROSPECT)
    qtbot.addWidget(form)
    assert form.status.currentText() == "Standortbesuch"
    assert form.sectors.objectName() == "Sectors of interest"  # names stay; labels translate
    assert form.data().status == "site-visit" and form.data().meeting_on == date(2026, 3, 15)


def test_the_brief_editor_shows_labels_and_scores_in_german(
    qtbot: QtBot,
    german: None,
    executor: DatabaseExecutor,
    database: Database,
    shown_dialogs: list,
) -> None:
    from desktop.ui.briefs.brief_editor import BriefEditor

    editor = BriefEditor(executor, stored_brief(database, PROSPECT))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.view is not None and editor.model.rowCount() > 0)
    sections = [editor.model.index(r, 0).data() for r in range(editor.model.rowCount())]
    assert "Forschungspartner" in sections and "Kennzahlen" in sections
    assert editor.template.currentText() == "Vollständiges Dossier"
    assert editor.language.currentText() == "Englisch"
    assert editor.language.currentData() == "en"  # the brief's language, stored as a code
    editor.why_not.query.setText("Fraunhofer")
    editor.why_not.refresh()
    qtbot.waitUntil(lambda: bool(editor.why_not.rows), timeout=10_000)
    standing = next(iter(editor.why_not.rows.values())).labels["verdictStanding"].text()
    assert "," in standing.split(" · ")[0] and "." not in standing.split(" · ")[0], standing
    editor.close()
    assert shown_dialogs == []
