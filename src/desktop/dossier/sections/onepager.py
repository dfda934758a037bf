"""DossierData → the one-page dossier: banner, summary, as many entities as fit, figures, contact.

"One page" is guaranteed by measuring, not hoped for: the fixed blocks are wrapped first, then
entity rows are added in the consultant's order while their measured heights still fit the
body frame; the rest are dropped from the end (and counted in a closing line). A final
``KeepInFrame(mode="shrink")`` guards against pathological inputs such as a summary longer
than the page.
"""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepInFrame,
    Spacer,
    Table,
)

from desktop.core.kb.values import YEAR_UNITS
from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierData, DossierEntity, DossierFact
from desktop.dossier.layout.bounds import TIGHT_CHARS, bounded, shorten
from desktop.dossier.layout.flowables import Pinned
from desktop.dossier.layout.linebreaks import Paragraph
from desktop.dossier.layout.template import onepager_frames
from desktop.dossier.sections.cards import hex_of
from desktop.dossier.sections.contact import contact_strip

MAX_FACTS = 4
MIN_ENTITIES = 3  # shorten a long summary until at least this many entities fit …
MIN_SUMMARY = 4  # … but keep at least this many summary points
SAFETY = 6  # points kept free in the body frame, against rounding in the frame's own sums


def _height(flowable: Flowable, width: float) -> float:
    _, h = flowable.wrap(width, 0x7FFFFFFF)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _label(text: str, kit: Kit) -> Paragraph:
    return Paragraph(markup.text(text.upper()), kit.style("label"))


def _entity_row(entity: DossierEntity, kit: Kit) -> list[Paragraph]:
    muted = hex_of(kit.colours.muted)
    meta = " · ".join(markup.text(part) for part in (entity.kind, entity.location) if part)
    name = f"<b>{markup.text(shorten(entity.name, TIGHT_CHARS))}</b>"
    if meta:
        name += (
            f'<br/><font color="{muted}" size="{kit.theme.fonts.body_size * 0.8:.1f}">{meta}</font>'
        )
    return [
        Paragraph(name, kit.style("small")),
        Paragraph(markup.text(entity.why), kit.style("small")),
    ]


def _rows_table(rows: list[list[Paragraph]], kit: Kit, width: float) -> Table:
    table = Table(rows, colWidths=[width * 0.38, width * 0.62], hAlign="LEFT")
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, kit.colours.rule),
            ]
        )
    )
    return table


def _fact_tiles(facts: list[DossierFact], kit: Kit, width: float) -> Table:
    """Up to four figures side by side: value large, label, source line small."""
    c = kit.colours
    cells = []
    for fact in facts:
        cells.append(
            [
                Paragraph(markup.text(fact.text), kit.style("why")),
                Paragraph(markup.text(fact.label), kit.style("small")),
                Spacer(1, 3),
                Paragraph(
                    markup.text(
                        i18n.fact_source_line(
                            fact.source,
                            fact.as_of,
                            kit.language,
                            is_a_date=fact.unit in YEAR_UNITS,
                        )
                    ),
                    kit.style("source"),
                ),
            ]
        )
    table = Table([cells], colWidths=[width / len(cells)] * len(cells), hAlign="LEFT")
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), c.primary_tint),
                ("LINEAFTER", (0, 0), (-2, -1), 5, c.paper),
                ("LINEABOVE", (0, 0), (-1, -1), 2, c.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def _summary(points: list[str], kit: Kit) -> list[Flowable]:
    if not points:
        return []
    heading = _label(i18n.label("executive_summary", kit.language), kit)
    bullets = [Paragraph(markup.text(p), kit.style("bullet"), bulletText="■") for p in points]
    return [heading, *bullets]


def _body(data: DossierData, kit: Kit, width: float, height: float) -> list[Flowable]:
    """Summary, as many entity rows as fit, figure tiles — measured against ``height``.

    A long summary is shortened (never below ``MIN_SUMMARY`` points) while fewer than
    ``MIN_ENTITIES`` entities would fit: a one-pager without partners would miss its point.
    """
    language = kit.language
    tail: list[Flowable] = []
    facts = data.key_facts[:MAX_FACTS]
    if facts:
        tail += [Spacer(1, 6), _label(i18n.label("key_figures", language), kit)]
        tail.append(_fact_tiles(facts, kit, width))
    entities = [entity for section in data.sections for entity in section.entities]
    rows_all = [_entity_row(entity, kit) for entity in entities]
    row_heights = [_height(_rows_table([row], kit, width), width) for row in rows_all]
    partners_label = _label(i18n.label("selected_partners", language), kit)
    more_line = Paragraph(
        markup.text("+ " + i18n.label("more_in_full", language, count=len(entities))),
        kit.style("source"),
    )
    reserved = sum(_height(f, width) for f in tail)
    reserved += _height(partners_label, width) + _height(more_line, width) + SAFETY
    wanted = min(MIN_ENTITIES, len(entities))
    points = list(data.summary)
    while True:
        head = _summary(points, kit)
        room = height - reserved - sum(_height(f, width) for f in head)
        fitted = 0
        for row_height in row_heights:
            if row_height > room:
                break
            room -= row_height
            fitted += 1
        if fitted >= wanted or len(points) <= MIN_SUMMARY:
            break
        points.pop()
    middle: list[Flowable] = []
    if fitted:
        middle += [partners_label, _rows_table(rows_all[:fitted], kit, width)]
        dropped = len(entities) - fitted
        if dropped:
            middle.append(
                Paragraph(
                    markup.text("+ " + i18n.label("more_in_full", language, count=dropped)),
                    kit.style("source"),
                )
            )
    return head + middle + tail


def onepager_story(data: DossierData, kit: Kit) -> list[Flowable]:
    """Banner text, measured body and contact strip for the one-page template."""
    data = bounded(data)
    language = kit.language
    frames = onepager_frames(kit)
    body_frame, contact_frame = frames["body"], frames["contact"]
    prepared = (
        f"{i18n.label('prepared_for', language)} {shorten(data.prepared_for, TIGHT_CHARS)} · "
        f"{i18n.format_date(data.prepared_on, language)}"
    )
    banner = Pinned(
        [
            Paragraph(
                markup.text(i18n.label("location_onepager", language)), kit.style("banner_title")
            ),
            Paragraph(markup.text(prepared), kit.style("banner_meta")),
        ]
    )
    width, height = body_frame._width, body_frame._height
    body = KeepInFrame(width, height - 1, _body(data, kit, width, height), mode="shrink")
    strip = contact_strip(data.consultant, kit, contact_frame._width, kit.theme.footer(language))
    contact = KeepInFrame(contact_frame._width, contact_frame._height - 1, [strip], mode="shrink")
    return [banner, FrameBreak(), body, FrameBreak(), contact]
