"""No English left in the German window: every text shown, in the main window, its menus and
the dialogs a consultant uses every day, is German — or a name.

Two nets: a text that is the English source of a message our catalogue translates differently
was shown untranslated; and a text with English function words ("the", "of", "your" …) was
never put through the translation at all. Proper names (entities, the application) are
allowed.

The dialogs behind the menus are opened from the menus (backups, check, sources, export, print
preview, About), the record forms from the detail pane's links; a modal one is read when it
shows and answered as a user would (see :func:`answered`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import select

from desktop import APP_NAME
from desktop.core.kb.models import Entity, Source
from desktop.core.storage.database import Database
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.prospect_dialog import ProspectDialog
from desktop.ui.dossier import export_flow
from desktop.ui.dossier.export_flow import (  # before conftest replaces them
    confirm_empty_contact_page as REAL_CONFIRM_EMPTY_PAGE,
)
from desktop.ui.dossier.export_flow import offer_open_pdf as REAL_OFFER_OPEN_PDF
from desktop.ui.preferences import first_start
from desktop.ui.preferences.first_start import ask_consultant_card as REAL_ASK_CARD
from desktop.ui.preferences.settings_dialog import SettingsDialog
from tests.gui.brief_helpers import PROSPECT, open_new_brief, stored_brief

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


def entity_names(database: Database) -> set[str]:
    with database.session() as session:
        found = {e.name for e in session.exec(select(Entity))}
        found |= {e.short_name for e in session.exec(select(Entity)) if e.short_name}
    return found | {APP_NAME, "Deutsch", "English"}


@pytest.fixture
def names(database: Database) -> set[str]:
    return entity_names(database)


# --- the dialogs opened from the menus, modal ones included ------------------------------------

Answer = Callable[[QWidget], object]


def answered(qtbot: QtBot, opening: Callable[[], object], *answers: Answer) -> list[str]:
    """Do ``opening()`` and meet the modal dialogs it leads to, at once or after a database job,
    one after the other: read each one's texts, then give it the next of ``answers`` (reject it,
    press a button …). The texts read, of every dialog met."""
    texts: list[str] = []
    pending = list(answers)
    met: list[QWidget] = []
    deadline = QDeadlineTimer(30_000)

    def look() -> None:
        if not pending:  # done, or given up
            return
        dialog = QApplication.activeModalWidget()
        if deadline.hasExpired():  # a dialog nobody expected: closed, or the test would hang
            if dialog is not None:
                dialog.close()
            QTimer.singleShot(10, look)
            return
        if (
            dialog is not None
            and dialog.isVisible()
            and not isinstance(dialog, QProgressDialog)  # the export's, it goes by itself
            and all(dialog is not seen for seen in met)
        ):
            met.append(dialog)
            texts.extend(shown_texts(dialog))
            pending.pop(0)(dialog)
        if pending:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    try:
        opening()
        qtbot.waitUntil(lambda: not pending, timeout=30_000)
    finally:
        pending.clear()  # the look stops
    return texts


def reject(dialog: QWidget) -> None:
    dialog.reject()  # type: ignore[attr-defined]


def accept(dialog: QWidget) -> None:
    dialog.accept()  # type: ignore[attr-defined]


def press(role: QMessageBox.ButtonRole) -> Answer:
    """Press the message box's button of ``role`` (Yes, or a button of the app's own)."""

    def pressing(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()

    return pressing


def save_in(folder: Path) -> Answer:
    """Save under the suggested name, in ``folder``."""

    def saving(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(folder))
        dialog.accept()

    return saving


def trigger(window: QMainWindow, source: str) -> None:
    """Choose the menu entry whose English is ``source``, by its German, as a user would."""
    text = QCoreApplication.translate("WindowActions", source)
    assert text != source, f"{source} has no German"
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    action = next(a for menu in menus for a in menu.actions() if a.text() == text)
    action.trigger()


@pytest.fixture
def data_names(db_path: Path, tmp_path: Path) -> set[str]:
    """Names, and what else the data says in its own words: the sources' titles, the test
    prospect, the folders of this test (a path is written as it is). Read with the database
    closed again: a restore replaces the file, which no other connection may hold."""
    database = Database.open(db_path, create=False)
    try:
        found = entity_names(database)
        with database.session() as session:
            found |= {s.title for s in session.exec(select(Source))}
            found |= {s.publisher for s in session.exec(select(Source)) if s.publisher}
    finally:
        database.close()
    return found | {PROSPECT.company_name, PROSPECT.code_name or "", str(tmp_path)}


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


def test_the_backup_check_and_about_dialogs_are_german(
    german: None,
    open_window: object,
    db_path: Path,
    data_names: set[str],
    qtbot: QtBot,
    shown_dialogs: list[tuple[str, str]],
) -> None:
    """Tools ▸ Back up now, Tools ▸ Restore a backup… (the list of backups, the question before,
    the message after), Tools ▸ Check the database, the offer of a backup when the start-up
    check finds damage, and Help ▸ About."""
    from desktop.core.storage import health

    window = open_window(db_path)  # type: ignore[operator]
    with qtbot.waitSignal(window.maintenance.backed_up, timeout=10_000):
        trigger(window, "&Back up now")
    texts = answered(
        qtbot,
        lambda: trigger(window, "&Restore a backup…"),
        accept,  # the newest backup
        press(QMessageBox.ButtonRole.YesRole),  # replace the current data
    )
    qtbot.waitUntil(lambda: len(shown_dialogs) == 2, timeout=10_000)
    assert shown_dialogs[1][0] == window.maintenance.tr("Restored"), shown_dialogs[1]
    trigger(window, "&Check the database")
    qtbot.waitUntil(lambda: len(shown_dialogs) == 3, timeout=20_000)
    trigger(window, "&About Dossier Desk")
    assert len(shown_dialogs) == 4
    texts += [text for shown in shown_dialogs for text in shown]
    damaged = health.Report(db_path, (health.QUICK,), ("database disk image is malformed",))
    texts += answered(
        qtbot,
        lambda: window.maintenance._after_quick_check(damaged),
        press(QMessageBox.ButtonRole.RejectRole),  # not now
    )
    assert english_left(iter(texts), data_names | {"database disk image is malformed"}) == []


def test_the_sources_and_the_record_forms_are_german(
    german: None, open_window: object, db_path: Path, data_names: set[str], qtbot: QtBot
) -> None:
    """Data ▸ Sources… with its New and Edit forms, and the forms behind the detail pane's
    edit links: a figure (new and existing), a relation, a space offer, a contact."""
    from desktop.ui.upkeep.journal_dialogs import SourcesDialog

    window = open_window(db_path)  # type: ignore[operator]
    trigger(window, "&Sources…")
    sources = window.findChild(SourcesDialog)
    qtbot.waitUntil(lambda: sources.model.rowCount() > 0, timeout=10_000)
    texts = list(shown_texts(sources))
    buttons = {b.text(): b for b in sources.findChildren(QPushButton)}
    texts += answered(qtbot, buttons[sources.tr("New…")].click, reject)
    sources.table.selectRow(0)
    texts += answered(qtbot, buttons[sources.tr("Edit…")].click, reject)
    sources.close()

    for slug, links in (
        (
            "biocube-leipzig",
            ("edit-fact/", "edit-fact/biocube-storeys", "add-relation/", "set-space/"),
        ),
        ("florian-schmidtner", ("edit-contact/",)),
    ):
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            window.show_entity(slug)
        for link in links:
            url = QUrl(f"do:{link}")
            texts += answered(qtbot, lambda u=url: window.detail.anchorClicked.emit(u), reject)
    assert english_left(iter(texts), data_names) == []


def test_the_dossier_export_is_german(
    german: None,
    open_window: object,
    db_path: Path,
    data_names: set[str],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """File ▸ Export dossier… with an empty contact card, every step: the card (Later), the
    question about the empty contact page, where to save, the pre-export check, the message
    with Open PDF and the editor's status line."""
    window = open_window(db_path)  # type: ignore[operator]
    editor = open_new_brief(qtbot, window, monkeypatch)
    monkeypatch.setattr(first_start, "ask_consultant_card", REAL_ASK_CARD)  # not at the start
    monkeypatch.setattr(export_flow, "confirm_empty_contact_page", REAL_CONFIRM_EMPTY_PAGE)
    offered: list[QMessageBox] = []
    monkeypatch.setattr(
        export_flow, "offer_open_pdf", lambda p, path: offered.append(REAL_OFFER_OPEN_PDF(p, path))
    )
    texts = answered(
        qtbot,
        window.export_action.trigger,
        reject,  # the contact card: later
        press(QMessageBox.ButtonRole.AcceptRole),  # export without contact details
        save_in(tmp_path),
        accept,  # the pre-export check: Export
    )
    qtbot.waitUntil(lambda: bool(offered), timeout=60_000)
    assert list(tmp_path.glob("*.pdf"))
    texts += [*shown_texts(offered[0]), editor.status.text()]
    offered[0].close()
    assert english_left(iter(texts), data_names) == []


def test_the_print_preview_and_the_data_export_are_german(
    german: None,
    open_window: object,
    db_path: Path,
    data_names: set[str],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_dialogs: list[tuple[str, str]],
) -> None:
    """File ▸ Print preview of the dossier… (Qt's preview around our title) and Data ▸ Export
    data… (where to save, then what was written)."""
    window = open_window(db_path)  # type: ignore[operator]
    editor = open_new_brief(qtbot, window, monkeypatch)
    texts = answered(qtbot, window.print_preview_action.trigger, reject)
    texts.append(editor.status.text())
    texts += answered(qtbot, lambda: trigger(window, "E&xport data…"), save_in(tmp_path))
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=20_000)
    texts += [text for shown in shown_dialogs for text in shown]
    assert english_left(iter(texts), data_names) == []
