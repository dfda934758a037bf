"""The knowledge-base tables.

Codes for kinds, sectors, relation types, space types and availability come from
:mod:`desktop.core.kb.taxonomy`; the tables store the codes, never the labels, so a dossier can be
rendered in either language from the same rows. Every fact carries its source and as-of date
because a dossier may only print figures it can attribute.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from desktop.core.kb.identity import new_gid

ENTITY_FK = "entity.id"
SOURCE_FK = "source.id"


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself (schema version, seed digest)."""

    key: str = Field(primary_key=True)
    value: str


class Source(SQLModel, table=True):
    """Where a fact or description comes from: a document, web page or conversation."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    title: str
    publisher: str | None = None
    published: str | None = None  # "YYYY" or "YYYY-MM-DD"; None when the source is undated
    accessed_on: date | None = None
    url: str | None = None
    file_name: str | None = None
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class Sector(SQLModel, table=True):
    """One sector of the fixed taxonomy, mirrored into the database for joins and search."""

    code: str = Field(primary_key=True)
    label_en: str
    position: int = 0
    # its label in every language, space-separated: what the search index holds
    labels: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Tag(SQLModel, table=True):
    """A tag or certification (GMP, EN ISO 13485, …) that entities can carry."""

    code: str = Field(primary_key=True)
    label: str
    category: str = "capability"
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class Entity(SQLModel, table=True):
    """An organisation, site, project, programme or person of the cluster."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    name: str = Field(index=True)
    short_name: str | None = None
    kind: str = Field(index=True)
    description: str = ""
    website: str | None = None
    location: str | None = None
    founded_year: int | None = None
    verified_on: date | None = None
    verified_by: str | None = None
    source_id: int | None = Field(default=None, foreign_key=SOURCE_FK, ondelete="SET NULL")
    created_at: datetime
    updated_at: datetime
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)
    # The texts in other languages (JSON: {"de": {"description": "…"}}); see core/language/texts.py.
    texts: str | None = None


class EntitySector(SQLModel, table=True):
    __tablename__ = "entity_sector"

    entity_id: int = Field(foreign_key=ENTITY_FK, primary_key=True, ondelete="CASCADE")
    sector_code: str = Field(foreign_key="sector.code", primary_key=True, index=True)


class EntityTag(SQLModel, table=True):
    __tablename__ = "entity_tag"

    entity_id: int = Field(foreign_key=ENTITY_FK, primary_key=True, ondelete="CASCADE")
    tag_code: str = Field(foreign_key="tag.code", primary_key=True, index=True)


class Relation(SQLModel, table=True):
    """A typed, directed link: ``subject`` *relation_type* ``object`` (Next3D spin-off-of …)."""

    id: int | None = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key=ENTITY_FK, index=True, ondelete="CASCADE")
    relation_type: str
    object_id: int = Field(foreign_key=ENTITY_FK, index=True, ondelete="CASCADE")
    note: str | None = None
    source_id: int | None = Field(default=None, foreign_key=SOURCE_FK, ondelete="SET NULL")
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)
    # The texts in other languages (JSON: {"de": {"description": "…"}}); see core/language/texts.py.
    texts: str | None = None


class SpaceOffer(SQLModel, table=True):
    """Space a site offers (S1 lab, office, …) and whether it can be had."""

    __tablename__ = "space_offer"

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key=ENTITY_FK, index=True, ondelete="CASCADE")
    space_type: str
    availability: str = "unknown"
    since: str | None = None  # "YYYY" or "YYYY-MM-DD" when known
    note: str | None = None
    source_id: int | None = Field(default=None, foreign_key=SOURCE_FK, ondelete="SET NULL")
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)
    # The texts in other languages (JSON: {"de": {"description": "…"}}); see core/language/texts.py.
    texts: str | None = None


class Fact(SQLModel, table=True):
    """A key figure with its unit, scope, as-of date and source."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    label: str
    value: float
    qualifier: str = "exact"
    unit: str
    period: str | None = None
    scope_id: int | None = Field(
        default=None, foreign_key=ENTITY_FK, index=True, ondelete="CASCADE"
    )
    as_of: str | None = None  # "YYYY" or "YYYY-MM-DD"; None when the source does not date it
    source_id: int | None = Field(default=None, foreign_key=SOURCE_FK, ondelete="RESTRICT")
    quote: str | None = None
    comparable: str | None = None
    topics: str | None = None  # space-separated sector/requirement/activity codes it evidences
    verified_on: date | None = None
    verified_by: str | None = None
    created_at: datetime
    updated_at: datetime
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)
    # The texts in other languages (JSON: {"de": {"description": "…"}}); see core/language/texts.py.
    texts: str | None = None


class Contact(SQLModel, table=True):
    """Contact details of a person entity; shared outside the agency only when ``public``."""

    entity_id: int = Field(foreign_key=ENTITY_FK, primary_key=True, ondelete="CASCADE")
    role: str | None = None
    organisation_id: int | None = Field(
        default=None, foreign_key=ENTITY_FK, index=True, ondelete="SET NULL"
    )
    phone: str | None = None
    email: str | None = None
    public: bool = False
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class Prospect(SQLModel, table=True):
    """A prospective investor. ``internal_notes`` never leave the agency."""

    id: int | None = Field(default=None, primary_key=True)
    company_name: str
    code_name: str | None = None
    use_code_name: bool = False
    country: str | None = None
    sectors: str = "[]"  # JSON lists of codes (prospect_vocab / taxonomy)
    activities: str = "[]"
    requirements: str = "[]"
    keywords: str = "[]"
    needs: str | None = None
    status: str = "lead"
    meeting_on: date | None = None
    internal_notes: str | None = None
    created_at: datetime
    updated_at: datetime
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class Brief(SQLModel, table=True):
    """A tailored selection of entities and figures for one prospect."""

    id: int | None = Field(default=None, primary_key=True)
    prospect_id: int = Field(foreign_key="prospect.id", index=True, ondelete="CASCADE")
    title: str
    template: str = "full"
    language: str = "en"
    consultant: str | None = None
    section_order: str = "[]"  # JSON list of section keys
    created_at: datetime
    updated_at: datetime
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class BriefItem(SQLModel, table=True):
    """One suggested entity or figure in a brief, with the consultant's choices."""

    __tablename__ = "brief_item"

    id: int | None = Field(default=None, primary_key=True)
    brief_id: int = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    section: str
    position: int = 0
    entity_id: int | None = Field(default=None, foreign_key=ENTITY_FK, ondelete="CASCADE")
    fact_id: int | None = Field(default=None, foreign_key="fact.id", ondelete="CASCADE")
    included: bool = True
    note: str | None = None  # for the investor; printed in the dossier
    reason: str = ""
    score: float = 0.0
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class SentDossier(SQLModel, table=True):
    """The sent register: what was handed to a prospect, and a snapshot to compare with later."""

    __tablename__ = "sent_dossier"

    id: int | None = Field(default=None, primary_key=True)
    prospect_id: int = Field(foreign_key="prospect.id", index=True, ondelete="CASCADE")
    brief_id: int | None = Field(default=None, foreign_key="brief.id", ondelete="SET NULL")
    sent_at: datetime
    template: str
    language: str
    prepared_for: str
    file_name: str
    sha256: str
    snapshot: str  # JSON: the included entities and figures as printed
    # The record's name on every laptop and on the team server (see desktop.core.kb.identity).
    gid: str = Field(default_factory=new_gid, unique=True, index=True)


class AuditEntry(SQLModel, table=True):
    """One change to the knowledge base: who, when, which record, which field, old → new.

    Entries that belong together (one edit, one import) share a ``batch``.
    """

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    who: str
    action: str  # "create", "update", "delete", "verify", "import", "restore"
    record_type: str = Field(
        index=True
    )  # "entity", "fact", "relation", "space", "contact", "source"
    record_key: str = Field(index=True)  # slug, fact key, or "<type>:<id>"
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    batch: str | None = Field(default=None, index=True)


# The team's bookkeeping tables register with the same metadata.
from desktop.core.kb import sync_tables  # noqa: E402, F401


class BriefChoice(SQLModel, table=True):
    """A consultant's decision on a suggested entity: included or left out of a brief, for an
    investor of this profile. Local to the laptop (statistics, not shared records): new briefs
    of a similar profile learn from it (:mod:`desktop.core.suggestions.choices`). The profile is
    kept with it, so the lesson outlives the brief."""

    __tablename__ = "brief_choice"

    id: int | None = Field(default=None, primary_key=True)
    brief_id: int | None = Field(
        default=None, foreign_key="brief.id", index=True, ondelete="SET NULL"
    )
    entity_id: int = Field(foreign_key=ENTITY_FK, index=True, ondelete="CASCADE")
    included: bool
    sectors: str  # the investor's sector codes, space-separated
    requirements: str  # the investor's requirement codes, space-separated
    chosen_at: datetime
