"""Searching while counts are slow, rows page by page, excerpts for the rows on screen.

No test waits for time to pass: slow database work is stood in for by jobs blocked on an event
the test releases, so a search that had to wait behind them could not arrive before it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import browse
from desktop.app.store import Store, open_store
from desktop.core.search.facets import Facets
from desktop.core.search.service import SearchFilters, SearchHit, SearchResult
from desktop.ui.browse.browse_view import BrowseView
from desktop.ui.browse.entity_model import MATCH_HTML_ROLE, PAGE_ROWS, SLUG_ROLE
from desktop.ui.shell.main_window import MainWindow

from .test_main_window import listed_slugs, type_query

HITS = 250


class Gate:
    """Holds back the first call for ``query`` until released (at the latest when the ``with``
    block ends, so a failing test leaves nothing blocked); every call is recorded."""

    def __init__(self, real: Any, query: str) -> None:
        self.real, self.query = real, query
        self.entered, self.release = threading.Event(), threading.Event()
        self.calls: list[str] = []

    def __call__(self, store: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs["query"])
        if kwargs["query"] == self.query and not self.entered.is_set():
            self.entered.set()
            self.release.wait(timeout=60)
        return self.real(store, **kwargs)

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()


def test_a_slow_facet_count_does_not_delay_the_next_search(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[Facets] = []
    shown_counts = window.search._on_facets
    monkeypatch.setattr(
        window.search, "_on_facets", lambda facets: (counted.append(facets), shown_counts(facets))
    )
    with Gate(browse.facets, "cell therapy") as gate:
        monkeypatch.setattr(browse, "facets", gate)
        type_query(qtbot, window, "cell therapy")
        qtbot.waitUntil(gate.entered.is_set, timeout=10_000)  # its counts are stuck
        counted.clear()  # counts of earlier searches

        type_query(qtbot, window, "BioCube")  # would time out behind the stuck count
        assert listed_slugs(window)[0] == "biocube-leipzig"
        assert "BioCube" not in gate.calls  # its count waits behind the stuck one, not the search

    qtbot.waitUntil(lambda: len(counted) == 1, timeout=10_000)
    assert gate.calls[-2:] == ["cell therapy", "BioCube"]
    assert sum(counted[0].kinds.values()) == len(listed_slugs(window))  # BioCube's, not stale


def test_counts_start_once_the_rows_are_painted(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    happened: list[str] = []  # appended from the UI thread and the reading lane
    real_facets = browse.facets

    def facets(store: Store, **kwargs: Any) -> Any:
        happened.append(f"counting {kwargs['query']}")
        return real_facets(store, **kwargs)

    monkeypatch.setattr(browse, "facets", facets)
    # only the paint may start the counts here: the fall-back for a window that never paints
    # would, on a busy machine, fire first
    window.search._paint_wait.setInterval(60_000)
    # noted before the runner hears of the paint (slots run in the order connected): the count
    # it then starts on the reading lane could otherwise be noted first
    window.results.painted.disconnect(window.search._painted)
    window.results.painted.connect(lambda: happened.append("painted"))
    window.results.painted.connect(window.search._painted)
    window.results_shown.connect(lambda _generation: happened.append("shown"))
    type_query(qtbot, window, "BioCube")
    qtbot.waitUntil(lambda: "counting BioCube" in happened, timeout=10_000)
    after = happened[happened.index("shown") :]
    assert after.index("painted") < after.index("counting BioCube")


def test_counts_come_even_when_nothing_paints(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[Facets] = []
    monkeypatch.setattr(window.search, "_on_facets", counted.append)
    window.hide()
    window.search_field.setText("BioCube")
    window.run_search()
    qtbot.waitUntil(lambda: bool(counted), timeout=10_000)
    assert sum(counted[0].kinds.values()) == window.results.model.hit_count()


def test_a_result_overtaken_by_a_newer_search_is_dropped(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[str] = []
    show = window.search._on_results
    monkeypatch.setattr(
        window.search,
        "_on_results",
        lambda query, result: (delivered.append(query), show(query, result)),
    )
    with Gate(browse.search, "cell therapy") as gate:
        monkeypatch.setattr(browse, "search", gate)
        window.search_field.setText("cell therapy")
        qtbot.waitUntil(gate.entered.is_set, timeout=10_000)  # its search is running
        window.search_field.setText("BioCube")
        window.run_search()  # queued behind the running search
        with qtbot.waitSignal(window.results_shown, timeout=10_000):
            gate.release.set()
    assert delivered == ["BioCube"]
    assert listed_slugs(window)[0] == "biocube-leipzig"


def test_a_running_search_overtaken_by_a_newer_one_is_interrupted(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    shown_dialogs: list[tuple[str, str]],
) -> None:
    stopped, entered = threading.Event(), threading.Event()
    real_search = browse.search

    def endless(store: Store, **kwargs: Any) -> Any:
        if kwargs["query"] != "cell therapy":
            return real_search(store, **kwargs)
        entered.set()
        if not stopped.wait(timeout=60):  # as a statement runs until interrupted
            raise AssertionError("never interrupted")
        raise sqlite3.OperationalError("interrupted")

    monkeypatch.setattr(browse, "search", endless)
    monkeypatch.setattr(Store, "interrupt", lambda _store: stopped.set())
    try:
        window.search_field.setText("cell therapy")
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        type_query(qtbot, window, "BioCube")  # would wait behind the endless search
    finally:
        stopped.set()
    assert listed_slugs(window)[0] == "biocube-leipzig"
    assert shown_dialogs == []  # the interrupted search is no error to report


# --- page by page, with excerpts for what is on screen ----------------------------------------


def made_hits(count: int = HITS) -> list[SearchHit]:
    return [
        SearchHit(i, f"entity-{i:03}", f"Entity {HITS - i:03}", None, "company", None, None, 0.0)
        for i in range(count)
    ]


@pytest.fixture
def view(qtbot: QtBot) -> BrowseView:
    shown = BrowseView()
    qtbot.addWidget(shown)
    shown.resize(1200, 500)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def show(view: BrowseView, hits: list[SearchHit], *, words: bool = False, total: int = 0) -> None:
    """Show ``hits`` as the first page of a search that found ``total`` (default: these)."""
    result = SearchResult(hits, total or len(hits), ("entity",) if words else ())
    view.show_result(result, "entity" if words else "", None)


def asked_pages(view: BrowseView) -> list[tuple[int, int, int]]:
    """The pages the table asks for, as they are asked (search serial, offset, count)."""
    asked: list[tuple[int, int, int]] = []
    view.results.model.more_wanted.connect(lambda *page: asked.append(page))
    return asked


def test_the_first_page_is_shown_and_the_next_asked_for_when_scrolled(
    qtbot: QtBot, view: BrowseView
) -> None:
    asked = asked_pages(view)
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model, proxy, table = view.results.model, view.results.proxy, view.table
    assert proxy.rowCount() == PAGE_ROWS and model.listed_count() == HITS
    table.scrollToBottom()
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    assert asked == [(model.serial, PAGE_ROWS, PAGE_ROWS)]
    assert not model.canFetchMore()  # one page on its way: never asked twice
    table.scrollToTop()
    table.scrollToBottom()
    QApplication.processEvents()
    assert len(asked) == 1 and proxy.rowCount() == PAGE_ROWS  # nothing until it comes

    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS : 2 * PAGE_ROWS])
    assert proxy.rowCount() == 2 * PAGE_ROWS
    table.scrollToBottom()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5_000)
    assert asked[1] == (model.serial, 2 * PAGE_ROWS, HITS - 2 * PAGE_ROWS)  # no more than listed
    model.add_hits(model.serial, 2 * PAGE_ROWS, made_hits()[2 * PAGE_ROWS :])
    assert proxy.rowCount() == HITS and not model.canFetchMore()
    ranked = [proxy.index(row, 0).data(SLUG_ROLE) for row in range(HITS)]
    assert ranked == [hit.slug for hit in made_hits()]  # in the search's order


def test_a_page_for_an_earlier_search_is_dropped(qtbot: QtBot, view: BrowseView) -> None:
    asked = asked_pages(view)
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model = view.results.model
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    earlier = asked[0][0]
    show(view, made_hits(PAGE_ROWS)[::-1], total=HITS)  # the next search, before the page came
    model.fetchMore()  # its own second page, asked for at the same offset
    assert asked[-1] == (model.serial, PAGE_ROWS, PAGE_ROWS) and model.serial != earlier
    model.add_hits(earlier, PAGE_ROWS, made_hits()[PAGE_ROWS : 2 * PAGE_ROWS])
    assert model.rowCount() == PAGE_ROWS  # dropped
    model.add_hits(model.serial, 3, made_hits(2))  # nor one at an offset nobody asked for
    assert model.rowCount() == PAGE_ROWS
    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS : 2 * PAGE_ROWS])
    assert model.rowCount() == 2 * PAGE_ROWS  # its own page is taken


def test_a_short_or_missing_page_ends_the_list(qtbot: QtBot, view: BrowseView) -> None:
    asked = asked_pages(view)
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model = view.results.model
    model.fetchMore()
    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS : PAGE_ROWS + 5])
    assert model.rowCount() == PAGE_ROWS + 5 and not model.canFetchMore()
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model.fetchMore()
    model.add_hits(model.serial, PAGE_ROWS, None)  # it could not come
    assert model.rowCount() == PAGE_ROWS and not model.canFetchMore()
    assert len(asked) == 2


def test_sorting_asks_for_every_hit_and_orders_them_all(view: BrowseView) -> None:
    asked = asked_pages(view)
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model, proxy = view.results.model, view.results.proxy
    assert not view.results.sorted_by_column()
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.results.sorted_by_column()  # the next search brings every hit at once
    assert asked == [(model.serial, PAGE_ROWS, HITS - PAGE_ROWS)]  # the rest, in one page
    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS:])
    assert proxy.rowCount() == HITS
    assert proxy.index(0, 0).data() == "Entity 001"  # the last hit of the search
    show(view, made_hits())  # a new search while sorted brings every hit: nothing to ask
    assert proxy.rowCount() == HITS and len(asked) == 1


def test_a_first_page_shown_sorted_brings_the_rest(view: BrowseView) -> None:
    asked = asked_pages(view)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # while its search was under way
    show(view, made_hits(PAGE_ROWS), total=HITS)
    assert asked == [(view.results.model.serial, PAGE_ROWS, HITS - PAGE_ROWS)]


def test_sorting_while_a_page_is_on_its_way_asks_for_the_rest_after_it(
    qtbot: QtBot, view: BrowseView
) -> None:
    asked = asked_pages(view)
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model = view.results.model
    model.fetchMore()
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert len(asked) == 1  # not twice at once
    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS : 2 * PAGE_ROWS])
    assert asked[1] == (model.serial, 2 * PAGE_ROWS, HITS - 2 * PAGE_ROWS)


def test_selecting_a_hit_of_a_later_page(view: BrowseView) -> None:
    show(view, made_hits(PAGE_ROWS), total=HITS)
    model = view.results.model
    view.select_slug("entity-180")  # not held yet: nothing selected
    assert not view.table.currentIndex().isValid()
    assert model.may_list("entity-180")  # the detail pane does not call it unlisted
    model.fetchMore()
    model.add_hits(model.serial, PAGE_ROWS, made_hits()[PAGE_ROWS : 2 * PAGE_ROWS])
    view.select_slug("entity-180")
    assert view.table.currentIndex().data(SLUG_ROLE) == "entity-180"
    model.fetchMore()
    model.add_hits(model.serial, 2 * PAGE_ROWS, made_hits()[2 * PAGE_ROWS :])
    assert not model.may_list("elsewhere") and model.may_list("entity-249")  # every hit held


def test_excerpts_are_asked_for_the_rows_on_screen_only(qtbot: QtBot, view: BrowseView) -> None:
    asked: list[list[int]] = []
    view.results.snippets_wanted.connect(asked.append)
    show(view, made_hits(), words=True)
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    on_screen = asked[0]
    assert on_screen[0] == 0 and 3 < len(on_screen) < 30
    assert on_screen == list(range(len(on_screen)))  # the top rows, in order

    view.results.model.set_snippets({0: "made of \x02entity\x03 words"})
    assert view.results.proxy.index(0, 0).data(MATCH_HTML_ROLE) == "made of <b>entity</b> words"
    view.table.scrollTo(view.results.proxy.index(60, 0))
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5_000)
    assert 60 in asked[1] and not set(asked[1]) & set(on_screen)  # each row asked once

    asked.clear()
    show(view, made_hits())  # browsing without words: no excerpts to ask for
    view.table.scrollTo(view.results.proxy.index(90, 0))
    QApplication.processEvents()  # the check of the rows on screen runs on the next turn
    QApplication.processEvents()
    assert asked == []


# --- excerpts in the window: those on screen with the search, the others when shown ------------


def test_a_search_brings_the_excerpts_of_the_rows_on_screen_only(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        every = browse.search(store, query="Leipzig", filters=SearchFilters())
        first = browse.search(store, query="Leipzig", filters=SearchFilters(), snippet_rows=5)
        later = [hit.entity_id for hit in every.hits[5:]]
        brought = browse.snippets(store, query="Leipzig", entity_ids=later)
    finally:
        store.close()
    assert len(every.hits) > 10 and all(hit.snippet for hit in every.hits)
    assert [hit.entity_id for hit in first.hits] == [hit.entity_id for hit in every.hits]
    assert [hit.snippet for hit in first.hits[:5]] == [hit.snippet for hit in every.hits[:5]]
    assert not any(hit.snippet for hit in first.hits[5:])
    assert brought == {hit.entity_id: hit.snippet for hit in every.hits[5:]}


def test_rows_scrolled_into_view_get_their_excerpts(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Leipzig")
    results = window.results
    on_screen = results.rows_on_screen()
    below = on_screen + 10
    assert results.proxy.rowCount() > below, "the test needs more hits than a screenful"

    def excerpt(row: int) -> str:
        return results.proxy.index(row, 0).data(MATCH_HTML_ROLE)

    assert excerpt(0)  # came with the search
    assert not excerpt(below)  # not on screen yet
    window.table.scrollTo(results.proxy.index(below, 0))
    qtbot.waitUntil(lambda: bool(excerpt(below)), timeout=10_000)
    assert "<b>Leipzig</b>" in excerpt(below)
