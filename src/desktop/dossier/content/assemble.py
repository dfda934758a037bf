"""From a selection (a brief, or a profile's default picks) to the dossier's content.

Confidentiality is enforced here, before anything reaches the renderer: the investor is named
by ``prepared_for`` only (the code name when the consultant chose it), internal notes are never
read, and contacts appear only when ``public``. The pre-export check (stale or undated figures,
never-verified entities, no named contact, requirements without evidence) is computed from the
same data, so what the consultant is warned about is exactly what would be printed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from desktop.core.kb import catalogue, taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.kb.catalogue import FactView, SourceRef
from desktop.core.kb.models import Contact, Entity
from desktop.core.language.catalogues import word
from desktop.core.suggestions.matching import SECTIONS, EntitySuggestion, Interest, Suggestions
from desktop.dossier.content import i18n
from desktop.dossier.content.checks import Finding, findings, snapshot
from desktop.dossier.content.localise import Localiser
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
from desktop.dossier.content.records import printed_details


@dataclass(frozen=True)
class SelectedEntity:
    entity_id: int
    note: str | None = None


@dataclass(frozen=True)
class Selection:
    """What goes into one dossier, in order; built from a brief or from a profile."""

    prepared_for: str
    template: str
    language: str
    consultant: ContactCard
    interest: Interest
    sections: list[tuple[str, list[SelectedEntity]]]
    facts: list[tuple[int, str | None]] = field(default_factory=list)  # (fact id, note)


@dataclass(frozen=True)
class Assembled:
    data: DossierData
    findings: list[Finding]
    snapshot: dict[str, Any]  # for the sent register


def default_selection(
    suggestions: Suggestions,
    *,
    prepared_for: str,
    template: str,
    language: str,
    consultant: ContactCard,
    interest: Interest,
    limit: int = 12,
) -> Selection:
    """The picks a new brief would start with: the shortlist (at most ``limit``), the
    investor's contacts and the topical figures."""
    by_section: dict[str, list[SelectedEntity]] = defaultdict(list)
    shortlist = [s for s in suggestions.substance if s.shortlisted][:limit]
    for suggestion in shortlist + suggestions.contacts:
        by_section[suggestion.section].append(SelectedEntity(suggestion.entity_id))
    return Selection(
        prepared_for=prepared_for,
        template=template,
        language=language,
        consultant=consultant,
        interest=interest,
        sections=[(key, by_section[key]) for key in SECTIONS if by_section.get(key)],
        facts=[(fact.fact_id, None) for fact in suggestions.facts if fact.topics],
    )


def assemble(
    session: Session,
    selection: Selection,
    suggestions: Suggestions,
    *,
    today: date,
    stale_after_months: int = 24,
) -> Assembled:
    language = selection.language
    tag_labels = catalogue.tag_labels(session, language)
    matched = {s.entity_id: s for s in suggestions.entities}
    included_ids = [item.entity_id for _, items in selection.sections for item in items]
    facts = catalogue.list_facts(session)  # once, for the cards and the key figures alike
    printed = printed_details(session, included_ids, facts)
    localise = Localiser(language)
    details = {eid: localise.detail(printed[eid]) for eid in included_ids if eid in printed}
    sources: dict[str, SourceNote] = {}
    shown_facts: list[FactView] = []

    sections = []
    for key, items in selection.sections:
        cards = []
        for item in items:
            detail = details.get(item.entity_id)
            if detail is None:
                continue
            shown_facts += detail.facts
            cards.append(
                _card(detail, matched.get(item.entity_id), item.note, language, tag_labels, sources)
            )
        if cards:
            term = SECTIONS[key]
            sections.append(DossierSection(key, term.label(language), None, cards))

    if selection.template == "onepager" and sections:
        # one page has room for a few names only: the best matches first, whatever their theme
        cards = [card for section in sections for card in section.entities]
        score = {d.slug: matched[eid].score for eid, d in details.items() if eid in matched}
        cards.sort(key=lambda card: -score.get(card.slug, 0.0))
        title = i18n.label("selected_partners", language)
        sections = [DossierSection("selected", title, None, cards)]

    in_cards = {fact.key for fact in shown_facts}
    wanted = {fact_id for fact_id, _ in selection.facts}
    all_facts = {fact.fact_id: localise.fact(fact) for fact in facts if fact.fact_id in wanted}
    key_facts = []
    for fact_id, _note in selection.facts:
        fact = all_facts.get(fact_id)
        if fact is not None and fact.key not in in_cards:
            shown_facts.append(fact)
            key_facts.append(_fact(fact, sources))

    evidence = _evidence(selection, matched, details, shown_facts, language)
    contacts = _public_contacts(session, included_ids)
    data = DossierData(
        template=selection.template,
        language=language,
        prepared_for=selection.prepared_for,
        prepared_on=today,
        consultant=selection.consultant,
        summary=_summary(selection, matched, details, key_facts, language),
        sections=sections,
        key_facts=key_facts,
        evidence=evidence,
        charts=_charts(shown_facts, sources, language),
        sources=list(sources.values()),
        contacts=contacts,
        keywords=[
            *(taxonomy.SECTORS[c].label(language) for c in selection.interest.sectors),
            *(
                prospect_vocab.REQUIREMENTS[c].label(language)
                for c in selection.interest.requirements
            ),
        ],
        subject=i18n.label("location_dossier", language)
        + (
            ": "
            + ", ".join(taxonomy.SECTORS[c].label(language) for c in selection.interest.sectors)
            if selection.interest.sectors
            else ""
        ),
    )
    found = findings(
        data,
        details.values(),
        shown_facts,
        today,
        stale_after_months,
        localise.missing,
        localise.stale,
    )
    return Assembled(data, found, snapshot(details.values(), shown_facts))


# --- parts ------------------------------------------------------------------------------------


def _source(ref: SourceRef | None, sources: dict[str, SourceNote]) -> SourceNote | None:
    if ref is None:
        return None
    if ref.key not in sources:
        sources[ref.key] = SourceNote(
            title=ref.title,
            publisher=ref.publisher,
            published=ref.published,
            accessed_on=ref.accessed_on,
        )
    return sources[ref.key]


def _fact(fact: FactView, sources: dict[str, SourceNote]) -> DossierFact:
    return DossierFact(
        label=fact.label,
        text=fact.text,
        source=_source(fact.source, sources),
        as_of=fact.as_of,
        value=fact.value,
        unit=fact.unit,
    )


def _card(
    detail: catalogue.EntityDetail,
    match: EntitySuggestion | None,
    note: str | None,
    language: str,
    tag_labels: dict[str, str],
    sources: dict[str, SourceNote],
) -> DossierEntity:
    return DossierEntity(
        slug=detail.slug,
        name=detail.name,
        short_name=detail.short_name,
        kind=taxonomy.KINDS[detail.kind].label(language),
        location=detail.location,
        description=detail.description,
        why=match.why(language, tag_labels) if match else "",
        sectors=[taxonomy.SECTORS[c].label(language) for c in detail.sectors],
        tags=[tag_labels.get(code, code) for code in detail.tags],
        space=[
            DossierSpace(
                label=taxonomy.SPACE_TYPES[space.space_type].label(language),
                availability=taxonomy.AVAILABILITY[space.availability].label(language),
                since=space.since,
                note=space.note,
            )
            for space in detail.space
        ],
        facts=[_fact(fact, sources) for fact in detail.facts],
        note=note,
        source=_source(detail.source, sources),
    )


def _evidence(
    selection: Selection,
    matched: dict[int, EntitySuggestion],
    details: dict[int, catalogue.EntityDetail],
    facts: list[FactView],
    language: str,
) -> list[EvidenceRow]:
    from desktop.core.suggestions.matching import RULES

    rows = []
    for code in selection.interest.requirements:
        names = [
            details[eid].name
            for eid in details
            if eid in matched and code in matched[eid].requirements
        ]
        figures = [f"{f.label}: {f.text}" for f in facts if code in f.topics]
        rows.append(
            EvidenceRow(
                requirement=prospect_vocab.REQUIREMENTS[code].label(language),
                evidence=names + figures,
                explanation=word("how", code, language, RULES[code].how)
                if code in RULES and (names or figures)
                else None,
            )
        )
    return rows


def _summary(
    selection: Selection,
    matched: dict[int, EntitySuggestion],
    details: dict[int, catalogue.EntityDetail],
    key_facts: list[DossierFact],
    language: str,
) -> list[str]:
    """Why Leipzig for this investor: each requirement met, by whom; then the lead figures."""
    points = []
    more = i18n.label("and_more", language)
    for code in selection.interest.requirements:
        names = [
            d.name
            for eid, d in details.items()
            if code in getattr(matched.get(eid), "requirements", ())
        ]
        if not names:
            continue
        extra = len(names) - 3
        text = ", ".join(names[:3]) + (f" {more.format(n=extra)}" if extra > 0 else "")
        points.append(f"{prospect_vocab.REQUIREMENTS[code].label(language)}: {text}")
    points += [f"{fact.label}: {fact.text}" for fact in key_facts[:3]]
    return points


def _charts(
    facts: list[FactView], sources: dict[str, SourceNote], language: str
) -> list[DossierChart]:
    groups: dict[str, dict[str, FactView]] = defaultdict(dict)
    for fact in facts:
        if fact.comparable:
            groups[fact.comparable][fact.key] = fact
    charts = []
    for name, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        ordered = sorted(members.values(), key=lambda f: -f.value)
        charts.append(
            DossierChart(
                title=word("comparable", name, language, name.replace("-", " ").capitalize()),
                bars=[ChartBar(f.label, f.value, f.text) for f in ordered],
                source=_source(ordered[0].source, sources),
            )
        )
    return charts


def _public_contacts(session: Session, entity_ids: list[int]) -> list[ContactCard]:
    """Published contacts of the included organisations (never an internal one)."""
    cards = []
    rows = session.exec(
        select(Contact, Entity)
        .join(Entity, col(Entity.id) == col(Contact.entity_id))
        .where(col(Contact.organisation_id).in_(entity_ids), Contact.public == True)  # noqa: E712
        .order_by(Entity.name)
    )
    organisations = {
        e.id: e.name for e in session.exec(select(Entity).where(col(Entity.id).in_(entity_ids)))
    }
    for contact, person in rows:
        cards.append(
            ContactCard(
                name=person.name,
                role=contact.role,
                organisation=organisations.get(contact.organisation_id),
                phone=contact.phone,
                email=contact.email,
            )
        )
    return cards
