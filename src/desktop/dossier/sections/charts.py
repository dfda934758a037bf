"""Key-figure charts as vector drawings: labelled horizontal bars with the source's wording.

A hand-made Drawing rather than ReportLab's HorizontalBarChart because the labels must wrap
and each bar prints the figure exactly as the source states it ("more than 40,000 students"),
not a number reformatted from the scale. Strings in a Drawing are plain text, never markup.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from desktop.dossier.brand import glyphs, markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierChart
from desktop.dossier.layout.bounds import fit_width
from desktop.dossier.layout.linebreaks import Paragraph

LABEL_SHARE = 0.36  # of the width, for the bar labels
MAX_LABEL_LINES = 2
TEXT_SHARE = 0.45  # of the width at most, for the figure printed after a bar


def _label_lines(label: str, font: str, size: float, width: float) -> list[str]:
    lines = simpleSplit(glyphs.plain(markup.one_line(label)), font, size, width) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES]
        lines[-1] = fit_width(lines[-1] + "…", font, size, width)
    return lines


def bar_chart(chart: DossierChart, kit: Kit, width: float) -> Drawing:
    """One row per bar: wrapped label, bar scaled to the largest value, the stated figure."""
    colours = kit.colours
    size = kit.theme.fonts.body_size * 0.9
    font, bold = kit.fonts.regular, kit.fonts.bold
    label_w = width * LABEL_SHARE
    bar_x = label_w + 10
    texts = [
        fit_width(glyphs.plain(markup.one_line(bar.text)), bold, size, width * TEXT_SHARE)
        for bar in chart.bars
    ]
    text_w = max((stringWidth(t, bold, size) for t in texts), default=0) + 8
    bar_room = max(width - bar_x - text_w, width * 0.2)
    peak = max((max(bar.value, 0) for bar in chart.bars), default=0) or 1
    rows = [_label_lines(bar.label, font, size, label_w) for bar in chart.bars]
    line_h = size * 1.2
    row_hs = [max(len(lines) * line_h, size * 1.9) + size * 0.9 for lines in rows]
    height = sum(row_hs) + 4
    drawing = kit.own_fonts(Drawing(width, height))
    y = height
    for bar, lines, text, row_h in zip(chart.bars, rows, texts, row_hs, strict=True):
        y -= row_h
        middle = y + row_h / 2
        text_top = middle + (len(lines) - 1) * line_h / 2 - size * 0.35
        for index, line in enumerate(lines):
            drawing.add(
                String(
                    0,
                    text_top - index * line_h,
                    line,
                    fontName=font,
                    fontSize=size,
                    fillColor=colours.text,
                )
            )
        length = bar_room * max(bar.value, 0) / peak
        bar_h = size * 1.35
        drawing.add(
            Rect(
                bar_x,
                middle - bar_h / 2,
                max(length, 1.5),
                bar_h,
                fillColor=colours.primary,
                strokeColor=None,
                strokeWidth=0,
            )
        )
        drawing.add(
            String(
                bar_x + length + 6,
                middle - size * 0.35,
                text,
                fontName=bold,
                fontSize=size,
                fillColor=colours.primary_dark,
            )
        )
    drawing.add(Line(bar_x, 0, bar_x, height, strokeColor=colours.rule, strokeWidth=0.6))
    return drawing


def chart_block(chart: DossierChart, kit: Kit, width: float) -> Flowable:
    """Title, drawing and source line, kept on one page."""
    language = kit.language
    parts: list[Flowable] = [Paragraph(markup.text(chart.title), kit.style("chart_title"))]
    if chart.bars:
        parts.append(bar_chart(chart, kit, width))
    source = chart.source
    line = i18n.source_text(source, language)
    if source is not None:
        line = f"{i18n.label('source', language)}: {line}"
        dated = source.published or None
        if dated:
            line += f" · {i18n.format_partial_date(dated, language)}"
        elif source.accessed_on:
            line += f" · {i18n.dating_text(None, source, language)}"
    parts.append(Paragraph(markup.text(line), kit.style("source")))
    return KeepTogether(parts)
