"""Paragraph styles and colours derived from the theme, with inheritance from one base style.

Every size is a multiple of the theme's body size, so changing ``fonts.body_size`` rescales the
whole hierarchy consistently; story code asks for styles by role, never by font or size.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from desktop.dossier.brand.fonts import FontNames, register_fonts
from desktop.dossier.brand.theme import Colours, Theme


@dataclass(frozen=True)
class Palette:
    """The theme's colours as ReportLab colours."""

    primary: Color
    primary_dark: Color
    primary_tint: Color
    accent: Color
    accent_tint: Color
    text: Color
    muted: Color
    rule: Color
    warning: Color
    warning_tint: Color
    paper: Color

    @classmethod
    def from_colours(cls, colours: Colours) -> Palette:
        return cls(**{name: HexColor(value) for name, value in vars(colours).items()})


@dataclass(frozen=True)
class Kit:
    """Everything layout code needs: theme, language, fonts, colours and styles."""

    theme: Theme
    language: str
    fonts: FontNames
    colours: Palette
    styles: dict[str, ParagraphStyle]

    def style(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    def table_style(self, commands: list[tuple]) -> TableStyle:  # type: ignore[type-arg]
        """A TableStyle whose default cell font is ours (ReportLab's default is Helvetica,
        which would otherwise be referenced by the PDF even with only Paragraph cells)."""
        size = self.theme.fonts.body_size
        return TableStyle([("FONT", (0, 0), (-1, -1), self.fonts.regular, size), *commands])

    def own_fonts(self, drawing):
        """Make a Drawing start in our font (its renderer would select Helvetica first)."""
        drawing.initialFontName = self.fonts.regular
        drawing.initialFontSize = self.theme.fonts.body_size
        return drawing

    @property
    def frame_width(self) -> float:
        _, right, _, left = self.theme.margins
        return self.theme.page_size[0] - left - right

    @property
    def frame_height(self) -> float:
        top, _, bottom, _ = self.theme.margins
        return self.theme.page_size[1] - top - bottom


def _styles(fonts: FontNames, c: Palette, body: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "base",
        fontName=fonts.regular,
        fontSize=body,
        leading=body * 1.45,
        textColor=c.text,
        alignment=TA_LEFT,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, parent: ParagraphStyle = base, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    small = derive("small", fontSize=body * 0.89, leading=body * 1.25)
    source = derive("source", small, fontSize=body * 0.78, leading=body * 1.05, textColor=c.muted)
    table = derive("table", small, fontSize=body * 0.87, leading=body * 1.2)
    h1 = derive(
        "h1",
        fontName=fonts.bold,
        fontSize=body * 1.9,
        leading=body * 2.3,
        textColor=c.primary,
        spaceBefore=0,
        spaceAfter=body * 0.9,
        keepWithNext=1,
    )
    return {
        "body": base,
        "small": small,
        "source": source,
        "table": table,
        "table_bold": derive("table_bold", table, fontName=fonts.bold),
        "table_item": derive(
            "table_item",
            table,
            leftIndent=body * 1.2,
            bulletIndent=0,
            bulletColor=c.muted,
            bulletFontName=fonts.regular,
            spaceAfter=body * 0.15,
        ),
        "table_head": derive("table_head", table, fontName=fonts.bold, textColor=c.primary_dark),
        "table_warning": derive("table_warning", table, fontName=fonts.bold, textColor=c.warning),
        "h1": h1,
        "intro": derive(
            "intro", fontSize=body * 1.05, leading=body * 1.55, spaceAfter=body, keepWithNext=1
        ),
        "entity": derive(
            "entity",
            fontName=fonts.bold,
            fontSize=body * 1.33,
            leading=body * 1.6,
            textColor=c.primary_dark,
        ),
        "meta": derive("meta", small, textColor=c.muted),
        "why": derive("why", fontName=fonts.bold, textColor=c.primary_dark),
        "label": derive(
            "label",
            fontName=fonts.bold,
            fontSize=body * 0.78,
            leading=body * 1.1,
            textColor=c.primary,
            spaceBefore=body * 0.7,
            spaceAfter=body * 0.3,
            keepWithNext=1,
        ),
        "fact": derive("fact", small),
        "note": derive("note", small, fontName=fonts.italic),
        "note_label": derive(
            "note_label",
            fontName=fonts.bold,
            fontSize=body * 0.78,
            leading=body * 1.1,
            textColor=c.accent,
        ),
        "bullet": derive(
            "bullet",
            fontSize=body * 1.05,
            leading=body * 1.55,
            leftIndent=body * 1.6,
            bulletIndent=body * 0.2,
            bulletFontName=fonts.bold,
            bulletColor=c.accent,
            spaceAfter=body * 0.55,
        ),
        "source_item": derive(
            "source_item",
            small,
            leftIndent=body * 2.6,
            bulletIndent=0,
            bulletFontName=fonts.bold,
            bulletColor=c.primary,
            bulletFontSize=body * 0.89,
            spaceAfter=body * 0.8,
        ),
        "toc0": derive(
            "toc0",
            fontName=fonts.bold,
            fontSize=body * 1.05,
            leading=body * 1.5,
            spaceBefore=body * 0.6,
            textColor=c.primary_dark,
        ),
        "toc1": derive("toc1", small, leftIndent=body * 1.4, textColor=c.text),
        "chart_title": derive(
            "chart_title",
            fontName=fonts.bold,
            textColor=c.primary_dark,
            spaceBefore=body * 1.2,
            spaceAfter=body * 0.4,
            keepWithNext=1,
        ),
        "contact_name": derive(
            "contact_name",
            fontName=fonts.bold,
            fontSize=body * 1.45,
            leading=body * 1.8,
            textColor=c.primary_dark,
        ),
        "right_small": derive("right_small", small, alignment=TA_RIGHT),
        # Cover and one-pager banner, set on the primary colour.
        "cover_kicker": derive(
            "cover_kicker",
            fontName=fonts.bold,
            fontSize=body * 0.95,
            leading=body * 1.3,
            textColor=c.accent,
        ),
        "cover_title": derive(
            "cover_title",
            fontName=fonts.bold,
            fontSize=body * 3.8,
            leading=body * 4.3,
            textColor=c.paper,
        ),
        "cover_for": derive(
            "cover_for",
            fontSize=body * 2.0,
            leading=body * 2.5,
            textColor=c.paper,
        ),
        "cover_meta_label": derive(
            "cover_meta_label",
            fontName=fonts.bold,
            fontSize=body * 0.8,
            leading=body * 1.2,
            textColor=c.primary,
        ),
        "cover_meta": derive("cover_meta", fontSize=body * 1.1, leading=body * 1.5),
        "banner_title": derive(
            "banner_title",
            fontName=fonts.bold,
            fontSize=body * 2.3,
            leading=body * 2.7,
            textColor=c.paper,
        ),
        "banner_meta": derive(
            "banner_meta",
            fontSize=body * 1.05,
            leading=body * 1.4,
            textColor=c.paper,
        ),
    }


def make_kit(theme: Theme, language: str) -> Kit:
    """Register the fonts (once per process) and derive the styles for one render."""
    fonts = register_fonts(theme.fonts)
    colours = Palette.from_colours(theme.colours)
    return Kit(
        theme=theme,
        language=language,
        fonts=fonts,
        colours=colours,
        styles=_styles(fonts, colours, theme.fonts.body_size),
    )
