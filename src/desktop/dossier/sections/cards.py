"""One entity as a card: name, what it is, why it matters to this investor, then the details.

The header and the "why" band keep with the first lines of the description, and a card shorter
than half a page never splits (``CardKeeper``), so a name never sits alone at a page foot.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer

from desktop.core.kb.values import YEAR_UNITS
from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierEntity, DossierFact
from desktop.dossier.layout.bounds import TIGHT_CHARS, shorten
from desktop.dossier.layout.flowables import BarBlock, CardKeeper, ChipLine, OutlineEntry
from desktop.dossier.layout.linebreaks import Paragraph
from desktop.dossier.layout.prose import paragraphs
from desktop.dossier.sections.tables import space_table

CARD_GAP = 20  # points between cards


def hex_of(colour: Color) -> str:
    """``#rrggbb`` of a theme colour, for our own ``<font color=…>`` tags."""
    return "#" + colour.hexval()[2:]


def entity_title(entity: DossierEntity) -> str:
    """Plain-text title for the outline and the contents: ``Name (Short)``, cut to fit."""
    name = markup.one_line(entity.name)
    short = markup.one_line(entity.short_name)
    title = f"{name} ({short})" if short and short.casefold() != name.casefold() else name
    return shorten(title, TIGHT_CHARS) or ""


def entity_header(entity: DossierEntity, kit: Kit, key: str | None) -> BarBlock:
    """Name (+ short name) and the kind · location · sectors line beside a primary bar."""
    c = kit.colours
    name = markup.text(entity.name)
    short = markup.one_line(entity.short_name)
    if short and short.casefold() != markup.one_line(entity.name).casefold():
        font = f'name="{kit.fonts.regular}" color="{hex_of(c.muted)}"'
        name += f"<font {font}>  {markup.text(short)}</font>"
    meta = [entity.kind, entity.location, ", ".join(entity.sectors) or None]
    meta_line = " · ".join(markup.text(part) for part in meta if part)
    content: list[Flowable] = [Paragraph(name, kit.style("entity"))]
    if meta_line:
        content.append(Paragraph(meta_line, kit.style("meta")))
    outline = None
    if key is not None:
        toc = markup.text(entity_title(entity))
        outline = OutlineEntry(level=1, title=entity_title(entity), key=key, toc_markup=toc)
    return BarBlock(content, bar=c.primary, padding=(1, 1), outline=outline, keep_with_next=True)


def why_band(why: str, kit: Kit) -> BarBlock:
    """The one line that says what the entity offers this investor, on a tint."""
    c = kit.colours
    return BarBlock(
        paragraphs(why, kit.style("why")),
        bar=c.accent,
        bar_width=3,
        gap=8,
        background=c.primary_tint,
        padding=(5, 6),
        keep_with_next=True,
    )


def fact_lines(facts: list[DossierFact], kit: Kit) -> list[Flowable]:
    """Each fact as ``Label — value`` with its source line underneath."""
    out: list[Flowable] = []
    for fact in facts:
        label = f"<b>{markup.text(fact.label)}</b> — "
        out += paragraphs(fact.text, kit.style("fact"), prefix=label)
        line = i18n.fact_source_line(
            fact.source, fact.as_of, kit.language, is_a_date=fact.unit in YEAR_UNITS
        )
        source = Paragraph(markup.text(line), kit.style("source"))
        source.spaceAfter = 4
        out.append(source)
    return out


def note_box(note: str, kit: Kit) -> BarBlock:
    """The consultant's note: warm tint, accent bar, its own small label."""
    c = kit.colours
    label = Paragraph(
        markup.text(i18n.label("consultant_note", kit.language).upper()), kit.style("note_label")
    )
    label.spaceAfter = 2
    box = BarBlock(
        [label, *paragraphs(note, kit.style("note"))],
        bar=c.accent,
        background=c.accent_tint,
        padding=(6, 7),
    )
    box.spaceBefore = 8
    return box


def _label(key: str, kit: Kit) -> Paragraph:
    return Paragraph(markup.text(i18n.label(key, kit.language).upper()), kit.style("label"))


def entity_card(
    entity: DossierEntity, kit: Kit, key: str, width: float, lead: list[Flowable] | None = None
) -> Flowable:
    """The full card; long cards may split after their opening lines.

    ``lead`` (a section heading and intro) travels with the first card, so a heading is
    never left alone at the foot of a page.
    """
    parts: list[Flowable] = [*(lead or []), entity_header(entity, kit, key)]
    if entity.why:
        band = why_band(entity.why, kit)
        band.spaceBefore = 6
        parts.append(band)
    if entity.description:
        parts += paragraphs(entity.description, kit.style("body"), space_before=7)
    if entity.source is not None:
        line = (
            f"{i18n.label('source', kit.language)}: {i18n.source_text(entity.source, kit.language)}"
        )
        parts.append(Paragraph(markup.text(line), kit.style("source")))
    if entity.tags:
        parts.append(
            ChipLine(
                entity.tags,
                font=kit.fonts.regular,
                size=kit.theme.fonts.body_size * 0.78,
                text=kit.colours.primary_dark,
                fill=kit.colours.primary_tint,
                space_before=7,
            )
        )
    if entity.space:
        parts += [_label("space_offered", kit), space_table(entity.space, kit, width)]
    if entity.facts:
        parts += [_label("key_facts", kit), *fact_lines(entity.facts, kit)]
    if entity.note:
        parts.append(note_box(entity.note, kit))
    parts.append(Spacer(1, CARD_GAP))
    return CardKeeper(parts, split_above=kit.frame_height * 0.5, min_room=kit.frame_height * 0.25)
