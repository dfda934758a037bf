"""Item models pass Qt's model tester and show what the data says."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester
from sqlalchemy import text

from desktop.core.kb import catalogue
from desktop.core.search.service import search
from desktop.core.storage.database import Database
from desktop.ui.browse.entity_model import EntityTableModel, make_entity_proxy, snippet_html
from desktop.ui.browse.figures_model import FactsTableModel


def test_entity_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database
) -> None:
    model = EntityTableModel()
    with database.engine.connect() as connection:
        model.set_hits(search(connection, "leipzig", limit=100).hits)
    assert model.rowCount() > 10
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(make_entity_proxy(model), force_py=True)


def test_entity_model_columns(database: Database) -> None:
    model = EntityTableModel()
    with database.engine.connect() as connection:
        model.set_hits(search(connection, "Vita 34").hits)
    assert model.index(0, EntityTableModel.NAME).data() == "Vita 34"
    assert model.index(0, EntityTableModel.KIND).data() == "Company"
    assert "Biobanking & blood" in model.index(0, EntityTableModel.SECTORS).data()
    assert model.index(0, EntityTableModel.VERIFIED).data() == "never"


def test_snippet_html_escapes_data() -> None:
    assert snippet_html("<b>x</b> \x02Evil & Co\x03") == "&lt;b&gt;x&lt;/b&gt; <b>Evil &amp; Co</b>"


def test_facts_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database
) -> None:
    model = FactsTableModel()
    with database.session() as session:
        model.set_facts(catalogue.list_facts(session))
    qtmodeltester.check(model, force_py=True)
    values = [model.index(row, FactsTableModel.VALUE).data() for row in range(model.rowCount())]
    assert "more than 4,000 blood products per month" in values
    as_of = {model.index(row, FactsTableModel.AS_OF).data() for row in range(model.rowCount())}
    assert as_of == {"undated in source"}


def test_stale_facts_are_marked(db_path: Path) -> None:
    database = Database.open(db_path)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE fact SET as_of = '2019' WHERE key = 'logistics-companies'"))
        connection.execute(
            text("UPDATE fact SET as_of = '2026-06' WHERE key = 'clinical-trials-10-years'")
        )
    model = FactsTableModel()
    with database.session() as session:
        model.set_facts(catalogue.list_facts(session))
    database.close()
    texts = {
        model.index(r, 0).data(): model.index(r, FactsTableModel.AS_OF).data()
        for r in range(model.rowCount())
    }
    assert texts["Logistics companies based in the Leipzig region"] == "2019 (stale)"
    assert texts["Clinical trials conducted in Leipzig"] == "2026-06"
