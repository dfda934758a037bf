"""The brief editor: curate suggestions, see the evidence, preview and export the dossier.

Every change is saved at once through the database executor (there is no Save button to
forget). Preview and export render off the UI thread; export asks where to save, shows the
pre-export check, then writes atomically and records the dossier in the sent register.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import prospect_vocab
from desktop.ui import dialogs
from desktop.ui.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE, BriefTreeModel
from desktop.ui.record_model import Column, RecordTableModel, record_table
from desktop.ui.render_worker import RenderWorker, suggested_file_name, with_progress

if TYPE_CHECKING:
    from desktop.core.briefs import BriefView
    from desktop.dossier.assemble import Assembled
    from desktop.dossier.model import EvidenceRow
    from desktop.ui.executor import DatabaseExecutor


def _jobs() -> Any:
    from desktop.ui import brief_jobs

    return brief_jobs


class BriefEditor(QMainWindow):
    brief_changed = Signal(int)  # brief id, after anything was saved
    assembled = Signal()  # the evidence and check are up to date
    preview_ready = Signal(int)  # pages
    exported = Signal(str)  # path

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

        self.title = QLineEdit(self)
        self.title.setObjectName("briefTitle")
        self.title.setAccessibleName("Brief title")
        self.title.editingFinished.connect(
            lambda: self._change("update_brief", title=self.title.text())
        )
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
        self.tree = QTreeView(self)
        self.tree.setObjectName("briefTree")
        self.tree.setAccessibleName("Sections and items; tick to include, drag to reorder")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
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
        self.item_reason.setWordWrap(True)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("itemNote")
        self.note.setAccessibleName("Note for the investor, printed with this item")
        self.note.setPlaceholderText("Note for the investor (printed in the dossier)")
        self.note.setMaximumHeight(90)
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

        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("dossierPreview")
        self.pdf_view.setAccessibleName("Dossier preview")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

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
        for widget in (left, middle, self.pdf_view):
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
        self.reload()

    def _combo(self, name: str, label: str, vocabulary: dict[str, Any]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        for term in vocabulary.values():
            combo.addItem(term.en, term.code)
        return combo

    # --- loading and saving ------------------------------------------------------------------

    def reload(self) -> None:
        self.executor.submit(
            lambda store: _jobs().load_brief(store, self.brief_id), self._show, self._error
        )

    def _show(self, view: BriefView) -> None:
        self.view = view
        self.setWindowTitle(f"Brief — {view.title}")
        self.title.setText(view.title)
        self.template.setCurrentIndex(max(0, self.template.findData(view.template)))
        self.language.setCurrentIndex(max(0, self.language.findData(view.language)))
        current = self.tree.currentIndex().data(ID_ROLE)
        self.model.flush()  # a drop not yet reported is saved before the older state is shown
        self.model.load(view)
        self.tree.expandAll()
        self._select_id(current)
        self._assemble_timer.start()

    def _change(self, action: str, **arguments: Any) -> None:
        """Save one change now; the brief comes back as stored and is shown again."""
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

    def _after_change(self, view: BriefView) -> None:
        self._show(view)
        self.brief_changed.emit(self.brief_id)

    def _assemble(self) -> None:
        from desktop.ui.journal_dialogs import setting

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
        count = sum(len(section.entities) for section in assembled.data.sections)
        self.findings.setText(
            f"{count} entities and {len(assembled.data.key_facts)} key figures will be printed."
            + "".join(f"\n• {finding.message}" for finding in assembled.findings)
        )
        self.assembled.emit()

    def _error(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if isinstance(error, (DossierError, ValueError)):
            dialogs.show_error(self, "Brief", str(error))
            self.reload()
        else:
            dialogs.report_unexpected(self, error)

    # --- the selected item ---------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = current.data(ITEM_ROLE)
        self.note.blockSignals(True)
        if item is None:
            self.item_title.setText(current.data(Qt.ItemDataRole.DisplayRole) or "")
            self.item_reason.setText("")
            self.note.setPlainText("")
            self.note.setEnabled(False)
        else:
            self.item_title.setText(
                f"<b>{html.escape(item.title)}</b> — {html.escape(item.subtitle)}"
            )
            self.item_reason.setText(html.escape(item.reason))
            self.note.setPlainText(item.note or "")
            self.note.setEnabled(True)
        self.note.blockSignals(False)

    def _save_note(self) -> None:
        index = self.tree.currentIndex()
        item = index.data(ITEM_ROLE)
        if item is not None and (self.note.toPlainText().strip() or None) != item.note:
            self._change("set_item", item_id=item.item_id, note=self.note.toPlainText())

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            moved = self.model.move(index, step)
            self.tree.setCurrentIndex(moved)

    def _select_id(self, wanted: Any) -> None:
        if wanted is None:
            return
        for section_row in range(self.model.rowCount()):
            section = self.model.index(section_row, 0)
            if section.data(ID_ROLE) == wanted and section.data(KIND_ROLE) == "section":
                self.tree.setCurrentIndex(section)
                return
            for row in range(self.model.rowCount(section)):
                child = self.model.index(row, 0, section)
                if child.data(ID_ROLE) == wanted:
                    self.tree.setCurrentIndex(child)
                    return

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
        self.status.setText(f"Preview: {pages} pages")
        self.preview_ready.emit(pages)

    def export(self) -> None:
        if self.current is None or self.view is None:
            return
        data = self.current.data
        path = dialogs.ask_save_path(
            self, suggested_file_name(data.prepared_for, data.template, data.language)
        )
        if path is None:
            return
        choice = dialogs.pre_export_check(
            self, [finding.message for finding in self.current.findings]
        )
        if choice is None:
            return
        assembled = self.current
        worker = RenderWorker(data, out=path, password=choice.password, parent=self)
        with_progress(worker, self, "Writing the dossier…")
        worker.cancelled.connect(lambda: self.status.setText("Export cancelled; nothing written."))
        self._start(worker, lambda result: self._on_exported(assembled, result))

    def _on_exported(self, assembled: Assembled, result: Any) -> None:
        path = Path(result.path)
        self.status.setText(f"Saved {path} ({result.pages} pages)")
        self.executor.submit(
            lambda store: _jobs().record_sent(
                store, self.brief_id, assembled, path.name, result.sha256
            ),
            lambda _: (self.brief_changed.emit(self.brief_id), self.exported.emit(str(path))),
            self._error,
        )

    def _start(self, worker: RenderWorker, on_done: Any) -> None:
        if self._worker is not None and self._worker.isRunning():
            self._worker.cancel()
            self._worker.wait()
        self._worker = worker
        worker.rendered.connect(on_done)
        worker.failed.connect(
            lambda message: dialogs.show_error(self, "The dossier could not be written", message)
        )
        worker.start()

    def closeEvent(self, event: Any) -> None:
        self._note_timer.stop()
        if self.note.isEnabled():
            self._save_note()
        if self._worker is not None and self._worker.isRunning():
            self._worker.cancel()
            self._worker.wait()
        super().closeEvent(event)
