"""No English left in the German window: every text shown, in the main window, its menus and
the dialogs a consultant uses every day, is German — or a name.

Two nets: a text that is the English source of a message our catalogue translates differently
was shown untranslated; and a text with English function words ("the", "of", "your" …) was
never put through the translation at all. Proper names (entities, the application) are
allowed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import select

from desktop import APP_NAME
from desktop.core.kb.models import Entity
from desktop.core.storage.database import Database
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.prospect_dialog import ProspectDialog
from desktop.ui.preferences.settings_dialog import SettingsDialog
from tests.gui.brief_helpers import stored_brief

CATALOGUE = Path(__file__).parents[2] / "resources/translations/dossier_desk_de.ts"
ENGLISH = {"the", "of", "and", "your", "with", "this", "for", "to", "is", "are", "no", "not"}
TAGS = re.compile(r"<[^>]+>")


def normal(text: str) -> str:
    text = TAGS.sub(" ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.replace("…", " ").split()).strip(" :.")


def translated_sources() -> set[str]:
    """English sources whose German differs: if one of them is shown, it was not translated."""
    found = set()
    for message in ElementTree.parse(CATALOGUE).getroot().iter("message"):
        source = normal(message.findtext("source") or "")
        translation = message.find("translation")
        forms = [] if translation is None else [f.text or "" for f in translation.iter()]
        if source and all(normal(form) != source for form in forms if form):
            found.add(source)
    return found


def shown_texts(root: QWidget) -> Iterator[str]:
    widgets = [root, *root.findChildren(QWidget)]
    yield root.windowTitle()
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model hides it
                columns = 0
            yield from (
                str(model.headerData(column, Qt.Orientation.Horizontal))
                for column in range(columns)
            )
        if widget.toolTip():
            yield widget.toolTip()


def menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        if action.menu() is not None:
            yield from menu_texts(action.menu())


def english_left(texts: Iterator[str], names: set[str]) -> list[str]:
    sources = translated_sources()
    left = []
    for raw in texts:
        text = normal(raw or "")
        if not text or text == "None":
            continue
        if text in sources:
            left.append(text)
            continue
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, " ")
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", text)}
        if len(words & ENGLISH) >= 2:
            left.append(normal(raw))
    return sorted(set(left))


@pytest.fixture
def names(database: Database) -> set[str]:
    with database.session() as session:
        found = {e.name for e in session.exec(select(Entity))}
        found |= {e.short_name for e in session.exec(select(Entity)) if e.short_name}
    return found | {APP_NAME, "Deutsch", "English"}


def test_the_main_window_and_its_menus_are_german(
    german: None, open_window: object, db_path: Path, names: set[str], qtbot: QtBot
) -> None:
    window = open_window(db_path)  # type: ignore[operator]
    texts: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is not None)
        texts += list(shown_texts(window))
    for action in window.menuBar().actions():
        if action.menu() is not None:
            texts += list(menu_texts(action.menu()))
    assert "Datei" in {normal(t) for t in texts}  # the catalogue is in use
    assert english_left(iter(texts), names) == []


def test_the_everyday_dialogs_are_german(
    german: None, qtbot: QtBot, database: Database, executor: object, names: set[str]
) -> None:
    settings = SettingsDialog(None)
    prospect = ProspectDialog(None)
    editor = BriefEditor(executor, stored_brief(database))  # type: ignore[arg-type]
    for widget in (settings, prospect, editor):
        qtbot.addWidget(widget)
        widget.show()
    qtbot.waitUntil(lambda: editor.current is not None, timeout=10_000)
    texts = [*shown_texts(settings), *shown_texts(prospect)]
    for index in range(editor.findChild(QTabBar).count() if editor.findChild(QTabBar) else 1):
        tabs = editor.findChild(QTabBar)
        if tabs is not None:
            tabs.setCurrentIndex(index)
        texts += list(shown_texts(editor))
    assert english_left(iter(texts), names) == []
    editor.close()


def test_the_detail_pane_reads_the_knowledge_base_in_german(
    german: None, open_window: object, db_path: Path, qtbot: QtBot
) -> None:
    """The window speaks German, so does what it shows of an entity where a German text
    exists: description, space notes, figures with German numbers."""
    from desktop.app import language

    language.use("de")
    try:
        window = open_window(db_path)  # type: ignore[operator]
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            window.show_entity("biocube-leipzig")
        shown = window.detail.toPlainText()
        assert "Geschoss" in shown and "Lager" in shown, shown[:300]  # German text and label
        assert "Five-storey building" not in shown
    finally:
        language.use("en")


def test_the_upkeep_dialogs_are_german(
    german: None, qtbot: QtBot, database: Database, executor: object, names: set[str]
) -> None:
    from desktop.core.upkeep.editing import entity_record
    from desktop.ui.upkeep.entity_dialog import EntityDialog
    from desktop.ui.upkeep.import_dialog import ImportDialog
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog

    with database.session() as session:
        record = entity_record(session, "biocube-leipzig")
    dialogs = [
        EntityDialog(None, record, {}, {"lab-s1": "S1 laboratory"}),
        ImportDialog(executor, None),  # type: ignore[arg-type]
        AuditDialog(executor, None),  # type: ignore[arg-type]
        NeedsCheckingDialog(executor, None),  # type: ignore[arg-type]
    ]
    texts: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        texts += list(shown_texts(dialog))
    assert english_left(iter(texts), names | {"S1 laboratory"}) == []


def test_the_team_dialogs_are_german(
    german: None, open_window: object, db_path: Path, names: set[str], qtbot: QtBot
) -> None:
    from desktop.ui.team.conflicts_dialog import ConflictsDialog
    from desktop.ui.team.join_dialog import JoinDialog

    window = open_window(db_path)  # type: ignore[operator]
    texts: list[str] = []
    for dialog in (JoinDialog(window.team, window), ConflictsDialog(window.team, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        texts += list(shown_texts(dialog))
        dialog.close()
    texts.append(window.team.button.text())
    assert english_left(iter(texts), names) == []
