"""The main window's menus, shortcuts and toolbar actions, in one place to read them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from desktop.ui import dialogs

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def build(window: MainWindow) -> None:
    def action(text: str, slot: Any, *shortcuts: Any) -> QAction:
        act = QAction(text, window)
        keys = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
        act.setShortcuts([key for name, key in keys.items() if name])
        act.triggered.connect(slot)
        window.addAction(act)
        return act

    style = window.style()
    window.back_action = action("&Back", window.go_back, "Alt+Left", QKeySequence.StandardKey.Back)
    window.back_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowBack))
    window.forward_action = action(
        "&Forward", window.go_forward, "Alt+Right", QKeySequence.StandardKey.Forward
    )
    window.forward_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowForward))
    window.back_button.setDefaultAction(window.back_action)
    window.forward_button.setDefaultAction(window.forward_action)
    find = action("&Find…", window.focus_search, "Ctrl+K", "Ctrl+F")
    clear = action("&Clear search and filters", window.clear_search_and_filters, "Ctrl+Shift+K")
    entities = action("&Entities", lambda: window.show_tab(0), "Ctrl+1")
    figures = action("&Key figures", lambda: window.show_tab(1), "Ctrl+2")
    prospects = action("&Prospects and briefs", lambda: window.show_tab(2), "Ctrl+3")
    new_prospect = action("&New prospect…", window.new_prospect, "Ctrl+N")
    edits = window.edits
    undo = edits.stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = edits.stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addActions([undo, redo])

    def selected(run: Any) -> Any:
        return lambda: window.selected_slug and run(window.selected_slug)

    data_actions = [
        action("&New entity…", edits.new_entity, "Ctrl+Shift+N"),
        action("&Edit entity…", selected(edits.edit_entity), "Ctrl+E"),
        action("&Delete entity…", selected(edits.delete_entity), "Ctrl+Delete"),
        action(
            "Mark &verified", selected(lambda slug: edits.verify("entity", slug)), "Ctrl+Shift+V"
        ),
        action("&History of this entity…", selected(edits.open_audit)),
        action("Needs &checking…", lambda: edits.open_needs_checking(window.show_entity)),
        action("&Audit journal…", lambda: edits.open_audit(None)),
        action("&Sources…", edits.open_sources),
        action("&Import…", lambda: edits.open_import(window.db_path), "Ctrl+I"),
        action("E&xport data…", edits.export_data),
        action("&Settings…", edits.open_settings, "Ctrl+,"),
    ]
    consultant = action("Your &contact details…", edits.open_settings)
    menus = window.menuBar()
    menus.addMenu("&File").addAction(action("&Quit", window.close, QKeySequence.StandardKey.Quit))
    menus.addMenu("&Edit").addActions([undo, redo, find, clear])
    menus.addMenu("&View").addActions([entities, figures, prospects])
    menus.addMenu("&Briefs").addActions([new_prospect, consultant])
    menus.addMenu("&Data").addActions(data_actions)
    menus.addMenu("&Go").addActions([window.back_action, window.forward_action])
    menus.addMenu("&Tools").addActions(
        [
            action("&Back up now", window.maintenance.backup_now),
            action("&Restore a backup…", window.maintenance.restore),
            action("&Check the database", window.maintenance.check),
        ]
    )
    menus.addMenu("&Help").addAction(
        action("&About Dossier Desk", lambda: dialogs.show_about(window, window.db_path))
    )
