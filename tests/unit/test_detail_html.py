"""The detail pane's HTML: complete, escaped, honest about sources and sharing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.core.kb import catalogue
from desktop.core.storage.database import Database
from desktop.ui.browse.detail_html import render_detail
from desktop.ui.shell.history import NavigationHistory

TODAY = date(2026, 11, 26)


def detail(database: Database, slug: str) -> catalogue.EntityDetail:
    with database.session() as session:
        return catalogue.entity_detail(session, slug)


def test_data_is_escaped_never_markup(database: Database) -> None:
    hostile = replace(
        detail(database, "co-don"),
        name="<b>Evil & Co</b> <font size=40>",
        description="<script>alert(1)</script>",
    )
    html = render_detail(hostile, today=TODAY)
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt; &lt;font size=40&gt;" in html
    assert "<script>" not in html


def test_facts_carry_source_and_undated_flag(database: Database) -> None:
    html = render_detail(detail(database, "uol-medical-faculty"), today=TODAY)
    assert "3,100 students" in html
    assert "undated in source" in html and "Leipzig life sciences cluster profile" in html


def test_stale_fact_is_marked(database: Database) -> None:
    entity = detail(database, "biocube-leipzig")
    old = replace(entity, facts=[replace(entity.facts[0], as_of="2022")])
    html = render_detail(old, today=TODAY)
    assert "older than 24 months" in html


def test_contacts_are_marked_shareable_or_internal(database: Database) -> None:
    irl = detail(database, "invest-region-leipzig")
    assert "Shareable" in render_detail(irl, today=TODAY)
    person = irl.contacts[0]
    private = replace(
        irl, contacts=[replace(person, contact=replace(person.contact, public=False))]
    )
    assert "Internal only" in render_detail(private, today=TODAY)


def test_relations_are_in_app_links(database: Database) -> None:
    html = render_detail(detail(database, "next3d"), today=TODAY)
    assert "href='entity:clinic-neurosurgery'" in html


def test_history_behaves_like_a_browser() -> None:
    history = NavigationHistory()
    for slug in ("a", "b", "c"):
        history.visit(slug)
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    assert history.forward() == "b"
    history.visit("d")
    assert not history.can_go_forward() and history.back() == "b"
