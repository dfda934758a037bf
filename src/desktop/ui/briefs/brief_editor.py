"""The brief editor: curate suggestions, see the evidence, preview and export the dossier.

Every change is saved at once through the database executor (there is no Save button to
forget). Typed text — the title, the note of an item — is saved after a short pause, when
the field loses focus, before another item is selected and when the window closes; a note
always goes to the item it was typed for, never to the one selected since. Preview and
export render off the UI thread; export asks where to save, shows the pre-export check, then
writes atomically and records the dossier in the sent register.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.kb import vocabulary as prospect_vocab
from desktop.ui.base import dialogs
from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE, BriefTreeModel
from desktop.ui.briefs.brief_tree import BriefTree
from desktop.ui.briefs.render_worker import RenderWorker
from desktop.ui.widgets.record_model import Column, RecordTableModel, record_table

if TYPE_CHECKING:
    from desktop.core.briefs.curation import BriefView
    from desktop.dossier.content.assemble import Assembled
    from desktop.dossier.content.model import EvidenceRow
    from desktop.ui.base.executor import DatabaseExecutor

GONE_BRIEF = (
    "This brief is no longer in the database: it was deleted, perhaps with its prospect. "
    "Its window closes; exported dossiers stay where they are."
)


def _jobs() -> Any:
    from desktop.app import briefs as brief_jobs

    return brief_jobs


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
        self.setWindowTitle("Brief")
        self.resize(1320, 820)
        self.executor = executor
        self.brief_id = brief_id
        self.view: BriefView | None = None
        self.current: Assembled | None = None
        self._worker: RenderWorker | None = None
        self._pdf_buffer: QBuffer | None = None
        self._reloading = False  # the tree is being rebuilt from the stored brief
        self._note_item: int | None = None  # the item whose note is in the note field
        self._note_saved = ""  # what is stored (or on its way) for that item
        self._notes_on_the_way: dict[int, str] = {}  # saved, not yet back from the database
        self._gone = False  # the brief was deleted (with its prospect, or from the Prospects tab)

        self.title = QLineEdit(self)
        self.title.setObjectName("briefTitle")
        self.title.setAccessibleName("Brief title")
        self.title.editingFinished.connect(self._save_title)  # Enter and focus-out
        self.template = self._combo("briefTemplate", "Template", prospect_vocab.TEMPLATES)
        self.language = self._combo("briefLanguage", "Language", prospect_vocab.LANGUAGES)
        self.template.activated.connect(
            lambda _i: self._change("update_brief", template=self.template.currentData())
        )
        self.language.activated.connect(
            lambda _i: self._change("update_brief", language=self.language.currentData())
        )
        self.preview_button = QPushButton("Preview", self)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.export_button = QPushButton("Export PDF…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.addWidget(self.title, 1)
        for widget in (
            QLabel("Template", self),
            self.template,
            QLabel("Language", self),
            self.language,
            self.preview_button,
            self.export_button,
        ):
            top_layout.addWidget(widget)

        self.model = BriefTreeModel(self)
        self.model.layout_edited.connect(lambda layout: self._change("reorder", sections=layout))
        self.model.include_toggled.connect(
            lambda item_id, on: self._change("set_item", item_id=item_id, included=on)
        )
        self.model.moved.connect(self._select_id)
        self.tree = BriefTree(self)
        self.tree.setModel(self.model)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.up_button, self.down_button = (
            QPushButton("Move up", self),
            QPushButton("Move down", self),
        )
        for button, name, step in (
            (self.up_button, "moveUp", -1),
            (self.down_button, "moveDown", 1),
        ):
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=step: self._move(s))

        self.item_title = QLabel("Select an item to see why it was suggested.", self)
        self.item_title.setObjectName("itemTitle")
        self.item_title.setWordWrap(True)
        self.item_reason = QLabel(self)
        self.item_reason.setObjectName("itemReason")
        self.item_reason.setWordWrap(True)
        self.item_reason.setTextFormat(Qt.TextFormat.PlainText)  # reasons are text, not markup
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("itemNote")
        self.note.setAccessibleName("Note for the investor, printed with this item")
        self.note.setPlaceholderText("Note for the investor (printed in the dossier)")
        self.note.setMaximumHeight(90)
        self.note.setTabChangesFocus(True)
        self.note.setEnabled(False)
        self.note.installEventFilter(self)  # focus-out saves
        self._note_timer = QTimer(self, singleShot=True, interval=600)
        self._note_timer.timeout.connect(self._save_note)
        self.note.textChanged.connect(self._note_timer.start)
        self.evidence_model: RecordTableModel[EvidenceRow] = RecordTableModel(
            [
                Column("Requirement", lambda r: r.requirement),
                Column(
                    "Evidence", lambda r: "; ".join(r.evidence) or "No evidence in the database"
                ),
            ],
            self,
        )
        self.evidence = record_table(
            "evidenceMatrix",
            "Requirements and the evidence that serves them",
            self.evidence_model,
            self,
        )
        self.evidence.setSortingEnabled(False)
        self.evidence.setWordWrap(True)
        self.findings = QLabel(self)
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)

        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("dossierPreview")
        self.pdf_view.setAccessibleName("Dossier preview")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview_hint = QLabel("Press Preview to see the dossier as it will be printed.", self)
        self.preview_hint.setObjectName("previewHint")
        self.preview_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_hint.setWordWrap(True)
        self.preview_pane = QStackedWidget(self)
        self.preview_pane.addWidget(self.preview_hint)
        self.preview_pane.addWidget(self.pdf_view)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Tick to include · drag or use the buttons to reorder", self))
        left_layout.addWidget(self.tree, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        left_layout.addLayout(moves)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(self.item_title)
        middle_layout.addWidget(self.item_reason)
        middle_layout.addWidget(self.note)
        middle_layout.addWidget(QLabel("<b>Requirements and evidence</b>", self))
        middle_layout.addWidget(self.evidence, 1)
        middle_layout.addWidget(self.findings)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, middle, self.preview_pane):
            splitter.addWidget(widget)
        splitter.setSizes([380, 420, 520])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self._assemble_timer = QTimer(self, singleShot=True, interval=250)
        self._assemble_timer.timeout.connect(self._assemble)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)
        self.reload()

    def _combo(self, name: str, label: str, vocabulary: dict[str, Any]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        for term in vocabulary.values():
            combo.addItem(term.en, term.code)
        return combo

    # --- loading and saving ------------------------------------------------------------------

    def reload(self, then: Any = None) -> None:
        """Show the brief as stored (``then`` instead of :meth:`_show` takes the view).

        A failed load is said once and never retried by itself, so a brief deleted while its
        window is open cannot start a loop of messages; the window closes instead.
        """
        if self._gone:
            return
        self.executor.submit(
            lambda store: _jobs().load_brief(store, self.brief_id),
            then or self._show,
            self._load_failed,
        )

    def _load_failed(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if self._gone:
            return
        if isinstance(error, NotFoundError):
            self._gone = True
            self._note_timer.stop()
            self._assemble_timer.stop()
            dialogs.show_error(self, "Brief", GONE_BRIEF)
            self.close()
            self.deleteLater()
        elif isinstance(error, DossierError):
            dialogs.show_error(self, "Brief", str(error))
        else:
            dialogs.report_unexpected(self, error)

    def _show(self, view: BriefView) -> None:
        self.view = view
        self.setWindowTitle(f"Brief — {view.title}")
        if not self.title.isModified():  # never overwrite a title being typed
            self.title.setText(view.title)
        self.template.setCurrentIndex(max(0, self.template.findData(view.template)))
        self.language.setCurrentIndex(max(0, self.language.findData(view.language)))
        current = self.tree.currentIndex()
        wanted, kind = current.data(ID_ROLE), current.data(KIND_ROLE)
        stored = {item.item_id: (item.note or "").strip() for item in view.items()}
        for item_id, text in list(self._notes_on_the_way.items()):
            if stored.get(item_id, text.strip()) == text.strip():
                del self._notes_on_the_way[item_id]  # the database has it now
        self._reloading = True
        try:
            self.model.load(view)
            self.tree.expandAll()
            self._select_id(wanted, kind)
        finally:
            self._reloading = False
        self._on_current(self.tree.currentIndex(), QModelIndex())
        self._assemble_timer.start()

    def _change(self, action: str, **arguments: Any) -> None:
        """Save one change now; the brief comes back as stored and is shown again."""
        if self._gone:
            return
        if action in ("reorder", "set_section_order", "update_brief"):
            arguments["brief_id"] = self.brief_id
        self.executor.submit(
            lambda store: _jobs().change_brief(store, self.brief_id, action, **arguments),
            self._after_change,
            self._error,
        )

    def _save_title(self) -> None:
        if not self.title.isModified():
            return  # focus left the field without an edit: nothing to save
        self.title.setModified(False)
        if self.view is not None and self.title.text().strip() not in ("", self.view.title):
            self._change("update_brief", title=self.title.text())
        elif self.view is not None:
            self.title.setText(self.view.title)  # an emptied title keeps the stored one

    def _after_change(self, view: BriefView) -> None:
        self._show(view)
        self.brief_changed.emit(self.brief_id)

    def _assemble(self) -> None:
        from desktop.ui.base.settings import setting

        if self._gone:
            return

        consultant, months = dialogs.consultant_card(), setting("stale_after_months")
        self.executor.submit(
            lambda store: _jobs().assemble_brief(
                store, self.brief_id, consultant, date.today(), months
            ),
            self._on_assembled,
            self._error,
        )

    def _on_assembled(self, assembled: Assembled) -> None:
        self.current = assembled
        self.evidence_model.set_records(assembled.data.evidence)
        self.evidence.resizeRowsToContents()
        from desktop.ui.base.wording import plural

        count = sum(len(section.entities) for section in assembled.data.sections)
        figures = plural(len(assembled.data.key_facts), "key figure")
        self.findings.setText(
            f"{plural(count, 'entity')} and {figures} will be printed."
            + "".join(f"\n• {finding.message}" for finding in assembled.findings)
        )
        self.assembled.emit()

    def _error(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        self._notes_on_the_way.clear()  # the reload shows what was really stored
        if isinstance(error, NotFoundError):
            # an item whose entity was deleted meanwhile, or the whole brief: show what is
            # stored (the reload closes the window if the brief itself is gone)
            self.reload(self._show_after_item_gone)
        elif isinstance(error, (DossierError, ValueError)):
            dialogs.show_error(self, "Brief", str(error))
            self.reload()
        else:
            dialogs.report_unexpected(self, error)

    def _show_after_item_gone(self, view: BriefView) -> None:
        self._show(view)
        self.status.setText(
            "An item is no longer in the brief (its entity was deleted); the brief is shown "
            "as it is now."
        )

    # --- the selected item ---------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return  # the tree is rebuilt; _show settles the side panel once it is done
        item = current.data(ITEM_ROLE)
        if item is not None:
            self.item_title.setText(
                f"<b>{html.escape(item.title)}</b> — {html.escape(item.subtitle)}"
            )
            self.item_reason.setText(item.reason)
        else:
            self.item_title.setText(html.escape(current.data(Qt.ItemDataRole.DisplayRole) or ""))
            self.item_reason.setText("")
        item_id = item.item_id if item is not None else None
        if item_id == self._note_item:
            return  # the same item, shown again after a save: keep what is being typed
        self._save_note()  # the previous item's note, before the field shows another one
        self._note_item = item_id
        self._note_saved = (
            "" if item is None else self._notes_on_the_way.get(item.item_id, item.note or "")
        )
        self.note.blockSignals(True)
        self.note.setPlainText(self._note_saved)
        self.note.blockSignals(False)
        self.note.setEnabled(item is not None)

    def _save_note(self) -> None:
        """Save the note field for the item it was typed for, if it changed."""
        self._note_timer.stop()
        text = self.note.toPlainText()
        if self._note_item is None or text.strip() == self._note_saved.strip():
            return
        self._note_saved = self._notes_on_the_way[self._note_item] = text
        self._change("set_item", item_id=self._note_item, note=text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self._save_note()
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.model.move(index, step)  # the model's `moved` selects the row again

    def _select_id(self, wanted: Any, kind: str | None = None) -> None:
        if wanted is not None and (index := self.model.index_of(wanted, kind)).isValid():
            self.tree.setCurrentIndex(index)

    # --- the context menu of an item -------------------------------------------------------------

    def _show_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.item_menu(index).exec(self.tree.viewport().mapToGlobal(point))

    def item_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu of a section or an item (a method, so tests can trigger it)."""
        from desktop.ui.briefs.brief_menu import item_menu

        return item_menu(self, index)

    # --- preview and export --------------------------------------------------------------------

    def preview(self) -> None:
        if self.current is None:
            self.assembled.connect(self.preview, Qt.ConnectionType.SingleShotConnection)
            return
        self.status.setText("Rendering the preview…")
        self._start(RenderWorker(self.current.data, parent=self), self._on_preview)

    def _on_preview(self, result: tuple[bytes, int]) -> None:
        pdf, pages = result
        self.document.close()
        self._pdf_buffer = QBuffer(self)
        self._pdf_buffer.setData(QByteArray(pdf))
        self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._pdf_buffer)
        self.preview_pane.setCurrentWidget(self.pdf_view)
        self.status.setText(f"Preview: {pages} pages")
        self.preview_ready.emit(pages)

    def export(self) -> None:
        """Contact page, save path, pre-export check, file (see
        :mod:`desktop.ui.briefs.export_flow`)."""
        from desktop.ui.briefs import export_flow

        export_flow.export_dossier(self)

    def _on_exported(self, assembled: Assembled, result: Any) -> None:
        from desktop.ui.base.wording import plural
        from desktop.ui.briefs import export_flow

        path = Path(result.path)
        self.status.setText(f"Saved {path} ({plural(result.pages, 'page')})")
        export_flow.after_export(self, path)
        self.executor.submit(
            lambda store: _jobs().record_sent(
                store, self.brief_id, assembled, path.name, result.sha256
            ),
            lambda _: (self.brief_changed.emit(self.brief_id), self.exported.emit(str(path))),
            self._error,
        )

    def _start(self, worker: RenderWorker, on_done: Any) -> None:
        """Run ``worker``; a preview still rendering is replaced, but a dossier being written
        is never given up for other work (only its own Cancel stops it): the new work waits."""
        running = self._worker
        if running is not None and running.isRunning():
            if running.writes_file:
                running.finished.connect(
                    lambda: self._start(worker, on_done), Qt.ConnectionType.SingleShotConnection
                )
                return
            running.cancel()
            running.wait()
        self._worker = worker
        worker.rendered.connect(on_done)
        worker.failed.connect(
            lambda message: dialogs.show_error(self, "The dossier could not be written", message)
        )
        worker.start()

    def closeEvent(self, event: Any) -> None:
        if not self._gone:
            self._save_title()
            self._save_note()
        if self._worker is not None and self._worker.isRunning():
            if not self._worker.writes_file:  # a dossier being written is finished first
                self._worker.cancel()
            self._worker.wait()
        super().closeEvent(event)
