"""The Prospects tab and the brief editors it opens, kept out of the main window's file.

The desk keeps one editor window per brief and keeps them current: it listens to the
executor's one ``data_changed`` signal, and when the knowledge base changed (an edit, a delete,
an undo, an import, a restore) or a prospect did, each open brief shows what is stored now — so
none lists an item whose entity is gone or prints a name its prospect no longer has. A change
to one brief made elsewhere (deleted from the Prospects tab) reloads its own window only. A
closed brief window is kept for reopening, not kept current: it reloads when shown again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop.app.changes import DataChange
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.briefs.prospects_view import ProspectsView


class BriefsDesk(QObject):
    """Builds the Prospects view on first use and keeps one editor window per brief."""

    entity_requested = Signal(str)  # an item's "Open the entity": the window shows the slug

    def __init__(self, executor: DatabaseExecutor, parent: QObject) -> None:
        super().__init__(parent)
        self.executor = executor
        self._view: ProspectsView | None = None
        self.editors: dict[int, BriefEditor] = {}
        executor.data_changed.connect(self._on_data_changed)

    def view(self) -> ProspectsView:
        if self._view is None:
            from desktop.ui.briefs.prospects_view import ProspectsView

            self._view = ProspectsView(self.executor)
            self._view.open_brief.connect(self.open_brief)
            self._view.refresh()
        return self._view

    def open_brief(self, brief_id: int) -> BriefEditor:
        editor = self.editors.get(brief_id)
        if editor is None:
            from desktop.ui.briefs.brief_editor import BriefEditor

            editor = BriefEditor(self.executor, brief_id)
            editor.open_entity.connect(self.entity_requested)
            editor.destroyed.connect(lambda _obj=None, b=brief_id: self.editors.pop(b, None))
            self.editors[brief_id] = editor
        elif not editor.isVisible():
            editor.reload()  # closed windows are not kept current: show the brief as stored
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _on_data_changed(self, change: DataChange) -> None:
        from desktop.app.changes import Topic  # loaded with the first change, not at start

        # what an open brief shows or prints, besides the brief itself
        if change.touches(Topic.ENTITIES, Topic.FIGURES, Topic.SOURCES, Topic.PROSPECTS):
            self.reload_editors()
        elif change.touches(Topic.BRIEFS) and change.brief_id in self.editors:
            editor = self.editors[change.brief_id]
            if editor.isVisible() and change.origin is not editor:  # it shows its own saves
                editor.reload()

    def reload_editors(self) -> None:
        """Each open brief shows what is stored now (a closed one when it is opened again)."""
        for editor in list(self.editors.values()):
            if editor.isVisible():
                editor.reload()

    def close_all(self) -> None:
        """Close every brief window; each saves a title or note still being typed, and the
        executor's shutdown writes those saves before the database closes."""
        for editor in list(self.editors.values()):
            editor.close()
            editor.deleteLater()
        self.editors.clear()
