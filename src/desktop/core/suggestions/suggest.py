"""Suggestions for an investor from the database: loads candidates, then ranks them.

The ranking itself is pure (:mod:`desktop.core.suggestions.matching`); this module only reads
what it needs: the entities with their sectors, tags, space offers and sourced figures, the
relations between them, the search index's bm25 for the investor's words and keywords (the best
:data:`TEXT_RANKED` of each), and the
consultant's earlier choices (:mod:`desktop.core.suggestions.choices`).

A knowledge base of the cluster's size is scored whole. A large one (a hundred thousand
entities) is first narrowed in SQL to the entities that *can* score: those sharing a sector
with the investor or one next to it, holding a tag or space a rule asks for, found by the
investor's words or keywords, related to another entity, chosen before, or a contact; of those,
the best :data:`PRESELECTED` by an upper bound of their score are ranked. Descriptions are read
only for the entities the search index found, where a reason names the words they mention.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, text
from sqlmodel import Session

from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.kb.catalogue import tag_labels
from desktop.core.kb.values import format_figure
from desktop.core.search.service import relevance, with_synonyms, words_of
from desktop.core.suggestions import choices as earlier_choices
from desktop.core.suggestions.matching import (
    Candidate,
    Context,
    FactCandidate,
    Interest,
    Suggestions,
    fold_text,
    rank,
)
from desktop.core.suggestions.rules import ACTIVITY_RULES, RULES, Rule
from desktop.core.suggestions.scoring import CONTACT_KINDS, CONTACT_SECTOR

TEXT_RANKED = 200  # entities ranked by the investor's words (bm25); the rest get no text points
FULL_SCORING = 5_000  # a knowledge base up to this size is scored whole
PRESELECTED = 1_500  # beyond it, this many best by an upper bound of their score are ranked
CHUNK = 500  # ids per IN (…) list
# Relations through which a company is known without being here: its partner is local, or it
# is the parent of a local firm. A company with only such ties has no site in our sources.
REMOTE_TIES = frozenset(
    {("subject", "cooperates-with"), ("subject", "partner-of"), ("object", "part-of")}
)


def suggest(
    session: Session, interest: Interest, *, learn: bool = True, explain: Collection[int] = ()
) -> Suggestions:
    """The ranked suggestions for ``interest``; ``learn`` lets earlier briefs of a similar
    profile weigh in (off for evaluation against the expert set); ``explain`` scores these
    entities even when they earn nothing (for "why not")."""
    connection = session.connection()
    labels = tag_labels(session)
    relations = [
        (subject, relation, obj)
        for subject, relation, obj in _rows(
            connection, "SELECT subject_id, relation_type, object_id FROM relation"
        )
    ]
    phrases = investor_words(interest)
    # the investor's labels in every language, against the records' own texts: a sector's
    # German label is already in the index's sector column, so German translations would
    # count the same field twice (a keyword, typed by the consultant, may match any language)
    found_by_words = relevance(connection, phrases, limit=TEXT_RANKED, translations=False)
    keyword_hits = {
        word: frozenset(relevance(connection, [word], limit=TEXT_RANKED, every_word=True))
        for word in interest.keywords
    }
    found_by_keywords = {entity_id for hits in keyword_hits.values() for entity_id in hits}
    choices = earlier_choices.choices_for(session, interest) if learn else {}
    readable = {*found_by_words, *found_by_keywords}
    must = {*readable, *choices, *explain, *(i for s, _r, o in relations for i in (s, o))}
    context = Context(
        relations=tuple(relations),
        text=found_by_words,
        # the keywords have their own part ("mentions CAR-T"), so not "about car"
        text_words=with_synonyms(
            [word for word in words_of(phrases) if word not in words_of(interest.keywords)]
        ),
        choices=choices,
        tag_labels=labels,
        keyword_hits=keyword_hits,
    )
    ids = _candidate_ids(connection, interest, must)
    return rank(
        interest,
        load_candidates(connection, ids, labels, relations, readable=readable),
        load_fact_candidates(connection),
        context=context,
        explain=explain,
    )


def investor_words(interest: Interest) -> list[str]:
    """What the investor is about, in every language we hold: sector and requirement labels
    and their keywords (activities are too general to tell entities apart)."""
    words = list(interest.keywords)
    for code in interest.sectors:
        if code in taxonomy.SECTORS:
            words += taxonomy.SECTORS[code].labels().values()
    for code in interest.requirements:
        if code in prospect_vocab.REQUIREMENTS:
            term = prospect_vocab.REQUIREMENTS[code]
            words += term.labels().values()
    return list(dict.fromkeys(words))


# --- which entities to score ----------------------------------------------------------------------


def _rules(interest: Interest) -> list[Rule]:
    wanted = [RULES[c] for c in interest.requirements if c in RULES]
    wanted += [ACTIVITY_RULES[c] for c in interest.activities if c in ACTIVITY_RULES]
    return [way for rule in wanted for way in (rule, *rule.also)]


def _candidate_ids(connection: Any, interest: Interest, must: set[int]) -> set[int] | None:
    """The entities worth scoring, or None for all of them (a base of the cluster's size)."""
    total = _rows(connection, "SELECT count(*) FROM entity")[0][0]
    if total <= FULL_SCORING:
        return None
    rules = _rules(interest)
    fields = set(interest.sectors)
    near = taxonomy.neighbours(fields)
    rule_sectors = {code for rule in rules for code in rule.sectors} | {CONTACT_SECTOR}
    tags = {code for rule in rules for code in rule.tags}
    space = {code for rule in rules for code in rule.space}
    kinds = {kind for rule in rules if not rule.sectors and not rule.tags for kind in rule.kinds}
    bound: Counter[int] = Counter()
    for entity_id, sector in _in(
        connection,
        "SELECT entity_id, sector_code FROM entity_sector WHERE sector_code IN :codes",
        {*fields, *near, *rule_sectors},
    ):
        bound[entity_id] += 4 if sector in fields else 3 if sector in rule_sectors else 1
    contacts = _in(
        connection,
        "SELECT s.entity_id FROM entity_sector s JOIN entity e ON e.id = s.entity_id"
        f" WHERE s.sector_code = '{CONTACT_SECTOR}' AND e.kind IN :codes",
        CONTACT_KINDS,
    )
    for (entity_id,) in contacts:
        bound[entity_id] += 10  # the best-matching contacts are ranked first
    for (entity_id,) in _in(
        connection, "SELECT entity_id FROM entity_tag WHERE tag_code IN :codes", tags
    ):
        bound[entity_id] += 4
    for (entity_id,) in _in(
        connection, "SELECT site_id FROM space_offer WHERE space_type IN :codes", space
    ):
        bound[entity_id] += 5
    for (entity_id,) in _in(connection, "SELECT id FROM entity WHERE kind IN :codes", kinds):
        bound[entity_id] += 1
    best = {entity_id for entity_id, _ in bound.most_common(PRESELECTED)}
    return best | must


# --- loading ----------------------------------------------------------------------------------


def load_candidates(
    connection: Any,
    ids: set[int] | None,
    tag_labels: Mapping[str, str],
    relations: list[tuple[int, str, int]],
    *,
    readable: Collection[int] = (),
) -> list[Candidate]:
    """Candidates for ``ids`` (None: every entity); the text of those in ``readable``."""
    sources = dict(_rows(connection, "SELECT id, title FROM source"))
    columns = "id, slug, name, short_name, kind, location, source_id"
    if ids is None:
        rows = _rows(connection, f"SELECT {columns} FROM entity ORDER BY id")
        sector_rows = _rows(connection, "SELECT entity_id, sector_code FROM entity_sector")
        tag_rows = _rows(connection, "SELECT entity_id, tag_code FROM entity_tag")
    else:
        rows = sorted(_in(connection, f"SELECT {columns} FROM entity WHERE id IN :codes", ids))
        sector_rows = _in(
            connection,
            "SELECT entity_id, sector_code FROM entity_sector WHERE entity_id IN :codes",
            ids,
        )
        tag_rows = _in(
            connection, "SELECT entity_id, tag_code FROM entity_tag WHERE entity_id IN :codes", ids
        )
    sectors: dict[int, set[str]] = defaultdict(set)
    tags: dict[int, set[str]] = defaultdict(set)
    for entity_id, code in sector_rows:
        sectors[entity_id].add(code)
    for entity_id, code in tag_rows:
        tags[entity_id].add(code)
    space: dict[int, dict[str, str | None]] = defaultdict(dict)
    for site_id, kind, source_id in _rows(
        connection, "SELECT site_id, space_type, source_id FROM space_offer ORDER BY id"
    ):
        space[site_id].setdefault(kind, sources.get(source_id))
    figures: dict[int, dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for scope_id, label, topics, source_id in _rows(
        connection,
        "SELECT scope_id, label, topics, source_id FROM fact WHERE scope_id IS NOT NULL"
        " ORDER BY id",
    ):
        for topic in (topics or "").split():
            figures[scope_id].setdefault(topic, (label, sources.get(source_id)))
    descriptions = dict(
        _in(connection, "SELECT id, description FROM entity WHERE id IN :codes", readable)
    )
    remote = _remote_companies(relations)
    candidates = []
    for entity_id, slug, name, short_name, kind, location, source_id in rows:
        entity_tags = tags[entity_id]
        candidates.append(
            Candidate(
                entity_id=entity_id,
                slug=slug,
                name=name,
                short_name=short_name,
                kind=kind,
                sectors=frozenset(sectors[entity_id]),
                tags=frozenset(entity_tags),
                space=frozenset(space[entity_id]),
                text=fold_text(
                    name,
                    short_name,
                    descriptions[entity_id],
                    *(tag_labels.get(tag, tag) for tag in entity_tags),
                )
                if entity_id in descriptions
                else "",
                source=sources.get(source_id),
                space_sources=space[entity_id],
                facts=figures[entity_id],
                outside_region=kind == "company" and not location and entity_id in remote,
            )
        )
    return candidates


def _remote_companies(relations: list[tuple[int, str, int]]) -> set[int]:
    """Entities whose every relation is a remote tie (see :data:`REMOTE_TIES`)."""
    ties: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for subject, relation, obj in relations:
        ties[subject].add(("subject", relation))
        ties[obj].add(("object", relation))
    return {entity for entity, kinds in ties.items() if kinds <= REMOTE_TIES}


def load_fact_candidates(connection: Any) -> list[FactCandidate]:
    return [
        FactCandidate(
            fact_id=fact_id,
            key=key,
            label=label,
            text=format_figure(value, qualifier, unit, period),
            scope_id=scope_id,
            topics=frozenset((topics or "").split()),
        )
        for fact_id, key, label, value, qualifier, unit, period, scope_id, topics in _rows(
            connection,
            "SELECT id, key, label, value, qualifier, unit, period, scope_id, topics"
            " FROM fact ORDER BY id",
        )
    ]


def _rows(connection: Any, sql: str) -> list[Any]:
    return [tuple(row) for row in connection.execute(text(sql))]


def _in(connection: Any, sql: str, values: Iterable[Any]) -> list[Any]:
    """Rows of ``sql``, whose ``:codes`` is filled with ``values`` a chunk at a time."""
    values = list(values)
    statement = text(sql).bindparams(bindparam("codes", expanding=True))
    found: list[Any] = []
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        found += [tuple(row) for row in connection.execute(statement, {"codes": chunk})]
    return found
