"""The brief editor: curate suggestions, see the evidence, preview and export the dossier.

Every change is saved at once through the database executor (there is no Save button to
forget): each is one function of :mod:`desktop.app.briefs`, run as a :class:`DatabaseOp` that
returns the brief as stored and announces the change, so the Prospects tab refreshes itself.
The title is saved on Enter, when the field loses focus and when the window closes; the note of
an item by the :class:`~desktop.ui.briefs.item_panel.ItemPanel`. Beside it, two tabs review the
suggestions (the alternatives per requirement, and "Why not?" for any entity); they save through
the editor too, and follow each brief it shows. Preview and export render off the UI thread;
the export's steps are :mod:`desktop.ui.dossier.export_flow`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import briefs, export
from desktop.app.changes import Topic, change
from desktop.ui.base import dialogs
from desktop.ui.base.formats import counted, said
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.briefs import brief_menu
from desktop.ui.briefs.alternatives_panel import AlternativesPanel
from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE, BriefTreeModel
from desktop.ui.briefs.brief_top import BriefTopBar
from desktop.ui.briefs.brief_tree import BriefTree
from desktop.ui.briefs.item_panel import ItemPanel
from desktop.ui.briefs.why_not_panel import WhyNotPanel
from desktop.ui.dossier import export_flow
from desktop.ui.dossier.preview_pane import PreviewPane
from desktop.ui.dossier.render_worker import RenderSlot, RenderWorker
from desktop.ui.preferences.contact_fields import saved_card

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.core.briefs.brief_views import BriefView
    from desktop.dossier.content.assemble import Assembled
    from desktop.ui.base.executor import DatabaseExecutor

# in English; shown through tr() (the marker lets lupdate find it)
GONE_BRIEF = QT_TRANSLATE_NOOP(
    "BriefEditor",
    "This brief is no longer in the database: it was deleted, perhaps with its prospect. "
    "Its window closes; exported dossiers stay where they are.",
)


class BriefEditor(QMainWindow):
    brief_changed = Signal(int)  # brief id, after anything was saved
    assembled = Signal()  # the evidence and check are up to date
    preview_ready = Signal(int)  # pages
    exported = Signal(str)  # path
    open_entity = Signal(str)  # slug, from an item's context menu

    def __init__(
        self, executor: DatabaseExecutor, brief_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("briefEditor")
        self.setWindowTitle(self.tr("Brief"))
        self.resize(1320, 820)
        self.executor = executor
        self.brief_id = brief_id
        self.view: BriefView | None = None
        self.current: Assembled | None = None
        self.renders = RenderSlot(self)
        self._reloading = False  # the tree is being rebuilt from the stored brief
        self._gone = False  # the brief was deleted (with its prospect, or from the Prospects tab)

        top = BriefTopBar(self)
        self.title, self.template, self.language = top.title, top.template, top.language
        self.preview_button, self.export_button = top.preview_button, top.export_button
        self.title.editingFinished.connect(self._save_title)  # Enter and focus-out
        self.template.activated.connect(
            lambda _i: self._update(template=self.template.currentData())
        )
        self.language.activated.connect(
            lambda _i: self._update(language=self.language.currentData())
        )
        self.preview_button.clicked.connect(lambda _=False: self.preview())
        self.export_button.clicked.connect(lambda _=False: self.export())

        self.model = BriefTreeModel(self)
        self.model.layout_edited.connect(self._reorder)
        self.model.include_toggled.connect(lambda item_id, on: self._set_item(item_id, included=on))
        self.model.moved.connect(self._select_id)
        self.tree = BriefTree(self)
        self.tree.setModel(self.model)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.up_button = self._button(self.tr("Move up"), "moveUp", lambda: self._move(-1))
        self.down_button = self._button(self.tr("Move down"), "moveDown", lambda: self._move(1))

        self.panel = ItemPanel(self)
        self.panel.note_edited.connect(lambda item_id, text: self._set_item(item_id, note=text))
        self.note, self.findings = self.panel.note, self.panel.findings
        self.alternatives = AlternativesPanel(executor, brief_id, self)
        self.alternatives.include_requested.connect(lambda i: self._set_item(i, included=True))
        self.why_not = WhyNotPanel(executor, brief_id, self)
        self.why_not.add_requested.connect(self._add_entity)
        self.middle = QTabWidget(self, objectName="reviewTabs")  # the item, and the review tabs
        self.middle.addTab(self.panel, self.tr("Item"))
        self.middle.addTab(self.alternatives, self.tr("Alternatives"))
        self.middle.addTab(self.why_not, self.tr("Why not?"))
        self.alternatives.titled.connect(lambda text: self.middle.setTabText(1, text))
        self.preview_pane = PreviewPane(self)
        self.document = self.preview_pane.document

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        hint = QLabel(self.tr("Tick to include · drag or use the buttons to reorder"), self)
        hint.setWordWrap(True)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.tree, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        left_layout.addLayout(moves)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, self.middle, self.preview_pane):
            splitter.addWidget(widget)
        splitter.setSizes([370, 470, 480])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self._assemble_timer = QTimer(self, singleShot=True, interval=250)
        self._assemble_timer.timeout.connect(self.assemble)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)
        self.why_not.answer_find_key(self.middle)  # Ctrl+F: "why not …?"
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def settling(self) -> bool:
        """Typed text or a reload is still waiting for its timer, or a render is running."""
        timers = (self._assemble_timer, self.panel.timer, self.why_not.timer)
        return any(timer.isActive() for timer in timers) or self.renders.busy()

    # --- loading -------------------------------------------------------------------------------

    def reload(self, then: Callable[[BriefView], Any] | None = None) -> None:
        """Show the brief as stored (``then`` instead of :meth:`_show` takes the view).

        A failed load is said once and never retried by itself, so a brief deleted while its
        window is open cannot start a loop of messages; the window closes instead.
        """
        if self._gone:
            return
        brief_id = self.brief_id
        DatabaseOp(self, lambda store: briefs.load_brief(store, brief_id=brief_id)).success(
            then or self._show
        ).failure(self._load_failed).run(self.executor)

    def _load_failed(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if self._gone:
            return
        if isinstance(error, NotFoundError):
            self._gone = True
            for timer in (self.panel.timer, self._assemble_timer, self.why_not.timer):
                timer.stop()
            dialogs.show_error(self, self.tr("Brief"), self.tr(GONE_BRIEF))
            self.close()
            self.deleteLater()
        elif isinstance(error, DossierError):
            dialogs.show_error(self, self.tr("Brief"), said(error))
        else:
            dialogs.report_unexpected(self, error)

    def _show(self, view: BriefView) -> None:
        self.view = view
        self.setWindowTitle(self.tr("Brief — {title}").format(title=view.title))
        if not self.title.isModified():  # never overwrite a title being typed
            self.title.setText(view.title)
        self.template.setCurrentIndex(max(0, self.template.findData(view.template)))
        self.language.setCurrentIndex(max(0, self.language.findData(view.language)))
        current = self.tree.currentIndex()
        wanted, kind = current.data(ID_ROLE), current.data(KIND_ROLE)
        self.panel.arrived(view)
        self._reloading = True
        try:
            self.model.load(view)
            self.tree.expandAll()
            self._select_id(wanted, kind)
        finally:
            self._reloading = False
        self._on_current(self.tree.currentIndex(), QModelIndex())
        self.alternatives.reload()  # the review tabs follow the stored brief
        self.why_not.follow_brief()
        self._assemble_timer.start()

    # --- saving: one application function per step -------------------------------------------

    def _save(self, step: Callable[[Store], BriefView]) -> None:
        """Save one change now; the brief comes back as stored and is shown again."""
        if self._gone:
            return
        DatabaseOp(self, step).success(self._after_change).failure(self.show_failure).announces(
            change(Topic.BRIEFS, brief_id=self.brief_id)
        ).run(self.executor)

    def _set_item(
        self, item_id: int, *, included: bool | None = None, note: str | None = None
    ) -> None:
        brief_id = self.brief_id
        self._save(
            lambda store: briefs.set_item(
                store, brief_id=brief_id, item_id=item_id, included=included, note=note
            )
        )

    def _add_entity(self, entity_id: int) -> None:
        brief_id = self.brief_id
        self._save(lambda store: briefs.add_entity(store, brief_id=brief_id, entity_id=entity_id))

    def _reorder(self, layout: briefs.Layout) -> None:
        brief_id = self.brief_id
        self._save(lambda store: briefs.reorder(store, brief_id=brief_id, sections=layout))

    def _update(
        self, *, title: str | None = None, template: str | None = None, language: str | None = None
    ) -> None:
        brief_id = self.brief_id
        self._save(
            lambda store: briefs.update_brief(
                store, brief_id=brief_id, title=title, template=template, language=language
            )
        )

    def _save_title(self) -> None:
        if not self.title.isModified():
            return  # focus left the field without an edit: nothing to save
        self.title.setModified(False)
        if self.view is not None and self.title.text().strip() not in ("", self.view.title):
            self._update(title=self.title.text())
        elif self.view is not None:
            self.title.setText(self.view.title)  # an emptied title keeps the stored one

    def _save_note(self) -> None:
        """Save the note field for the item it was typed for, if it changed."""
        self.panel.save_note()

    def _after_change(self, view: BriefView) -> None:
        self._show(view)
        self.brief_changed.emit(self.brief_id)

    def show_failure(self, error: BaseException) -> None:
        """A save, an assembly or a record failed: show what is stored now, and say why."""
        from desktop.core.errors import DossierError, NotFoundError

        self.panel.forget_pending()  # the reload shows what was really stored
        if isinstance(error, NotFoundError):
            # an item whose entity was deleted meanwhile, or the whole brief: show what is
            # stored (the reload closes the window if the brief itself is gone)
            self.reload(self._show_after_item_gone)
        elif isinstance(error, (DossierError, ValueError)):
            dialogs.show_error(self, self.tr("Brief"), said(error))
            self.reload()
        else:
            dialogs.report_unexpected(self, error)

    def _show_after_item_gone(self, view: BriefView) -> None:
        self._show(view)
        self.status.setText(
            self.tr(
                "An item is no longer in the brief (its entity was deleted); the brief is shown "
                "as it is now."
            )
        )

    # --- what will be printed ------------------------------------------------------------------

    def assemble(self) -> None:
        """Assemble the dossier as the brief stands now (``assembled`` says when it is done)."""
        from desktop.ui.base.settings import setting

        if self._gone:
            return
        brief_id, consultant, months = self.brief_id, saved_card(), setting("stale_after_months")
        DatabaseOp(
            self,
            lambda store: export.assemble_brief(
                store,
                brief_id=brief_id,
                consultant=consultant,
                today=date.today(),
                stale_after_months=months,
            ),
        ).success(self._on_assembled).failure(self.show_failure).run(self.executor)

    def _on_assembled(self, assembled: Assembled) -> None:
        self.current = assembled
        self.panel.show_assembled(assembled)
        self.assembled.emit()

    # --- the selected item ---------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return  # the tree is rebuilt; _show settles the side panel once it is done
        heading = current.data(Qt.ItemDataRole.DisplayRole) or ""
        self.panel.show_item(current.data(ITEM_ROLE), heading)

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.model.move(index, step)  # the model's `moved` selects the row again

    def _select_id(self, wanted: Any, kind: str | None = None) -> None:
        if wanted is not None and (index := self.model.index_of(wanted, kind)).isValid():
            self.tree.setCurrentIndex(index)

    def _show_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.item_menu(index).exec(self.tree.viewport().mapToGlobal(point))

    def item_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu of a section or an item (a method, so tests can trigger it)."""
        return brief_menu.item_menu(
            self, self.model, self.tree, self.note, self.open_entity.emit, index
        )

    # --- preview and export --------------------------------------------------------------------

    def preview(self) -> None:
        if self.current is None:
            self.assembled.connect(self.preview, Qt.ConnectionType.SingleShotConnection)
            return
        self.status.setText(self.tr("Rendering the preview…"))
        self.start_render(RenderWorker.preview(self.current.data, parent=self), self._on_preview)

    def _on_preview(self, result: tuple[bytes, int]) -> None:
        pdf, pages = result
        self.preview_pane.show_pdf(pdf)
        self.status.setText(
            counted(pages, self.tr("Preview: 1 page"), self.tr("Preview: {count} pages"))
        )
        self.preview_ready.emit(pages)

    def export(self) -> None:
        """Contact page, save path, pre-export check, file, sent register (see
        :mod:`desktop.ui.dossier.export_flow`)."""
        export_flow.export_dossier(self)

    def start_render(self, worker: RenderWorker, on_done: Callable[[Any], Any]) -> None:
        """Run ``worker`` (see :class:`~desktop.ui.dossier.render_worker.RenderSlot`)."""
        self.renders.start(worker, on_done)

    def closeEvent(self, event: Any) -> None:
        if not self._gone:
            self._save_title()
            self._save_note()
        self.renders.finish()
        super().closeEvent(event)
