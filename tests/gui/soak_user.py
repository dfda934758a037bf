"""A fast, careless consultant for the soak test: seeded random actions on a live window.

Every action does what a person can do with the mouse and keyboard (or what the window's own
code does for them: a dialog's answer comes from a patched dialog function, a drag arrives as
the drop the view would hand the model). No action waits for the database: like a fast user,
the next one comes while the last is still being answered. :meth:`SoakUser.settle` waits
until the window is idle and then checks that what each brief editor shows is what is stored.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.briefs.prospects import ProspectInput
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base import dialogs
from desktop.ui.briefs import prospect_dialog
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ITEM_ROLE, KIND_ROLE, MIME_TYPE
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import entity_dialog

MOVE = Qt.DropAction.MoveAction
HOSTILE = (
    '"foo',
    "AND OR NOT",
    "NEAR(",
    "*",
    "a-b",
    "'; DROP TABLE entity; --",
    "<b>bold</b> &amp; <unclosed",
    "\x00\x01\x1f\u200b",
    "🧬🦠 cell",
    "עברית ﷺ",
    "%_\\",
    "x" * 300,
    "   ",
    "(((",
    "clean room",
    "cleanroom",
    "Reinraum",
    "Köln ß",
    "1e309 NaN -inf",
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
)
NOTES = ("We can arrange a visit.", "Ask about S2 space", "Zoll & Logistik — ja", "🧬 GMP")
COUNTRIES = ("US", "DE", "Japan", "Deutschland", None, "CH")


class SoakUser:
    """Random actions on ``window``; limits keep the expensive ones (briefs, exports) few."""

    def __init__(
        self,
        qtbot: QtBot,
        window: MainWindow,
        rng: random.Random,
        words: list[str],
        out_dir: Path,
        monkeypatch: pytest.MonkeyPatch,
        *,
        max_exports: int = 2,
        max_previews: int = 1,
        max_briefs: int = 5,
        max_prospects: int = 4,
        max_editors: int = 2,
    ) -> None:
        self.qtbot, self.window, self.rng, self.words = qtbot, window, rng, words
        self.out_dir, self.patch = out_dir, monkeypatch.setattr
        self.limits = {
            "export": max_exports,
            "preview": max_previews,
            "brief": max_briefs,
            "prospect": max_prospects,
            "delete": 2,
        }
        self.max_editors = max_editors
        self.used = dict.fromkeys(self.limits, 0)
        self.counts: dict[str, int] = {}
        self.submitted = 0
        self._count_submissions()
        self.actions: list[tuple[Callable[[], None], int]] = [
            (self.type_word, 14),
            (self.type_hostile, 4),
            (self.backspace, 8),
            (self.press_enter, 3),
            (self.clear_search, 2),
            (self.pick_kind_or_sector, 5),
            (self.toggle_chip, 3),
            (self.remove_active_filter, 2),
            (self.select_row, 10),
            (self.sort_results, 2),
            (self.result_menu, 2),
            (self.back_or_forward, 3),
            (self.switch_tab, 3),
            (self.edit_entity, 3),
            (self.delete_entity, 1),
            (self.undo_or_redo, 5),
            (self.new_prospect, 2),
            (self.select_prospect, 3),
            (self.new_brief, 2),
            (self.open_brief, 2),
            (self.duplicate_brief, 1),
            (self.delete_brief_or_prospect, 1),
            (self.toggle_item, 8),
            (self.select_item, 8),
            (self.type_note, 6),
            (self.move_item, 5),
            (self.drop_rows, 6),
            (self.drop_in_view, 3),
            (self.move_rows_directly, 2),
            (self.edit_title, 2),
            (self.change_template, 2),
            (self.item_menu, 2),
            (self.preview, 1),
            (self.export, 1),
            (self.close_editor, 2),
        ]
        self.recent: list[str] = []
        self.undo_log: list[str] = []  # what happened to the knowledge base, for a failure

    # --- running ------------------------------------------------------------------------------

    def act(self) -> str:
        functions, weights = zip(*self.actions, strict=True)
        action = self.rng.choices(functions, weights)[0]
        action()
        name = action.__name__
        self.recent.append(name)
        self.counts[name] = self.counts.get(name, 0) + 1
        QApplication.processEvents()  # the event loop turns once between two actions
        return name

    def _count_submissions(self) -> None:
        """Count every job queued, so :meth:`settle` knows when nothing more is coming."""
        executor = self.window.executor
        submit, submit_closed = executor.submit, executor.submit_closed

        def counted(original: Callable[..., Any]) -> Callable[..., Any]:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                self.submitted += 1
                return original(*args, **kwargs)

            return wrapper

        executor.submit = counted(submit)  # type: ignore[method-assign]
        executor.submit_closed = counted(submit_closed)  # type: ignore[method-assign]

    def _timers_quiet(self) -> bool:
        if self.window.search.pause.isActive():
            return False
        return not any(editor.settling() for editor in self.editors(visible_only=False))

    def settle(self, timeout: int = 30_000) -> None:
        """Wait until every queued job came back and no timer or render is about to queue more."""
        for _round in range(50):
            self.qtbot.waitUntil(self._timers_quiet, timeout=timeout)
            before = self.submitted
            stored = self._stored(timeout)
            if self.submitted == before + 1 and self._timers_quiet():
                self._check_editors(stored)
                return
        raise AssertionError("the window never became idle")

    def _stored(self, timeout: int) -> dict[int, Any]:
        """The open briefs as stored, read by a job queued behind every job so far."""
        answered: list[dict[int, Any]] = []
        ids = [e.brief_id for e in self.editors()]
        self.window.executor.submit(lambda store: _stored_briefs(store, ids), answered.append)
        self.qtbot.waitUntil(lambda: bool(answered), timeout=timeout)
        return answered[0]

    def _check_editors(self, stored: dict[int, Any]) -> None:
        """At rest, every open editor shows the brief as stored: order, ticks, notes."""
        for editor in self.editors():
            view = stored.get(editor.brief_id)
            if view is None:
                continue  # deleted from the Prospects tab while open
            layout = [(key, [i.item_id for i in items]) for key, items in view.sections]
            shown = editor.model.current_layout()
            assert shown == layout, (editor.brief_id, shown, layout, self.recent[-15:])
            included = {i.item_id: i.included for i in view.items()}
            for index in _item_indexes(editor):
                item = index.data(ITEM_ROLE)
                ticked = editor.model.itemFromIndex(index).checkState() == Qt.CheckState.Checked
                assert ticked == included[item.item_id], f"item {item.item_id} tick"
            notes = {i.item_id: (i.note or "").strip() for i in view.items()}
            if (shown := editor.panel.item_id) in notes:
                assert notes[shown] == editor.note.toPlainText().strip(), "note lost"

    # --- helpers ------------------------------------------------------------------------------

    def editors(self, *, visible_only: bool = True) -> list[BriefEditor]:
        found = list(self.window.desk.editors.values())
        return [e for e in found if e.isVisible()] if visible_only else found

    def _editor(self) -> BriefEditor | None:
        ready = [e for e in self.editors() if e.view is not None and e.model.rowCount()]
        return self.rng.choice(ready) if ready else None

    def _word(self) -> str:
        return self.rng.choice(self.words)

    def _type(self, widget: Any, text: str) -> None:
        """Key presses for ASCII (QTest types nothing else); other characters arrive as an
        input method would deliver them, inserted at the cursor."""
        for chunk in re.findall(r"[ -~]+|[^ -~]+", text):
            if chunk.isascii():
                self.qtbot.keyClicks(widget, chunk)
            elif hasattr(widget, "insertPlainText"):
                widget.insertPlainText(chunk)
            else:
                widget.insert(chunk)

    def _allowed(self, what: str) -> bool:
        if self.used[what] >= self.limits[what]:
            return False
        self.used[what] += 1
        return True

    # --- searching and filtering --------------------------------------------------------------

    def type_word(self) -> None:
        word = self._word()
        if self.rng.random() < 0.3:
            word = word[: self.rng.randint(1, len(word))]  # still typing it
        field = self.window.search_field
        self._type(field, (" " if field.text() else "") + word)

    def type_hostile(self) -> None:
        self.window.search_field.insert(self.rng.choice(HOSTILE))

    def backspace(self) -> None:
        for _ in range(self.rng.randint(1, 6)):
            self.qtbot.keyClick(self.window.search_field, Qt.Key.Key_Backspace)

    def press_enter(self) -> None:
        self.qtbot.keyClick(self.window.search_field, Qt.Key.Key_Return)

    def clear_search(self) -> None:
        if self.rng.random() < 0.5:
            self.window.search_field.clear()
        else:
            self.window.clear_search_and_filters()

    def pick_kind_or_sector(self) -> None:
        navigator = self.window.navigator
        choice = self.rng.random()
        if choice < 0.2:
            index = navigator.index_for()
        elif choice < 0.6:
            index = navigator.index_for(kind=self.rng.choice(list(taxonomy.KINDS)))
        else:
            index = navigator.index_for(sector=self.rng.choice(list(taxonomy.SECTORS)))
        navigator.tree.setCurrentIndex(index)

    def toggle_chip(self) -> None:
        chips = list(self.window.navigator._chip_buttons.values())
        if chips:
            self.rng.choice(chips).click()

    def remove_active_filter(self) -> None:
        layout = self.window.results.filter_layout
        buttons = [layout.itemAt(i).widget() for i in range(layout.count())]
        buttons = [b for b in buttons if b is not None and b.isVisible()]
        if buttons:
            self.rng.choice(buttons).click()

    def select_row(self) -> None:
        table, proxy = self.window.table, self.window.results.proxy
        if proxy.rowCount() == 0:
            return
        if self.rng.random() < 0.4 and table.currentIndex().isValid():
            key = self.rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown))
            self.qtbot.keyClick(table, key)
        else:
            table.setCurrentIndex(proxy.index(self.rng.randrange(proxy.rowCount()), 0))

    def sort_results(self) -> None:
        table = self.window.table
        column = self.rng.randrange(table.model().columnCount())
        order = self.rng.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
        table.sortByColumn(column, order)

    def result_menu(self) -> None:
        proxy = self.window.results.proxy
        if proxy.rowCount() == 0:
            return
        index = proxy.index(self.rng.randrange(proxy.rowCount()), 0)
        menu = self.window.results.context_menu(index)
        if menu is None:
            return
        actions = [a for a in menu.actions() if a.objectName().startswith("context-")]
        action = self.rng.choice(actions)
        if action.objectName() != "context-edit":  # edits come from edit_entity, counted
            action.trigger()
        menu.deleteLater()

    def back_or_forward(self) -> None:
        action = self.rng.choice((self.window.back_action, self.window.forward_action))
        action.trigger()

    def switch_tab(self) -> None:
        self.window.tabs.setCurrentIndex(self.rng.randrange(self.window.tabs.count()))

    # --- editing the knowledge base, undo and redo -------------------------------------------

    def _slug(self) -> str | None:
        proxy = self.window.results.proxy
        if self.window.selected_slug and self.rng.random() < 0.5:
            return self.window.selected_slug
        if proxy.rowCount() == 0:
            return None
        from desktop.ui.browse.entity_model import SLUG_ROLE

        return proxy.index(self.rng.randrange(proxy.rowCount()), 0).data(SLUG_ROLE)

    def edit_entity(self) -> None:
        slug = self._slug()
        if slug is None:
            return
        word = self._word()

        def answer(_parent: Any, record: Any, _names: Any, _tags: Any) -> Any:
            self.undo_log.append(f"form {record.slug} {record.location!r} +{word}")
            if self.rng.random() < 0.5:
                return replace(record, location=f"Leipzig {word}")
            return replace(record, description=f"{record.description} {word}".strip())

        self.patch(entity_dialog, "edit_entity", answer)
        self.window.edits.edit_entity(slug)

    def delete_entity(self) -> None:
        slug = self._slug()
        if slug is not None:
            self.undo_log.append(f"delete {slug}")
            self.window.edits.delete_entity(slug)

    def undo_or_redo(self) -> None:
        action = self.window.undo_action if self.rng.random() < 0.65 else self.window.redo_action
        stack = self.window.edits.stack
        self.undo_log.append(f"{action.text()} [{stack.index()}/{stack.count()}]")
        action.trigger()

    # --- prospects and briefs ----------------------------------------------------------------

    def _prospects_tab(self) -> Any:
        self.window.tabs.setCurrentIndex(2)
        return self.window.prospects

    def new_prospect(self) -> None:
        if not self._allowed("prospect"):
            return
        rng = self.rng
        data = ProspectInput(
            company_name=f"{self._word()} {rng.choice(('GmbH', 'Inc.', 'AG & Co. KG'))}",
            code_name=f"Project {self._word()}",
            use_code_name=rng.random() < 0.5,
            country=rng.choice(COUNTRIES),
            sectors=tuple(rng.sample(sorted(taxonomy.SECTORS), 2)),
            activities=tuple(rng.sample(sorted(prospect_vocab.ACTIVITIES), 2)),
            requirements=tuple(rng.sample(sorted(prospect_vocab.REQUIREMENTS), 3)),
            keywords=(self._word(),),
            needs=rng.choice(NOTES),
        )
        self.patch(prospect_dialog, "edit_prospect", lambda _parent, _data=None: data)
        view = self._prospects_tab()
        view.new_button.click()

    def select_prospect(self) -> None:
        view = self._prospects_tab()
        if rows := view.proxy.rowCount():
            view.table.setCurrentIndex(view.proxy.index(self.rng.randrange(rows), 0))

    def new_brief(self) -> None:
        view = self._prospects_tab()
        if len(self.editors()) >= self.max_editors or not view.new_brief_button.isEnabled():
            return
        if self._allowed("brief"):
            view.new_brief_button.click()

    def open_brief(self) -> None:
        view = self._prospects_tab()
        if len(self.editors()) < self.max_editors and view.open_brief_button.isEnabled():
            self._pick_brief(view)
            view.open_brief_button.click()

    def _pick_brief(self, view: Any) -> None:
        table = view.brief_table
        if rows := table.model().rowCount():
            table.setCurrentIndex(table.model().index(self.rng.randrange(rows), 0))

    def duplicate_brief(self) -> None:
        view = self._prospects_tab()
        if len(self.editors()) >= self.max_editors or not view.duplicate_brief_button.isEnabled():
            return
        if self._allowed("brief"):
            self._pick_brief(view)
            view.duplicate_brief_button.click()

    def delete_brief_or_prospect(self) -> None:
        """Delete a brief (perhaps one open in an editor) or a whole prospect; "Yes" to both."""
        view = self._prospects_tab()
        if not view.delete_button.isEnabled() or not self._allowed("delete"):
            return
        self.patch(dialogs, "confirm", lambda *_args: True)
        if self.rng.random() < 0.6 and view.delete_brief_button.isEnabled():
            self._pick_brief(view)
            view.delete_brief_button.click()
        else:
            view.delete_button.click()

    # --- curating in a brief editor -----------------------------------------------------------

    def _random_index(self, editor: BriefEditor, *, items_only: bool = False) -> QModelIndex:
        indexes = _item_indexes(editor)
        if not items_only:
            indexes += [editor.model.index(r, 0) for r in range(editor.model.rowCount())]
        return self.rng.choice(indexes) if indexes else QModelIndex()

    def toggle_item(self) -> None:
        if (editor := self._editor()) is None:
            return
        index = self._random_index(editor, items_only=True)
        if index.isValid():
            item = editor.model.itemFromIndex(index)
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def select_item(self) -> None:
        if (editor := self._editor()) is not None:
            index = self._random_index(editor)
            if index.isValid():
                editor.tree.setCurrentIndex(index)

    def type_note(self) -> None:
        """Click an item, type a note, and (often) click the next item at once."""
        if (editor := self._editor()) is None:
            return
        index = self._random_index(editor, items_only=True)
        if not index.isValid():
            return
        editor.tree.setCurrentIndex(index)
        if self.rng.random() < 0.3:
            editor.note.clear()
        self._type(editor.note, " " + self.rng.choice(NOTES))
        if self.rng.random() < 0.6:
            other = self._random_index(editor)
            if other.isValid():
                editor.tree.setCurrentIndex(other)

    def move_item(self) -> None:
        if (editor := self._editor()) is None:
            return
        index = self._random_index(editor)
        if index.isValid():
            editor.tree.setCurrentIndex(index)
            button = editor.up_button if self.rng.random() < 0.5 else editor.down_button
            button.click()

    def _payload(self, editor: BriefEditor) -> QMimeData:
        """What a drag carries: mostly real rows, sometimes another window's or garbage."""
        indexes = [self._random_index(editor) for _ in range(self.rng.choice((1, 1, 1, 2)))]
        data = editor.model.mimeData([i for i in indexes if i.isValid()])
        roll = self.rng.random()
        if roll < 0.08:
            data.setData(MIME_TYPE, QByteArray(b"\xff{not json"))
        elif roll < 0.14:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()))
            payload["model"] = "another-window"
            data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode()))
        elif roll < 0.18:
            data = QMimeData()
            data.setText("plain text from elsewhere")
        return data

    def drop_rows(self) -> None:
        """A drop as the view hands it to the model: a row and a parent, anywhere."""
        if (editor := self._editor()) is None:
            return
        data = self._payload(editor)
        parent = self._random_index(editor) if self.rng.random() < 0.8 else QModelIndex()
        row = self.rng.randint(-1, editor.model.rowCount(parent) + 1)
        if editor.model.canDropMimeData(data, MOVE, row, 0, parent) or self.rng.random() < 0.3:
            editor.model.dropMimeData(data, MOVE, row, 0, parent)

    def drop_in_view(self) -> None:
        """A whole drag over the tree without QDrag: enter, move, drop at a row's edge."""
        if (editor := self._editor()) is None:
            return
        target = self._random_index(editor)
        if not target.isValid():
            return
        editor.tree.scrollTo(target)
        rect = editor.tree.visualRect(target)
        if not rect.isValid():
            return
        y = rect.top() + 1 if self.rng.random() < 0.5 else rect.bottom() - 1
        here = QPointF(QPoint(rect.center().x(), y))
        data, viewport = self._payload(editor), editor.tree.viewport()
        buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(viewport, QDragEnterEvent(here, MOVE, data, buttons, modifiers))
        QApplication.sendEvent(viewport, QDragMoveEvent(here, MOVE, data, buttons, modifiers))
        QApplication.sendEvent(viewport, QDropEvent(here, MOVE, data, buttons, modifiers))

    def move_rows_directly(self) -> None:
        if (editor := self._editor()) is None:
            return
        model, rng = editor.model, self.rng
        source = self._random_index(editor) if rng.random() < 0.7 else QModelIndex()
        target = self._random_index(editor) if rng.random() < 0.7 else QModelIndex()
        rows = model.rowCount(source)
        model.moveRows(
            source,
            rng.randint(-1, rows),
            rng.randint(0, 3),
            target,
            rng.randint(-1, model.rowCount(target) + 1),
        )

    def edit_title(self) -> None:
        if (editor := self._editor()) is None:
            return
        if self.rng.random() < 0.2:
            editor.title.selectAll()
            self.qtbot.keyClick(editor.title, Qt.Key.Key_Delete)  # an emptied title
        else:
            self._type(editor.title, " " + self._word())
        self.qtbot.keyClick(editor.title, Qt.Key.Key_Return)

    def change_template(self) -> None:
        if (editor := self._editor()) is None:
            return
        combo = editor.template if self.rng.random() < 0.5 else editor.language
        index = self.rng.randrange(combo.count())
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def item_menu(self) -> None:
        if (editor := self._editor()) is None:
            return
        index = self._random_index(editor)
        if not index.isValid():
            return
        menu = editor.item_menu(index)
        actions = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
        if actions:
            self.rng.choice(actions).trigger()
        menu.deleteLater()

    def preview(self) -> None:
        editor = self._editor()
        if editor is not None and self._allowed("preview"):
            editor.preview_button.click()

    def export(self) -> None:
        editor = self._editor()
        if editor is None or editor.current is None or not self._allowed("export"):
            return
        target = self.out_dir / f"dossier-{self.used['export']}.pdf"
        self.patch(dialogs, "ask_save_path", lambda _parent, _name, *_a: target)
        editor.export_button.click()

    def close_editor(self) -> None:
        if (editor := self._editor()) is not None:
            if self.rng.random() < 0.5:
                self.qtbot.keyClick(editor, Qt.Key.Key_Escape)
            else:
                editor.close()


def _item_indexes(editor: BriefEditor) -> list[QModelIndex]:
    model, found = editor.model, []
    for s in range(model.rowCount()):
        section = model.index(s, 0)
        for r in range(model.rowCount(section)):
            index = model.index(r, 0, section)
            if index.data(KIND_ROLE) in ("entity", "fact"):
                found.append(index)
    return found


def _stored_briefs(store: Any, ids: list[int]) -> dict[int, Any]:
    """In the worker: each brief as stored, None for one that was deleted."""
    from desktop.app import briefs as brief_jobs
    from desktop.core.errors import NotFoundError

    found: dict[int, Any] = {}
    for brief_id in ids:
        try:
            found[brief_id] = brief_jobs.load_brief(store, brief_id=brief_id)
        except NotFoundError:
            found[brief_id] = None
    return found
