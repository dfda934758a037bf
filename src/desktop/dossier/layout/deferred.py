"""Numbers a page prints before they are known: "Page X of Y" and the contents' page numbers.

ReportLab draws each page as soon as it is laid out, so the total and the page a later heading
lands on used to cost a second layout pass (``multiBuild``) that redrew everything to fill in a
few digits. Instead, where such a number goes the page draws a named PDF form (an XObject) that
is still empty; once the last page is done, just before the file is saved, every form is written
with the numbers now known. A PDF may name a form before it defines it, so one layout pass makes
the whole dossier. The layout never depends on these numbers: the contents' lines are known
before the layout (every heading is listed in advance) and the digits sit in a fixed column.
"""

from __future__ import annotations

from ast import literal_eval
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tableofcontents import TableOfContents


@dataclass
class Numbers:
    """What is known once the last page is laid out."""

    total: int = 0  # pages
    pages: dict[str, int] = field(default_factory=dict)  # destination key → its page


Painter = Callable[[Canvas, Numbers], None]
# A form's box in the coordinates it is drawn in: generous, it only clips what the form draws.
_BOX = (-2000.0, -2000.0, 4000.0, 4000.0)


class Deferred:
    """The forms placed on pages so far, and the numbers they will print."""

    def __init__(self) -> None:
        self.numbers = Numbers()
        self._forms: list[tuple[str, Painter]] = []

    def place(self, canv: Canvas, paint: Painter) -> None:
        """Draw a form here (in the current coordinates) that ``paint`` fills in at the end."""
        name = f"DeferredNumber{len(self._forms)}"
        canv.doForm(name)
        self._forms.append((name, paint))

    def landed(self, key: str, page: int) -> None:
        """A destination reached its page (the first time counts: later parts continue it)."""
        self.numbers.pages.setdefault(key, page)

    def write(self, canv: Canvas) -> None:
        """Define every form placed so far; called once, after the last page."""
        for name, paint in self._forms:
            canv.beginForm(name, *_BOX)
            paint(canv, self.numbers)
            canv.endForm()
        self._forms = []


class DeferringCanvas(Canvas):
    """A canvas that writes the deferred numbers just before it saves the file."""

    def __init__(self, *args, deferred: Deferred, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deferred = deferred

    def save(self) -> None:
        self.deferred.numbers.total = self.getPageNumber() - 1  # the page after the last
        self.deferred.write(self)
        super().save()


class Contents(TableOfContents):
    """The table of contents, laid out once from entries given before the layout.

    ReportLab's contents draws the entries of the previous pass and asks for another until two
    agree. Here the entries (level, markup, key) are final before the layout starts, so their
    lines are laid out once; each entry's page number is a deferred form, right-aligned in the
    frame as ReportLab would set it, and the number's column links to the entry's destination.
    """

    def isIndexing(self) -> int:
        return 0  # nothing to wait for: no second pass

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lastEntries = self._entries  # the entries given are the ones drawn
        size = super().wrap(availWidth, availHeight)
        self.canv.setNamedCB("drawTOCEntryEnd", self._entry_end(availWidth))
        return size

    def _entry_end(self, avail_width: float) -> Callable[[Canvas, str, str], None]:
        def entry_end(canv: Canvas, kind: str, label: str) -> None:
            _page, level, key_value = label.split(",")
            key = literal_eval(key_value)
            style = self.getLevelStyle(int(level))
            info = canv._curr_tx_info  # set by the paragraph for its callbacks
            x, y = info["cur_x"], info["cur_y"]
            canv.deferred.place(canv, _page_number(key, style, x, y, avail_width))
            if key:
                column = (avail_width - self.rightColumnWidth, y, avail_width, y + style.leading)
                canv.linkRect("", key, column, relative=1)

        return entry_end


def _page_number(key: str | None, style: ParagraphStyle, x: float, y: float, width: float):
    """The painter of one entry's page number, set where ReportLab's contents sets it."""

    def paint(canv: Canvas, numbers: Numbers) -> None:
        page = numbers.pages.get(key) if key else None
        if page is None:
            return  # a destination never laid out: no number rather than a wrong one
        text = str(page)
        size = style.fontSize
        text_width = stringWidth(text, style.fontName, size)
        while text_width > width - x and size >= 1.0:  # shrink to fit, as ReportLab does
            size *= 0.9
            text_width = stringWidth(text, style.fontName, size)
        line = canv.beginText(width - text_width, y)
        line.setFont(style.fontName, size)
        line.setFillColor(style.textColor)
        line.textLine(text)
        canv.drawText(line)

    return paint
