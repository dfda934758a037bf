"""Editing figures, relations, space offers and contacts from the detail pane, undoably.

The detail pane offers small "edit", "remove" and "add" links (``do:<action>/<key>``); each
opens a data-described form (:mod:`desktop.ui.widgets.record_form`) and pushes a step whose
redo and undo are two application functions (:mod:`desktop.app.records`). Sources are edited
from their own dialog (:mod:`.source_edits`); those changes are not steps on the undo stack.
A form's translated fields (:mod:`.translated_fields`) go through the same step as the English,
undone and redone with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.app import records
from desktop.app.changes import DataChange, Topic, change
from desktop.app.records import RecordForms
from desktop.app.store import Store
from desktop.core.kb import taxonomy, validation
from desktop.core.kb.catalogue import SpaceView
from desktop.core.upkeep.records import ContactRecord, FactRecord, RelationRecord, SpaceRecord
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.upkeep import labels
from desktop.ui.upkeep.source_edits import SourceEdits
from desktop.ui.upkeep.steps import Edit, EditSteps, StoreStep
from desktop.ui.upkeep.translated_fields import Translated, translation_specs, with_translations
from desktop.ui.widgets import record_form
from desktop.ui.widgets.record_form import FieldSpec

Form = Callable[[str, str, RecordForms], None]  # (entity slug, key of the part, forms' data)
translate = QCoreApplication.translate


class RecordEdits:
    def __init__(self, steps: EditSteps) -> None:
        self.steps = steps
        self.sources = SourceEdits(steps)
        # the detail pane's link actions, each the form it opens
        self.forms: dict[str, Form] = {
            "edit-fact": self.edit_fact,
            "delete-fact": self.delete_fact,
            "add-relation": self.add_relation,
            "remove-relation": self.remove_relation,
            "set-space": self.set_space,
            "remove-space": self.remove_space,
            "edit-contact": self.edit_contact,
        }

    def handle(self, action: str, slug: str, key: str) -> None:
        """Follow a detail-pane link: ``action`` on entity ``slug`` (``key`` names the part)."""
        form = self.forms[action]
        DatabaseOp(self.steps, lambda store: records.record_forms(store, slug=slug)).success(
            lambda data: form(slug, key, data)
        ).failure(self.steps.entity_failed).run(self.steps.executor)

    def _push(
        self, text: str, slug: str, forward: Edit, backward: Edit, *, figures: bool = False
    ) -> None:
        topics = (Topic.ENTITIES, Topic.FIGURES) if figures else (Topic.ENTITIES,)
        announced: DataChange = change(*topics, slug=slug)
        self.steps.stack.push(
            StoreStep(self.steps, text, forward=forward, backward=backward, change=announced)
        )

    # --- figures -------------------------------------------------------------------------------

    def edit_fact(self, slug: str, key: str, data: RecordForms) -> None:
        before = data.facts.get(key)
        base = before or FactRecord(
            key="",
            label="",
            value=0,
            unit="",
            scope=slug or None,
            source=next(iter(data.sources), None),
        )
        translated: Translated = [
            ("label", translate("RecordEdits", "Figure"), "text"),
            ("unit", translate("RecordEdits", "Unit"), "text"),
            ("period", translate("RecordEdits", "Period"), "text"),
        ]
        values = record_form.ask(
            self.steps.window,
            translate("RecordEdits", "Edit figure")
            if before
            else translate("RecordEdits", "New figure"),
            [
                FieldSpec(
                    "label",
                    translate("RecordEdits", "Figure"),
                    value=base.label,
                    check=labels.required(translate("RecordEdits", "The label is required.")),
                ),
                FieldSpec(
                    "value",
                    translate("RecordEdits", "Value"),
                    value=labels.shown_number(base.value) if before else "",
                    check=labels.check_figure,
                ),
                FieldSpec(
                    "qualifier",
                    translate("RecordEdits", "Qualifier"),
                    "choice",
                    base.qualifier,
                    labels.term_choices(taxonomy.QUALIFIERS),
                ),
                FieldSpec(
                    "unit",
                    translate("RecordEdits", "Unit"),
                    value=base.unit,
                    check=labels.required(translate("RecordEdits", "The unit is required.")),
                ),
                FieldSpec("period", translate("RecordEdits", "Period"), value=base.period),
                FieldSpec(
                    "as_of",
                    translate("RecordEdits", "As of"),
                    value=base.as_of,
                    check=labels.as_of_check(date.today()),
                ),
                FieldSpec(
                    "source",
                    translate("RecordEdits", "Source"),
                    "choice",
                    base.source,
                    labels.name_choices(data.sources),
                ),
                FieldSpec(
                    "quote",
                    translate("RecordEdits", "Quote from the source"),
                    "multiline",
                    base.quote,
                ),
                *translation_specs(translated, base.texts),
            ],
        )
        if values is None:
            return
        texts = with_translations(values, translated, base.texts)
        new_key = before.key if before else validation.slug_from(f"{slug}-{values['label']}")[:60]
        value = labels.parse_number(str(values.pop("value")))
        after = replace(base, key=new_key, value=value or 0.0, texts=texts, **values)
        original = before.key if before else None

        def forward(store: Store, name: str) -> object:
            return records.save_fact(store, record=after, original_key=original, who=name)

        def backward(store: Store, name: str) -> object:
            if before is None:
                return records.delete_fact(store, key=after.key, who=name)
            return records.save_fact(store, record=before, original_key=after.key, who=name)

        text = translate("RecordEdits", "Figure {label}").format(label=after.label)
        self._push(text, slug, forward, backward, figures=True)

    def delete_fact(self, slug: str, key: str, data: RecordForms) -> None:
        before = data.facts[key]
        self._push(
            translate("RecordEdits", "Delete figure {label}").format(label=before.label),
            slug,
            lambda store, name: records.delete_fact(store, key=key, who=name),
            lambda store, name: records.save_fact(
                store, record=before, original_key=None, who=name
            ),
            figures=True,
        )

    # --- relations -----------------------------------------------------------------------------

    def add_relation(self, slug: str, _key: str, data: RecordForms) -> None:
        translated: Translated = [("note", translate("RecordEdits", "Note"), "multiline")]
        values = record_form.ask(
            self.steps.window,
            translate("RecordEdits", "New relation"),
            [
                FieldSpec(
                    "relation_type",
                    translate("RecordEdits", "Relation"),
                    "choice",
                    "partner-of",
                    labels.term_choices(taxonomy.RELATION_TYPES),
                ),
                FieldSpec(
                    "object",
                    translate("RecordEdits", "Related entity"),
                    "choice",
                    None,
                    labels.name_choices(data.names, skip=slug),
                ),
                FieldSpec("note", translate("RecordEdits", "Note"), "multiline"),
                *translation_specs(translated, None),
            ],
        )
        if values is None:
            return
        texts = with_translations(values, translated, None)
        record = RelationRecord(subject=slug, texts=texts, **values)
        self._push(
            translate("RecordEdits", "New relation"),
            slug,
            lambda store, name: records.add_relation(store, record=record, who=name),
            lambda store, name: records.remove_relation(store, record=record, who=name),
        )

    def remove_relation(self, slug: str, key: str, data: RecordForms) -> None:
        relation = next(
            r for r in data.detail.relations if f"{r.direction}:{r.relation_type}:{r.slug}" == key
        )
        subject, obj = (
            (slug, relation.slug) if relation.direction == "out" else (relation.slug, slug)
        )
        record = RelationRecord(subject, relation.relation_type, obj, relation.note, relation.texts)
        self._push(
            translate("RecordEdits", "Remove relation"),
            slug,
            lambda store, name: records.remove_relation(store, record=record, who=name),
            lambda store, name: records.add_relation(store, record=record, who=name),
        )

    # --- space ---------------------------------------------------------------------------------

    def set_space(self, slug: str, key: str, data: RecordForms) -> None:
        current = next((s for s in data.detail.space if s.space_type == key), None)
        translated: Translated = [("note", translate("RecordEdits", "Note"), "multiline")]
        values = record_form.ask(
            self.steps.window,
            translate("RecordEdits", "Space offered"),
            [
                FieldSpec(
                    "space_type",
                    translate("RecordEdits", "Space"),
                    "choice",
                    key or "office",
                    labels.term_choices(taxonomy.SPACE_TYPES),
                ),
                FieldSpec(
                    "availability",
                    translate("RecordEdits", "Availability"),
                    "choice",
                    current.availability if current else "unknown",
                    labels.term_choices(taxonomy.AVAILABILITY),
                ),
                FieldSpec(
                    "since",
                    translate("RecordEdits", "From (date)"),
                    value=current.since if current else None,
                ),
                FieldSpec(
                    "note",
                    translate("RecordEdits", "Note"),
                    "multiline",
                    current.note if current else None,
                ),
                *translation_specs(translated, current.texts if current else None),
            ],
        )
        if values is None:
            return
        texts = with_translations(values, translated, current.texts if current else None)
        after = SpaceRecord(site=slug, texts=texts, **values)
        before = (
            _space_record(slug, current)
            if current and current.space_type == after.space_type
            else None
        )

        def backward(store: Store, name: str) -> object:
            if before is None:
                return records.remove_space(store, site=slug, space_type=after.space_type, who=name)
            return records.set_space(store, record=before, who=name)

        self._push(
            translate("RecordEdits", "Space offered"),
            slug,
            lambda store, name: records.set_space(store, record=after, who=name),
            backward,
        )

    def remove_space(self, slug: str, key: str, data: RecordForms) -> None:
        current = next(s for s in data.detail.space if s.space_type == key)
        before = _space_record(slug, current)
        self._push(
            translate("RecordEdits", "Remove space"),
            slug,
            lambda store, name: records.remove_space(store, site=slug, space_type=key, who=name),
            lambda store, name: records.set_space(store, record=before, who=name),
        )

    # --- contact -------------------------------------------------------------------------------

    def edit_contact(self, slug: str, _key: str, data: RecordForms) -> None:
        contact = data.detail.contact
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
            self.steps.window,
            translate("RecordEdits", "Contact details"),
            [
                FieldSpec("role", translate("RecordEdits", "Role"), value=base.role),
                FieldSpec(
                    "organisation",
                    translate("RecordEdits", "Organisation"),
                    "choice",
                    base.organisation,
                    [("—", None), *labels.name_choices(data.names)],
                ),
                FieldSpec(
                    "phone",
                    translate("RecordEdits", "Phone"),
                    value=base.phone,
                    check=labels.in_language(validation.phone),
                ),
                FieldSpec(
                    "email",
                    translate("RecordEdits", "E-mail"),
                    value=base.email,
                    check=labels.in_language(validation.email),
                ),
                FieldSpec(
                    "public",
                    translate("RecordEdits", "Shareable in dossiers (published contact)"),
                    "check",
                    base.public,
                ),
            ],
        )
        if values is None:
            return
        after = ContactRecord(person=slug, **values)
        undone = before or ContactRecord(slug)
        self._push(
            translate("RecordEdits", "Contact details"),
            slug,
            lambda store, name: records.save_contact(store, record=after, who=name),
            lambda store, name: records.save_contact(store, record=undone, who=name),
        )


def _space_record(site: str, shown: SpaceView) -> SpaceRecord:
    """The space offer as shown in the pane, as the record that writes it back (undo)."""
    return SpaceRecord(
        site, shown.space_type, shown.availability, shown.since, shown.note, shown.texts
    )
