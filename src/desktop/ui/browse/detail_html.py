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

from PySide6.QtCore import QCoreApplication

from desktop.core.kb import taxonomy

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import EntityDetail, FactView, SourceRef
from desktop.core.kb.values import freshness
from desktop.ui.base.formats import shown_iso_date as shown_date
from desktop.ui.base.translation import current_language
from desktop.ui.base.wording import code_label

translate = QCoreApplication.translate  # lupdate finds translate("DetailPane", "…") calls

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
    language = current_language()
    edit, add = translate("DetailPane", "edit"), translate("DetailPane", "+ add")
    remove = translate("DetailPane", "remove")

    def link(action: str, key: str = "", text: str = edit) -> str:
        if not editable:
            return ""
        href = f"{ACTION_SCHEME}:{action}/{e(key, quote=True)}"
        return (
            "&nbsp;&nbsp;<span style='font-size:8.5pt; font-weight:normal'>"
            f"<a href='{href}' style='font-size:8.5pt; font-weight:normal'>"
            f"{_nowrap(text)}</a></span>"
        )

    labels = tag_labels or {}
    parts = [_style(colours)]
    if notice:
        parts.append(f"<p class='notice'>{e(notice)}</p>")
    title = e(detail.name) + (
        f" <span class='muted'>({e(detail.short_name)})</span>" if detail.short_name else ""
    )
    parts.append(f"<h1>{title}</h1>")
    kind = taxonomy.KINDS.get(detail.kind)
    meta = [e(kind.label(language) if kind else detail.kind)]
    # a translation written for an earlier English is shown (usually still right), marked
    older = e(translate("DetailPane", "older than the English"))
    outdated = f" <span class='outdated'>({older})</span>"
    if detail.location:
        meta.append(e(detail.location) + (outdated if "location" in detail.outdated else ""))
    if detail.founded_year:
        founded = translate("DetailPane", "founded {year}").format(year=detail.founded_year)
        meta.append(e(founded))
    if detail.website:
        meta.append(f"<a href='{e(detail.website, quote=True)}'>{e(detail.website)}</a>")
    parts.append(f"<p class='muted'>{' · '.join(meta)}</p>")

    chips = [
        f"<span class='chip'>&nbsp;{_nowrap(taxonomy.SECTORS[code].label(language))}&nbsp;</span>"
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
        marked = outdated if "description" in detail.outdated else ""
        parts.append("<p>" + e(detail.description).replace("\n", "<br>") + marked + "</p>")
    parts.append(
        f"<p class='small muted'>{_verification(detail)} · {_source_line(detail.source, None)}</p>"
    )

    if detail.space or (editable and detail.kind == "site-or-facility"):
        heading = e(translate("DetailPane", "Space offered"))
        parts.append(f"<h2>{heading}{link('set-space', '', add)}</h2>")
        parts.append("<table cellspacing='0' cellpadding='3'>")
        for space in detail.space:
            colour = getattr(colours, AVAILABILITY_COLOUR.get(space.availability, "muted"))
            availability = taxonomy.AVAILABILITY.get(space.availability)
            status = availability.label(language) if availability else space.availability
            if space.since:
                status = translate("DetailPane", "{availability} from {date}").format(
                    availability=status, date=shown_date(space.since)
                )
            space_type = taxonomy.SPACE_TYPES.get(space.space_type)
            label = space_type.label(language) if space_type else space.label
            parts.append(
                f"<tr><td><b>{e(label)}</b></td>"
                f"<td style='color:{colour}'>{e(status)}</td>"
                f"<td><span class='muted'>{e(space.note or '')}</span>"  # links flow after
                f"{link('set-space', space.space_type)}"
                f"{link('remove-space', space.space_type, remove)}</td></tr>"
            )
        parts.append("</table>")

    if detail.facts or editable:
        heading = e(translate("DetailPane", "Key figures"))
        parts.append(f"<h2>{heading}{link('edit-fact', '', add)}</h2>")
        delete = translate("DetailPane", "delete")
        for fact in detail.facts:
            actions = link("edit-fact", fact.key) + link("delete-fact", fact.key, delete)
            parts.append(_fact_html(fact, today, stale_after_months, actions))

    contact_html = _contacts_html(detail, link("edit-contact", "", edit))
    if contact_html:
        parts.append(contact_html)
    elif editable and detail.kind == "person":
        heading = e(translate("DetailPane", "Contact details"))
        parts.append(f"<h2>{heading}{link('edit-contact', '', add)}</h2>")

    if detail.relations or editable:
        heading = e(translate("DetailPane", "Related"))
        parts.append(f"<h2>{heading}{link('add-relation', '', add)}</h2><ul>")
        for relation in detail.relations:
            note = (
                f"<br><span class='small muted'>{e(relation.note)}</span>" if relation.note else ""
            )
            key = f"{relation.direction}:{relation.relation_type}:{relation.slug}"
            label = relation.label_in(language)
            parts.append(
                f"<li>{e(label[:1].upper() + label[1:])} "
                f"<a href='{entity_link(relation.slug)}'>{e(relation.name)}</a>"
                f"{link('remove-relation', key, remove)}{note}</li>"
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
        f".outdated {{ color: {colours.caution}; font-size: 9pt; }}"
        "</style>"
    )


def _verification(detail: EntityDetail) -> str:
    if detail.verified_on:
        text = translate("DetailPane", "Verified {date}").format(
            date=shown_date(detail.verified_on)
        )
    else:
        text = translate("DetailPane", "Never verified")
    return html.escape(text)


def _source_line(source: SourceRef | None, as_of: str | None) -> str:
    """Escaped HTML: the source's title and publisher, and when it was published or read."""
    if source is None:
        return html.escape(translate("DetailPane", "Source unknown"))
    named = source.title + (f", {source.publisher}" if source.publisher else "")
    if source.published:
        text = translate("DetailPane", "Source: {source}, published {date}").format(
            source=named, date=shown_date(source.published)
        )
    elif source.accessed_on:
        text = translate("DetailPane", "Source: {source}, accessed {date}").format(
            source=named, date=shown_date(source.accessed_on)
        )
    else:
        text = translate("DetailPane", "Source: {source}").format(source=named)
    return html.escape(text)


def _fact_html(fact: FactView, today: date, stale_after_months: int, actions: str = "") -> str:
    e = html.escape
    status = freshness(fact.as_of, today=today, stale_after_months=stale_after_months)
    as_of = shown_date(fact.as_of or "")
    if status == "stale":
        text = translate(
            "DetailPane", "as of {date} — older than %n months", "", stale_after_months
        ).format(date=as_of)
        dated = f"<span class='stale'>{e(text)}</span>"
    elif status == "undated":
        undated = translate("DetailPane", "undated in source")
        dated = f"<span class='undated'>{e(undated)}</span>"
    else:
        dated = e(translate("DetailPane", "as of {date}").format(date=as_of))
    return (
        f"<p><b>{e(fact.text)}</b> — {e(fact.label)}{actions}<br>"
        f"<span class='small muted'>{dated} · {_source_line(fact.source, fact.as_of)}</span></p>"
    )


def _contacts_html(detail: EntityDetail, edit_link: str = "") -> str:
    e = html.escape
    parts: list[str] = []
    if detail.contact is not None:
        contact = detail.contact
        heading = translate("DetailPane", "Contact details")
        parts.append(f"<h2>{e(heading)}{edit_link}</h2>")
        parts.append(_shareable(contact.public))
        rows = [
            (translate("DetailPane", "Role"), e(contact.role or "")),
            (
                translate("DetailPane", "Organisation"),
                _organisation_link(contact.organisation_slug, contact.organisation_name),
            ),
            (translate("DetailPane", "Phone"), _nowrap(contact.phone or "")),
            (translate("DetailPane", "E-mail"), e(contact.email or "")),
        ]
        parts.append("<table cellpadding='2'>")
        parts += [f"<tr><td class='muted'>{e(k)}</td><td>{v}</td></tr>" for k, v in rows if v]
        parts.append("</table>")
    if detail.contacts:
        heading = translate("DetailPane", "Contacts")
        parts.append(f"<h2>{e(heading)}</h2>")
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
    e = html.escape
    if public:
        label = translate("DetailPane", "Shareable")
        mark = f"<span class='public'>{e(label)}</span>"
        why = translate("DetailPane", "published contact, may go into a dossier")
    else:
        label = translate("DetailPane", "Internal only")
        mark = f"<span class='internal'>{e(label)}</span>"
        why = translate("DetailPane", "never exported to a dossier")
    text = f"{mark} — {e(why)}"
    return f"<span class='small'>{text}</span>" if inline else f"<p class='small'>{text}</p>"


def _nowrap(text: str) -> str:
    """Escaped text whose words stay on one line (chips must not break inside)."""
    return html.escape(text).replace(" ", "&nbsp;")


def _organisation_link(slug: str | None, name: str | None) -> str:
    return f"<a href='{entity_link(slug)}'>{html.escape(name or slug)}</a>" if slug else ""
