"""What a dossier says, as plain data: the contract between briefs and the PDF renderer.

Everything here is already chosen, ordered, filtered for confidentiality and written in the
dossier's language; the renderer only lays it out. Strings are text, never markup: the
renderer escapes every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceNote:
    """Where a figure or statement comes from, printed beside it."""

    title: str
    publisher: str | None = None
    published: str | None = None  # "YYYY" or "YYYY-MM-DD"; None when the source is undated
    accessed_on: str | None = None  # ISO date
    url: str | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class DossierFact:
    label: str  # "Logistics companies based in the Leipzig region"
    text: str  # the value as the source states it: "more than 1,500 companies"
    source: SourceNote | None
    as_of: str | None  # None: undated in the source (printed as such)
    value: float | None = None  # for charts
    unit: str | None = None


@dataclass(frozen=True)
class DossierSpace:
    label: str  # "S2 laboratory"
    availability: str  # "available", "under construction", … (in the dossier's language)
    since: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DossierEntity:
    slug: str
    name: str
    short_name: str | None
    kind: str  # label in the dossier's language
    location: str | None
    description: str
    why: str  # one line: what it offers this investor ("Serves GMP manufacturing; GMP, CDMO")
    sectors: list[str] = field(default_factory=list)  # labels
    tags: list[str] = field(default_factory=list)  # labels of tags and certifications
    space: list[DossierSpace] = field(default_factory=list)
    facts: list[DossierFact] = field(default_factory=list)
    note: str | None = None  # the consultant's note for the investor
    source: SourceNote | None = None  # where the description comes from


@dataclass(frozen=True)
class DossierSection:
    key: str
    title: str
    intro: str | None
    entities: list[DossierEntity]


@dataclass(frozen=True)
class EvidenceRow:
    requirement: str  # label
    evidence: list[str]  # names of entities / figures that serve it; empty: no evidence
    explanation: str | None = None  # how they serve it


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    text: str  # "40,000 students"


@dataclass(frozen=True)
class DossierChart:
    title: str
    bars: list[ChartBar]
    source: SourceNote | None


@dataclass(frozen=True)
class ContactCard:
    name: str
    role: str | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class DossierData:
    template: str  # "full" or "onepager"
    language: str  # "en" or "de"
    prepared_for: str  # the investor's name, or its code name when the consultant chose so
    prepared_on: date
    consultant: ContactCard
    summary: list[str]  # executive summary: why Leipzig for this investor, one point each
    sections: list[DossierSection]
    key_facts: list[DossierFact]  # cluster-wide figures chosen for this investor
    evidence: list[EvidenceRow]  # requirement → evidence matrix
    charts: list[DossierChart]
    sources: list[SourceNote]
    contacts: list[ContactCard] = field(default_factory=list)  # public agency contacts
    keywords: list[str] = field(default_factory=list)  # PDF metadata
    subject: str = ""  # PDF metadata, e.g. "Location dossier: cell & gene therapy"
