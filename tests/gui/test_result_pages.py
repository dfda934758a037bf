"""The results list in the window, page by page: a search brings its first page, the table asks
for the next as it scrolls, on the reading lane, without the window waiting for it.

The knowledge base of the tests holds 82 entities, fewer than a page: the tests make the pages
smaller (a little more than a screenful), so the list really is paged. Slow pages are stood in
for by a call held back until the test releases it; no test waits for time to pass.
"""

from __future__ import annotations

import threading
from functools import cmp_to_key
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import browse
from desktop.app.store import open_store
from desktop.core.search.service import SearchFilters
from desktop.ui.base.formats import collator
from desktop.ui.browse import entity_model
from desktop.ui.shell.main_window import MainWindow

from .test_main_window import listed_slugs, type_query

ENTITIES = 82  # in the tests' knowledge base


class Calls:
    """Records every search call (query, limit, offset, thread); holds back the first call for
    a next page (offset > 0) until released while ``hold_pages`` is set."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.made: list[tuple[str, int, int, str]] = []
        self.hold_pages = False
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self, store: Any, **kwargs: Any) -> Any:
        offset = kwargs.get("offset", 0)
        thread = threading.current_thread().name
        self.made.append((kwargs["query"], kwargs.get("limit", 0), offset, thread))
        if offset and self.hold_pages and not self.entered.is_set():
            self.entered.set()
            self.release.wait(timeout=60)
        return self.real(store, **kwargs)

    def pages(self) -> list[tuple[str, int, int, str]]:
        return [call for call in self.made if call[2]]


@pytest.fixture
def calls(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Any:
    recorder = Calls(browse.search)
    monkeypatch.setattr(browse, "search", recorder)
    yield recorder
    recorder.release.set()  # a failing test leaves nothing blocked


@pytest.fixture
def page(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> int:
    """Pages a little longer than the table shows at once, so scrolling is what asks for more."""
    rows = 2 * window.results.rows_on_screen() + 2  # one-line rows fit twice as many
    assert rows < ENTITIES, "the window is too tall for the test's knowledge base"
    monkeypatch.setattr(browse, "FIRST_PAGE", rows)
    monkeypatch.setattr(entity_model, "PAGE_ROWS", rows)
    return rows


def search_everything(qtbot: QtBot, window: MainWindow) -> None:
    """The empty query: every entity, by name."""
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.clear_search_and_filters()


def ranked(db_path: Path, query: str) -> list[str]:
    store = open_store(db_path)
    try:
        result = browse.search(store, query=query, filters=SearchFilters(), snippet_rows=0)
    finally:
        store.close()
    return [hit.slug for hit in result.hits]


def delivered(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until what the reading lane has done so far has reached the window."""
    done: list[object] = []
    window.executor.submit_reading(lambda _store: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_a_search_asks_for_the_first_page_only(
    qtbot: QtBot, window: MainWindow, calls: Calls
) -> None:
    assert (browse.FIRST_PAGE, browse.DISPLAY_LIMIT) == (100, 500)
    type_query(qtbot, window, "Leipzig")
    assert calls.made[-1][:3] == ("Leipzig", browse.FIRST_PAGE, 0)
    assert calls.pages() == []  # nothing more until the table scrolls


def test_scrolling_to_the_end_brings_the_next_page_without_waiting_for_it(
    qtbot: QtBot, window: MainWindow, calls: Calls, page: int, db_path: Path
) -> None:
    search_everything(qtbot, window)
    model, table = window.results.model, window.table
    assert model.rowCount() == page
    assert window.status_label.text().startswith(f"{ENTITIES} entities")  # all, not the page

    calls.hold_pages = True
    table.scrollToBottom()
    qtbot.waitUntil(calls.entered.is_set, timeout=10_000)  # the page is on its way, held
    assert model.rowCount() == page and not model.canFetchMore()  # the window did not wait
    table.scrollToTop()
    table.scrollToBottom()
    QApplication.processEvents()
    assert len(calls.pages()) == 1  # not asked for twice
    query, limit, offset, thread = calls.pages()[0]
    assert (query, limit, offset) == ("", page, page) and thread.startswith("reading")

    calls.release.set()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * page, timeout=10_000)
    while model.canFetchMore():
        shown = model.rowCount()
        table.scrollToBottom()
        qtbot.waitUntil(lambda shown=shown: model.rowCount() > shown, timeout=10_000)
    assert listed_slugs(window) == ranked(db_path, "")  # every entity, in the search's order
    assert window.status_label.text().startswith(f"{ENTITIES} entities")


def test_a_page_for_an_outdated_search_is_dropped(
    qtbot: QtBot, window: MainWindow, calls: Calls, page: int, db_path: Path
) -> None:
    search_everything(qtbot, window)
    calls.hold_pages = True
    window.table.scrollToBottom()
    qtbot.waitUntil(calls.entered.is_set, timeout=10_000)
    type_query(qtbot, window, "Leipzig")  # a new search while the page is on its way
    calls.release.set()
    delivered(qtbot, window)
    assert listed_slugs(window) == ranked(db_path, "Leipzig")[:page]  # no row of the old page
    assert window.results.model.canFetchMore()  # Leipzig's own next page is still to come


def test_sorting_brings_every_hit_up_to_the_limit(
    qtbot: QtBot,
    window: MainWindow,
    calls: Calls,
    page: int,
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
) -> None:
    listed = page + 10  # more than a page, fewer than every entity and than Leipzig's hits
    assert len(ranked(db_path, "Leipzig")) > listed
    monkeypatch.setattr(browse, "DISPLAY_LIMIT", listed)
    search_everything(qtbot, window)
    model, proxy = window.results.model, window.results.proxy
    assert window.status_label.text() == (
        f"{ENTITIES} entities (showing the first {listed}; refine to narrow down)"
    )
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: proxy.rowCount() == listed, timeout=10_000)
    assert [call[1:3] for call in calls.pages()] == [(listed - page, page)]  # the rest at once
    assert not model.canFetchMore()
    names = [proxy.index(row, 0).data(entity_model.SORT_ROLE) for row in range(listed)]
    assert names == sorted(names, key=cmp_to_key(collator().compare), reverse=True)

    type_query(qtbot, window, "Leipzig")  # sorted: a new search brings every hit at once
    assert calls.made[-1][:3] == ("Leipzig", listed, 0)
    assert proxy.rowCount() == listed and not model.canFetchMore()


def test_the_next_page_of_a_search_matching_some_words_continues_it(db_path: Path) -> None:
    store = open_store(db_path)
    query, filters = "Leipzig zzzz", SearchFilters()  # no entity has both words
    try:
        whole = browse.search(store, query=query, filters=filters, snippet_rows=0)
        first = browse.search(store, query=query, filters=filters, limit=10, snippet_rows=0)
        second = browse.search(
            store, query=query, filters=filters, limit=10, offset=10, snippet_rows=0
        )
    finally:
        store.close()
    assert whole.partial and first.partial and second.partial and len(whole.hits) > 20
    assert [hit.slug for hit in first.hits + second.hits] == [hit.slug for hit in whole.hits[:20]]
