"""Prospects and briefs: one function per thing the consultant does with them (no Qt).

Each function takes the :class:`~desktop.app.store.Store` first and everything else by
keyword, does its work in one transaction and returns plain data. Every curation step returns
the brief as it is now stored, so the editor shows what the database holds rather than what it
hoped to write. Exporting a brief is :mod:`desktop.app.export`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.app.language import current
from desktop.app.store import Store
from desktop.core.briefs import curation as briefs
from desktop.core.briefs import review, sent_register
from desktop.core.briefs.brief_views import BriefView
from desktop.core.briefs.curation import ProspectInput
from desktop.core.briefs.review import Alternatives, Verdict
from desktop.core.briefs.sent_register import Change

Layout = list[tuple[str, list[int]]]  # [(section key, [brief item ids])]


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


# --- prospects ---------------------------------------------------------------------------------


def list_prospects(store: Store) -> list[ProspectRow]:
    with store.database.session() as session:
        return [_row(p) for p in briefs.list_prospects(session)]


def save_prospect(store: Store, *, data: ProspectInput, prospect_id: int | None = None) -> int:
    """Create a prospect (``prospect_id`` None) or update one; returns its id."""
    with store.database.transaction() as session:
        prospect = briefs.save_prospect(session, data, prospect_id=prospect_id)
        assert prospect.id is not None
        return prospect.id


def delete_prospect(store: Store, *, prospect_id: int) -> None:
    """Delete a prospect with its briefs and sent register (exported files stay)."""
    with store.database.transaction() as session:
        briefs.delete_prospect(session, prospect_id)


def prospect_detail(store: Store, *, prospect_id: int) -> ProspectDetail:
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
                    s.id,  # type: ignore[arg-type]
                    f"{s.sent_at:%Y-%m-%d %H:%M}",
                    s.template,
                    s.language,
                    s.prepared_for,
                    s.file_name,
                    s.sha256,
                )
                for s in sent_register.sent_to(session, prospect_id)
            ],
        )


def changes_since(store: Store, *, sent_id: int) -> list[Change]:
    """What differs in the database from what the dossier ``sent_id`` printed."""
    with store.database.session() as session:
        return sent_register.changes_since(session, sent_id)


# --- briefs ------------------------------------------------------------------------------------


def create_brief(
    store: Store,
    *,
    prospect_id: int,
    consultant: str | None = None,
    template: str = "full",
    language: str = "en",
) -> int:
    """A new brief holding the ranked suggestions for the prospect; returns its id."""
    with store.database.transaction() as session:
        return briefs.create_brief(
            session,
            prospect_id=prospect_id,
            consultant=consultant,
            template=template,
            language=language,
            title_language=current(),
        )


def duplicate_brief(store: Store, *, brief_id: int) -> int:
    with store.database.transaction() as session:
        return briefs.duplicate_brief(session, brief_id)


def delete_brief(store: Store, *, brief_id: int) -> None:
    with store.database.transaction() as session:
        briefs.delete_brief(session, brief_id)


def load_brief(store: Store, *, brief_id: int) -> BriefView:
    with store.database.session() as session:
        return briefs.brief_view(session, brief_id)


# --- curation: each step returns the brief as now stored --------------------------------------


def set_item(
    store: Store,
    *,
    brief_id: int,
    item_id: int,
    included: bool | None = None,
    note: str | None = None,
) -> BriefView:
    """Include or exclude an item, or set its note for the investor (empty text clears it)."""
    with store.database.transaction() as session:
        briefs.set_item(session, item_id, included=included, note=note)
    return load_brief(store, brief_id=brief_id)


def move_item(
    store: Store, *, brief_id: int, item_id: int, section: str, position: int
) -> BriefView:
    with store.database.transaction() as session:
        briefs.move_item(session, item_id, section=section, position=position)
    return load_brief(store, brief_id=brief_id)


def reorder(store: Store, *, brief_id: int, sections: Layout) -> BriefView:
    """Rewrite the brief's layout from what the window shows (after a drag or a move)."""
    with store.database.transaction() as session:
        briefs.reorder(session, brief_id, _still_there(session, brief_id, sections))
    return load_brief(store, brief_id=brief_id)


def set_section_order(store: Store, *, brief_id: int, keys: list[str]) -> BriefView:
    with store.database.transaction() as session:
        briefs.set_section_order(session, brief_id, keys)
    return load_brief(store, brief_id=brief_id)


def update_brief(
    store: Store,
    *,
    brief_id: int,
    title: str | None = None,
    template: str | None = None,
    language: str | None = None,
) -> BriefView:
    """Change the title, template or language (None keeps it; an empty title too)."""
    with store.database.transaction() as session:
        briefs.update_brief(session, brief_id, title=title, template=template, language=language)
    return load_brief(store, brief_id=brief_id)


# --- review: alternatives and "why not" ----------------------------------------------------------


def alternatives(store: Store, *, brief_id: int) -> list[Alternatives]:
    """The brief's left-out suggestions, grouped under the requirement each serves."""
    with store.database.session() as session:
        return review.alternatives(session, brief_id)


def look_up(store: Store, *, brief_id: int, query: str) -> list[Verdict]:
    """Any entity the consultant looks for, with its score, reasons and why it was not
    proposed for this brief's investor."""
    with store.database.session() as session:
        return review.look_up(session, brief_id, query)


def add_entity(store: Store, *, brief_id: int, entity_id: int) -> BriefView:
    """Add an entity to the brief (or include it again), remembered as the consultant's choice."""
    with store.database.transaction() as session:
        review.add_entity(session, brief_id, entity_id)
    return load_brief(store, brief_id=brief_id)


def _still_there(session: Any, brief_id: int, sections: Layout) -> Layout:
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
