"""The brief editor's "Alternatives" tab: the suggestions left out, under the requirement each
serves, each one click away from the brief.

A brief starts with a shortlist; the consultant's next question is "what else is there for
cold-chain logistics?". The panel answers it without a search: the left-out suggestions
grouped by the investor's requirements (:func:`desktop.app.briefs.alternatives`), each with
its one-line reason, and an *Include* button (or a double-click). The panel does not save
anything itself — it asks the editor (:attr:`AlternativesPanel.include_requested`), whose save
brings the brief back, shows it in the tree and reloads this list. The row widget is shared
with the "Why not?" tab, so both read alike.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.app import briefs
from desktop.ui.base import dialogs
from desktop.ui.base.formats import counted, number, said
from desktop.ui.base.operation import DatabaseOp

if TYPE_CHECKING:
    from desktop.app.briefs import Alternatives
    from desktop.ui.base.executor import DatabaseExecutor


class ReviewRow(QFrame):
    """One entity: its name and kind, a few lines about it, and one button that acts on it.

    A double-click on the row does what the button does (while the button is enabled).
    """

    def __init__(
        self,
        name: str,
        kind: str,
        lines: list[tuple[str, str]],
        button: QPushButton,
        parent: QWidget | None = None,
        *,
        plain: tuple[str, ...] = (),
    ) -> None:
        """``lines``: (object name, plain text) pairs, shown under the name in this order;
        empty texts are left out. They are set in the muted colour of secondary text, except
        those named in ``plain`` (the answer a row gives). ``button`` is placed at the right,
        level with the name."""
        super().__init__(parent)
        self.setObjectName("reviewRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.button = button
        self.heading = f"{name} · {kind}"
        self.labels: dict[str, QLabel] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        title = QLabel(f"<b>{html.escape(name)}</b> · {html.escape(kind)}", self)
        title.setObjectName("reviewName")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)  # the name itself is escaped above
        layout.addWidget(title, 0, 0)
        layout.addWidget(button, 0, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        for row, (object_name, text) in enumerate(((n, t) for n, t in lines if t), start=1):
            label = QLabel(text, self)
            label.setObjectName(object_name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # reasons are data, not markup
            if object_name not in plain:
                label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(label, row, 0, 1, 2)
            self.labels[object_name] = label
        layout.setColumnStretch(0, 1)

    def text(self) -> str:
        """Everything the row says, as plain text (for tooltips and tests)."""
        return "\n".join([self.heading, *(label.text() for label in self.labels.values())])

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled():
            self.button.click()
        event.accept()


def scrolled_list(owner: QWidget, name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A scroll area whose content is a column of rows (the layout keeps a stretch at its end,
    so rows stay at the top); the content widget is kept, so the scroll position survives a
    reload."""
    area = QScrollArea(owner)
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget(area)
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 4, 0)
    column.setSpacing(6)
    column.addStretch(1)
    area.setWidget(content)
    # the tab's own background, not a grey well (setWidget turns the content's fill on)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return area, column


def clear_rows(column: QVBoxLayout) -> None:
    """Remove every widget above the closing stretch of a :func:`scrolled_list` column."""
    while column.count() > 1:
        widget = column.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class AlternativesPanel(QWidget):
    include_requested = Signal(int)  # brief item id: include it (the editor saves)
    titled = Signal(str)  # a title for the panel's tab, with the count, after each reload
    shown = Signal()  # the list shows the brief as just loaded

    def __init__(
        self, executor: DatabaseExecutor, brief_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alternativesPanel")
        self.setAccessibleName(
            self.tr("Alternatives: suggestions left out of the brief, by requirement")
        )
        self.executor = executor
        self.brief_id = brief_id
        self.groups: list[Alternatives] = []
        self.rows: dict[int, ReviewRow] = {}  # brief item id → its row
        self._asked = 0  # the newest reload; an older answer is never shown over it
        self._pending = False  # an Include was clicked; its row shows "Including…"
        self._refocus: int | None = None  # the place of that row, when its button had focus

        self.summary = QLabel(self.tr("Looking for alternatives…"), self)
        self.summary.setObjectName("alternativesSummary")
        self.summary.setWordWrap(True)
        everything_in = html.escape(self.tr("Every suggestion is in the brief."))
        more = html.escape(
            self.tr(
                "Untick an item in the brief to move it here, or look up anything else on the "
                "“Why not?” tab."
            )
        )
        self.empty = QLabel(f"<b>{everything_in}</b><br>{more}", self)
        self.empty.setObjectName("alternativesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.hide()
        self.area, self.column = scrolled_list(self, "alternativesList")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.area, 1)

    def reload(self) -> None:
        """List the brief's alternatives as stored now (after every load or save of the brief)."""
        self._asked += 1
        asked, brief_id = self._asked, self.brief_id
        DatabaseOp(self, lambda store: briefs.alternatives(store, brief_id=brief_id)).success(
            lambda groups: self._show(asked, groups)
        ).failure(lambda error: self._failed(asked, error)).run(self.executor)

    def _show(self, asked: int, groups: list[Alternatives]) -> None:
        if asked != self._asked:
            return  # a newer reload is on its way
        if groups != self.groups or self._pending:  # else keep the rows, and keyboard focus
            self._rebuild(groups)
        count = sum(len(group.items) for group in groups)
        self.empty.setVisible(count == 0)
        self.area.setVisible(count > 0)
        self.summary.setText(
            counted(
                count,
                self.tr(
                    "1 suggestion left out of the brief, under the requirement it serves. "
                    "Include it with its button or a double-click."
                ),
                self.tr(
                    "{count} suggestions left out of the brief, under the requirement each "
                    "serves. Include one with its button or a double-click."
                ),
            )
            if count
            else ""
        )
        self.summary.setVisible(count > 0)
        self.titled.emit(self.tr("Alternatives ({count})").format(count=number(count)))
        self.shown.emit()

    def _rebuild(self, groups: list[Alternatives]) -> None:
        self.groups, self.rows, self._pending = groups, {}, False
        clear_rows(self.column)
        for group in groups:
            heading = QLabel(group.label, self.column.parentWidget())
            heading.setObjectName("sectionLabel")  # the app's style for group headings
            heading.setTextFormat(Qt.TextFormat.PlainText)
            self._add(heading)
            for item in group.items:
                self._add(self._row(item.item_id, item.title, item.subtitle, item.reason))
        place, self._refocus = self._refocus, None
        buttons = [row.button for row in self.rows.values()]
        if place is not None and buttons:  # the keyboard goes on with the next alternative
            buttons[min(place, len(buttons) - 1)].setFocus(Qt.FocusReason.OtherFocusReason)

    def _add(self, widget: QWidget) -> None:
        self.column.insertWidget(self.column.count() - 1, widget)  # above the closing stretch

    def _row(self, item_id: int, title: str, kind: str, reason: str) -> ReviewRow:
        button = QPushButton(self.tr("Include"), self)
        button.setObjectName("includeAlternative")
        button.setAccessibleName(self.tr("Include {name} in the brief").format(name=title))
        button.setToolTip(self.tr("Include {name} in the brief").format(name=title))
        row = ReviewRow(title, kind, [("alternativeReason", reason)], button, self)
        row.setToolTip(reason)
        button.clicked.connect(lambda _=False: self._include(item_id))
        self.rows[item_id] = row
        return row

    def _include(self, item_id: int) -> None:
        row = self.rows.get(item_id)
        self._pending = True
        if row is not None:  # it leaves the list when the brief comes back
            if row.button.hasFocus():
                self._refocus = list(self.rows).index(item_id)
            row.button.setEnabled(False)
            row.button.setText(self.tr("Including…"))
        self.include_requested.emit(item_id)

    def _failed(self, asked: int, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if asked != self._asked or isinstance(error, NotFoundError):
            return  # outdated, or the brief is gone (the editor says so and closes)
        if isinstance(error, DossierError):
            self.summary.setText(
                self.tr("The alternatives could not be listed: {error}").format(error=said(error))
            )
            self.summary.show()
        else:
            dialogs.report_unexpected(self, error)
