"""Fixed vocabularies: entity kinds, sectors, relation types, space, availability, synonyms.

They live in code rather than in the database because the dossier, the search index and the
import validation all depend on the exact codes; a consultant can add tags, but a new sector or
kind is a product decision and ships with a release. Every vocabulary has English and German
labels because the dossier is produced in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a fixed vocabulary: a stable code and its labels."""

    code: str
    en: str
    de: str

    def label(self, language: str = "en") -> str:
        return self.de if language == "de" else self.en

    def labels(self) -> dict[str, str]:
        """Its label in every language we hold, English first."""
        return {"en": self.en, "de": self.de}


def index_terms(*terms: Term) -> dict[str, Term]:
    return {term.code: term for term in terms}


KINDS: dict[str, Term] = index_terms(
    Term("research-institute", "Research institute", "Forschungsinstitut"),
    Term("university-or-school", "University or school", "Hochschule oder Schule"),
    Term(
        "hospital-or-clinical-service",
        "Hospital or clinical service",
        "Klinik oder klinischer Dienst",
    ),
    Term("biobank-or-blood-service", "Biobank or blood service", "Biobank oder Blutspendedienst"),
    Term("company", "Company", "Unternehmen"),
    Term("logistics-provider", "Logistics provider", "Logistikdienstleister"),
    Term(
        "support-organisation",
        "Support organisation or network",
        "Förderorganisation oder Netzwerk",
    ),
    Term("public-authority", "Public authority", "Behörde oder Gebietskörperschaft"),
    Term("project-or-initiative", "Project or initiative", "Projekt oder Initiative"),
    Term("programme-or-accelerator", "Programme or accelerator", "Programm oder Accelerator"),
    Term("site-or-facility", "Site or facility", "Standort oder Einrichtung"),
    Term("person", "Person", "Person"),
)

SECTORS: dict[str, Term] = index_terms(
    Term("cell-gene-therapy", "Cell & gene therapy", "Zell- und Gentherapie"),
    Term("biotech-pharma", "Biotech & pharma", "Biotechnologie und Pharma"),
    Term("medtech", "Medical technology", "Medizintechnik"),
    Term("diagnostics", "Diagnostics", "Diagnostik"),
    Term("surgery", "Surgery", "Chirurgie"),
    Term("digital-health", "Digital health", "Digitale Gesundheit"),
    Term("ai-data", "AI & data science", "KI und Datenwissenschaft"),
    Term("clinical-research", "Clinical research", "Klinische Forschung"),
    Term("biobanking-blood", "Biobanking & blood", "Biobanken und Blutspende"),
    Term("education-talent", "Education & talent", "Bildung und Fachkräfte"),
    Term("real-estate", "Real estate & sites", "Immobilien und Flächen"),
    Term("logistics", "Logistics", "Logistik"),
    Term("investment-support", "Investment support", "Ansiedlungsförderung"),
    Term("basic-research", "Basic research", "Grundlagenforschung"),
)

# Fields that border on each other: a cell-therapy firm is in biotech, its starting material
# comes from blood services, a diagnostics firm builds medical devices. Symmetric.
NEIGHBOUR_SECTORS: dict[str, frozenset[str]] = {}
for _a, _b in (
    ("cell-gene-therapy", "biotech-pharma"),
    ("cell-gene-therapy", "biobanking-blood"),
    ("diagnostics", "medtech"),
    ("diagnostics", "clinical-research"),
    ("surgery", "medtech"),
    ("digital-health", "ai-data"),
    ("digital-health", "medtech"),
    ("clinical-research", "biobanking-blood"),
    ("biotech-pharma", "clinical-research"),
    ("medtech", "clinical-research"),
):
    NEIGHBOUR_SECTORS[_a] = NEIGHBOUR_SECTORS.get(_a, frozenset()) | {_b}
    NEIGHBOUR_SECTORS[_b] = NEIGHBOUR_SECTORS.get(_b, frozenset()) | {_a}


def neighbours(codes: Iterable[str]) -> frozenset[str]:
    """The sectors bordering on any of ``codes`` (not the codes themselves)."""
    codes = set(codes)
    return frozenset(n for code in codes for n in NEIGHBOUR_SECTORS.get(code, ())) - codes


def sector_rows() -> list[dict[str, object]]:
    """The ``sector`` table's rows: code, English label, its label in every language (what the
    search index holds, so "Zelltherapie" finds cell therapy) and position."""
    return [
        {
            "code": term.code,
            "label_en": term.en,
            "labels": " ".join(dict.fromkeys(term.labels().values())),
            "position": position,
        }
        for position, term in enumerate(SECTORS.values())
    ]


RELATION_TYPES: dict[str, Term] = index_terms(
    Term("part-of", "part of", "Teil von"),
    Term("spin-off-of", "spin-off of", "Ausgründung von"),
    Term("partner-of", "partner of", "Partner von"),
    Term("cooperates-with", "cooperates with", "kooperiert mit"),
    Term("located-at", "located at", "ansässig in"),
    Term("operates", "operates", "betreibt"),
    Term("member-of", "member of", "Mitglied von"),
    Term("alumnus-of", "alumnus of", "Absolvent von"),
    Term("licensed-by", "licensed by", "zugelassen durch"),
    Term("founded-by", "founded by", "gegründet von"),
    Term("supplies", "supplies", "versorgt"),
    Term("serves", "provides services to", "erbringt Leistungen für"),
    Term("manufactures-for", "manufactures for", "fertigt für"),
    Term("offered-at", "offered at", "angeboten an"),
    Term("works-at", "works at", "arbeitet bei"),
)

# How an incoming relation reads from the object's side ("Next3D spin-off of X" → on X's page:
# "has spin-off Next3D").
INVERSE_RELATION_TYPES: dict[str, Term] = index_terms(
    Term("part-of", "includes", "umfasst"),
    Term("spin-off-of", "has spin-off", "hat Ausgründung"),
    Term("partner-of", "partner of", "Partner von"),
    Term("cooperates-with", "cooperates with", "kooperiert mit"),
    Term("located-at", "hosts", "beherbergt"),
    Term("operates", "operated by", "betrieben von"),
    Term("member-of", "has member", "hat Mitglied"),
    Term("alumnus-of", "has alumnus", "hat Absolvent"),
    Term("licensed-by", "licenses", "erteilt Zulassung an"),
    Term("founded-by", "founded", "gründete"),
    Term("supplies", "supplied by", "versorgt von"),
    Term("serves", "receives services from", "erhält Leistungen von"),
    Term("manufactures-for", "has manufacturer", "hat Hersteller"),
    Term("offered-at", "offers", "bietet an"),
    Term("works-at", "has contact", "hat Ansprechpartner"),
)

SPACE_TYPES: dict[str, Term] = index_terms(
    Term("lab-s1", "S1 laboratory", "S1-Labor"),
    Term("lab-s2", "S2 laboratory", "S2-Labor"),
    Term("office", "Office", "Büro"),
    Term("production", "Production", "Produktion"),
    Term("storage", "Storage", "Lager"),
    Term("cleanroom", "Cleanroom", "Reinraum"),
    Term("land", "Land for development", "Entwicklungsfläche"),
)

AVAILABILITY: dict[str, Term] = index_terms(
    Term("available", "available", "verfügbar"),
    Term("planned", "planned", "geplant"),
    Term("under-construction", "under construction", "im Bau"),
    Term("unknown", "unknown", "unbekannt"),
)

QUALIFIERS: dict[str, Term] = index_terms(
    Term("exact", "", ""),
    Term("more-than", "more than", "mehr als"),
    Term("about", "about", "etwa"),
    Term("up-to", "up to", "bis zu"),
)

TAG_CATEGORIES: dict[str, Term] = index_terms(
    Term("certification", "Certification or standard", "Zertifizierung oder Norm"),
    Term("capability", "Capability", "Kompetenz"),
    Term("technology", "Technology", "Technologie"),
    Term("space", "Space", "Fläche"),
)

# Search synonyms: each group lists words or phrases that mean the same thing to a consultant
# searching the cluster, in English and German. Typing any member finds entities described with
# another (the knowledge base is written in English; "Reinraum" must still find "clean room").
# Groups are few and exact on purpose: a loose synonym ("lab" for "research") floods the
# results and hides the entity that was meant. Spelling variants joined or split ("cleanroom"
# / "clean room") are found by the search without being listed here. A word may sit in two
# groups ("Lager": storage, warehouse); the groups are not merged through it.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("clean room", "cleanroom", "Reinraum", "Reinräume"),
    ("GMP", "good manufacturing practice"),
    ("GDP", "good distribution practice"),
    ("university", "Universität", "Hochschule"),
    ("university of applied sciences", "Fachhochschule"),
    ("university hospital", "Universitätsklinikum", "Uniklinikum", "Uniklinik"),
    ("hospital", "Klinikum", "Krankenhaus", "Klinik"),
    ("clinic", "Klinik"),
    ("surgery", "surgical", "Chirurgie", "chirurgisch"),
    ("diagnostics", "diagnostic", "Diagnostik"),
    ("pharma", "pharmaceutical", "pharmazeutisch"),
    ("biotech", "biotechnology", "Biotechnologie"),
    ("logistics", "Logistik"),
    ("incubator", "Gründerzentrum", "Inkubator"),
    ("start-up", "startup", "Jungunternehmen"),
    ("spin-off", "Ausgründung"),
    ("laboratory", "lab", "Labor"),
    ("medical technology", "medtech", "Medizintechnik"),
    ("cell therapy", "Zelltherapie"),
    ("gene therapy", "Gentherapie"),
    ("stem cells", "stem cell", "Stammzellen", "Stammzelle"),
    ("clinical trials", "clinical trial", "klinische Studien", "klinische Studie"),
    ("blood donation", "Blutspende"),
    ("artificial intelligence", "AI", "KI", "künstliche Intelligenz"),
    ("machine learning", "maschinelles Lernen"),
    ("research", "Forschung"),
    ("company", "Unternehmen", "Firma"),
    ("airport", "Flughafen"),
    ("trade fair", "Messe"),
    ("economic development", "Wirtschaftsförderung"),
    ("district", "Landkreis"),
    ("Saxony", "Sachsen"),
    ("Free State of Saxony", "Freistaat Sachsen"),
    ("centre", "center", "Zentrum"),
    ("surgery", "Chirurgie"),
    ("diagnostics", "Diagnostik"),
    ("medicine", "Medizin"),
    ("cancer", "Krebs"),
    ("warehouse", "Lager", "Lagerhaus"),
    ("storage", "Lager", "Lagerung"),
    ("office", "Büro"),
    ("space", "Fläche", "Flächen"),
)


def inverse_label(relation_type: str, language: str = "en") -> str:
    """The label of a relation read from its object's side."""
    return INVERSE_RELATION_TYPES[relation_type].label(language)


def require(vocabulary: dict[str, Term], code: str, what: str) -> Term:
    """Return the term for ``code`` or raise ``ValueError`` listing the valid codes."""
    try:
        return vocabulary[code]
    except KeyError:
        valid = ", ".join(sorted(vocabulary))
        raise ValueError(f"unknown {what} {code!r}; expected one of: {valid}") from None
