"""The dossier's content in the two shapes it is measured against (bench/export.py).

:func:`blocks` reads a ``DossierData`` into plain blocks — headings, paragraphs (the description
cut into the same pieces the dossier prints), facts, tables, lists, page breaks — in the
dossier's order. From the same blocks:

* :func:`floor_story` is the bare-platypus floor: ReportLab's sample styles, stock Paragraphs
  and Tables, built once with ``SimpleDocTemplate`` — no contents, no page furniture, no
  cards kept together, no custom fonts;
* :func:`html_of` is simple HTML/CSS for WeasyPrint: the bundled DejaVu fonts, a header and
  "Page X of Y" footer, a table of contents with page numbers (``target-counter``) — what the
  dossier prints, without its artwork (cover art, QR code, chart bars as a table).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from desktop.dossier.brand import markup
from desktop.dossier.content import i18n
from desktop.dossier.content.model import DossierData, DossierEntity
from desktop.dossier.layout import bounds

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
SPACE_COLUMNS = ("col_space", "col_availability", "col_since", "col_note")


@dataclass(frozen=True)
class Block:
    kind: str  # title, h1, h2, p, meta, fact, table, bullets, break
    text: str = ""
    key: str = ""  # a heading's destination (h1, h2)
    lead: str = ""  # a fact's label
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows (the first is the header); bullets


def blocks(data: DossierData) -> list[Block]:
    """The dossier's content, in its order, as plain text blocks."""
    language = data.language

    def label(key: str) -> str:
        return i18n.label(key, language)

    out = [
        Block("title", i18n.title(data.template, language)),
        Block("p", f"{label('prepared_for')} {data.prepared_for}"),
        Block("p", i18n.format_date(data.prepared_on, language)),
        Block("p", ", ".join(filter(None, [data.consultant.name, data.consultant.role]))),
        Block("break"),
    ]
    if data.summary:
        out += [Block("h1", label("executive_summary"), "summary"), _bullets(data.summary)]
    out.append(Block("contents", label("contents")))
    for s_index, section in enumerate(data.sections, start=1):
        out.append(Block("h1", section.title, f"sec-{s_index}"))
        if section.intro:
            out.append(Block("p", section.intro))
        for e_index, entity in enumerate(section.entities, start=1):
            out += _card(entity, f"sec-{s_index}-ent-{e_index}", language)
    if data.key_facts:
        out.append(Block("h1", label("key_figures"), "key-figures"))
        head = tuple(label(k) for k in ("col_figure", "col_value", "col_as_of", "col_source"))
        rows = [
            (f.label, f.text, i18n.dating_text(f.as_of, f.source, language), _source(f, language))
            for f in data.key_facts
        ]
        out.append(Block("table", rows=(head, *rows)))
    for chart in data.charts:
        rows = tuple((bar.label, bar.text) for bar in chart.bars)
        out += [Block("meta", chart.title), Block("table", rows=(("", ""), *rows))]
    if data.evidence:
        out.append(Block("h1", label("requirements_evidence"), "evidence"))
        head = (label("col_requirement"), label("col_evidence"), label("col_how"))
        missing = label("no_evidence")
        rows = [
            (row.requirement, "\n".join(row.evidence) or missing, row.explanation or "")
            for row in data.evidence
        ]
        out.append(Block("table", rows=(head, *rows)))
    if data.sources:
        out.append(Block("h1", label("sources"), "sources"))
        lines = [
            f"{source.title}\n{i18n.source_details(source, language)}" for source in data.sources
        ]
        out.append(Block("bullets", rows=tuple((line,) for line in lines)))
    out += [Block("break"), Block("h1", label("your_contact"), "contact")]
    for card in [data.consultant, *data.contacts]:
        parts = [card.role, card.organisation, card.phone, card.email, card.address]
        out += [Block("h2", card.name), Block("p", "\n".join(p for p in parts if p))]
    return out


def _bullets(points: list[str]) -> Block:
    return Block("bullets", rows=tuple((point,) for point in points))


def _source(fact, language: str) -> str:
    return i18n.source_text(fact.source, language)


def _card(entity: DossierEntity, key: str, language: str) -> list[Block]:
    name = entity.name + (f" ({entity.short_name})" if entity.short_name else "")
    meta = " · ".join(p for p in [entity.kind, entity.location, ", ".join(entity.sectors)] if p)
    out = [Block("h2", name, key), Block("meta", meta)]
    if entity.why:
        out.append(Block("p", entity.why))
    out += [Block("p", piece) for piece, _ in bounds.blocks(markup.clean(entity.description))]
    if entity.source is not None:
        source = i18n.source_text(entity.source, language)
        out.append(Block("meta", f"{i18n.label('source', language)}: {source}"))
    if entity.tags:
        out.append(Block("meta", " · ".join(entity.tags)))
    if entity.space:
        head = tuple(i18n.label(k, language) for k in SPACE_COLUMNS)
        rows = [(s.label, s.availability, s.since or "", s.note or "") for s in entity.space]
        out.append(Block("table", rows=(head, *rows)))
    for fact in entity.facts:
        out.append(Block("fact", fact.text, lead=fact.label))
        out.append(Block("meta", i18n.fact_source_line(fact.source, fact.as_of, language)))
    if entity.note:
        out.append(Block("p", entity.note))
    return out


# --- the bare-platypus floor ---------------------------------------------------------------


def floor_story(content: list[Block]) -> list:
    """Stock platypus flowables for ``content``: sample styles, no contents, one build."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, Table

    styles = getSampleStyleSheet()

    def para(text: str, style: str = "BodyText") -> Paragraph:
        return Paragraph(markup.text(text).replace("\n", "<br/>"), styles[style])

    story: list = []
    for block in content:
        if block.kind == "title":
            story.append(para(block.text, "Title"))
        elif block.kind in ("h1", "h2"):
            story.append(para(block.text, "Heading1" if block.kind == "h1" else "Heading2"))
        elif block.kind == "p":
            story.append(para(block.text))
        elif block.kind == "meta":
            story.append(para(block.text, "Italic"))
        elif block.kind == "fact":
            story.append(Paragraph(f"<b>{markup.text(block.lead)}</b> — {markup.text(block.text)}"))
        elif block.kind == "table":
            rows = [[para(cell) for cell in row] for row in block.rows]
            story.append(Table(rows, repeatRows=1))
        elif block.kind == "bullets":
            story += [para(row[0], "Bullet") for row in block.rows]
        elif block.kind == "break":
            story.append(PageBreak())
    return story


# --- simple HTML/CSS for WeasyPrint --------------------------------------------------------

_CSS = """
@font-face {{ font-family: DejaVu; src: url("{regular}"); }}
@font-face {{ font-family: DejaVu; font-weight: bold; src: url("{bold}"); }}
@page {{
  size: A4; margin: 22mm 18mm 24mm 18mm;
  @top-left {{ content: "{brand}"; font: bold 7.5pt DejaVu; color: #0B4F5C; }}
  @top-right {{ content: {page_of}; font: 7.5pt DejaVu; color: #666; }}
  @bottom-right {{ content: "{prepared}"; font: 7pt DejaVu; color: #666; }}
}}
body {{ font: 9.5pt/1.45 DejaVu; color: #1d2b33; }}
h1.title {{ font-size: 30pt; color: #0B4F5C; margin-top: 60mm; }}
h1 {{ font-size: 17pt; color: #0B4F5C; border-top: 2.6pt solid #E07B24; padding-top: 6pt;
      page-break-after: avoid; }}
h2 {{ font-size: 11.5pt; border-left: 3pt solid #0B4F5C; padding-left: 8pt; margin-bottom: 2pt;
      page-break-after: avoid; }}
.meta {{ font-size: 7.5pt; color: #666; margin: 1pt 0; }}
p {{ margin: 0 0 3pt 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8pt; margin: 4pt 0; }}
th, td {{ border-bottom: 0.5pt solid #ccc; padding: 2pt 4pt; text-align: left;
          vertical-align: top; white-space: pre-line; }}
thead {{ background: #E6F0F2; }}
ul {{ padding-left: 12pt; }} li {{ white-space: pre-line; }}
.break {{ page-break-after: always; }}
.toc a {{ color: inherit; text-decoration: none; }}
.toc a::after {{ content: target-counter(attr(href), page); float: right; }}
.toc .l1 {{ padding-left: 10pt; font-size: 8pt; }}
"""


def html_of(data: DossierData, content: list[Block]) -> str:
    """``content`` as one HTML document with its stylesheet."""
    language = data.language
    css = _CSS.format(
        regular=(FONTS / "DejaVuSans.ttf").as_uri(),
        bold=(FONTS / "DejaVuSans-Bold.ttf").as_uri(),
        brand="Life Sciences Leipzig — Investor Services",
        page_of=_page_of(language),
        prepared=_css_text(f"{i18n.label('prepared_for', language)} {data.prepared_for}"),
    )
    body: list[str] = []
    headings = [b for b in content if b.kind in ("h1", "h2") and b.key and b.key != "contact"]
    for block in content:
        text = html.escape(block.text)
        if block.kind == "title":
            body.append(f'<h1 class="title">{text}</h1>')
        elif block.kind == "contents":
            body.append(f"<h1>{text}</h1>")
            body.append('<div class="toc">')
            for heading in headings:
                level = "l0" if heading.kind == "h1" else "l1"
                body.append(
                    f'<div class="{level}"><a href="#{heading.key}">'
                    f"{html.escape(heading.text)}</a></div>"
                )
            body.append('</div><div class="break"></div>')
        elif block.kind in ("h1", "h2"):
            anchor = f' id="{block.key}"' if block.key else ""
            body.append(f"<{block.kind}{anchor}>{text}</{block.kind}>")
        elif block.kind == "p":
            body.append(f"<p>{text}</p>".replace("\n", "<br>"))
        elif block.kind == "meta":
            body.append(f'<p class="meta">{text}</p>')
        elif block.kind == "fact":
            body.append(f"<p><b>{html.escape(block.lead)}</b> — {text}</p>")
        elif block.kind == "table":
            head, *rows = block.rows
            cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
            lines = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                for row in rows
            )
            body.append(f"<table><thead><tr>{cells}</tr></thead><tbody>{lines}</tbody></table>")
        elif block.kind == "bullets":
            items = "".join(f"<li>{html.escape(row[0])}</li>" for row in block.rows)
            body.append(f"<ul>{items}</ul>")
        elif block.kind == "break":
            body.append('<div class="break"></div>')
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(i18n.title(data.template, language))}</title>"
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>"
    )


def _page_of(language: str) -> str:
    """The catalogue's "Page {page} of {total}" as CSS content with page counters."""
    pattern = i18n.label("page_of", language, page="\0", total="\1")
    before, rest = pattern.split("\0")
    middle, after = rest.split("\1")
    parts = [f'"{_css_text(before)}"', "counter(page)", f'"{_css_text(middle)}"', "counter(pages)"]
    return " ".join([*parts, f'"{_css_text(after)}"'])


def _css_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
