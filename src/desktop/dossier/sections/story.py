"""DossierData → the flowables of the full dossier (the one-pager lives in ``onepager.py``).

Order: cover, executive summary and contents, one section per theme with a card per entity,
key figures (table and charts), requirements and evidence, sources, and the contact page as
the back page. Every
heading carries an ``OutlineEntry``; the contents are given all entries before the layout, so
one layout pass sets them, their page numbers filled in at the end (``layout.deferred``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    HRFlowable,
    PageBreak,
    Spacer,
    Table,
)

from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierData, SourceNote
from desktop.dossier.layout.bounds import bounded
from desktop.dossier.layout.deferred import Contents
from desktop.dossier.layout.flowables import Heading, OutlineEntry, Pinned
from desktop.dossier.layout.linebreaks import Paragraph
from desktop.dossier.layout.prose import paragraphs
from desktop.dossier.sections.cards import entity_card, entity_title
from desktop.dossier.sections.charts import chart_block
from desktop.dossier.sections.contact import consultant_card, contacts_grid
from desktop.dossier.sections.tables import evidence_table, key_figures_table

SAFE_LINK_SCHEMES = ("http://", "https://")


@dataclass
class FullStory:
    flowables: list[Flowable]
    toc: Contents
    toc_entries: list[tuple[int, str, int, str]] = field(default_factory=list)


class _Builder:
    def __init__(self, data: DossierData, kit: Kit) -> None:
        self.data, self.kit, self.language = data, kit, kit.language
        self.width = kit.frame_width
        self.out: list[Flowable] = []
        self.toc_entries: list[tuple[int, str, int, str]] = []

    def label(self, key: str, **values: object) -> str:
        return i18n.label(key, self.language, **values)

    def heading(self, title: str, key: str, *, toc: bool = True, keep: bool = True) -> Heading:
        """A level-0 heading. ``keep=False`` before a long table: ReportLab would otherwise
        move heading and whole table to the next page; a ``CondPageBreak`` guards instead."""
        toc_markup = markup.text(markup.one_line(title)) if toc else None
        entry = OutlineEntry(0, markup.one_line(title), key, toc_markup)
        if toc_markup is not None:
            self.toc_entries.append((0, toc_markup, 0, key))
        heading = Heading(
            markup.text(title), self.kit.style("h1"), entry, rule=self.kit.colours.accent
        )
        if not keep:
            heading.keepWithNext = 0
        return heading

    def section_break(self) -> None:
        """Start a new part on this page only if a reasonable share of it is left."""
        self.out.append(CondPageBreak(self.kit.frame_height * 0.3))
        self.out.append(Spacer(1, 14))

    # --- parts ---------------------------------------------------------------------------

    def cover(self) -> None:
        kit, data = self.kit, self.data
        title = [
            HRFlowable(
                width=46,
                thickness=3,
                color=kit.colours.accent,
                hAlign="LEFT",
                spaceBefore=0,
                spaceAfter=16,
            ),
            Paragraph(markup.text(self.label("location_dossier")), kit.style("cover_title")),
            Spacer(1, 18),
            Paragraph(markup.text(self.label("prepared_for").upper()), kit.style("cover_kicker")),
            Spacer(1, 4),
            Paragraph(markup.text(data.prepared_for), kit.style("cover_for")),
        ]
        date_cell: list[Flowable] = [
            Paragraph(markup.text(self.label("date").upper()), kit.style("cover_meta_label")),
            Spacer(1, 4),
            Paragraph(
                markup.text(i18n.format_date(data.prepared_on, self.language)),
                kit.style("cover_meta"),
            ),
        ]
        consultant = data.consultant
        contact_cell: list[Flowable] = [
            Paragraph(
                markup.text(self.label("your_contact").upper()), kit.style("cover_meta_label")
            ),
            Spacer(1, 4),
            Paragraph(f"<b>{markup.text(consultant.name)}</b>", kit.style("cover_meta")),
        ]
        for part in (consultant.role, consultant.organisation):
            if part:
                contact_cell.append(Paragraph(markup.text(part), kit.style("body")))
        meta = Table(
            [[date_cell, contact_cell]],
            colWidths=[self.width * 0.38, self.width * 0.62],
            hAlign="LEFT",
        )
        meta.setStyle(
            kit.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        footer = [Paragraph(markup.text(kit.theme.footer(self.language)), kit.style("meta"))]
        self.out += [Pinned(title), FrameBreak(), meta, Pinned(footer), PageBreak()]

    def summary_and_contents(self, toc: Contents) -> None:
        kit = self.kit
        if self.data.summary:
            self.out.append(self.heading(self.label("executive_summary"), "summary"))
            for point in self.data.summary:
                self.out += paragraphs(point, kit.style("bullet"), bullet="■")
            self.out.append(Spacer(1, 22))
        self.out.append(CondPageBreak(self.kit.frame_height * 0.25))
        self.out += [self.heading(self.label("contents"), "contents", toc=False, keep=False), toc]
        self.out.append(PageBreak())

    def sections(self) -> None:
        kit = self.kit
        for s_index, section in enumerate(self.data.sections, start=1):
            if s_index > 1:
                self.section_break()
            lead: list[Flowable] = [self.heading(section.title, f"sec-{s_index}")]
            if section.intro:
                lead += paragraphs(section.intro, kit.style("intro"))
            if not section.entities:
                self.out += lead
            for e_index, entity in enumerate(section.entities, start=1):
                key = f"sec-{s_index}-ent-{e_index}"
                self.toc_entries.append((1, markup.text(entity_title(entity)), 0, key))
                first = lead if e_index == 1 else None
                self.out.append(entity_card(entity, kit, key, self.width, lead=first))

    def key_figures(self) -> None:
        data, kit = self.data, self.kit
        if not (data.key_facts or data.charts):
            return
        self.section_break()
        self.out.append(self.heading(self.label("key_figures"), "key-figures", keep=False))
        if data.key_facts:
            self.out.append(key_figures_table(data.key_facts, kit, self.width))
        for chart in data.charts:
            self.out.append(Spacer(1, 8))
            self.out.append(chart_block(chart, kit, self.width))

    def evidence(self) -> None:
        if not self.data.evidence:
            return
        self.section_break()
        self.out.append(self.heading(self.label("requirements_evidence"), "evidence", keep=False))
        self.out.append(evidence_table(self.data.evidence, self.kit, self.width))

    def contact(self) -> None:
        kit = self.kit
        self.out += [PageBreak(), self.heading(self.label("your_contact"), "contact")]
        self.out.append(consultant_card(self.data.consultant, kit, self.width))
        if self.data.contacts:
            self.out.append(Spacer(1, 26))
            self.out.append(
                Paragraph(markup.text(self.label("further_contacts").upper()), kit.style("label"))
            )
            self.out.append(contacts_grid(self.data.contacts, kit, self.width))

    def sources(self) -> None:
        if not self.data.sources:
            return
        self.section_break()
        self.out.append(self.heading(self.label("sources"), "sources"))
        for index, source in enumerate(self.data.sources, start=1):
            self.out.append(
                Paragraph(
                    _source_markup(source, self.kit),
                    self.kit.style("source_item"),
                    bulletText=f"{index}",
                )
            )


def _source_markup(source: SourceNote, kit: Kit) -> str:
    """Title, details line, then a link (http/https only) or the file name."""
    language = kit.language
    lines = [
        f"<b>{markup.text(source.title)}</b>",
        markup.text(i18n.source_details(source, language)),
    ]
    url = markup.one_line(source.url)
    if url and url.lower().startswith(SAFE_LINK_SCHEMES):
        colour = "#" + kit.colours.primary.hexval()[2:]
        lines.append(f'<a href={markup.attr(url)} color="{colour}">{markup.text(url)}</a>')
    elif url:
        lines.append(markup.text(url))
    if source.file_name:
        lines.append(
            f"{markup.text(i18n.label('file', language))}: {markup.text(source.file_name)}"
        )
    return "<br/>".join(lines)


def _toc(kit: Kit) -> Contents:
    toc = Contents(
        levelStyles=[kit.style("toc0"), kit.style("toc1")],
        dotsMinLevel=-1,
        rightColumnWidth=36,
    )
    toc.tableStyle = kit.table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    return toc


def full_story(data: DossierData, kit: Kit) -> FullStory:
    """All flowables of the full dossier plus its contents (given every entry in advance)."""
    builder = _Builder(bounded(data), kit)
    toc = _toc(kit)
    builder.cover()
    builder.summary_and_contents(toc)
    builder.sections()
    builder.key_figures()
    builder.evidence()
    builder.sources()
    builder.contact()  # the back page
    toc.addEntries(builder.toc_entries)
    return FullStory(builder.out, toc, builder.toc_entries)
