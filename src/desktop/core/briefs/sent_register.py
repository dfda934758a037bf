"""The sent register: which dossier went to which prospect, and what changed since.

Each saved dossier is recorded with its file hash and a snapshot of the entities and figures
it printed. For a follow-up meeting the consultant sees which of those have changed in the
database since — a new figure, a corrected description, an entity removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import catalogue
from desktop.core.kb.models import Entity, SentDossier


@dataclass(frozen=True)
class Change:
    kind: str  # "entity" or "figure"
    key: str  # slug or fact key
    name: str
    what: str  # "removed", or "changed: description, location"


def record(
    session: Session,
    *,
    prospect_id: int,
    brief_id: int | None,
    template: str,
    language: str,
    prepared_for: str,
    file_name: str,
    sha256: str,
    snapshot: dict[str, Any],
    sent_at: datetime | None = None,
) -> SentDossier:
    entry = SentDossier(
        prospect_id=prospect_id,
        brief_id=brief_id,
        sent_at=sent_at or datetime.now(UTC),
        template=template,
        language=language,
        prepared_for=prepared_for,
        file_name=file_name,
        sha256=sha256,
        snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
    )
    session.add(entry)
    session.flush()
    return entry


def sent_to(session: Session, prospect_id: int) -> list[SentDossier]:
    return list(
        session.exec(
            select(SentDossier)
            .where(SentDossier.prospect_id == prospect_id)
            .order_by(col(SentDossier.sent_at).desc(), col(SentDossier.id).desc())
        )
    )


def changes_since(session: Session, sent_id: int) -> list[Change]:
    """What differs now from what the dossier ``sent_id`` printed."""
    entry = session.get(SentDossier, sent_id)
    if entry is None:
        raise NotFoundError("no sent dossier with id {id}", id=sent_id)
    snapshot = json.loads(entry.snapshot)
    changes = []
    known = {
        e.slug
        for e in session.exec(
            select(Entity).where(col(Entity.slug).in_(list(snapshot["entities"])))
        )
    }
    for slug, then in snapshot["entities"].items():
        if slug not in known:
            changes.append(Change("entity", slug, then["name"], "removed"))
            continue
        detail = catalogue.entity_detail(session, slug)
        now = {
            "name": detail.name,
            "description": detail.description,
            "location": detail.location,
            "tags": list(detail.tags),
            "space": [[s.space_type, s.availability, s.since] for s in detail.space],
        }
        differing = [field for field in then if then[field] != now.get(field)]
        if differing:
            changes.append(Change("entity", slug, detail.name, "changed: " + ", ".join(differing)))
    facts = {fact.key: fact for fact in catalogue.list_facts(session)}
    for key, then in snapshot["facts"].items():
        fact = facts.get(key)
        if fact is None:
            changes.append(Change("figure", key, then["label"], "removed"))
            continue
        now = {"label": fact.label, "text": fact.text, "as_of": fact.as_of}
        differing = [field for field in then if then[field] != now.get(field)]
        if differing:
            changes.append(Change("figure", key, fact.label, "changed: " + ", ".join(differing)))
    return changes
