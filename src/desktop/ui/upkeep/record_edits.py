"""Editing figures, relations, space offers and contacts from the detail pane, undoably.

The detail pane offers small "edit", "remove" and "add" links; each opens a data-described
form (:mod:`desktop.ui.widgets.record_form`) and pushes a command whose redo and undo are two
jobs on the database executor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from desktop.core.kb import taxonomy, validation
from desktop.core.upkeep.records import (
    ContactRecord,
    FactRecord,
    RelationRecord,
    SpaceRecord,
)
from desktop.core.upkeep.sources import SourceRecord
from desktop.ui.widgets import record_form
from desktop.ui.widgets.record_form import FieldSpec

if TYPE_CHECKING:
    from desktop.ui.upkeep.edit_controller import EditController


def _jobs() -> Any:
    from desktop.app import edits as edit_jobs

    return edit_jobs


class JobCommand(QUndoCommand):
    """An undoable step made of two jobs: what to do, and what undoes it."""

    def __init__(
        self, controller: EditController, text: str, slug: str, do: dict, undo: dict
    ) -> None:
        super().__init__(text)
        self.controller, self.slug, self.do, self.undo_args = controller, slug, do, undo

    def _run(self, arguments: dict) -> None:
        from desktop.ui.upkeep.edit_controller import consultant_name

        who, slug = consultant_name(), self.slug
        self.controller.run(
            lambda store: _jobs().run_record_edit(store, who=who, **arguments), lambda _r: slug
        )

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_args)


def _choices(vocabulary: dict[str, taxonomy.Term]) -> list[tuple[str, str]]:
    return [(term.en, term.code) for term in vocabulary.values()]


class RecordEdits:
    def __init__(self, controller: EditController) -> None:
        self.controller = controller

    def handle(self, action: str, slug: str, key: str) -> None:
        """Dispatch a detail-pane link: ``action`` on entity ``slug`` (``key`` names the part)."""
        self.controller.executor.submit(
            lambda store: _jobs().record_form_data(store, slug),
            lambda data: getattr(self, f"_{action.replace('-', '_')}")(slug, key, data),
        )

    def _push(self, text: str, slug: str, do: dict, undo: dict) -> None:
        self.controller.stack.push(JobCommand(self.controller, text, slug, do, undo))

    def _edit_fact(self, slug: str, key: str, data: dict) -> None:
        before: FactRecord | None = data["facts"].get(key)
        base = before or FactRecord(
            key="",
            label="",
            value=0,
            unit="",
            scope=slug or None,
            source=next(iter(data["sources"]), None),
        )
        values = record_form.ask(
            self.controller.window,
            "Edit figure" if before else "New figure",
            [
                FieldSpec(
                    "label",
                    "Figure",
                    value=base.label,
                    check=lambda v: validation.required(v, "The label"),
                ),
                FieldSpec(
                    "value",
                    "Value",
                    value=f"{base.value:g}" if before else "",
                    check=lambda v: validation.number(v),
                ),
                FieldSpec(
                    "qualifier",
                    "Qualifier",
                    "choice",
                    base.qualifier,
                    [(t.en or "exactly", t.code) for t in taxonomy.QUALIFIERS.values()],
                ),
                FieldSpec(
                    "unit",
                    "Unit",
                    value=base.unit,
                    check=lambda v: validation.required(v, "The unit"),
                ),
                FieldSpec("period", "Period", value=base.period),
                FieldSpec(
                    "as_of",
                    "As of",
                    value=base.as_of,
                    check=lambda v: validation.as_of(v, today=date.today()),
                ),
                FieldSpec(
                    "source",
                    "Source",
                    "choice",
                    base.source,
                    [(title, k) for k, title in data["sources"].items()],
                ),
                FieldSpec("quote", "Quote from the source", "multiline", base.quote),
            ],
        )
        if values is None:
            return
        key = before.key if before else validation.slug_from(f"{slug}-{values['label']}")[:60]
        after = replace(
            base, key=key, value=float(str(values.pop("value")).replace(",", "")), **values
        )
        undo = (
            {"operation": "save_fact", "record": before, "original_key": after.key}
            if before
            else {"operation": "delete_fact", "key": after.key}
        )
        self._push(
            f"Figure {after.label}",
            slug,
            {
                "operation": "save_fact",
                "record": after,
                "original_key": before.key if before else None,
            },
            undo,
        )

    def _delete_fact(self, slug: str, key: str, data: dict) -> None:
        before = data["facts"][key]
        self._push(
            f"Delete figure {before.label}", slug,
            {"operation": "delete_fact", "key": key},
            {"operation": "save_fact", "record": before, "original_key": None},
        )  # fmt: skip

    def _add_relation(self, slug: str, _key: str, data: dict) -> None:
        values = record_form.ask(
            self.controller.window,
            "New relation",
            [
                FieldSpec(
                    "relation_type",
                    "Relation",
                    "choice",
                    "partner-of",
                    _choices(taxonomy.RELATION_TYPES),
                ),
                FieldSpec(
                    "object",
                    "Related entity",
                    "choice",
                    None,
                    [(n, s) for s, n in data["names"].items() if s != slug],
                ),
                FieldSpec("note", "Note", "multiline"),
            ],
        )
        if values is None:
            return
        record = RelationRecord(subject=slug, **values)
        self._push(
            "New relation",
            slug,
            {"operation": "add_relation", "record": record},
            {"operation": "remove_relation", "record": record},
        )

    def _remove_relation(self, slug: str, key: str, data: dict) -> None:
        relation = next(
            r
            for r in data["detail"].relations
            if f"{r.direction}:{r.relation_type}:{r.slug}" == key
        )
        subject, obj = (
            (slug, relation.slug) if relation.direction == "out" else (relation.slug, slug)
        )
        record = RelationRecord(subject, relation.relation_type, obj, relation.note)
        self._push(
            "Remove relation",
            slug,
            {"operation": "remove_relation", "record": record},
            {"operation": "add_relation", "record": record},
        )

    def _set_space(self, slug: str, key: str, data: dict) -> None:
        current = next((s for s in data["detail"].space if s.space_type == key), None)
        values = record_form.ask(
            self.controller.window,
            "Space offered",
            [
                FieldSpec(
                    "space_type", "Space", "choice", key or "office", _choices(taxonomy.SPACE_TYPES)
                ),
                FieldSpec(
                    "availability",
                    "Availability",
                    "choice",
                    current.availability if current else "unknown",
                    _choices(taxonomy.AVAILABILITY),
                ),
                FieldSpec("since", "From (date)", value=current.since if current else None),
                FieldSpec("note", "Note", "multiline", current.note if current else None),
            ],
        )
        if values is None:
            return
        after = SpaceRecord(site=slug, **values)
        before = (
            SpaceRecord(slug, current.space_type, current.availability, current.since, current.note)
            if current and current.space_type == after.space_type
            else None
        )
        undo = (
            {"operation": "set_space", "record": before}
            if before
            else {"operation": "remove_space", "site": slug, "space_type": after.space_type}
        )
        self._push("Space offered", slug, {"operation": "set_space", "record": after}, undo)

    def _remove_space(self, slug: str, key: str, data: dict) -> None:
        current = next(s for s in data["detail"].space if s.space_type == key)
        before = SpaceRecord(
            slug, current.space_type, current.availability, current.since, current.note
        )
        self._push(
            "Remove space",
            slug,
            {"operation": "remove_space", "site": slug, "space_type": key},
            {"operation": "set_space", "record": before},
        )

    def _edit_contact(self, slug: str, _key: str, data: dict) -> None:
        contact = data["detail"].contact
        before = (
            ContactRecord(
                slug,
                contact.role,
                contact.organisation_slug,
                contact.phone,
                contact.email,
                contact.public,
            )
            if contact
            else None
        )
        base = before or ContactRecord(slug)
        values = record_form.ask(
            self.controller.window,
            "Contact details",
            [
                FieldSpec("role", "Role", value=base.role),
                FieldSpec(
                    "organisation",
                    "Organisation",
                    "choice",
                    base.organisation,
                    [("—", None), *((n, s) for s, n in data["names"].items())],
                ),
                FieldSpec("phone", "Phone", value=base.phone, check=validation.phone),
                FieldSpec("email", "E-mail", value=base.email, check=validation.email),
                FieldSpec(
                    "public", "Shareable in dossiers (published contact)", "check", base.public
                ),
            ],
        )
        if values is None:
            return
        after = ContactRecord(person=slug, **values)
        undo = {"operation": "save_contact", "record": before or ContactRecord(slug)}
        self._push("Contact details", slug, {"operation": "save_contact", "record": after}, undo)

    def edit_source(self, before: SourceRecord | None = None, on_done: Any = None) -> None:
        """A new source (or changes to one): a report, a web page, a phone call with its date."""
        base = before or SourceRecord(key="", title="", accessed_on=date.today().isoformat())
        today = date.today()
        values = record_form.ask(
            self.controller.window,
            "Edit source" if before else "New source",
            [
                FieldSpec(
                    "title",
                    "Title",
                    value=base.title,
                    check=lambda v: validation.required(v, "The title"),
                ),
                FieldSpec("publisher", "Publisher or person", value=base.publisher),
                FieldSpec(
                    "published",
                    "Published (YYYY or YYYY-MM-DD)",
                    value=base.published,
                    check=lambda v: validation.as_of(v, today=today),
                ),
                FieldSpec(
                    "accessed_on",
                    "Accessed on (YYYY-MM-DD)",
                    value=base.accessed_on,
                    check=lambda v: validation.as_of(v, today=today),
                ),
                FieldSpec("url", "Web address", value=base.url, check=validation.url),
                FieldSpec("file_name", "File name", value=base.file_name),
            ],
        )
        if values is None:
            return
        key = before.key if before else validation.slug_from(values["title"])[:60]
        record = SourceRecord(key=key, **values)
        original = before.key if before else None
        self.controller.executor.submit(
            lambda store: _jobs().run_record_edit(
                store, "save_source", record=record, original_key=original, who=_who()
            ),
            lambda _r: (self.controller.changed.emit(""), on_done and on_done()),
            self.controller._failed,
        )

    def new_source(self) -> None:
        self.edit_source(None)

    def delete_source(self, record: SourceRecord, on_done: Any = None) -> None:
        self.controller.executor.submit(
            lambda store: _jobs().run_record_edit(
                store, "delete_source", key=record.key, who=_who()
            ),
            lambda _r: on_done and on_done(),
            self.controller._failed,
        )


def _who() -> str:
    from desktop.ui.upkeep.edit_controller import consultant_name

    return consultant_name()
