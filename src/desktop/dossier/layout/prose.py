"""Long text as a run of small paragraphs that reads like one.

A ReportLab Paragraph is wrapped whole again each time it is split at a page break, so one
paragraph of thousands of lines costs the square of its length. Text from the data is laid out
as pieces of a few lines each (:func:`desktop.dossier.layout.bounds.blocks`): a piece that continues
the one before sits directly under it, a piece after a blank line keeps that blank line's
space. The result looks the same as one Paragraph with ``<br/>`` breaks.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from desktop.dossier.brand import markup
from desktop.dossier.layout import bounds
from desktop.dossier.layout.linebreaks import Paragraph


def paragraphs(
    value: str | None,
    style: ParagraphStyle,
    *,
    space_before: float | None = None,
    bullet: str | None = None,
    prefix: str = "",
) -> list[Paragraph]:
    """``value`` as escaped paragraphs in ``style``; ``prefix`` (markup) starts the first one.

    ``space_before`` replaces the style's space above the first piece; the style's space
    below is kept after the last piece only, and ``bullet`` marks the first piece.
    """
    pieces = bounds.blocks(markup.clean(value)) if value else []
    if not pieces:
        pieces = [("", False)] if prefix else []
    out: list[Paragraph] = []
    for index, (piece, new_paragraph) in enumerate(pieces):
        first = index == 0
        body = (prefix if first else "") + markup.text(piece)
        paragraph = Paragraph(body, style, bulletText=bullet if first else None)
        if first:
            if space_before is not None:
                paragraph.spaceBefore = space_before
        else:
            paragraph.spaceBefore = style.leading if new_paragraph else 0
        if index < len(pieces) - 1:
            paragraph.spaceAfter = 0
        out.append(paragraph)
    return out
