"""Vocabularies for prospects: planned activities, requirements and pipeline status.

Codes are what profiles, the database and the matching rules use; labels exist in English and
German because the dossier is produced in both.
"""

from __future__ import annotations

from desktop.core.kb.taxonomy import Term, index_terms

ACTIVITIES: dict[str, Term] = index_terms(
    Term("rd", "Research & development", "Forschung und Entwicklung"),
    Term("manufacturing", "Manufacturing", "Produktion"),
    Term("sales-distribution", "Sales & distribution", "Vertrieb"),
    Term("logistics", "Logistics", "Logistik"),
    Term("headquarters", "Headquarters", "Unternehmenssitz"),
    Term("clinical-trials", "Clinical trials", "Klinische Studien"),
)

REQUIREMENTS: dict[str, Term] = index_terms(
    Term("gmp-manufacturing", "GMP manufacturing", "GMP-Herstellung"),
    Term("cleanroom", "Cleanroom", "Reinraum"),
    Term("lab-space-s1", "S1 laboratory space", "S1-Laborflächen"),
    Term("lab-space-s2", "S2 laboratory space", "S2-Laborflächen"),
    Term("office-space", "Office space", "Büroflächen"),
    Term("production-space", "Production space", "Produktionsflächen"),
    Term("clinical-trials", "Clinical trials", "Klinische Studien"),
    Term("biobank-access", "Biobank access", "Zugang zu Biobanken"),
    Term("cold-chain-logistics", "Cold-chain logistics", "Kühlkettenlogistik"),
    Term("air-freight", "Air freight", "Luftfracht"),
    Term("talent-graduates", "Talent and graduates", "Fachkräfte und Absolventen"),
    Term("research-partners", "Research partners", "Forschungspartner"),
    Term("ai-data-partners", "AI and data partners", "KI- und Datenpartner"),
    Term("regulatory-support", "Regulatory support", "Regulatorische Unterstützung"),
    Term("funding-support", "Funding support", "Förderung"),
    Term("incubator", "Incubator", "Inkubator"),
)

STATUSES: dict[str, Term] = index_terms(
    Term("lead", "Lead", "Lead"),
    Term("active", "Active", "Aktiv"),
    Term("proposal-sent", "Proposal sent", "Angebot versandt"),
    Term("site-visit", "Site visit", "Standortbesuch"),
    Term("won", "Won", "Gewonnen"),
    Term("lost", "Lost", "Verloren"),
    Term("on-hold", "On hold", "Pausiert"),
)

TEMPLATES: dict[str, Term] = index_terms(
    Term("full", "Full dossier", "Vollständiges Dossier"),
    Term("onepager", "One-pager", "Kurzprofil"),
)

LANGUAGES: dict[str, Term] = index_terms(
    Term("en", "English", "Englisch"),
    Term("de", "German", "Deutsch"),
)
