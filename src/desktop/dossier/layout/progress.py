"""Progress and cancellation of an export, in the plain ``progress(done, total, text)`` form.

ReportLab reports layout events per pass (``STARTED``, ``SIZE_EST``, ``PROGRESS``); this turns
them into one monotonic 0–1000 scale with stage texts a progress bar can show (messages, said
in the reader's language), and checks the cancel flag at every event so a cancelled export
stops within one flowable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.core.language.messages import Message, message

TOTAL = 1000
# Share of the scale per layout pass: a dossier takes one (layout.deferred); the later spans
# only keep the scale monotonic should a build ever take more.
_PASS_SPANS = ((20, 960), (960, 965), (965, 970))

ProgressCallback = Callable[[int, int, Message], None]  # done, total, stage


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


class Progress:
    """Adapter from ReportLab's callback to ``progress(done, total, text)`` plus cancel."""

    def __init__(self, callback: ProgressCallback | None, cancel: threading.Event | None) -> None:
        self._callback = callback
        self._cancel = cancel
        self._done = 0
        self._pass = 0
        self._size = 1
        self._text = message("Preparing the export")  # until the first stage says more

    def check(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise ExportCancelled("export cancelled")

    def stage(self, done: int, text: Message) -> None:
        """Report a named stage at ``done`` (of 1000); never moves backwards."""
        self.check()
        self._report(done, text)

    def finish(self) -> None:
        """Report completion; deliberately no cancel check once the output exists."""
        self._report(TOTAL, message("Done"))

    def _report(self, done: int, text: Message) -> None:
        done = max(self._done, min(done, TOTAL))
        if self._callback is not None and (done != self._done or text != self._text):
            self._callback(done, TOTAL, text)
        self._done, self._text = done, text

    def reportlab(self, kind: str, value: int) -> None:
        """``BaseDocTemplate.setProgressCallBack`` target."""
        self.check()
        if kind == "STARTED":  # a pass begins (``multiBuild``'s PASS would say it twice)
            self._pass += 1
            start, _ = self._span()
            self._report(start, message("Laying out pages"))
        elif kind == "SIZE_EST":
            self._size = max(value, 1)
        elif kind == "PROGRESS":
            start, end = self._span()
            self._report(start + (end - start) * min(value, self._size) // self._size, self._text)

    def _span(self) -> tuple[int, int]:
        index = min(max(self._pass, 1), len(_PASS_SPANS)) - 1
        return _PASS_SPANS[index]
