"""The browse views follow the window's language where no catalogue is needed: vocabulary
labels, numbers, dates and the order of names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QLocale, QStringListModel
from PySide6.QtWidgets import QApplication

from desktop.core.kb import catalogue
from desktop.core.storage.database import Database
from desktop.ui.base.formats import number, sorted_names
from desktop.ui.base.formats import shown_iso_date as shown_date
from desktop.ui.browse.detail_html import render_detail
from desktop.ui.browse.formats import CollatedProxy
from desktop.ui.browse.navigator import Navigator

TODAY = date(2026, 11, 26)


def detail(database: Database, slug: str) -> catalogue.EntityDetail:
    with database.session() as session:
        return catalogue.entity_detail(session, slug)


@pytest.mark.usefixtures("german_formats")
def test_the_detail_pane_names_vocabulary_and_dates_in_german(database: Database) -> None:
    site = replace(detail(database, "biocube-leipzig"), verified_on="2026-10-05")
    html = render_detail(site, today=TODAY)
    assert "Standort oder Einrichtung" in html and "Immobilien&nbsp;und&nbsp;Flächen" in html
    assert "S2-Labor" in html and "verfügbar" in html and "05.10.2026" in html
    spin_off = render_detail(detail(database, "next3d"), today=TODAY)
    assert "Ausgründung von" in spin_off
    hosts = render_detail(detail(database, "clinic-neurosurgery"), today=TODAY)
    assert "Hat Ausgründung" in hosts  # capitalised without lowering the rest


@pytest.mark.usefixtures("german_formats")
def test_numbers_dates_and_names_are_written_and_sorted_the_german_way() -> None:
    assert number(1500) == "1.500"
    assert [shown_date(d) for d in ("2026-06", "2026-11-20", "2019")] == [
        "Juni 2026",
        "20.11.2026",
        "2019",
    ]
    assert sorted_names(["Zeta", "Ärzte", "Bahn", "apfel"]) == ["apfel", "Ärzte", "Bahn", "Zeta"]
    proxy = CollatedProxy()
    proxy.setSourceModel(QStringListModel(["Zeta", "Ärzte", "Bahn"]))
    proxy.sort(0)
    assert [proxy.index(row, 0).data() for row in range(3)] == ["Ärzte", "Bahn", "Zeta"]


@pytest.mark.usefixtures("german_formats")
def test_the_navigator_lists_kinds_and_sectors_in_german(qtbot) -> None:  # type: ignore[no-untyped-def]
    navigator = Navigator()
    qtbot.addWidget(navigator)
    navigator.set_counts(1500, {"research-institute": 12}, {})
    kinds = navigator.model.invisibleRootItem().child(1)
    assert kinds.child(0).text() == "Forschungsinstitut  (12)"
    assert navigator.model.invisibleRootItem().child(0).text().endswith("(1.500)")


def test_english_keeps_iso_dates_and_its_own_separator(qapp: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert shown_date("2026-06") == "2026-06" and number(1500) == "1,500"
