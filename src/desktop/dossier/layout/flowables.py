"""Custom flowables: bookmarked headings, bar-marked blocks, tag chips and bottom-pinned boxes.

ReportLab's stock flowables cannot carry an outline entry, draw a left accent bar that follows a
block across a page break, or lay out chips; these do exactly that and nothing else. Chip labels
are drawn with ``drawString`` (plain text, never markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from desktop.dossier.brand import glyphs
from desktop.dossier.layout.bounds import fit_width
from desktop.dossier.layout.linebreaks import Paragraph


@dataclass(frozen=True)
class OutlineEntry:
    """A heading's place in the PDF outline and the table of contents.

    ``title`` is plain text (outline titles are not markup); ``toc_markup`` is the escaped
    paragraph text for the table of contents; ``key`` is our own ASCII destination name.
    """

    level: int
    title: str
    key: str
    toc_markup: str | None = None  # None: outline only, not listed in the contents


def _bookmark(flowable: Flowable, height: float) -> None:
    entry: OutlineEntry | None = getattr(flowable, "outline", None)
    if entry is not None:
        flowable.canv.bookmarkHorizontal(entry.key, 0, height + 6)


class Heading(Paragraph):
    """A paragraph that is also a destination; the doc template adds outline and TOC entries.

    With ``rule`` set, a short bar in that colour sits above the text (section headings).
    """

    def __init__(
        self,
        text: str | None,
        style,
        outline: OutlineEntry | None = None,
        rule: Color | None = None,
        **kwargs,
    ) -> None:
        super().__init__(text, style, **kwargs)
        self.outline = outline
        self.rule = rule

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if parts:  # only the first part is the destination and carries the rule
            parts[0].outline, parts[0].rule = self.outline, self.rule
            for part in parts[1:]:
                part.outline, part.rule = None, None
        return parts

    def draw(self) -> None:
        if self.outline is not None:
            _bookmark(self, self.height + 10)
        if self.rule is not None:
            self.canv.saveState()
            self.canv.setFillColor(self.rule)
            self.canv.rect(0, self.height + 5, 30, 2.6, stroke=0, fill=1)
            self.canv.restoreState()
        super().draw()


class BarBlock(Flowable):
    """Flowables beside a vertical accent bar, optionally on a tinted background.

    Splits between (or inside) its flowables, so a long consultant note may cross a page and
    keep its bar on both sides of the break; only the first part carries the outline entry.
    """

    def __init__(
        self,
        content: list[Flowable],
        *,
        bar: Color,
        bar_width: float = 3,
        gap: float = 9,
        background: Color | None = None,
        padding: tuple[float, float] = (0, 0),
        outline: OutlineEntry | None = None,
        keep_with_next: bool = False,
    ) -> None:
        super().__init__()
        self.content = content
        self.bar = bar
        self.bar_width = bar_width
        self.gap = gap
        self.background = background
        self.padding = padding  # top/bottom
        self.outline = outline
        self.keepWithNext = keep_with_next
        self._dims: list[tuple[float, float, float]] = []

    def _inner_width(self, avail_width: float) -> float:
        right = self.gap if self.background is not None else 0
        return avail_width - self.bar_width - self.gap - right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = self._inner_width(availWidth)
        self._dims = []
        height = self.padding[0] + self.padding[1]
        last = len(self.content) - 1
        for index, flowable in enumerate(self.content):
            _, h = flowable.wrapOn(self.canv, inner, 0x7FFFFFFF)
            before = flowable.getSpaceBefore() if index else 0
            after = flowable.getSpaceAfter() if index < last else 0
            self._dims.append((before, h, after))
            height += before + h + after
        self.width, self.height = availWidth, height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        inner = self._inner_width(availWidth)
        used = self.padding[0] + self.padding[1]
        for index, (flowable, (before, h, after)) in enumerate(
            zip(self.content, self._dims, strict=True)
        ):
            if used + before + h <= availHeight:
                used += before + h + after
                continue
            parts = flowable.splitOn(self.canv, inner, availHeight - used - before)
            head = self.content[:index] + parts[:1] if parts else self.content[:index]
            tail = parts[1:] + self.content[index + 1 :] if parts else self.content[index:]
            if not head or not tail:
                return []
            return [self._copy(head, self.outline), self._copy(tail, None)]
        return [self]

    def _copy(self, content: list[Flowable], outline: OutlineEntry | None) -> BarBlock:
        return BarBlock(
            content,
            bar=self.bar,
            bar_width=self.bar_width,
            gap=self.gap,
            background=self.background,
            padding=self.padding,
            outline=outline,
            keep_with_next=bool(self.keepWithNext) and outline is not None,
        )

    def draw(self) -> None:
        canv = self.canv
        _bookmark(self, self.height)
        canv.saveState()
        if self.background is not None:
            canv.setFillColor(self.background)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setFillColor(self.bar)
        canv.rect(0, 0, self.bar_width, self.height, stroke=0, fill=1)
        canv.restoreState()
        x = self.bar_width + self.gap
        y = self.height - self.padding[0]
        for flowable, (before, h, after) in zip(self.content, self._dims, strict=True):
            y -= before + h
            flowable.drawOn(canv, x, y)
            y -= after


class ChipLine(Flowable):
    """Small rounded labels (tags, certifications) that wrap onto as many lines as needed."""

    def __init__(
        self,
        labels: list[str],
        *,
        font: str,
        size: float,
        text: Color,
        fill: Color,
        space_before: float = 4,
        space_after: float = 2,
    ) -> None:
        super().__init__()
        self.labels = [label for label in labels if label]
        self.font, self.size = font, size
        self.text_colour, self.fill = text, fill
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.pad_x, self.pad_y, self.gap = size * 0.7, size * 0.38, size * 0.5
        self._placed: list[tuple[float, float, float, str]] = []

    def _fit(self, label: str, limit: float) -> tuple[str, float]:
        label = fit_width(glyphs.plain(label), self.font, self.size, limit)
        return label, stringWidth(label, self.font, self.size)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        chip_h = self.size + 2 * self.pad_y
        x, row = 0.0, 0
        self._placed = []
        for raw in self.labels:
            label, text_w = self._fit(raw, availWidth - 2 * self.pad_x)
            chip_w = text_w + 2 * self.pad_x
            if x and x + chip_w > availWidth:
                x, row = 0.0, row + 1
            self._placed.append((x, row, chip_w, label))
            x += chip_w + self.gap
        rows = row + 1 if self._placed else 0
        self._row_h = chip_h + self.gap * 0.8
        self.width = availWidth
        self.height = rows * self._row_h - (self.gap * 0.8 if rows else 0)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        chip_h = self.size + 2 * self.pad_y
        canv.saveState()
        canv.setFont(self.font, self.size)
        for x, row, chip_w, label in self._placed:
            y = self.height - row * self._row_h - chip_h
            canv.setFillColor(self.fill)
            canv.roundRect(x, y, chip_w, chip_h, chip_h / 2, stroke=0, fill=1)
            canv.setFillColor(self.text_colour)
            canv.drawString(x + self.pad_x, y + self.pad_y + self.size * 0.2, label)
        canv.restoreState()


class Pinned(Flowable):
    """Takes the whole frame and sets its content at the bottom (shrunk if it cannot fit).

    The cover title sits on the lower edge of the colour block however long the investor's
    name is; an extreme name is scaled down instead of spilling onto a second page.
    """

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._parts = []
        total = 0.0
        for index, flowable in enumerate(self.content):
            _, h = flowable.wrapOn(self.canv, availWidth, 0x7FFFFFFF)
            before = flowable.getSpaceBefore() if index else 0
            self._parts.append((flowable, before, h))
            total += before + h
        self._content_h = total
        self._scale = min(1.0, availHeight / total) if total else 1.0
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.scale(self._scale, self._scale)
        y = self._content_h
        for flowable, before, h in self._parts:
            y -= before + h
            flowable.drawOn(canv, 0, y)
        canv.restoreState()


class CardKeeper(KeepTogether):
    """Keeps a card on one page; only a card taller than ``split_above`` may split.

    A long card splits in place when at least ``min_room`` is left (its header still keeps
    with the lines after it); anything shorter moves whole to the next page rather than
    leaving a name at the bottom and its text overleaf.
    """

    def __init__(self, flowables: list[Flowable], *, split_above: float, min_room: float) -> None:
        super().__init__(flowables)
        self._split_above = split_above
        self._min_room = min_room

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH < self._H and self._split_above < self._H and aH >= self._min_room:
            return self._content[:]
        return super().split(aW, aH)
