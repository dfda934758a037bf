"""The dossier's tables: key figures, requirement → evidence matrix, space on offer.

All share one look (tinted header row repeated after a page break, hairlines between rows, no
vertical rules) and split cleanly between rows. Every cell is an escaped Paragraph.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table

from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import Kit
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierFact, DossierSpace, EvidenceRow
from desktop.dossier.layout.linebreaks import Paragraph
from desktop.dossier.layout.prose import paragraphs


def _cell(value: str | None, kit: Kit, style: str = "table") -> Any:
    """One paragraph, or several for a long text (see ``prose``); a dash when empty."""
    if not value:
        return Paragraph("—", kit.style(style))
    parts = paragraphs(value, kit.style(style))
    return parts[0] if len(parts) == 1 else parts


def _head(labels: list[str], kit: Kit) -> list[Paragraph]:
    return [Paragraph(markup.text(label), kit.style("table_head")) for label in labels]


def _table(rows: list[list[Any]], widths: list[float], kit: Kit) -> Table:
    c = kit.colours
    # splitInRow: a row taller than a page (a requirement with dozens of entities) splits
    # instead of failing the whole export with a LayoutError.
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        kit.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), c.primary_tint),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, c.primary),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, c.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def key_figures_table(facts: list[DossierFact], kit: Kit, width: float) -> Table:
    """Figure | value | as of | source — one row per cluster-wide figure."""
    language = kit.language
    rows = [
        _head(
            [
                i18n.label(k, language)
                for k in ("col_figure", "col_value", "col_as_of", "col_source")
            ],
            kit,
        )
    ]
    for fact in facts:
        dated = (
            _cell(i18n.format_partial_date(fact.as_of, language), kit)
            if fact.as_of
            else Paragraph(markup.text(i18n.label("undated", language)), kit.style("source"))
        )
        source = i18n.source_text(fact.source, language)
        if not fact.as_of and fact.source is not None and fact.source.accessed_on:
            accessed = i18n.format_partial_date(fact.source.accessed_on, language)
            source += f" ({i18n.label('accessed', language)} {accessed})"
        rows.append(
            [
                _cell(fact.label, kit),
                _cell(fact.text, kit, "table_bold"),
                dated,
                Paragraph(markup.text(source), kit.style("source")),
            ]
        )
    return _table(rows, [width * share for share in (0.34, 0.24, 0.13, 0.29)], kit)


def evidence_table(evidence: list[EvidenceRow], kit: Kit, width: float) -> Table:
    """Requirement | evidence | how — a row without evidence says so, in the warning colour."""
    language = kit.language
    rows = [
        _head(
            [i18n.label(k, language) for k in ("col_requirement", "col_evidence", "col_how")], kit
        )
    ]
    missing: list[int] = []
    for index, row in enumerate(evidence, start=1):
        if row.evidence:
            found: Any = [
                Paragraph(markup.text(name), kit.style("table_item"), bulletText="–")
                for name in row.evidence
            ]
        else:
            found = Paragraph(
                markup.text(i18n.label("no_evidence", language)), kit.style("table_warning")
            )
            missing.append(index)
        rows.append([_cell(row.requirement, kit, "table_bold"), found, _cell(row.explanation, kit)])
    table = _table(rows, [width * share for share in (0.24, 0.42, 0.34)], kit)
    for index in missing:
        table.setStyle(
            kit.table_style(
                [
                    ("BACKGROUND", (0, index), (-1, index), kit.colours.warning_tint),
                    ("LINEBEFORE", (0, index), (0, index), 2.5, kit.colours.warning),
                ]
            )
        )
    return table


def space_table(space: list[DossierSpace], kit: Kit, width: float) -> Table:
    """Space | availability | since | note, inside an entity card."""
    language = kit.language
    rows = [
        _head(
            [
                i18n.label(k, language)
                for k in ("col_space", "col_availability", "col_since", "col_note")
            ],
            kit,
        )
    ]
    for item in space:
        since = i18n.format_partial_date(item.since, language) if item.since else None
        rows.append(
            [
                _cell(item.label, kit, "table_bold"),
                _cell(item.availability, kit),
                _cell(since, kit),
                _cell(item.note, kit),
            ]
        )
    return _table(rows, [width * share for share in (0.30, 0.22, 0.16, 0.32)], kit)
