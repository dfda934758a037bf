"""The document template: named page templates, outline and contents hooks, cancel checks.

One layout pass makes the dossier: the numbers known only at the end (the total in "Page X of
Y", the contents' page numbers) are deferred forms filled in before the file is saved
(:mod:`desktop.dossier.layout.deferred`). Headings report themselves to the outline and their
page to the contents in ``afterFlowable``.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop.dossier.brand.styles import Kit
from desktop.dossier.layout.deferred import Deferred, DeferringCanvas
from desktop.dossier.layout.flowables import OutlineEntry
from desktop.dossier.layout.pages import BANNER_HEIGHT, COVER_SPLIT, PageDecor
from desktop.dossier.layout.progress import Progress

CONTACT_STRIP = 27 * mm  # the one-pager's contact frame above the footer


def _frame(frame_id: str, x: float, y: float, width: float, height: float) -> Frame:
    return Frame(
        x,
        y,
        width,
        height,
        id=frame_id,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def onepager_frames(kit: Kit) -> dict[str, Frame]:
    """Banner, body and contact frames of the one-pager (also used to measure the fit)."""
    width, height = kit.theme.page_size
    _, right, bottom, left = kit.theme.margins
    usable = width - left - right
    band_y = height - BANNER_HEIGHT
    body_top = band_y - 9 * mm
    body_bottom = bottom + CONTACT_STRIP + 3 * mm
    return {
        "banner": _frame("banner", left, band_y + 5 * mm, usable, BANNER_HEIGHT - 22 * mm),
        "body": _frame("body", left, body_bottom, usable, body_top - body_bottom),
        "contact": _frame("contact", left, bottom, usable, CONTACT_STRIP),
    }


class DossierDocTemplate(BaseDocTemplate):
    """Cover, body and one-pager page templates plus outline, TOC and progress plumbing."""

    def __init__(
        self,
        target: IO[bytes],
        kit: Kit,
        *,
        first_template: str,
        title: str,
        author: str,
        subject: str,
        keywords: list[str],
        prepared_for: str,
        prepared_on: date,
        reproducible: bool,
        progress: Progress,
    ) -> None:
        top, right, bottom, left = kit.theme.margins
        super().__init__(
            target,
            pagesize=kit.theme.page_size,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            creator="Dossier Desk",
            producer="Dossier Desk (ReportLab)",
            lang=kit.language,
            invariant=1 if reproducible else 0,
            displayDocTitle=1,
            # Otherwise every page starts in Helvetica and the PDF references a base-14 font.
            initialFontName=kit.fonts.regular,
            initialFontSize=kit.theme.fonts.body_size,
            initialLeading=kit.theme.fonts.body_size * 1.45,
        )
        self.kit = kit
        self.deferred = Deferred()
        self._pages_done = 0
        self._prepared_on = prepared_on
        self._reproducible = reproducible
        self._progress = progress
        self.setProgressCallBack(progress.reportlab)
        self._add_templates(prepared_for, first_template)

    def _add_templates(self, prepared_for: str, first: str) -> None:
        """Cover, body and one-pager templates; ``first`` is the one page 1 uses."""
        kit, decor = self.kit, PageDecor(self.kit, prepared_for)
        width, height = kit.theme.page_size
        top, right, bottom, left = kit.theme.margins
        usable = width - left - right
        block_y = height * COVER_SPLIT
        cover_frames = [
            _frame("cover_title", left, block_y + 16 * mm, usable, height - 46 * mm - block_y),
            _frame("cover_meta", left, bottom, usable, block_y - 12 * mm - bottom),
        ]
        body = _frame("body", left, bottom, usable, height - top - bottom)
        templates = [
            PageTemplate("cover", cover_frames, onPage=decor.cover, autoNextPageTemplate="body"),
            PageTemplate("body", [body], onPage=decor.body),
            PageTemplate("onepager", list(onepager_frames(kit).values()), onPage=decor.onepager),
        ]
        templates.sort(key=lambda template: template.id != first)
        self.addPageTemplates(templates)

    def build(self, flowables: list[Flowable]) -> None:  # type: ignore[override]
        """Lay ``flowables`` out once, on a canvas that fills in the deferred numbers."""
        super().build(flowables, canvasmaker=partial(DeferringCanvas, deferred=self.deferred))

    # --- build hooks -------------------------------------------------------------------

    def beforeDocument(self) -> None:
        self._pages_done = 0
        self.canv.showOutline()
        if self._reproducible:
            day = self._prepared_on
            stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
            self.canv.setDateFormatter(lambda *_: stamp)

    def afterPage(self) -> None:
        self._pages_done = self.page
        self._progress.check()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._progress.check()
        entry: OutlineEntry | None = getattr(flowable, "outline", None)
        if entry is None:
            return
        self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=None)
        if entry.toc_markup is not None:
            self.deferred.landed(entry.key, self.page)

    @property
    def pages(self) -> int:
        """Pages of the finished build."""
        return self._pages_done
