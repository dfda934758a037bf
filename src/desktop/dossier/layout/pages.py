"""What is printed around the flowables: cover artwork, one-pager banner, header and footer.

These run as page callbacks, so they draw with plain canvas calls (``drawString`` takes text,
not markup). "Page X of Y" needs the total, known only after the last page: the label is a
deferred form the doc template fills in before saving (:mod:`desktop.dossier.layout.deferred`).
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.dossier.brand import glyphs
from desktop.dossier.brand.logo import draw_lockup, draw_mark
from desktop.dossier.brand.markup import one_line
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.layout.bounds import NAME_CHARS, fit_width, shorten
from desktop.dossier.layout.deferred import Numbers

COVER_SPLIT = 0.4  # share of the cover page height left white below the colour block
BANNER_HEIGHT = 40 * mm  # the one-pager's colour band


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` (canvas strings do not wrap)."""
    return fit_width(glyphs.plain(text), font, size, width)


class PageDecor:
    """Page callbacks for one render; ``doc.deferred`` prints the page count once known."""

    def __init__(self, kit: Kit, prepared_for: str) -> None:
        self.kit = kit
        self.prepared_for = one_line(shorten(prepared_for, NAME_CHARS))
        self.width, self.height = kit.theme.page_size
        self.top, self.right, self.bottom, self.left = kit.theme.margins
        self.small = kit.theme.fonts.body_size * 0.8

    def _page_label(
        self,
        canv: Canvas,
        doc,
        at: tuple[float, float],
        font: tuple[str, float, Color],
        fit: float | None = None,
    ) -> None:
        """The page label ("Page X of Y") right-aligned at ``at``, cut to ``fit`` points."""
        page, language = doc.page, self.kit.language
        (x, y), (name, size, colour) = at, font

        def paint(form: Canvas, numbers: Numbers) -> None:
            label = i18n.label("page_of", language, page=page, total=numbers.total)
            form.setFont(name, size)
            form.setFillColor(colour)
            form.drawRightString(x, y, fit_text(label, name, size, fit) if fit else label)

        doc.deferred.place(canv, paint)

    def _footer(self, canv: Canvas, doc, *, with_recipient: bool = True) -> None:
        kit, c = self.kit, self.kit.colours
        font, size = kit.fonts.regular, self.small * 0.95
        rule_y = self.bottom - 16
        text_y = rule_y - 11
        usable = self.width - self.left - self.right
        canv.saveState()
        canv.setStrokeColor(c.rule)
        canv.setLineWidth(0.5)
        canv.line(self.left, rule_y, self.width - self.right, rule_y)
        canv.setFillColor(c.muted)
        canv.setFont(font, size)
        confidential = fit_text(
            kit.theme.confidentiality_line(kit.language), font, size, usable * 0.48
        )
        canv.drawString(self.left, text_y, confidential)
        if with_recipient:
            right = f"{i18n.label('prepared_for', kit.language)} {self.prepared_for}"
            canv.drawRightString(
                self.width - self.right, text_y, fit_text(right, font, size, usable * 0.48)
            )
        else:
            at = (self.width - self.right, text_y)
            self._page_label(canv, doc, at, (font, size, c.muted), fit=usable * 0.48)
        canv.restoreState()

    def body(self, canv: Canvas, doc) -> None:
        """Header (mark, brand, page number) and footer of an ordinary page."""
        kit, c = self.kit, self.kit.colours
        base_y = self.height - self.top + 26
        canv.saveState()
        draw_mark(canv, self.left, base_y - 3, 12, ring=c.primary, leaf=c.accent)
        canv.setFont(kit.fonts.bold, self.small)
        canv.setFillColor(c.primary)
        usable = self.width - self.left - self.right
        brand = fit_text(one_line(kit.theme.brand_name), kit.fonts.bold, self.small, usable * 0.6)
        canv.drawString(self.left + 18, base_y, brand)
        at = (self.width - self.right, base_y)
        self._page_label(canv, doc, at, (kit.fonts.regular, self.small, c.muted))
        canv.setStrokeColor(c.rule)
        canv.setLineWidth(0.5)
        canv.line(self.left, base_y - 9, self.width - self.right, base_y - 9)
        canv.restoreState()
        self._footer(canv, doc)

    def cover(self, canv: Canvas, doc) -> None:
        """Colour block with cell motif and lockup; page number in the footer only."""
        c = self.kit.colours
        block_y = self.height * COVER_SPLIT
        canv.saveState()
        canv.setFillColor(c.primary)
        canv.rect(0, block_y, self.width, self.height - block_y, stroke=0, fill=1)
        clip = canv.beginPath()
        clip.rect(0, block_y, self.width, self.height - block_y)
        canv.clipPath(clip, stroke=0, fill=0)
        self._cells(canv, block_y)
        canv.restoreState()
        canv.saveState()
        canv.setFillColor(c.accent)
        canv.rect(0, block_y - 2.2, self.width, 2.2, stroke=0, fill=1)
        canv.restoreState()
        self._lockup(canv, self.height - 28 * mm, 30)
        self._footer(canv, doc, with_recipient=False)

    def _lockup(self, canv: Canvas, y: float, size: float) -> None:
        """The agency's logo and wordmark, reversed out of the primary-colour band."""
        kit, c = self.kit, self.kit.colours
        draw_lockup(
            canv,
            self.left,
            y,
            size,
            lines=kit.theme.wordmark,
            fonts=(kit.fonts.bold, kit.fonts.regular),
            ring=c.paper,
            leaf=c.accent,
            text=c.paper,
            subtext=c.primary_tint,
        )

    def _cells(self, canv: Canvas, block_y: float) -> None:
        """A loose cluster of translucent cells in the block's upper right (decoration)."""
        c = self.kit.colours
        w, h = self.width, self.height
        canv.setFillColor(c.paper)
        canv.setStrokeColor(c.paper)
        for cx, cy, r, fill_alpha, stroke_alpha in (
            (w * 0.92, h * 0.84, 150, 0.05, 0.16),
            (w * 0.70, h * 0.95, 62, 0.07, 0.0),
            (w * 0.64, h * 0.74, 34, 0.0, 0.22),
            (w * 0.99, h * 0.60, 78, 0.06, 0.0),
            (w * 0.80, h * 0.66, 16, 0.12, 0.0),
            (w * 0.55, h * 0.88, 9, 0.16, 0.0),
        ):
            canv.setFillAlpha(fill_alpha)
            canv.setStrokeAlpha(stroke_alpha)
            canv.setLineWidth(1.1)
            canv.circle(cx, cy, r, stroke=1 if stroke_alpha else 0, fill=1 if fill_alpha else 0)
        canv.setFillAlpha(1)
        canv.setStrokeAlpha(1)
        canv.setFillColor(c.primary_dark)
        canv.setFillAlpha(0.35)
        canv.circle(w * 0.78, block_y + 40, 120, stroke=0, fill=1)
        canv.setFillAlpha(1)

    def onepager(self, canv: Canvas, doc) -> None:
        """Colour banner with lockup and page number, ordinary footer."""
        kit, c = self.kit, self.kit.colours
        band_y = self.height - BANNER_HEIGHT
        canv.saveState()
        canv.setFillColor(c.primary)
        canv.rect(0, band_y, self.width, BANNER_HEIGHT, stroke=0, fill=1)
        canv.setFillColor(c.paper)
        canv.setFillAlpha(0.06)
        canv.circle(self.width * 0.93, self.height - 6 * mm, 70, stroke=0, fill=1)
        canv.circle(self.width * 0.80, band_y + 4 * mm, 26, stroke=0, fill=1)
        canv.setFillAlpha(1)
        canv.setFillColor(c.accent)
        canv.rect(0, band_y - 2, self.width, 2, stroke=0, fill=1)
        at = (self.width - self.right, self.height - 13 * mm)
        self._page_label(canv, doc, at, (kit.fonts.regular, self.small, c.primary_tint))
        canv.restoreState()
        self._lockup(canv, self.height - 15 * mm, 20)
        self._footer(canv, doc)
