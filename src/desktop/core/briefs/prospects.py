"""Prospects: the investors in the pipeline, validated against the vocabularies.

``internal_notes`` are the agency's own; nothing that builds a dossier ever reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import countries, taxonomy, validation
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.kb.models import Prospect
from desktop.core.kb.refusals import refuse
from desktop.core.language.catalogues import word
from desktop.core.language.messages import Message, message
from desktop.core.suggestions.matching import Interest


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ProspectInput:
    """The editable fields of a prospect, validated against the vocabularies."""

    company_name: str
    code_name: str | None = None
    use_code_name: bool = False
    country: str | None = None
    sectors: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    needs: str | None = None
    status: str = "lead"
    meeting_on: date | None = None
    internal_notes: str | None = None

    def problems(self, language: str = "en") -> list[str]:
        """Every reason this input cannot be saved, as sentences in ``language`` for the form."""
        found = []
        if not self.company_name.strip():
            found.append(word("problem", "company-name", language, "The company name is required."))
        if self.use_code_name and not (self.code_name or "").strip():
            found.append(
                word(
                    "problem",
                    "code-name",
                    language,
                    "A code name is required when the dossier uses it.",
                )
            )
        unknown = [
            message("Unknown sector {code!r}.", code=code)
            for code in self.sectors
            if code not in taxonomy.SECTORS
        ]
        unknown += [
            message("Unknown activity {code!r}.", code=code)
            for code in self.activities
            if code not in prospect_vocab.ACTIVITIES
        ]
        unknown += [
            message("Unknown requirement {code!r}.", code=code)
            for code in self.requirements
            if code not in prospect_vocab.REQUIREMENTS
        ]
        if self.status not in prospect_vocab.STATUSES:
            unknown.append(message("Unknown status {code!r}.", code=self.status))
        found += [problem.said(language) for problem in unknown]
        if country_problem := countries.problem(self.country, language):
            found.append(country_problem)
        return found + self._length_problems(language)

    def normalised(self) -> ProspectInput:
        """This input as it is stored: text trimmed, each code once, the country as its code
        ("Germany" → DE, never cut to "GE")."""
        return replace(
            self,
            company_name=self.company_name.strip(),
            code_name=(self.code_name or "").strip() or None,
            country=countries.resolve(self.country),
            sectors=tuple(dict.fromkeys(self.sectors)),
            activities=tuple(dict.fromkeys(self.activities)),
            requirements=tuple(dict.fromkeys(self.requirements)),
            keywords=tuple(k.strip() for k in dict.fromkeys(self.keywords) if k.strip()),
            needs=(self.needs or "").strip() or None,
            internal_notes=(self.internal_notes or "").strip() or None,
        )

    def _length_problems(self, language: str) -> list[str]:
        """The text limits of :mod:`desktop.core.kb.validation`, named per field of the form."""

        def line(value: str | None, what: Message) -> str | None:
            return validation.one_line(value, what.said(language), language=language)

        def text(value: str | None, what: Message) -> str | None:
            return validation.long_text(value, what.said(language), language=language)

        checks = [
            line(self.company_name, message("The company name")),
            line(self.code_name, message("The code name")),
            line(self.country, message("The country")),
            text(self.needs, message("The text under Needs")),
            text(self.internal_notes, message("The text under Internal notes")),
        ]
        checks += [line(keyword, message("A keyword")) for keyword in self.keywords]
        return [problem for problem in checks if problem]


def save_prospect(
    session: Session, data: ProspectInput, *, prospect_id: int | None = None
) -> Prospect:
    """Create a prospect, or update ``prospect_id``; raises ``ValueError`` listing problems."""
    refuse(data.problems)
    prospect = Prospect(created_at=now(), updated_at=now(), company_name="")
    if prospect_id is not None:
        prospect = get_record(session, Prospect, prospect_id, "prospect")
        prospect.updated_at = now()
    clean = data.normalised()
    prospect.company_name = clean.company_name
    prospect.code_name = clean.code_name
    prospect.use_code_name = clean.use_code_name
    prospect.country = clean.country
    prospect.sectors = json.dumps(list(clean.sectors))
    prospect.activities = json.dumps(list(clean.activities))
    prospect.requirements = json.dumps(list(clean.requirements))
    prospect.keywords = json.dumps(list(clean.keywords))
    prospect.needs = clean.needs
    prospect.status = clean.status
    prospect.meeting_on = clean.meeting_on
    prospect.internal_notes = clean.internal_notes
    session.add(prospect)
    session.flush()
    return prospect


def prospect_input(prospect: Prospect) -> ProspectInput:
    return ProspectInput(
        company_name=prospect.company_name,
        code_name=prospect.code_name,
        use_code_name=prospect.use_code_name,
        country=prospect.country,
        sectors=tuple(json.loads(prospect.sectors)),
        activities=tuple(json.loads(prospect.activities)),
        requirements=tuple(json.loads(prospect.requirements)),
        keywords=tuple(json.loads(prospect.keywords)),
        needs=prospect.needs,
        status=prospect.status,
        meeting_on=prospect.meeting_on,
        internal_notes=prospect.internal_notes,
    )


def interest_of(prospect: Prospect) -> Interest:
    data = prospect_input(prospect)
    return Interest(data.sectors, data.activities, data.requirements, data.keywords)


def list_prospects(
    session: Session, *, status: str | None = None, text: str | None = None
) -> list[Prospect]:
    statement = select(Prospect).order_by(col(Prospect.updated_at).desc(), Prospect.id)
    if status:
        statement = statement.where(Prospect.status == status)
    prospects = list(session.exec(statement))
    if text:
        needle = text.casefold()
        prospects = [
            p
            for p in prospects
            if needle in " ".join(filter(None, (p.company_name, p.code_name, p.country))).casefold()
        ]
    return prospects


def get_prospect(session: Session, prospect_id: int) -> Prospect:
    return get_record(session, Prospect, prospect_id, "prospect")


def delete_prospect(session: Session, prospect_id: int) -> None:
    session.delete(get_record(session, Prospect, prospect_id, "prospect"))
    session.flush()


def get_record(session: Session, model: type, record_id: int, what: str):  # type: ignore[no-untyped-def]
    """The ``model`` row ``record_id``; :class:`NotFoundError` naming ``what`` when it is gone."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(_gone(what, record_id))
    return record


def _gone(what: str, record_id: int) -> Message:
    """ "no brief with id 7": one whole sentence per kind of record, for the translator."""
    if what == "prospect":
        return message("no prospect with id {id}", id=record_id)
    if what == "brief":
        return message("no brief with id {id}", id=record_id)
    if what == "brief item":
        return message("no brief item with id {id}", id=record_id)
    if what == "entity":
        return message("no entity with id {id}", id=record_id)
    return message("no {what} with id {id}", what=what, id=record_id)
