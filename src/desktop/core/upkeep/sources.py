"""Sources: the documents, pages and conversations that figures and descriptions cite.

A figure may never lose its source, so a cited source cannot be deleted; corrections to a
source are journalled like every other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import validation
from desktop.core.kb.models import Fact, Relation, Source, SpaceOffer
from desktop.core.kb.refusals import RefusedError, refuse
from desktop.core.language.messages import counted, message
from desktop.core.upkeep import audit


@dataclass(frozen=True)
class SourceRecord:
    key: str
    title: str
    publisher: str | None = None
    published: str | None = None  # "YYYY" or "YYYY-MM-DD"; None when undated
    accessed_on: str | None = None  # ISO date
    url: str | None = None
    file_name: str | None = None

    def problems(self, *, today: date, language: str = "en") -> list[str]:
        """What is wrong with the source, in ``language``."""
        found = [
            validation.slug(self.key, language),
            validation.required(self.title, message("The title").said(language), language),
            validation.as_of(self.published, today=today, language=language),
            validation.as_of(self.accessed_on, today=today, language=language),
            validation.url(self.url, language),
        ]
        return [problem for problem in found if problem]


def save_source(
    session: Session,
    record: SourceRecord,
    *,
    original_key: str | None,
    who: str,
    batch: str,
    today: date,
) -> SourceRecord | None:
    """Create or update a source (a document, page or conversation figures cite)."""
    refuse(lambda language: record.problems(today=today, language=language))
    if (
        record.key != original_key
        and session.exec(select(Source).where(Source.key == record.key)).first()
    ):
        raise RefusedError(
            message("The key {key!r} is already used by another source.", key=record.key)
        )
    source = (
        session.exec(select(Source).where(Source.key == original_key)).first()
        if original_key
        else None
    )
    before = None
    if source is not None:
        accessed = source.accessed_on.isoformat() if source.accessed_on else None
        before = SourceRecord(
            source.key, source.title, source.publisher, source.published,
            accessed, source.url, source.file_name,
        )  # fmt: skip
    source = source or Source(key=record.key, title=record.title)
    source.key, source.title, source.publisher = record.key, record.title, record.publisher
    source.published, source.url, source.file_name = record.published, record.url, record.file_name
    source.accessed_on = date.fromisoformat(record.accessed_on) if record.accessed_on else None
    session.add(source)
    session.flush()
    audit.record_changes(
        session,
        who=who,
        record_type="source",
        key=record.key,
        before=before,
        after=record,
        batch=batch,
    )
    return before


def list_sources(session: Session) -> list[tuple[SourceRecord, int]]:
    """Every source with the number of figures, entities and relations citing it."""
    from desktop.core.kb.models import Entity

    result = []
    for source in session.exec(select(Source).order_by(Source.title)):
        cited = sum(
            len(session.exec(select(model).where(model.source_id == source.id)).all())  # type: ignore[attr-defined]
            for model in (Fact, Entity, Relation, SpaceOffer)
        )
        accessed = source.accessed_on.isoformat() if source.accessed_on else None
        record = SourceRecord(
            source.key, source.title, source.publisher, source.published,
            accessed, source.url, source.file_name,
        )  # fmt: skip
        result.append((record, cited))
    return result


def delete_source(session: Session, key: str, *, who: str, batch: str) -> SourceRecord:
    """Delete a source nothing cites; a cited one stays (figures may not lose their source)."""
    for record, cited in list_sources(session):
        if record.key == key:
            if cited:
                raise RefusedError(
                    counted(
                        "“{title}” is cited by {count} record; change its source first.",
                        "“{title}” is cited by {count} records; change their source first.",
                        count=cited,
                        title=record.title,
                    )
                )
            session.delete(session.exec(select(Source).where(Source.key == key)).one())
            session.flush()
            audit.record(
                session,
                who=who,
                action="delete",
                record_type="source",
                key=key,
                batch=batch,
                old=record.title,
            )
            return record
    raise NotFoundError("no source with key {key!r}", key=key)
