"""A record's texts in further languages, as fields of its form.

A translated field (:data:`desktop.core.language.texts.TRANSLATED`) has one form field per
further language (German today), shown together under one heading below the English ones; what
is typed there goes into the record's ``texts``, so the edit that saves the English saves them
too, and undo and redo carry both.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.core.language import texts as record_texts
from desktop.core.language.catalogues import languages
from desktop.ui.upkeep import labels
from desktop.ui.widgets.record_form import FieldSpec

Translated = list[tuple[str, str, str]]  # (field, its label in the form, kind of form field)
translate = QCoreApplication.translate


def translation_specs(fields: Translated, texts: str | None) -> list[FieldSpec]:
    """The form fields for ``fields`` in every further language (German today), filled from
    the record's ``texts`` and shown together under one heading below the English."""
    stored = record_texts.parse(texts)
    heading = translate("RecordEdits", "Translations")
    return [
        FieldSpec(
            f"{field}_{language}",
            labels.in_language_label(label, language),
            kind,
            stored.get(language, {}).get(field),
            group=heading,
        )
        for language in languages()[1:]
        for field, label, kind in fields
    ]


def with_translations(values: dict[str, Any], fields: Translated, texts: str | None) -> str | None:
    """``texts`` with what the form's translated fields hold (taken out of ``values``, which then
    has the record's own fields only); other languages and fields, and any the form did not
    offer, stay as they were. Unchanged texts come back as stored, so saving an untouched form
    journals no change to them.

    The form showed each translation beside the English it saves (``values[field]``), so saving
    confirms it: every translated field that has a text is marked as written from that English,
    changed or not, and is no longer older than its English.
    """
    updated = texts
    for language in languages()[1:]:
        for field, _label, _kind in fields:
            name = f"{field}_{language}"
            if name in values:
                english = str(values.get(field) or "")
                updated = record_texts.with_text(
                    updated, language, field, values.pop(name), english=english
                )
    return texts if record_texts.same(updated, texts) else updated
