"""Reviewing a brief's suggestions in the editor: the contacts section, the alternatives per
requirement (one click includes one) and "Why not?" for any entity (one click adds it).

The ranking is tuned in parallel, so nothing here depends on a score or a place — only on
facts of the knowledge base that stay: Invest Region Leipzig is a contact, Novartis is in the
investor's own business, iDiv (biodiversity) has nothing in common with a cell-therapy firm.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.app import briefs as app_briefs
from desktop.app.store import Store, open_store
from desktop.core.briefs.brief_views import BriefItemView
from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ID_ROLE
from desktop.ui.briefs.why_not_panel import WhyNotPanel
from tests.gui.brief_helpers import stored_brief

CELL_THERAPY = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    country="US",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
)


@pytest.fixture
def brief_id(database: Database) -> int:
    return stored_brief(database, CELL_THERAPY)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A second handle on the test's file, to read the brief as stored (as the CLI would)."""
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def editor(
    qtbot: QtBot, executor: DatabaseExecutor, brief_id: int, shown_dialogs: list
) -> Iterator[BriefEditor]:
    window = BriefEditor(executor, brief_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current is not None and bool(window.alternatives.groups))
    yield window
    assert shown_dialogs == []
    window.close()


def stored_item(store: Store, brief_id: int, entity_id: int) -> BriefItemView | None:
    items = app_briefs.load_brief(store, brief_id=brief_id).items()
    return next((i for i in items if i.kind == "entity" and i.ref_id == entity_id), None)


def stored_included(store: Store, brief_id: int, item_id: int) -> bool:
    items = app_briefs.load_brief(store, brief_id=brief_id).items()
    return next(i for i in items if i.item_id == item_id).included


def look_up(qtbot: QtBot, panel: WhyNotPanel, text: str) -> None:
    """Type ``text`` as a consultant would (over what is there) and wait for its answer."""
    panel.query.selectAll()
    qtbot.keyClicks(panel.query, text)
    qtbot.waitUntil(lambda: panel.shown_query == text and not panel.timer.isActive())


def test_the_contacts_section_lists_invest_region_leipzig_included(
    editor: BriefEditor, store: Store
) -> None:
    """The section comes from the suggestions' SECTIONS; nothing in the editor names it."""
    sections = [editor.model.index(r, 0) for r in range(editor.model.rowCount())]
    contacts = next(s for s in sections if s.data(ID_ROLE) == "contacts")
    assert "contacts" in contacts.data(Qt.ItemDataRole.DisplayRole).lower()
    ticked = {
        editor.model.index(r, 0, contacts).data(Qt.ItemDataRole.DisplayRole): editor.model.index(
            r, 0, contacts
        ).data(Qt.ItemDataRole.CheckStateRole)
        for r in range(editor.model.rowCount(contacts))
    }
    assert ticked.get("Invest Region Leipzig") == Qt.CheckState.Checked.value
    stored = app_briefs.load_brief(store, brief_id=editor.brief_id)
    contacts_stored = dict(stored.sections)["contacts"]
    assert any(i.title == "Invest Region Leipzig" and i.included for i in contacts_stored)


def test_one_click_includes_an_alternative(qtbot: QtBot, editor: BriefEditor, store: Store) -> None:
    panel = editor.alternatives
    editor.middle.setCurrentWidget(panel)
    assert editor.middle.tabText(1).startswith("Alternatives (")
    labels = [group.label for group in panel.groups]
    assert all(labels) and len(labels) == len(set(labels))
    headings = [w.text() for w in panel.findChildren(QLabel, "sectionLabel")]
    assert headings == labels
    group = panel.groups[0]
    item = group.items[0]
    row = panel.rows[item.item_id]
    assert row.text().startswith(f"{item.title} · {item.subtitle}\n")
    assert item.reason and item.reason in row.text() and row.toolTip() == item.reason
    assert not stored_included(store, editor.brief_id, item.item_id)

    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_included(store, editor.brief_id, item.item_id))
    qtbot.waitUntil(lambda: item.item_id not in panel.rows)  # the list reloaded
    tree_row = editor.model.index_of(item.item_id, "entity")
    assert tree_row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value

    # a double-click on a row does the same
    other = next(i for g in panel.groups for i in g.items)
    qtbot.mouseDClick(panel.rows[other.item_id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_included(store, editor.brief_id, other.item_id))


def test_keyboard_focus_goes_on_with_the_next_alternative_and_survives_a_reload(
    qtbot: QtBot, editor: BriefEditor, store: Store
) -> None:
    """Space on a focused Include includes it; the focus moves to the Include now in its
    place, and a reload that changes nothing keeps the rows (and so the focus) as they are."""
    panel = editor.alternatives
    editor.middle.setCurrentWidget(panel)
    editor.activateWindow()
    first = next(iter(panel.rows))
    panel.rows[first].button.setFocus()
    qtbot.waitUntil(panel.rows[first].button.hasFocus)
    qtbot.keyClick(panel.rows[first].button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: first not in panel.rows)
    assert stored_included(store, editor.brief_id, first)
    focused = QApplication.focusWidget()
    assert focused is next(iter(panel.rows.values())).button

    rows = dict(panel.rows)
    with qtbot.waitSignal(panel.shown):
        editor.reload()
    assert panel.rows == rows and all(panel.rows[i] is row for i, row in rows.items())
    assert QApplication.focusWidget() is focused


def test_with_every_suggestion_in_the_brief_the_panel_says_so(
    qtbot: QtBot, editor: BriefEditor, store: Store
) -> None:
    for item in [i for g in editor.alternatives.groups for i in g.items]:
        app_briefs.set_item(store, brief_id=editor.brief_id, item_id=item.item_id, included=True)
    editor.reload()
    qtbot.waitUntil(lambda: editor.alternatives.groups == [])
    assert editor.alternatives.empty.isVisibleTo(editor.alternatives)
    assert "Every suggestion is in the brief." in editor.alternatives.empty.text()
    assert editor.middle.tabText(1) == "Alternatives (0)"


def test_why_not_says_competitor_and_unrelated_and_adds_to_the_brief(
    qtbot: QtBot, editor: BriefEditor, store: Store
) -> None:
    panel = editor.why_not
    editor.middle.setCurrentWidget(panel)
    look_up(qtbot, panel, "Novartis")
    novartis = next(v for v in panel.verdicts if v.name == "Novartis")
    why_not = panel.rows[novartis.entity_id].labels["verdictWhyNot"].text()
    assert "same business" in why_not.lower()

    look_up(qtbot, panel, "biodiversity")
    idiv = next(v for v in panel.verdicts if "Biodiversity" in v.name)
    row = panel.rows[idiv.entity_id]
    assert "nothing in our sources links it" in row.labels["verdictWhyNot"].text().lower()
    assert row.button.isEnabled() and stored_item(store, editor.brief_id, idiv.entity_id) is None

    with qtbot.waitSignal(editor.brief_changed):
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    added = stored_item(store, editor.brief_id, idiv.entity_id)
    assert added is not None and added.included
    assert editor.model.index_of(added.item_id, "entity").isValid()  # the tree shows it
    # the look-up refreshes: the entity is in the brief now, nothing to add
    qtbot.waitUntil(
        lambda: any(v.entity_id == idiv.entity_id and v.included for v in panel.verdicts)
    )
    refreshed = next(v for v in panel.verdicts if v.entity_id == idiv.entity_id)
    assert refreshed.why_not is None and refreshed.item_id == added.item_id
    assert not panel.rows[idiv.entity_id].button.isEnabled()
    assert "verdictWhyNot" not in panel.rows[idiv.entity_id].labels
    assert "In the brief" in panel.rows[idiv.entity_id].labels["verdictInBrief"].text()


def test_an_answer_to_an_older_query_never_replaces_a_newer_one(
    qtbot: QtBot, editor: BriefEditor
) -> None:
    panel = editor.why_not
    answered: list[str] = []
    panel.answered.connect(answered.append)
    panel.query.setText("Novartis")
    panel.refresh()  # its look-up is queued …
    panel.query.setText("biodiversity")
    panel.refresh()  # … and overtaken before it answers
    drained: list[bool] = []  # jobs answer in order: after this one, no answer is left
    editor.executor.submit(lambda _store: None, lambda _none: drained.append(True))
    qtbot.waitUntil(lambda: bool(drained))
    assert panel.shown_query == "biodiversity"
    assert answered == ["biodiversity"]
    assert all(v.name != "Novartis" for v in panel.verdicts)


def test_the_find_key_opens_why_not_with_the_cursor_in_the_query(
    qtbot: QtBot, editor: BriefEditor
) -> None:
    editor.activateWindow()
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert editor.middle.currentWidget() is editor.why_not
    qtbot.waitUntil(editor.why_not.query.hasFocus)
