"""The main window driven like a consultant would: type, pick, follow links, go back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from desktop.ui.browse.entity_model import SLUG_ROLE
from desktop.ui.shell.main_window import MainWindow

from ..unit.test_search import HOSTILE


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type into the search field and wait until the table shows that search."""
    window.search_field.clear()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.shown_generation == window.generation, timeout=10_000)


def listed_slugs(window: MainWindow) -> list[str]:
    proxy = window.results.proxy
    return [proxy.index(row, 0).data(SLUG_ROLE) for row in range(proxy.rowCount())]


def select_slug(qtbot: QtBot, window: MainWindow, slug: str) -> None:
    row = listed_slugs(window).index(slug)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.table.setCurrentIndex(window.results.proxy.index(row, 0))


def test_window_has_its_named_parts(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.findChild(object, "figuresView") is not None, timeout=5_000)
    for name in (
        "searchField",
        "entityTable",
        "entityDetail",
        "navigator",
        "figuresView",
        "backButton",
    ):
        assert window.findChild(object, name) is not None, name
    assert window.results.proxy.rowCount() >= 80


def test_typing_shows_ranked_results(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "cell therapy")
    assert listed_slugs(window)[0] == "fraunhofer-izi"
    assert "entities" in window.status_label.text()


def test_selecting_a_row_shows_its_detail(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "BioCube")
    select_slug(qtbot, window, "biocube-leipzig")
    text = window.detail.toPlainText()
    assert "BioCube Leipzig" in text and "S2 laboratory" in text and "available" in text
    assert "Source: Leipzig life sciences cluster profile" in text


def test_relation_link_navigates_and_back_returns(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Next3D")
    select_slug(qtbot, window, "next3d")
    with qtbot.waitSignal(window.detail_shown, timeout=10_000) as shown:
        window.detail.anchorClicked.emit(QUrl("entity:clinic-neurosurgery"))
    assert shown.args == ["clinic-neurosurgery"]
    assert "Clinic and Polyclinic for Neurosurgery" in window.detail.toPlainText()
    assert window.back_button.isEnabled()
    with qtbot.waitSignal(window.detail_shown, timeout=10_000) as shown:
        qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert shown.args == ["next3d"]
    assert window.forward_action.isEnabled()
    with qtbot.waitSignal(window.detail_shown, timeout=10_000) as shown:
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown.args == ["clinic-neurosurgery"]


def test_filter_by_kind_and_sector(qtbot: QtBot, window: MainWindow) -> None:
    navigator = window.navigator
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        navigator.tree.setCurrentIndex(navigator.index_for(kind="logistics-provider"))
    assert set(listed_slugs(window)) == {
        "db-schenker",
        "rhenus-logistics",
        "kuehne-nagel",
        "world-courier",
        "dhl-express",
    }
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        navigator.tree.setCurrentIndex(navigator.index_for(sector="cell-gene-therapy"))
    assert listed_slugs(window) == []  # no logistics provider in cell & gene therapy
    assert window.results.is_empty_state()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        navigator.tree.setCurrentIndex(navigator.index_for())
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        navigator.tree.setCurrentIndex(navigator.index_for(sector="cell-gene-therapy"))
    assert "fraunhofer-izi" in listed_slugs(window)


def test_tag_chip_filters(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: "gmp" in window.navigator._chip_buttons, timeout=10_000)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.navigator.chip("gmp"), Qt.MouseButton.LeftButton)
    assert set(listed_slugs(window)) == {"fraunhofer-izi", "co-don", "dhl-end-of-runway-center"}


def test_empty_result_offers_to_clear(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "zebrafish aquaculture")
    assert window.results.is_empty_state()
    assert "zebrafish aquaculture" in window.results.empty_text.text()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.results.clear_button, Qt.MouseButton.LeftButton)
    assert not window.results.is_empty_state()
    assert window.search_field.text() == ""


def test_selection_survives_filtering_when_still_listed(qtbot: QtBot, window: MainWindow) -> None:
    select_slug(qtbot, window, "vita-34")
    type_query(qtbot, window, "stem")
    assert window.table.currentIndex().data(SLUG_ROLE) == "vita-34"


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_do_not_crash(
    qtbot: QtBot, window: MainWindow, query: str, shown_dialogs: list
) -> None:
    window.search_field.setText(query)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.run_search()
    assert shown_dialogs == []


def test_restart_restores_search_filters_and_selection(
    qtbot: QtBot, open_window, db_path: Path
) -> None:
    first = open_window(db_path)
    type_query(qtbot, first, "logistics")
    with qtbot.waitSignal(first.results_shown, timeout=10_000):
        first.navigator.tree.setCurrentIndex(first.navigator.index_for(kind="logistics-provider"))
    select_slug(qtbot, first, "kuehne-nagel")
    first.close()

    second = open_window(db_path)
    assert second.search_field.text() == "logistics"
    assert second.navigator.kind == "logistics-provider"
    qtbot.waitUntil(
        lambda: second.table.currentIndex().data(SLUG_ROLE) == "kuehne-nagel", timeout=10_000
    )
    qtbot.waitUntil(lambda: "Kühne+Nagel" in second.detail.toPlainText(), timeout=10_000)


def test_corrupt_database_shows_a_dialog(
    qtbot: QtBot, open_window, tmp_path: Path, shown_dialogs: list
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    window = open_window(broken, wait=False)
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=10_000)
    title, message = shown_dialogs[0]
    assert "Cannot open" in title and "not a database or is damaged" in message
    assert window.results.is_empty_state()
    assert len(shown_dialogs) == 1  # said once, although search and overview both failed


def test_ctrl_k_focuses_search(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_field.hasFocus, timeout=2_000)


def test_key_figures_tab_lists_every_figure(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.figures.model.rowCount() >= 20, timeout=10_000)
    assert window.figures.chart.bars()
    texts = [
        window.figures.model.index(r, 1).data() for r in range(window.figures.model.rowCount())
    ]
    assert "more than 1,500 companies" in texts


def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    """Screen readers and keyboard users can reach and identify each control."""
    from PySide6.QtWidgets import QAbstractButton, QWidget

    qtbot.waitUntil(lambda: window.database_ok, timeout=10_000)
    window.figures  # noqa: B018  (build the second tab too)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if widget.parent() is not None and widget.parent().inherits("QAbstractScrollArea"):
            continue  # viewports and scroll bars belong to their named view
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_unexpected_error_in_a_job_shows_the_log_path(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from desktop.ui.base import dialogs

    monkeypatch.setattr(dialogs, "_log_file", tmp_path / "dossier-desk.log")
    window.executor.submit(lambda _store: 1 / 0)
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=5_000)
    title, message = shown_dialogs[0]
    assert title == "Unexpected error" and "ZeroDivisionError" in message
    assert str(tmp_path / "dossier-desk.log") in message


def test_a_result_for_a_widget_closed_meanwhile_is_dropped(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A view closed while its job ran (a brief editor, say) must not get the result: its C++
    side is gone, and calling it would raise in the event loop."""
    import threading

    import shiboken6
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    release = threading.Event()
    window.executor.submit(lambda _db: "late" if release.wait(10) else "", label.setText)
    shiboken6.delete(label)
    release.set()
    delivered: list[object] = []
    window.executor.submit(lambda _db: None, delivered.append)  # results arrive in order
    qtbot.waitUntil(lambda: bool(delivered), timeout=10_000)


def test_database_from_a_newer_version_is_explained(
    qtbot: QtBot, open_window, db_path: Path, shown_dialogs: list
) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    window = open_window(db_path, wait=False)
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=10_000)
    assert (
        "newer Dossier Desk" in shown_dialogs[0][1] and "Update Dossier Desk" in shown_dialogs[0][1]
    )
    assert window.results.is_empty_state()
