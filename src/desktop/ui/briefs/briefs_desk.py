"""The Prospects tab and the brief editors it opens, kept out of the main window's file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.briefs.prospects_view import ProspectsView


class BriefsDesk(QObject):
    """Builds the Prospects view on first use and keeps one editor window per brief."""

    def __init__(self, executor: DatabaseExecutor, parent: QObject) -> None:
        super().__init__(parent)
        self.executor = executor
        self._view: ProspectsView | None = None
        self.editors: dict[int, BriefEditor] = {}

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
            editor.brief_changed.connect(lambda _id: self._view and self._view.refresh())
            editor.open_entity.connect(self._show_entity)
            editor.destroyed.connect(lambda _obj=None, b=brief_id: self.editors.pop(b, None))
            self.editors[brief_id] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _show_entity(self, slug: str) -> None:
        """An item's "Open the entity": the main window shows it on the Entities tab."""
        window = self.parent()
        show = getattr(window, "show_entity", None)
        if show is None:
            return
        tabs = getattr(window, "tabs", None)
        if tabs is not None:
            tabs.setCurrentIndex(0)
        show(slug)
        window.raise_()
        window.activateWindow()

    def reload_editors(self) -> None:
        """The knowledge base changed (an edit, a delete, an undo, an import, a restore): each
        open brief shows what is stored now, so none lists an item whose entity is gone."""
        for editor in list(self.editors.values()):
            editor.reload()

    def close_all(self) -> None:
        for editor in list(self.editors.values()):
            editor.close()
            editor.deleteLater()
        self.editors.clear()
