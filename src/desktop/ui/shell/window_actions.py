"""The main window's menus, shortcuts and toolbar actions, in one place to read them all.

The File menu is the one an office program has: New prospect, Open recent dossier, Export,
Print preview, Quit. Export and Print preview act on the brief editor in use; with none open
they show the Prospects tab and say how to open one.

Built once the window's first list and its counts are on screen, into the menu titles the frame
painted (importing this module and the services its actions call would otherwise delay them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QMenu,
    QStatusBar,
    QStyle,
    QToolBar,
    QToolButton,
)

from desktop.ui.base import dialogs
from desktop.ui.dossier import recent_dossiers
from desktop.ui.shell import editor_tracking
from desktop.ui.team.sync_control import TeamSync

if TYPE_CHECKING:
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.briefs.briefs_desk import BriefsDesk
    from desktop.ui.upkeep.edit_controller import EditController
    from desktop.ui.upkeep.maintenance import Maintenance


translate = QCoreApplication.translate  # lupdate reads translate("WindowActions", "…")


class MainWindow(Protocol):
    """What the menus need of the window they are built for (the window's own class is
    :class:`desktop.ui.shell.main_window.MainWindow`, which builds them)."""

    db_path: Path
    executor: DatabaseExecutor
    team: TeamSync
    edits: EditController
    maintenance: Maintenance
    desk: BriefsDesk
    last_editor: BriefEditor | None
    back_button: QToolButton
    forward_button: QToolButton
    sync_slot: QAction
    back_action: QAction
    forward_action: QAction
    undo_action: QAction
    redo_action: QAction
    export_action: QAction
    print_preview_action: QAction
    menus: dict[str, QMenu]  # the frame's, by key (see desktop.ui.shell.frame.MENUS)
    file_menu: QMenu
    recent_menu: QMenu

    @property
    def selected_slug(self) -> str | None: ...
    def go_back(self) -> None: ...
    def go_forward(self) -> None: ...
    def focus_search(self) -> None: ...
    def clear_search_and_filters(self) -> None: ...
    def show_tab(self, index: int) -> None: ...
    def new_prospect(self) -> None: ...
    def show_entity(self, slug: str, *, record: bool = True) -> None: ...
    # QMainWindow's own
    def addAction(self, action: QAction) -> None: ...
    def findChild(self, type_: type, name: str) -> Any: ...
    def close(self) -> bool: ...
    def statusBar(self) -> QStatusBar: ...
    def style(self) -> QStyle: ...


def build(window: MainWindow) -> None:
    window.team = TeamSync(window.executor, window.db_path, window)
    window.team.join_requested.connect(lambda: open_team(window))
    window.team.conflicts_requested.connect(lambda: open_conflicts(window))
    window.edits.team_requested.connect(lambda: open_team(window))
    _add_sync_button(window)

    def action(text: str, slot: Any, *shortcuts: Any) -> QAction:
        act = QAction(text, window)
        keys = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
        act.setShortcuts([key for name, key in keys.items() if name])
        act.triggered.connect(slot)
        window.addAction(act)
        return act

    style = window.style()
    window.back_action = action(
        translate("WindowActions", "&Back"),
        window.go_back,
        "Alt+Left",
        QKeySequence.StandardKey.Back,
    )
    window.back_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowBack))
    window.forward_action = action(
        translate("WindowActions", "&Forward"),
        window.go_forward,
        "Alt+Right",
        QKeySequence.StandardKey.Forward,
    )
    window.forward_action.setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowForward))
    window.back_button.setDefaultAction(window.back_action)
    window.forward_button.setDefaultAction(window.forward_action)
    find = action(translate("WindowActions", "&Find…"), window.focus_search, "Ctrl+K", "Ctrl+F")
    clear = action(
        translate("WindowActions", "&Clear search and filters"),
        window.clear_search_and_filters,
        "Ctrl+Shift+K",
    )
    entities = action(translate("WindowActions", "&Entities"), lambda: window.show_tab(0), "Ctrl+1")
    figures = action(
        translate("WindowActions", "&Key figures"), lambda: window.show_tab(1), "Ctrl+2"
    )
    prospects = action(
        translate("WindowActions", "&Prospects and briefs"), lambda: window.show_tab(2), "Ctrl+3"
    )
    new_prospect = action(
        translate("WindowActions", "&New prospect…"), window.new_prospect, "Ctrl+N"
    )
    edits = window.edits
    undo = action(translate("WindowActions", "&Undo"), edits.undo, "Ctrl+Z")
    redo = action(translate("WindowActions", "&Redo"), edits.redo, "Ctrl+Shift+Z", "Ctrl+Y")
    _follow_stack(edits.stack, undo, redo)
    window.undo_action, window.redo_action = undo, redo

    def selected(run: Any) -> Any:
        return lambda: window.selected_slug and run(window.selected_slug)

    data_actions = [
        action(translate("WindowActions", "&New entity…"), edits.new_entity, "Ctrl+Shift+N"),
        action(translate("WindowActions", "&Edit entity…"), selected(edits.edit_entity), "Ctrl+E"),
        action(
            translate("WindowActions", "&Delete entity…"),
            selected(edits.delete_entity),
            "Ctrl+Delete",
        ),
        action(
            translate("WindowActions", "Mark &verified"),
            selected(lambda slug: edits.verify("entity", slug)),
            "Ctrl+Shift+V",
        ),
        action(translate("WindowActions", "&History of this entity…"), selected(edits.open_audit)),
        action(
            translate("WindowActions", "Needs &checking…"),
            lambda: edits.open_needs_checking(window.show_entity),
        ),
        action(translate("WindowActions", "&Audit journal…"), lambda: edits.open_audit(None)),
        action(translate("WindowActions", "&Sources…"), edits.open_sources),
        action(translate("WindowActions", "&Import…"), edits.open_import, "Ctrl+I"),
        action(translate("WindowActions", "E&xport data…"), edits.export_data),
        action(translate("WindowActions", "&Settings…"), edits.open_settings, "Ctrl+,"),
        action(translate("WindowActions", "&Team…"), lambda: open_team(window)),
        action(translate("WindowActions", "S&ync with the team"), lambda: window.team.sync(), "F9"),
        action(translate("WindowActions", "&Conflicts…"), lambda: open_conflicts(window)),
    ]
    consultant = action(translate("WindowActions", "Your &contact details…"), edits.open_settings)
    menus = window.menus  # the titles are the frame's, painted first
    file_menu = menus["file"]
    file_menu.setObjectName("fileMenu")
    file_menu.addAction(new_prospect)
    recent = file_menu.addMenu(translate("WindowActions", "Open &recent dossier"))
    recent.setObjectName("recentDossiersMenu")
    recent.aboutToShow.connect(lambda: recent_dossiers.fill_menu(recent))
    recent_dossiers.fill_menu(recent)
    window.recent_menu = recent
    file_menu.addSeparator()
    window.export_action = action(
        translate("WindowActions", "&Export dossier…"),
        lambda: editor_tracking.export_from_window(window),
        "Ctrl+Shift+E",
    )
    window.print_preview_action = action(
        translate("WindowActions", "Print pre&view of the dossier…"),
        lambda: print_preview_from_window(window),
        "Ctrl+P",
    )
    file_menu.addActions([window.export_action, window.print_preview_action])
    file_menu.addSeparator()
    file_menu.addAction(
        action(
            translate("WindowActions", "Export &changes…"),
            lambda: _change_files().export_changes(window.team, window),
        )
    )
    file_menu.addAction(
        action(
            translate("WindowActions", "&Import changes…"),
            lambda: _change_files().import_changes(window.team, window),
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(
        action(translate("WindowActions", "&Quit"), window.close, QKeySequence.StandardKey.Quit)
    )
    window.file_menu = file_menu
    menus["edit"].addActions([undo, redo, find, clear])
    menus["view"].addActions([entities, figures, prospects])
    menus["briefs"].addActions([new_prospect, consultant])
    menus["data"].addActions(data_actions)
    menus["go"].addActions([window.back_action, window.forward_action])
    menus["tools"].addActions(
        [
            action(translate("WindowActions", "&Back up now"), window.maintenance.backup_now),
            action(translate("WindowActions", "&Restore a backup…"), window.maintenance.restore),
            action(translate("WindowActions", "&Check the database"), window.maintenance.check),
        ]
    )
    menus["help"].addAction(
        action(
            translate("WindowActions", "&About Dossier Desk"),
            lambda: dialogs.show_about(window, window.db_path),
        )
    )


def _follow_stack(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Undo/Redo name the step they take and are enabled only when there is one."""

    def update() -> None:
        if not all(shiboken6.isValid(o) for o in (stack, undo, redo)):
            return  # the window is being torn down
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(_step_text(translate("WindowActions", "&Undo"), stack.undoText()))
        redo.setText(_step_text(translate("WindowActions", "&Redo"), stack.redoText()))

    for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged):
        signal.connect(lambda *_: update())
    update()


def _step_text(verb: str, step: str) -> str:
    """ "&Undo" alone, or with the step it takes: "&Undo edit of X" (German "&Rückgängig: …")."""
    if not step:
        return verb
    return translate("WindowActions", "{verb} {step}").format(verb=verb, step=step)


def print_preview_from_window(window: MainWindow) -> None:
    from desktop.ui.dossier import print_preview  # the PDF modules load when first used

    editor = editor_tracking.current_editor(window)
    if editor is None:
        editor_tracking.show_no_editor_hint(window)
        return
    editor.raise_()
    editor.activateWindow()
    if editor.current is None:  # still assembling: preview as soon as it is ready
        editor.assembled.connect(
            lambda: print_preview.start(editor), Qt.ConnectionType.SingleShotConnection
        )
        return
    print_preview.start(editor)


def _add_sync_button(window: MainWindow) -> None:
    """The sync button at the toolbar's right end, where a status reads, in the place the
    frame kept for it."""
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    toolbar.insertWidget(window.sync_slot, window.team.button)
    placeholder = toolbar.widgetForAction(window.sync_slot)
    toolbar.removeAction(window.sync_slot)
    placeholder.deleteLater()


def open_team(window: MainWindow) -> None:
    from desktop.ui.team.join_dialog import JoinDialog

    dialog = JoinDialog(window.team, window)  # type: ignore[arg-type]
    dialog.exec()
    dialog.deleteLater()


def open_conflicts(window: MainWindow) -> None:
    from desktop.ui.team.conflicts_dialog import ConflictsDialog

    dialog = ConflictsDialog(window.team, window)  # type: ignore[arg-type]
    dialog.exec()  # each settled conflict announces itself: the sync button follows
    dialog.deleteLater()


def _change_files() -> Any:
    from desktop.ui.team import change_files  # loaded when first used

    return change_files
