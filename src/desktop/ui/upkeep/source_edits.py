"""Adding, changing and deleting sources, from the Sources dialog.

A source is cited by figures and facts across many entities, so a change to one is not an edit
of the entity on screen: it is not a step on the undo stack (the journal keeps it), and it
announces a change of the sources, so every pane showing a citation reads it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.app import records
from desktop.app.changes import Topic, change
from desktop.app.store import Store
from desktop.core.kb import validation
from desktop.core.upkeep.sources import SourceRecord
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.upkeep import labels
from desktop.ui.upkeep.steps import EditSteps, who
from desktop.ui.widgets import record_form
from desktop.ui.widgets.record_form import FieldSpec

translate = QCoreApplication.translate


class SourceEdits:
    def __init__(self, steps: EditSteps) -> None:
        self.steps = steps

    def edit(self, before: SourceRecord | None = None) -> None:
        """A new source (or changes to one): a report, a web page, a phone call with its date."""
        today = date.today()
        base = before or SourceRecord(key="", title="", accessed_on=today.isoformat())
        values = record_form.ask(
            self.steps.window,
            translate("RecordEdits", "Edit source")
            if before
            else translate("RecordEdits", "New source"),
            [
                FieldSpec(
                    "title",
                    translate("RecordEdits", "Title"),
                    value=base.title,
                    check=labels.required(translate("RecordEdits", "The title is required.")),
                ),
                FieldSpec(
                    "publisher",
                    translate("RecordEdits", "Publisher or person"),
                    value=base.publisher,
                ),
                FieldSpec(
                    "published",
                    translate("RecordEdits", "Published (YYYY or YYYY-MM-DD)"),
                    value=base.published,
                    check=labels.as_of_check(today),
                ),
                FieldSpec(
                    "accessed_on",
                    translate("RecordEdits", "Accessed on (YYYY-MM-DD)"),
                    value=base.accessed_on,
                    check=labels.as_of_check(today),
                ),
                FieldSpec(
                    "url",
                    translate("RecordEdits", "Web address"),
                    value=base.url,
                    check=labels.in_language(validation.url),
                ),
                FieldSpec("file_name", translate("RecordEdits", "File name"), value=base.file_name),
            ],
        )
        if values is None:
            return
        key = before.key if before else validation.slug_from(values["title"])[:60]
        record = SourceRecord(key=key, **values)
        original, name = (before.key if before else None), who()
        self._source_change(
            lambda store: records.save_source(store, record=record, original_key=original, who=name)
        )

    def delete(self, record: SourceRecord) -> None:
        name = who()
        self._source_change(lambda store: records.delete_source(store, key=record.key, who=name))

    def _source_change(self, work: Callable[[Store], object]) -> None:
        """Sources are cited by figures: the pane shows the entity again with the new titles."""
        DatabaseOp(self.steps, work).announces(change(Topic.SOURCES)).failure(
            self.steps.failed
        ).run(self.steps.executor)
