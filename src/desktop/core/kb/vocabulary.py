"""Vocabularies for prospects: planned activities, requirements and pipeline status.

Codes are what profiles, the database and the matching rules use; the labels are English here
and in every other language in its catalogue (:mod:`desktop.core.language.catalogues`).
"""

from __future__ import annotations

from desktop.core.kb.taxonomy import Term, index_terms
from desktop.core.language.catalogues import languages

ACTIVITIES: dict[str, Term] = index_terms(
    "activity",
    Term("rd", "Research & development"),
    Term("manufacturing", "Manufacturing"),
    Term("sales-distribution", "Sales & distribution"),
    Term("logistics", "Logistics"),
    Term("headquarters", "Headquarters"),
    Term("clinical-trials", "Clinical trials"),
)

REQUIREMENTS: dict[str, Term] = index_terms(
    "requirement",
    Term("gmp-manufacturing", "GMP manufacturing"),
    Term("cleanroom", "Cleanroom"),
    Term("lab-space-s1", "S1 laboratory space"),
    Term("lab-space-s2", "S2 laboratory space"),
    Term("office-space", "Office space"),
    Term("production-space", "Production space"),
    Term("clinical-trials", "Clinical trials"),
    Term("biobank-access", "Biobank access"),
    Term("cold-chain-logistics", "Cold-chain logistics"),
    Term("air-freight", "Air freight"),
    Term("talent-graduates", "Talent and graduates"),
    Term("research-partners", "Research partners"),
    Term("ai-data-partners", "AI and data partners"),
    Term("regulatory-support", "Regulatory support"),
    Term("funding-support", "Funding support"),
    Term("incubator", "Incubator"),
)

STATUSES: dict[str, Term] = index_terms(
    "status",
    Term("lead", "Lead"),
    Term("active", "Active"),
    Term("proposal-sent", "Proposal sent"),
    Term("site-visit", "Site visit"),
    Term("won", "Won"),
    Term("lost", "Lost"),
    Term("on-hold", "On hold"),
)

TEMPLATES: dict[str, Term] = index_terms(
    "template",
    Term("full", "Full dossier"),
    Term("onepager", "One-pager"),
)

# The dossier's languages: every language with a catalogue (a new one is a new catalogue).
# Their English names; a language added without one here is named by its code in English and
# by its catalogue's own "language" table everywhere else.
LANGUAGE_NAMES = {"en": "English", "de": "German"}
LANGUAGES: dict[str, Term] = index_terms(
    "language", *(Term(code, LANGUAGE_NAMES.get(code, code)) for code in languages())
)
