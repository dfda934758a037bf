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
from desktop.ui.base.formats import decimal, number, said
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.briefs.alternatives_panel import ReviewRow, clear_rows, scrolled_list

if TYPE_CHECKING:
    from desktop.app.briefs import Verdict
    from desktop.ui.base.executor import DatabaseExecutor

TYPING_PAUSE_MS = 250  # typing pauses this long: the look-up runs


class WhyNotPanel(QWidget):
    add_requested = Signal(int)  # entity id: put it in the brief, included (the editor saves)
    answered = Signal(str)  # the query whose verdicts are now shown

    def __init__(
        self, executor: DatabaseExecutor, brief_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whyNotPanel")
        self.setAccessibleName(self.tr("Why not? Look up any entity for this brief"))
        self.executor = executor
        self.brief_id = brief_id
        self.verdicts: list[Verdict] = []
        self.rows: dict[int, ReviewRow] = {}  # entity id → its row
        self.shown_query = ""  # the query the rows answer
        self._asked = 0  # the newest look-up; an older answer is never shown over it
        self._pending = False  # an Add was clicked; its row shows "Adding…"

        self.query = QLineEdit(self)
        self.query.setObjectName("whyNotQuery")
        self.query.setAccessibleName(self.tr("Look up an entity: why is it not in the brief?"))
        find_key = QKeySequence(QKeySequence.StandardKey.Find).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.query.setPlaceholderText(
            self.tr("Why not …? Type any name, e.g. Novartis ({key})").format(key=find_key)
        )
        self.query.setClearButtonEnabled(True)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.query.returnPressed.connect(self.refresh)  # no need to wait for the pause
        self.status = QLabel(self.hint(), self)
        self.status.setObjectName("whyNotStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.area, self.column = scrolled_list(self, "whyNotResults")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.area, 1)

    def hint(self) -> str:
        """What the tab says while the field is empty."""
        return self.tr(
            "Type the name of any institute, company, site or service to see how it ranks for "
            "this investor, what speaks for it and why it is not in the brief."
        )

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
            self.status.setText(self.hint())
        elif not verdicts:
            self.status.setText(
                self.tr(
                    "Nothing in the knowledge base is called “{query}”. Try another spelling or "
                    "a shorter part of the name."
                ).format(query=query)
            )
        else:
            found = (
                self.tr("1 match for “{query}”.")
                if len(verdicts) == 1
                else self.tr("{count} matches for “{query}”.")
            )
            self.status.setText(found.format(query=query, count=number(len(verdicts))))
        self.answered.emit(query)

    def _row(self, verdict: Verdict) -> ReviewRow:
        button = QPushButton(self.tr("Add to brief"), self)
        button.setObjectName("addToBrief")
        button.setAccessibleName(self.tr("Add {name} to the brief").format(name=verdict.name))
        button.setEnabled(not verdict.included)
        button.setToolTip(
            self.tr("Already in the brief, included")
            if verdict.included
            else self.tr("Add {name}, included").format(name=verdict.name)
        )
        button.clicked.connect(lambda _=False, v=verdict: self._add(v))
        standing = [self.tr("Score {score}").format(score=decimal(verdict.score))]
        if verdict.place is not None:
            standing.append(self.tr("ranked {place}").format(place=number(verdict.place)))
        elif not verdict.included:
            standing.append(self.tr("not among the suggestions"))
        if verdict.item_id is not None and not verdict.included:
            standing.append(self.tr("left out of the brief"))
        # the reasons come from the suggestions, in the brief's language
        answer = (
            ("verdictWhyNot", self.tr("Why not: {reason}").format(reason=verdict.why_not))
            if verdict.why_not is not None
            else ("verdictInBrief", self.tr("✓ In the brief, included."))
        )
        reason = self.tr("For it: {reason}").format(reason=verdict.reason)
        lines = [
            answer,
            ("verdictStanding", " · ".join(standing)),
            ("verdictReason", reason if verdict.reason else ""),
        ]
        return ReviewRow(verdict.name, verdict.kind, lines, button, self, plain=(answer[0],))

    def _add(self, verdict: Verdict) -> None:
        row = self.rows.get(verdict.entity_id)
        self._pending = True
        if row is not None:
            row.button.setEnabled(False)
            row.button.setText(self.tr("Adding…"))
        self.add_requested.emit(verdict.entity_id)

    def _failed(self, asked: int, error: BaseException) -> None:
        from desktop.core.errors import DossierError, NotFoundError

        if asked != self._asked or isinstance(error, NotFoundError):
            return  # outdated, or the brief is gone (the editor says so and closes)
        if isinstance(error, DossierError):
            self.status.setText(self.tr("The look-up failed: {error}").format(error=said(error)))
        else:
            dialogs.report_unexpected(self, error)
