"""Fixed vocabularies: entity kinds, sectors, relation types, space, availability, synonyms.

They live in code rather than in the database because the dossier, the search index and the
import validation all depend on the exact codes; a consultant can add tags, but a new sector or
kind is a product decision and ships with a release. The labels are English here; every other
language's are in its catalogue (:mod:`desktop.core.language.catalogues`), as data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from desktop.core.kb.refusals import RefusedError
from desktop.core.language.catalogues import languages, word
from desktop.core.language.messages import Message, message


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a fixed vocabulary: a stable code, its English label (the source) and the
    catalogue domain where other languages' labels are (:mod:`desktop.core.language.catalogues`)."""

    code: str
    en: str
    domain: str = ""

    def label(self, language: str = "en") -> str:
        return word(self.domain, self.code, language, self.en)

    def labels(self) -> dict[str, str]:
        """Its label in every language with a catalogue, English first."""
        return {language: self.label(language) for language in languages()}


def index_terms(domain: str, *terms: Term) -> dict[str, Term]:
    """A vocabulary by code, its labels in other languages under ``domain`` in each catalogue."""
    return {term.code: replace(term, domain=domain) for term in terms}


KINDS: dict[str, Term] = index_terms(
    "kind",
    Term("research-institute", "Research institute"),
    Term("university-or-school", "University or school"),
    Term(
        "hospital-or-clinical-service",
        "Hospital or clinical service",
    ),
    Term("biobank-or-blood-service", "Biobank or blood service"),
    Term("company", "Company"),
    Term("logistics-provider", "Logistics provider"),
    Term(
        "support-organisation",
        "Support organisation or network",
    ),
    Term("public-authority", "Public authority"),
    Term("project-or-initiative", "Project or initiative"),
    Term("programme-or-accelerator", "Programme or accelerator"),
    Term("site-or-facility", "Site or facility"),
    Term("person", "Person"),
)

SECTORS: dict[str, Term] = index_terms(
    "sector",
    Term("cell-gene-therapy", "Cell & gene therapy"),
    Term("biotech-pharma", "Biotech & pharma"),
    Term("medtech", "Medical technology"),
    Term("diagnostics", "Diagnostics"),
    Term("surgery", "Surgery"),
    Term("digital-health", "Digital health"),
    Term("ai-data", "AI & data science"),
    Term("clinical-research", "Clinical research"),
    Term("biobanking-blood", "Biobanking & blood"),
    Term("education-talent", "Education & talent"),
    Term("real-estate", "Real estate & sites"),
    Term("logistics", "Logistics"),
    Term("investment-support", "Investment support"),
    Term("basic-research", "Basic research"),
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
    "relation",
    Term("part-of", "part of"),
    Term("spin-off-of", "spin-off of"),
    Term("partner-of", "partner of"),
    Term("cooperates-with", "cooperates with"),
    Term("located-at", "located at"),
    Term("operates", "operates"),
    Term("member-of", "member of"),
    Term("alumnus-of", "alumnus of"),
    Term("licensed-by", "licensed by"),
    Term("founded-by", "founded by"),
    Term("supplies", "supplies"),
    Term("serves", "provides services to"),
    Term("manufactures-for", "manufactures for"),
    Term("offered-at", "offered at"),
    Term("works-at", "works at"),
)

# How an incoming relation reads from the object's side ("Next3D spin-off of X" → on X's page:
# "has spin-off Next3D").
INVERSE_RELATION_TYPES: dict[str, Term] = index_terms(
    "relation-inverse",
    Term("part-of", "includes"),
    Term("spin-off-of", "has spin-off"),
    Term("partner-of", "partner of"),
    Term("cooperates-with", "cooperates with"),
    Term("located-at", "hosts"),
    Term("operates", "operated by"),
    Term("member-of", "has member"),
    Term("alumnus-of", "has alumnus"),
    Term("licensed-by", "licenses"),
    Term("founded-by", "founded"),
    Term("supplies", "supplied by"),
    Term("serves", "receives services from"),
    Term("manufactures-for", "has manufacturer"),
    Term("offered-at", "offers"),
    Term("works-at", "has contact"),
)

SPACE_TYPES: dict[str, Term] = index_terms(
    "space",
    Term("lab-s1", "S1 laboratory"),
    Term("lab-s2", "S2 laboratory"),
    Term("office", "Office"),
    Term("production", "Production"),
    Term("storage", "Storage"),
    Term("cleanroom", "Cleanroom"),
    Term("land", "Land for development"),
)

AVAILABILITY: dict[str, Term] = index_terms(
    "availability",
    Term("available", "available"),
    Term("planned", "planned"),
    Term("under-construction", "under construction"),
    Term("unknown", "unknown"),
)

QUALIFIERS: dict[str, Term] = index_terms(
    "qualifier",
    Term("exact", ""),
    Term("more-than", "more than"),
    Term("about", "about"),
    Term("up-to", "up to"),
)

TAG_CATEGORIES: dict[str, Term] = index_terms(
    "tag-category",
    Term("certification", "Certification or standard"),
    Term("capability", "Capability"),
    Term("technology", "Technology"),
    Term("space", "Space"),
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


def require(vocabulary: dict[str, Term], code: str, what: str | Message) -> Term:
    """Return the term for ``code`` or raise a ``ValueError`` (:class:`RefusedError`) listing
    the valid codes; ``what`` names the vocabulary ("kind"), a message for a reader."""
    try:
        return vocabulary[code]
    except KeyError:
        valid = ", ".join(sorted(vocabulary))
        raise RefusedError(
            message(
                "unknown {what} {code!r}; expected one of: {valid}",
                what=what,
                code=code,
                valid=valid,
            )
        ) from None
