"""The knowledge base's texts in the dossier's language, and a note of every gap.

Descriptions, space notes and figure labels, units and periods are read from each record's
texts in the dossier's language (:mod:`desktop.core.language.texts`); where a record has none yet,
the English is printed and the record is named, so the pre-export check can say which texts
are missing before the dossier goes out. A text written for an earlier version of its English
is printed too (it is usually still right) and its record named as well, so the consultant
looks at it before the dossier says something that is no longer true. Figures are re-worded
with the language's qualifiers and number format ("mehr als 1.500 Unternehmen").
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.kb.catalogue import EntityDetail, FactView
from desktop.core.kb.values import format_figure
from desktop.core.language.texts import stale_fields, text_in


class Localiser:
    """Puts records into one language and remembers what it had to leave in English."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.missing: list[str] = []  # "Fraunhofer IZI (description)", in order, once each
        self.stale: list[str] = []  # the same, for texts older than their English

    def _text(self, source: str | None, texts: str | None, field: str, where: str) -> str:
        found = text_in(source, texts, field, self.language)
        noted = self.missing if found.fallback else self.stale if found.stale else None
        if noted is not None and where not in noted:
            noted.append(where)
        return found.text

    def fact(self, fact: FactView) -> FactView:
        where = f"{fact.label} (figure)"
        label = self._text(fact.label, fact.texts, "label", where)
        unit = self._text(fact.unit, fact.texts, "unit", where) if fact.unit else None
        period = self._text(fact.period, fact.texts, "period", where) if fact.period else None
        text = format_figure(
            fact.value,
            fact.qualifier,
            fact.unit,
            fact.period,
            self.language,
            unit_words=unit,
            period_words=period,
        )
        return replace(fact, label=label, text=text)

    def detail(self, detail: EntityDetail) -> EntityDetail:
        name = detail.short_name or detail.name
        description = self._text(
            detail.description, detail.texts, "description", f"{name} (description)"
        )
        space = [
            replace(
                offer,
                note=self._text(offer.note, offer.texts, "note", f"{name} (space note)")
                if offer.note
                else None,
            )
            for offer in detail.space
        ]
        facts = [self.fact(fact) for fact in detail.facts]
        location = self._text(detail.location, detail.texts, "location", f"{name} (location)")
        # relation notes are not printed: translated where they can be, never reported
        relations = [
            replace(r, note=text_in(r.note, r.texts, "note", self.language).text or None)
            for r in detail.relations
        ]
        # the detail pane marks these; the dossier's check names them (self.stale)
        english = {"description": detail.description, "location": detail.location}
        return replace(
            detail,
            description=description,
            location=location or None,
            space=space,
            facts=facts,
            relations=relations,
            outdated=tuple(stale_fields(detail.texts, english, self.language)),
        )
