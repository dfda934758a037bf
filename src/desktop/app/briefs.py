"""Database work for prospects, briefs and exports, run by the window's executor (no Qt).

Each function takes the window's :class:`~desktop.app.store.Store`, does its work in one
transaction and returns plain data for the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.app.store import Store
from desktop.core.briefs import curation as briefs
from desktop.core.briefs import sent_register
from desktop.core.briefs.curation import BriefView, ProspectInput
from desktop.core.briefs.sent_register import Change
from desktop.core.briefs.suggest import suggest
from desktop.dossier.content.assemble import Assembled, SelectedEntity, Selection, assemble
from desktop.dossier.content.model import ContactCard


@dataclass(frozen=True)
class ProspectRow:
    prospect_id: int
    company_name: str
    code_name: str | None
    use_code_name: bool
    country: str | None
    status: str
    meeting_on: date | None
    updated: str
    data: ProspectInput


@dataclass(frozen=True)
class BriefRow:
    brief_id: int
    title: str
    template: str
    language: str
    updated: str


@dataclass(frozen=True)
class SentRow:
    sent_id: int
    sent_at: str
    template: str
    language: str
    prepared_for: str
    file_name: str
    sha256: str


@dataclass(frozen=True)
class ProspectDetail:
    row: ProspectRow
    briefs: list[BriefRow]
    sent: list[SentRow]


def list_prospects(store: Store) -> list[ProspectRow]:
    with store.database.session() as session:
        return [_row(p) for p in briefs.list_prospects(session)]


def save_prospect(store: Store, data: ProspectInput, prospect_id: int | None) -> int:
    with store.database.transaction() as session:
        prospect = briefs.save_prospect(session, data, prospect_id=prospect_id)
        assert prospect.id is not None
        return prospect.id


def delete_prospect(store: Store, prospect_id: int) -> None:
    with store.database.transaction() as session:
        briefs.delete_prospect(session, prospect_id)


def prospect_detail(store: Store, prospect_id: int) -> ProspectDetail:
    with store.database.session() as session:
        prospect = briefs.get_prospect(session, prospect_id)
        return ProspectDetail(
            row=_row(prospect),
            briefs=[
                BriefRow(b.id, b.title, b.template, b.language, f"{b.updated_at:%Y-%m-%d %H:%M}")  # type: ignore[arg-type]
                for b in briefs.list_briefs(session, prospect_id)
            ],
            sent=[
                SentRow(
                    s.id,
                    f"{s.sent_at:%Y-%m-%d %H:%M}",
                    s.template,
                    s.language,
                    s.prepared_for,
                    s.file_name,
                    s.sha256,
                )  # type: ignore[arg-type]
                for s in sent_register.sent_to(session, prospect_id)
            ],
        )


def create_brief(store: Store, prospect_id: int, consultant: str | None) -> int:
    with store.database.transaction() as session:
        return briefs.create_brief(session, prospect_id=prospect_id, consultant=consultant)


def duplicate_brief(store: Store, brief_id: int) -> int:
    with store.database.transaction() as session:
        return briefs.duplicate_brief(session, brief_id)


def delete_brief(store: Store, brief_id: int) -> None:
    with store.database.transaction() as session:
        briefs.delete_brief(session, brief_id)


def load_brief(store: Store, brief_id: int) -> BriefView:
    with store.database.session() as session:
        return briefs.brief_view(session, brief_id)


def change_brief(store: Store, brief_id: int, action: str, /, **arguments: Any) -> BriefView:
    """Apply one curation step (``set_item``, ``move_item``, ``reorder``,
    ``set_section_order``, ``update_brief``) and return the brief as it now is."""
    operations = {
        "set_item": briefs.set_item,
        "move_item": briefs.move_item,
        "set_section_order": briefs.set_section_order,
        "reorder": briefs.reorder,
        "update_brief": briefs.update_brief,
    }
    with store.database.transaction() as session:
        if action == "reorder":
            arguments["sections"] = _still_there(session, brief_id, arguments["sections"])
        operations[action](session, **arguments)
    return load_brief(store, brief_id)


def _still_there(
    session: Any, brief_id: int, sections: list[tuple[str, list[int]]]
) -> list[tuple[str, list[int]]]:
    """The layout the window shows, fitted to the items the brief holds now.

    A move made while the window still listed an item whose entity was deleted (the reload
    is on its way) keeps its order: the item that left is dropped, and an item the window
    did not show keeps its stored place at the end of its section.
    """
    stored = [
        (key, [item.item_id for item in items])
        for key, items in briefs.brief_view(session, brief_id).sections
    ]
    present = {item_id for _key, ids in stored for item_id in ids}
    layout = [(key, [i for i in ids if i in present]) for key, ids in sections]
    shown = {item_id for _key, ids in layout for item_id in ids}
    for key, ids in stored:
        missing = [item_id for item_id in ids if item_id not in shown]
        if not missing:
            continue
        target = next((listed for name, listed in layout if name == key), None)
        if target is None:
            layout.append((key, missing))
        else:
            target.extend(missing)
    return layout


def changes_since(store: Store, sent_id: int) -> list[Change]:
    with store.database.session() as session:
        return sent_register.changes_since(session, sent_id)


def assemble_brief(
    store: Store, brief_id: int, consultant: ContactCard, today: date, stale_after_months: int = 24
) -> Assembled:
    """The dossier content of a brief, with the pre-export findings."""
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


def record_sent(
    store: Store, brief_id: int, assembled: Assembled, file_name: str, sha256: str
) -> None:
    with store.database.transaction() as session:
        view = briefs.brief_view(session, brief_id)
        sent_register.record(
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


def _row(prospect: Any) -> ProspectRow:
    return ProspectRow(
        prospect_id=prospect.id,
        company_name=prospect.company_name,
        code_name=prospect.code_name,
        use_code_name=prospect.use_code_name,
        country=prospect.country,
        status=prospect.status,
        meeting_on=prospect.meeting_on,
        updated=f"{prospect.updated_at:%Y-%m-%d}",
        data=briefs.prospect_input(prospect),
    )
