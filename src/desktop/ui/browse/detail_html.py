"""The detail pane's content as HTML, built from an :class:`EntityDetail`.

Kept apart from the widget so it can be tested without a window. Every string from the
database passes through ``html.escape``: the data is text, never markup. Links use the
``entity:`` scheme and are handled by the window, never by a browser.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.kb import taxonomy

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import EntityDetail, FactView, SourceRef
from desktop.core.kb.values import freshness
from desktop.ui.base.wording import code_label

ENTITY_SCHEME = "entity"
ACTION_SCHEME = "do"  # edit links: do:<action>/<key>


@dataclass(frozen=True)
class Colours:
    """Palette-derived colours so the pane reads well in light and dark mode."""

    text: str = "#1b1f24"
    muted: str = "#5f6b7a"
    link: str = "#0b5cad"
    chip: str = "#e6eef7"
    chip_text: str = "#123c66"
    tag: str = "#eceff3"
    warning: str = "#b3261e"
    caution: str = "#8a5a00"
    good: str = "#1e6b37"


LIGHT = Colours()
DARK = Colours(
    text="#e6e9ee",
    muted="#a3adba",
    link="#7ab8ff",
    chip="#23405f",
    chip_text="#d6e7fa",
    tag="#343a42",
    warning="#ff8a80",
    caution="#f2c46d",
    good="#7fd69b",
)

AVAILABILITY_COLOUR = {"available": "good", "planned": "caution", "under-construction": "caution"}


def entity_link(slug: str) -> str:
    return f"{ENTITY_SCHEME}:{slug}"


def render_detail(
    detail: EntityDetail,
    *,
    today: date,
    colours: Colours = Colours(),
    tag_labels: dict[str, str] | None = None,
    stale_after_months: int = 24,
    editable: bool = False,
    notice: str | None = None,
) -> str:
    """The pane's HTML; with ``editable`` small edit/add/remove links (``do:`` URLs) appear.

    ``notice`` is a line shown above the name (plain text), e.g. that the entity is not among
    the current results."""
    e = html.escape

    def link(action: str, key: str = "", text: str = "edit") -> str:
        if not editable:
            return ""
        href = f"{ACTION_SCHEME}:{action}/{e(key, quote=True)}"
        return (
            "&nbsp;&nbsp;<span style='font-size:8.5pt; font-weight:normal'>"
            f"<a href='{href}'>{text}</a></span>"
        )

    labels = tag_labels or {}
    parts = [_style(colours)]
    if notice:
        parts.append(f"<p class='notice'>{e(notice)}</p>")
    title = e(detail.name) + (
        f" <span class='muted'>({e(detail.short_name)})</span>" if detail.short_name else ""
    )
    parts.append(f"<h1>{title}</h1>")
    meta = [e(taxonomy.KINDS[detail.kind].en if detail.kind in taxonomy.KINDS else detail.kind)]
    if detail.location:
        meta.append(e(detail.location))
    if detail.founded_year:
        meta.append(f"founded {detail.founded_year}")
    if detail.website:
        meta.append(f"<a href='{e(detail.website, quote=True)}'>{e(detail.website)}</a>")
    parts.append(f"<p class='muted'>{' · '.join(meta)}</p>")

    chips = [
        f"<span class='chip'>&nbsp;{_nowrap(taxonomy.SECTORS[code].en)}&nbsp;</span>"
        for code in detail.sectors
        if code in taxonomy.SECTORS
    ]
    chips += [
        f"<span class='tag'>&nbsp;{_nowrap(labels.get(code) or code_label(code))}&nbsp;</span>"
        for code in detail.tags
    ]
    if chips:
        parts.append("<p>" + " ".join(chips) + "</p>")
    if detail.description:
        parts.append("<p>" + e(detail.description).replace("\n", "<br>") + "</p>")
    parts.append(
        f"<p class='small muted'>{_verification(detail)} · {_source_line(detail.source, None)}</p>"
    )

    if detail.space or (editable and detail.kind == "site-or-facility"):
        parts.append(f"<h2>Space offered{link('set-space', '', '+ add')}</h2>")
        parts.append("<table cellspacing='0' cellpadding='3'>")
        for space in detail.space:
            colour = getattr(colours, AVAILABILITY_COLOUR.get(space.availability, "muted"))
            availability = taxonomy.AVAILABILITY.get(space.availability)
            since = f" from {e(space.since)}" if space.since else ""
            status = availability.en if availability else space.availability
            parts.append(
                f"<tr><td><b>{e(space.label)}</b></td>"
                f"<td style='color:{colour}'>{e(status)}{since}</td>"
                f"<td class='muted'>{e(space.note or '')}</td>"
                f"<td>{link('set-space', space.space_type)}"
                f"{link('remove-space', space.space_type, 'remove')}</td></tr>"
            )
        parts.append("</table>")

    if detail.facts or editable:
        parts.append(f"<h2>Key figures{link('edit-fact', '', '+ add')}</h2>")
        for fact in detail.facts:
            actions = link("edit-fact", fact.key) + link("delete-fact", fact.key, "delete")
            parts.append(_fact_html(fact, today, stale_after_months, actions))

    contact_html = _contacts_html(detail, link("edit-contact", "", "edit"))
    if contact_html:
        parts.append(contact_html)
    elif editable and detail.kind == "person":
        parts.append(f"<h2>Contact details{link('edit-contact', '', '+ add')}</h2>")

    if detail.relations or editable:
        parts.append(f"<h2>Related{link('add-relation', '', '+ add')}</h2><ul>")
        for relation in detail.relations:
            note = (
                f"<br><span class='small muted'>{e(relation.note)}</span>" if relation.note else ""
            )
            key = f"{relation.direction}:{relation.relation_type}:{relation.slug}"
            parts.append(
                f"<li>{e(relation.label.capitalize())} "
                f"<a href='{entity_link(relation.slug)}'>{e(relation.name)}</a>"
                f"{link('remove-relation', key, 'remove')}{note}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def _style(colours: Colours) -> str:
    return (
        "<style>"
        f"body {{ color: {colours.text}; }}"
        "h1 { font-size: 17pt; font-weight: 600; margin-bottom: 2px; }"
        "h2 { font-size: 11.5pt; font-weight: 600; margin-top: 16px; margin-bottom: 4px; }"
        f".muted {{ color: {colours.muted}; }}"
        ".small { font-size: 9pt; }"
        f"a {{ color: {colours.link}; text-decoration: none; }}"
        f".chip {{ background-color: {colours.chip}; color: {colours.chip_text}; }}"
        f".tag {{ background-color: {colours.tag}; color: {colours.text}; }}"
        f".stale {{ color: {colours.warning}; font-weight: 600; }}"
        f".undated {{ color: {colours.caution}; }}"
        f".public {{ color: {colours.good}; font-weight: 600; }}"
        ".action { font-size: 9pt; font-weight: normal; }"
        f".internal {{ color: {colours.warning}; font-weight: 600; }}"
        f".notice {{ color: {colours.caution}; font-size: 9pt; }}"
        "</style>"
    )


def _verification(detail: EntityDetail) -> str:
    return f"Verified {html.escape(detail.verified_on)}" if detail.verified_on else "Never verified"


def _source_line(source: SourceRef | None, as_of: str | None) -> str:
    if source is None:
        return "Source unknown"
    text = "Source: " + html.escape(source.title)
    if source.publisher:
        text += ", " + html.escape(source.publisher)
    if source.published:
        text += f", published {html.escape(source.published)}"
    elif source.accessed_on:
        text += f", accessed {html.escape(source.accessed_on)}"
    return text


def _fact_html(fact: FactView, today: date, stale_after_months: int, actions: str = "") -> str:
    e = html.escape
    status = freshness(fact.as_of, today=today, stale_after_months=stale_after_months)
    if status == "stale":
        dated = (
            f"<span class='stale'>as of {e(fact.as_of or '')}"
            f" — older than {stale_after_months} months</span>"
        )
    elif status == "undated":
        dated = "<span class='undated'>undated in source</span>"
    else:
        dated = f"as of {e(fact.as_of or '')}"
    return (
        f"<p><b>{e(fact.text)}</b> — {e(fact.label)}{actions}<br>"
        f"<span class='small muted'>{dated} · {_source_line(fact.source, fact.as_of)}</span></p>"
    )


def _contacts_html(detail: EntityDetail, edit_link: str = "") -> str:
    e = html.escape
    parts: list[str] = []
    if detail.contact is not None:
        contact = detail.contact
        parts.append(f"<h2>Contact details{edit_link}</h2>")
        parts.append(_shareable(contact.public))
        rows = [
            ("Role", e(contact.role or "")),
            (
                "Organisation",
                _organisation_link(contact.organisation_slug, contact.organisation_name),
            ),
            ("Phone", _nowrap(contact.phone or "")),
            ("E-mail", e(contact.email or "")),
        ]
        parts.append("<table cellpadding='2'>")
        parts += [f"<tr><td class='muted'>{k}</td><td>{v}</td></tr>" for k, v in rows if v]
        parts.append("</table>")
    if detail.contacts:
        parts.append("<h2>Contacts</h2>")
        for person in detail.contacts:
            contact = person.contact
            reach = " · ".join(
                _nowrap(v) for v in (contact.role, contact.phone, contact.email) if v
            )
            parts.append(
                f"<p><a href='{entity_link(person.slug)}'>{e(person.name)}</a>"
                f"{' — ' + reach if reach else ''}<br>{_shareable(contact.public, inline=True)}</p>"
            )
    return "".join(parts)


def _shareable(public: bool, *, inline: bool = False) -> str:
    if public:
        text = "<span class='public'>Shareable</span> — published contact, may go into a dossier"
    else:
        text = "<span class='internal'>Internal only</span> — never exported to a dossier"
    return f"<span class='small'>{text}</span>" if inline else f"<p class='small'>{text}</p>"


def _nowrap(text: str) -> str:
    """Escaped text whose words stay on one line (chips must not break inside)."""
    return html.escape(text).replace(" ", "&nbsp;")


def _organisation_link(slug: str | None, name: str | None) -> str:
    return f"<a href='{entity_link(slug)}'>{html.escape(name or slug)}</a>" if slug else ""
