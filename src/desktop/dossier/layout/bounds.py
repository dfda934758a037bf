"""What the renderer prints of a value, whatever the database, an import or a caller holds.

The input limits (:mod:`desktop.core.kb.validation`) stop absurd text where it enters, but old
databases and direct calls still reach the renderer, and ReportLab's paragraph layout grows
faster than the text: a Paragraph is re-wrapped whole at every page it crosses, so a
description of 49,000 short lines took minutes and gigabytes. Here every value is cut to a
printable size (visibly, with "…" and a note) before layout, and long text is laid out as many
small paragraphs instead of one, so the work stays proportional to what is printed.

The render limits are twice the input limits: nothing a form or an import accepts is ever cut.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.kb import validation
from desktop.dossier.content import i18n
from desktop.dossier.content.model import (
    ChartBar,
    ContactCard,
    DossierChart,
    DossierData,
    DossierEntity,
    DossierFact,
    DossierSection,
    DossierSpace,
    EvidenceRow,
    SourceNote,
)

NAME_CHARS = 2 * validation.MAX_NAME_CHARS  # a name, title or label as printed (400)
TIGHT_CHARS = 160  # a name where room is tight: contents, outline, one-pager banner and rows
TEXT_CHARS = 2 * validation.MAX_TEXT_CHARS  # a description or note as printed (20,000)
TEXT_LINES = 2 * validation.MAX_TEXT_LINES  # its lines (400)
CONTACT_CHARS = validation.MAX_CONTACT_CHARS  # each field of a contact card (254)
ADDRESS_CHARS = 1_000  # a postal address, a few lines
URL_CHARS = 2_000  # the longest web address browsers reliably open
# One Paragraph flowable holds at most this many lines (or characters): splitting it at a
# page break re-wraps it whole, so small paragraphs keep long text linear.
LINES_PER_PARAGRAPH = 12
CHARS_PER_PARAGRAPH = 3_000
ELLIPSIS = "…"

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def shorten(value: str | None, limit: int) -> str | None:
    """``value`` cut to ``limit`` characters with "…", at a space when one is near the end."""
    if value is None or len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def name(value: str | None, limit: int = NAME_CHARS) -> str | None:
    return shorten(value, limit)


def fit_width(value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with "…" so it fits ``width`` points (canvas strings do not wrap).

    A binary search over the length: a 20,000-character name costs a few width measurements,
    not one per character dropped.
    """
    if stringWidth(value, font, size) <= width:
        return value
    low, high = 0, len(value)  # value[:low] + "…" fits; value[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if stringWidth(value[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle
    return value[:low].rstrip() + ELLIPSIS


def text(value: str | None, language: str) -> str | None:
    """A description or note cut to ``TEXT_CHARS`` and ``TEXT_LINES``, saying that it was."""
    if value is None:
        return None
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = len(lines) > TEXT_LINES
    kept = "\n".join(lines[:TEXT_LINES]) if cut else value
    if len(kept) > TEXT_CHARS:
        kept, cut = kept[:TEXT_CHARS], True
    if not cut:
        return value
    return f"{kept.rstrip()} {ELLIPSIS}\n{i18n.label('text_shortened', language)}"


def blocks(value: str) -> list[tuple[str, bool]]:
    """Plain-text pieces of at most ``LINES_PER_PARAGRAPH`` lines and about
    ``CHARS_PER_PARAGRAPH`` characters, each with whether it starts a new paragraph
    (it followed a blank line) or continues the one before."""
    pieces: list[tuple[str, bool]] = []
    text_ = value.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    for index, block in enumerate(_BLANK_LINE.split(text_)):
        lines: list[str] = []
        for line in block.split("\n"):
            lines += _split_long_line(line)
        group: list[str] = []
        size = 0
        first = index > 0
        for line in lines:
            full = len(group) >= LINES_PER_PARAGRAPH or size + len(line) > CHARS_PER_PARAGRAPH
            if group and full:
                pieces.append(("\n".join(group), first))
                group, size, first = [], 0, False
            group.append(line)
            size += len(line) + 1
        if group:
            pieces.append(("\n".join(group), first))
    return pieces


def _split_long_line(line: str) -> list[str]:
    """A line longer than a paragraph's share, cut at spaces (or hard, without any)."""
    parts = []
    while len(line) > CHARS_PER_PARAGRAPH:
        cut = line.rfind(" ", 0, CHARS_PER_PARAGRAPH)
        if cut < CHARS_PER_PARAGRAPH // 2:
            cut = CHARS_PER_PARAGRAPH
        parts.append(line[:cut])
        line = line[cut:].lstrip(" ")
    parts.append(line)
    return parts


# --- the whole dossier ---------------------------------------------------------------------


def bounded(data: DossierData) -> DossierData:
    """``data`` with every value cut to what the renderer prints (unchanged when all fit)."""
    language = data.language
    long = lambda value: text(value, language)  # noqa: E731 - a local shorthand

    def source(note: SourceNote | None) -> SourceNote | None:
        if note is None:
            return None
        return replace(
            note,
            title=name(note.title) or "",
            publisher=name(note.publisher),
            url=shorten(note.url, URL_CHARS),
            file_name=name(note.file_name),
        )

    def fact(item: DossierFact) -> DossierFact:
        return replace(
            item,
            label=name(item.label) or "",
            text=long(item.text) or "",
            source=source(item.source),
            unit=name(item.unit),
        )

    def space(item: DossierSpace) -> DossierSpace:
        return replace(
            item,
            label=name(item.label) or "",
            availability=name(item.availability) or "",
            since=name(item.since),
            note=long(item.note),
        )

    def entity(item: DossierEntity) -> DossierEntity:
        return replace(
            item,
            name=name(item.name) or "",
            short_name=name(item.short_name),
            kind=name(item.kind) or "",
            location=name(item.location),
            description=long(item.description) or "",
            why=long(item.why) or "",
            sectors=[name(label) or "" for label in item.sectors],
            tags=[name(label) or "" for label in item.tags],
            space=[space(offer) for offer in item.space],
            facts=[fact(figure) for figure in item.facts],
            note=long(item.note),
            source=source(item.source),
        )

    def section(item: DossierSection) -> DossierSection:
        return replace(
            item,
            title=name(item.title) or "",
            intro=long(item.intro),
            entities=[entity(one) for one in item.entities],
        )

    def evidence(row: EvidenceRow) -> EvidenceRow:
        return replace(
            row,
            requirement=name(row.requirement) or "",
            evidence=[name(item) or "" for item in row.evidence],
            explanation=long(row.explanation),
        )

    def chart(item: DossierChart) -> DossierChart:
        bars = [
            ChartBar(label=name(bar.label) or "", value=bar.value, text=name(bar.text) or "")
            for bar in item.bars
        ]
        return replace(item, title=name(item.title) or "", bars=bars, source=source(item.source))

    return replace(
        data,
        prepared_for=name(data.prepared_for) or "",
        consultant=card(data.consultant),
        summary=[long(point) or "" for point in data.summary],
        sections=[section(one) for one in data.sections],
        key_facts=[fact(one) for one in data.key_facts],
        evidence=[evidence(row) for row in data.evidence],
        charts=[chart(one) for one in data.charts],
        sources=[note for note in map(source, data.sources) if note is not None],
        contacts=[card(one) for one in data.contacts],
        keywords=[name(word) or "" for word in data.keywords],
        subject=name(data.subject) or "",
    )


def card(contact: ContactCard) -> ContactCard:
    """A contact card with each field cut to ``CONTACT_CHARS`` (the address to a few lines)."""
    return ContactCard(
        name=shorten(contact.name, CONTACT_CHARS) or "",
        role=shorten(contact.role, CONTACT_CHARS),
        organisation=shorten(contact.organisation, CONTACT_CHARS),
        phone=shorten(contact.phone, CONTACT_CHARS),
        email=shorten(contact.email, CONTACT_CHARS),
        address=shorten(contact.address, ADDRESS_CHARS),
    )
