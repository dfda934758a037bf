"""Exporting a brief as a PDF dossier: assemble once, render, write atomically, record (no Qt).

:func:`export_brief` is the whole action, for the CLI. The window runs the same steps in
stages so that nothing waits on the wrong thread — :func:`assemble_brief` on the database
executor, :func:`write_dossier` on a render thread with progress and cancel, then
:func:`record_sent` on the executor again — and passes the very same :class:`Assembled` from
the first stage to the last, so the file name, the findings shown, the PDF and the sent
register's snapshot all describe one assembly. :func:`export_profile` is ``export --profile``:
the profile's prospect and a new brief go into the database first, so that dossier is
recorded like any other.

Heavy modules (the ORM, the renderer) are imported inside the functions: the window imports
this module while it starts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading

    from desktop.app.store import Store
    from desktop.core.briefs.curation import ProspectInput
    from desktop.core.briefs.profile import InvestorProfile
    from desktop.dossier.content.assemble import Assembled
    from desktop.dossier.content.model import ContactCard
    from desktop.dossier.layout.progress import ProgressCallback
    from desktop.dossier.render import RenderResult

log = logging.getLogger(__name__)
NO_CONTACT = "no-contact"  # the finding about an empty contact page


@dataclass(frozen=True)
class Exported:
    """A dossier written and recorded: where, how long, its hash, and what it was made of."""

    path: Path
    pages: int
    sha256: str
    sent_id: int
    assembled: Assembled


@dataclass(frozen=True)
class ProfileExport:
    """``export --profile``: the dossier, and the prospect and brief it was recorded under."""

    exported: Exported
    prospect_id: int
    prospect: str  # the company name, as stored
    brief_id: int
    created: bool  # the prospect was not in the database before
    updated: bool  # the stored prospect took the profile's interest


# --- the stages --------------------------------------------------------------------------------


def assemble_brief(
    store: Store,
    *,
    brief_id: int,
    consultant: ContactCard,
    today: date,
    stale_after_months: int = 24,
) -> Assembled:
    """The dossier content of a brief as stored now, with the pre-export findings."""
    from desktop.core.briefs import curation as briefs
    from desktop.core.suggestions.suggest import suggest
    from desktop.dossier.content.assemble import SelectedEntity, Selection, assemble

    with store.database.session() as session:
        view = briefs.brief_view(session, brief_id)
        prospect = briefs.get_prospect(session, view.prospect_id)
        interest = briefs.interest_of(prospect)
        prepared_for = (
            prospect.code_name
            if prospect.use_code_name and prospect.code_name
            else prospect.company_name
        )
        selection = Selection(
            prepared_for=prepared_for,
            template=view.template,
            language=view.language,
            consultant=consultant,
            interest=interest,
            sections=[
                (key, [SelectedEntity(i.ref_id, i.note) for i in items if i.included])
                for key, items in view.sections
                if key != briefs.FIGURES_SECTION
            ],
            facts=[
                (i.ref_id, i.note)
                for key, items in view.sections
                if key == briefs.FIGURES_SECTION
                for i in items
                if i.included
            ],
        )
        return assemble(
            session,
            selection,
            suggest(session, interest),
            today=today,
            stale_after_months=stale_after_months,
        )


def file_name(assembled: Assembled) -> str:
    """A file name that says what the document is, in its own language, for whom and in which
    language ("Standortdossier - Acme - de.pdf"), safe on every file system."""
    from desktop.dossier.content.i18n import title

    data = assembled.data
    named = f"{title(data.template, data.language)} - {data.prepared_for}"
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in named).strip()
    return f"{safe} - {data.language}.pdf"


def findings_to_review(
    assembled: Assembled, *, empty_contact_confirmed: bool = False, language: str = "en"
) -> list[str]:
    """What to read before the dossier goes out, in ``language`` (the window's); an empty
    contact page the consultant already agreed to in its own question is not repeated."""
    return [
        finding.text(language)
        for finding in assembled.findings
        if not (empty_contact_confirmed and finding.kind == NO_CONTACT)
    ]


def write_dossier(
    assembled: Assembled,
    *,
    out: Path,
    password: str | None = None,
    reproducible: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> RenderResult:
    """Render and replace ``out`` in one rename (nothing half-written on failure or cancel).
    CPU work with no database: the window runs it on its render thread."""
    from desktop.dossier.render import render_file

    return render_file(
        assembled.data,
        out,
        password=password,
        reproducible=reproducible,
        progress=progress,
        cancel=cancel,
    )


def record_sent(
    store: Store, *, brief_id: int, assembled: Assembled, file_name: str, sha256: str
) -> int:
    """Enter the written dossier in its prospect's sent register, with the snapshot of what
    ``assembled`` printed; returns the register entry's id."""
    from desktop.core.briefs import curation as briefs
    from desktop.core.briefs import sent_register

    with store.database.transaction() as session:
        view = briefs.brief_view(session, brief_id)
        entry = sent_register.record(
            session,
            prospect_id=view.prospect_id,
            brief_id=brief_id,
            template=assembled.data.template,
            language=assembled.data.language,
            prepared_for=assembled.data.prepared_for,
            file_name=file_name,
            sha256=sha256,
            snapshot=assembled.snapshot,
        )
        assert entry.id is not None
        return entry.id


# --- the whole action --------------------------------------------------------------------------


def export_brief(
    store: Store,
    *,
    brief_id: int,
    out: Path,
    consultant: ContactCard,
    today: date,
    password: str | None = None,
    stale_after_months: int = 24,
    reproducible: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Exported:
    """Assemble the brief once, write the PDF atomically and record it in the sent register.

    A target that is not a regular file (a folder, a link, a device) is refused before any
    work. Nothing is recorded when the file could not be written.
    """
    from desktop.core.atomic_files import check_target

    check_target(out)
    assembled = assemble_brief(
        store,
        brief_id=brief_id,
        consultant=consultant,
        today=today,
        stale_after_months=stale_after_months,
    )
    result = write_dossier(
        assembled,
        out=out,
        password=password,
        reproducible=reproducible,
        progress=progress,
        cancel=cancel,
    )
    path = Path(result.path or out)
    sent_id = record_sent(
        store, brief_id=brief_id, assembled=assembled, file_name=path.name, sha256=result.sha256
    )
    return Exported(path, result.pages, result.sha256, sent_id, assembled)


def export_profile(
    store: Store,
    *,
    profile: InvestorProfile,
    out: Path,
    consultant: ContactCard,
    today: date,
    template: str | None = None,
    language: str | None = None,
    password: str | None = None,
    reproducible: bool = False,
) -> ProfileExport:
    """Export the dossier for an investor profile file and record it like any other.

    The profile's prospect is the stored one with the same company name (the most recently
    updated, if there are several), which takes the profile's interest — sectors, activities,
    requirements, keywords, needs, code name, country — and keeps its status, meeting date and
    internal notes; without one, a new prospect is made. A new brief with the suggestions a new
    brief always starts with is exported. If the export fails, the brief (and a prospect made
    or changed for it) is taken back, so a failed command leaves the database as it was.
    """
    from desktop.core.atomic_files import check_target

    check_target(out)
    placed = _place_profile(
        store,
        wanted=profile_prospect(profile),
        template=template or profile.template,
        language=language or profile.language,
        consultant=consultant.name or None,
    )
    try:
        exported = export_brief(
            store,
            brief_id=placed.brief_id,
            out=out,
            consultant=consultant,
            today=today,
            password=password,
            reproducible=reproducible,
        )
    except BaseException:
        _take_back(store, placed)
        raise
    return ProfileExport(
        exported,
        placed.prospect_id,
        placed.company_name,
        placed.brief_id,
        created=placed.before is None,
        updated=placed.updated,
    )


def profile_prospect(profile: InvestorProfile) -> ProspectInput:
    """The prospect a profile file describes (a new one starts as a lead)."""
    from desktop.core.briefs.curation import ProspectInput

    return ProspectInput(
        company_name=profile.name,
        code_name=profile.code_name,
        use_code_name=profile.use_code_name,
        country=profile.country,
        sectors=profile.sectors,
        activities=profile.activities,
        requirements=profile.requirements,
        keywords=profile.keywords,
        needs=profile.needs,
    )


@dataclass(frozen=True)
class _Placed:
    prospect_id: int
    company_name: str
    brief_id: int
    before: ProspectInput | None  # None: the prospect was made for this export
    updated: bool


def _place_profile(
    store: Store, *, wanted: ProspectInput, template: str, language: str, consultant: str | None
) -> _Placed:
    from desktop.core.briefs import curation as briefs

    with store.database.transaction() as session:
        found = _same_company(briefs.list_prospects(session), wanted.company_name)
        before = None if found is None else briefs.prospect_input(found)
        updated = False
        if before is None:
            prospect = briefs.save_prospect(session, wanted)
        else:
            merged = replace(
                wanted,
                company_name=before.company_name,
                status=before.status,
                meeting_on=before.meeting_on,
                internal_notes=before.internal_notes,
            )
            prospect = found
            if merged.normalised() != before.normalised():
                prospect = briefs.save_prospect(session, merged, prospect_id=found.id)
                updated = True
        assert prospect.id is not None
        brief_id = briefs.create_brief(
            session,
            prospect_id=prospect.id,
            template=template,
            language=language,
            consultant=consultant,
        )
        return _Placed(prospect.id, prospect.company_name, brief_id, before, updated)


def _same_company(prospects: list[Any], name: str) -> Any:
    """The first prospect (newest first) whose company name matches, ignoring case and spaces."""
    wanted = " ".join(name.split()).casefold()
    return next(
        (p for p in prospects if " ".join(p.company_name.split()).casefold() == wanted), None
    )


def _take_back(store: Store, placed: _Placed) -> None:
    """Undo :func:`_place_profile` after a failed export; a failure here is logged, and the
    export's own error is the one reported."""
    from desktop.core.briefs import curation as briefs

    try:
        with store.database.transaction() as session:
            briefs.delete_brief(session, placed.brief_id)
            if placed.before is None:
                briefs.delete_prospect(session, placed.prospect_id)
            elif placed.updated:
                briefs.save_prospect(session, placed.before, prospect_id=placed.prospect_id)
    except Exception:
        log.exception("could not take back the brief of a failed profile export")
