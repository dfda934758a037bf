"""The brief editor's "Why not?" tab: look up any entity and see how it ranks for this
investor, what speaks for it and why it is not in the brief — and add it.

An investor asks "and what about Novartis?"; the consultant types the name and reads the
answer (a competitor, ranked below the shortlist's cut, nothing in our sources links it …).
The look-up runs after a short typing pause, off the UI thread
(:func:`desktop.app.briefs.look_up`); an answer to an older query is dropped, so a slow
answer can never overwrite the results of what is typed now. *Add to brief* is the editor's
save (:attr:`WhyNotPanel.add_requested`); the brief comes back, and the editor asks this panel
to look the query up again (:meth:`WhyNotPanel.refresh`), so each verdict says what is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.app import briefs
from desktop.ui.base import dialogs
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.wording import plural
from desktop.ui.briefs.alternatives_panel import ReviewRow, clear_rows, scrolled_list

if TYPE_CHECKING:
    from desktop.app.briefs import Verdict
    from desktop.ui.base.executor import DatabaseExecutor

TYPING_PAUSE_MS = 250  # typing pauses this long: the look-up runs
HINT = (
    "Type the name of any institute, company, site or service to see how it ranks for this "
    "investor, what speaks for it and why it is not in the brief."
)


class WhyNotPanel(QWidget):
    add_requested = Signal(int)  # entity id: put it in the brief, included (the editor saves)
    answered = Signal(str)  # the query whose verdicts are now shown

    def __init__(
        self, executor: DatabaseExecutor, brief_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whyNotPanel")
        self.setAccessibleName("Why not? Look up any entity for this brief")
        self.executor = executor
        self.brief_id = brief_id
        self.verdicts: list[Verdict] = []
        self.rows: dict[int, ReviewRow] = {}  # entity id → its row
        self.shown_query = ""  # the query the rows answer
        self._asked = 0  # the newest look-up; an older answer is never shown over it
        self._pending = False  # an Add was clicked; its row shows "Adding…"

        self.query = QLineEdit(self)
        self.query.setObjectName("whyNotQuery")
        self.query.setAccessibleName("Look up an entity: why is it not in the brief?")
        self.query.setPlaceholderText("Why not …? Type any name, e.g. Novartis (Ctrl+F)")
        self.query.setClearButtonEnabled(True)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.query.returnPressed.connect(self.refresh)  # no need to wait for the pause
        self.status = QLabel(HINT, self)
        self.status.setObjectName("whyNotStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.area, self.column = scrolled_list(self, "whyNotResults")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.area, 1)

    def refresh(self) -> None:
        """Look up what the field says now (after the typing pause, Enter, or a save of the
        brief); an empty field shows the hint."""
        self.timer.stop()
        self._asked += 1
        asked, brief_id, query = self._asked, self.brief_id, self.query.text().strip()
        if not query:
            self._show(asked, "", [])
            return
        DatabaseOp(
            self, lambda store: briefs.look_up(store, brief_id=brief_id, query=query)
        ).success(lambda verdicts: self._show(asked, query, verdicts)).failure(
            lambda error: self._failed(asked, error)
        ).run(self.executor)

    def follow_brief(self) -> None:
        """The brief was loaded or saved: the verdicts shown say what is stored now (unless
        typing is under way — its look-up comes anyway)."""
        if self.shown_query and not self.timer.isActive():
            self.refresh()

    def answer_find_key(self, tabs: QTabWidget) -> None:
        """The Find key (Ctrl+F) anywhere in the window shows this panel's tab in ``tabs`` and
        puts the cursor in the query, selected to type over."""
        QShortcut(QKeySequence.StandardKey.Find, tabs.window(), lambda: self.focus_query(tabs))

    def focus_query(self, tabs: QTabWidget) -> None:
        tabs.setCurrentWidget(self)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _show(self, asked: int, query: str, verdicts: list[Verdict]) -> None:
        if asked != self._asked:
            return  # an answer to an older query: a newer one is on its way
        if (query, verdicts) != (self.shown_query, self.verdicts) or self._pending:
            self.verdicts, self.shown_query, self.rows = verdicts, query, {}
            self._pending = False
            clear_rows(self.column)  # (an unchanged answer keeps its rows, and keyboard focus)
            for verdict in verdicts:
                row = self._row(verdict)
                self.rows[verdict.entity_id] = row
                self.column.insertWidget(self.column.count() - 1, row)
        if not query:
            self.status.setText(HINT)
        elif not verdicts:
            self.status.setText(
                f"Nothing in the knowledge base is called “{query}”. Try another spelling or a "
                "shorter part of the name."
            )
        else:
            self.status.setText(f"{plural(len(verdicts), 'match', 'matches')} for “{query}”.")
        self.answered.emit(query)

    def _row(self, verdict: Verdict) -> ReviewRow:
        button = QPushButton("Add to brief", self)
        button.setObjectName("addToBrief")
        button.setAccessibleName(f"Add {verdict.name} to the brief")
        button.setEnabled(not verdict.included)
        button.setToolTip(
            "Already in the brief, included"
            if verdict.included
            else f"Add {verdict.name}, included"
        )
        button.clicked.connect(lambda _=False, v=verdict: self._add(v))
        standing = [f"Score {verdict.score:.1f}"]
        if verdict.place is not None:
            standing.append(f"ranked {verdict.place}")
        elif not verdict.included:
            standing.append("not among the suggestions")
        if verdict.item_id is not None and not verdict.included:
            standing.append("left out of the brief")
        answer = (
            ("verdictWhyNot", f"Why not: {verdict.why_not}")
            if verdict.why_not is not None
            else ("verdictInBrief", "✓ In the brief, included.")
        )
        lines = [
            answer,
            ("verdictStanding", " · ".join(standing)),
            ("verdictReason", f"For it: {verdict.reason}" if verdict.reason else ""),
        ]
        return ReviewRow(verdict.name, verdict.kind, lines, button, self, plain=(answer[0],))

    def _add(self, verdict: Verdict) -> None:
        row = self.rows.get(verdict.entity_id)
        self._pending = True
        if row is not None:
            row.button.setEnabled(False)
            row.button.setText("Adding…")
        self.add_requested.emit(verdict.entity_id)

    def _failed(self, asked: int, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if asked != self._asked or isinstance(error, NotFoundError):
            return  # outdated, or the brief is gone (the editor says so and closes)
        if isinstance(error, DossierError):
            self.status.setText(f"The look-up failed: {error}")
        else:
            dialogs.report_unexpected(self, error)
