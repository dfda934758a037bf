"""Which entities serve which requirement or activity: the rules behind suggestions.

A rule names tags, space types, sectors and kinds; every criterion it sets must hold
(``also`` lists alternatives). ``exclude_sectors`` and ``relevant_only`` keep false friends
out. The ``how`` text is what the evidence matrix prints (English; other languages in their
catalogue's ``how`` table, by requirement code).

**No claim without evidence.** A rule that is a ``claim`` says "serves …" only on a basis the
knowledge base keeps with its source: a tag of the entity's record, a space offer, a figure
scoped to the entity whose topics name the requirement, or — where being that kind of
organisation *is* the service (a university for graduates) — the record's kind. A rule that is
not a claim (``claim=False``) finds plausible but unproven matches ("a logistics provider —
cold-chain capability not stated in our sources"): worded as such, worth less, and never in the
evidence matrix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.suggestions.interest import Candidate, Interest
from desktop.core.suggestions.reasons import Basis


@dataclass(frozen=True)
class Rule:
    """Which entities serve a requirement or activity, and how to say so."""

    tags: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    space: frozenset[str] = frozenset()
    exclude_sectors: frozenset[str] = frozenset()
    relevant_only: bool = False  # only entities sharing a sector with the investor count
    how: str = ""  # the evidence explanation, e.g. "GMP/CDMO capabilities"
    also: tuple[Rule, ...] = ()  # alternative ways to serve the same need
    claim: bool = True  # a match is a sourced claim ("serves"); False: a looser match
    kind_is_service: bool = False  # the entity's kind is itself the basis of the claim

    def serves(self, candidate: Candidate, interest: Interest) -> bool:
        """Whether any of the rule's ways matches (claimed or loose)."""
        return self.match(candidate, interest) is not None

    def match(self, candidate: Candidate, interest: Interest, code: str = "") -> Basis | None:
        """What the match rests on, or None. A claim's basis is :attr:`Basis.sourced`; a loose
        match (or a claim whose record has no source) returns an unsourced basis. ``code`` is
        the requirement, whose scoped figures also count as a basis."""
        claimed = loose = None
        for rule in (self, *self.also):
            if not rule._serves(candidate, interest):
                continue
            basis = rule._basis(candidate, code)
            if rule.claim and basis.sourced:
                claimed = claimed or basis
            else:
                loose = loose or Basis()
        if (
            claimed is None
            and code
            and code in candidate.facts
            and self._allowed(candidate, interest)
        ):
            claimed = Basis(facts=(candidate.facts[code][0],), source=candidate.facts[code][1])
        return claimed or loose

    def _allowed(self, candidate: Candidate, interest: Interest) -> bool:
        if self.exclude_sectors & candidate.sectors:
            return False
        return not (self.relevant_only and not set(interest.sectors) & candidate.sectors)

    def _basis(self, candidate: Candidate, code: str) -> Basis:
        tags = tuple(sorted(self.tags & candidate.tags))
        space = tuple(sorted(self.space & candidate.space))
        facts = (candidate.facts[code][0],) if code in candidate.facts else ()
        sources = [
            candidate.space_sources[kind] for kind in space if candidate.space_sources.get(kind)
        ]
        source = candidate.source if tags or self.kind_is_service else None
        source = source or (sources[0] if sources else None)
        if facts and not source:
            source = candidate.facts[code][1]
        kind = candidate.kind if self.kind_is_service else None
        return Basis(tags=tags, space=space, facts=facts, kind=kind, source=source)

    def _serves(self, candidate: Candidate, interest: Interest) -> bool:
        """Every criterion the rule sets must hold: a tag or space type, a sector, a kind."""
        if not self._allowed(candidate, interest):
            return False
        checks = []
        if self.tags or self.space:
            checks.append(bool(self.tags & candidate.tags or self.space & candidate.space))
        if self.sectors:
            checks.append(bool(self.sectors & candidate.sectors))
        if self.kinds:
            checks.append(candidate.kind in self.kinds)
        return bool(checks) and all(checks)


def _rule(
    how: str,
    *,
    relevant_only: bool = False,
    also: tuple[Rule, ...] = (),
    claim: bool = True,
    kind_is_service: bool = False,
    **codes: Iterable[str],
) -> Rule:
    return Rule(
        how=how,
        relevant_only=relevant_only,
        also=also,
        claim=claim,
        kind_is_service=kind_is_service,
        **{key: frozenset(values) for key, values in codes.items()},
    )


RESEARCH_KINDS = ("research-institute", "university-or-school", "hospital-or-clinical-service")
CLINICAL_KINDS = ("hospital-or-clinical-service", "biobank-or-blood-service", "research-institute")
RULES: dict[str, Rule] = {
    "gmp-manufacturing": _rule(
        "GMP, CDMO or ATMP manufacturing capabilities",
        tags=("gmp", "cdmo", "atmp"),
        exclude_sectors=("logistics",),  # GMP-certified logistics is not manufacturing
    ),
    "cleanroom": _rule(
        "cleanroom space or clean room expertise", tags=("cleanroom",), space=("cleanroom",)
    ),
    "lab-space-s1": _rule("S1 laboratory space", tags=("lab-s1",), space=("lab-s1",)),
    "lab-space-s2": _rule("S2 laboratory space", tags=("lab-s2",), space=("lab-s2",)),
    "office-space": _rule("office space", space=("office",)),
    "production-space": _rule("production space", space=("production",)),
    "clinical-trials": _rule(
        "clinical trial services and clinical research",
        tags=("clinical-trials",),
        # a clinic in clinical research is a likely partner, but trial services are a claim
        also=(_rule("", sectors=("clinical-research",), kinds=CLINICAL_KINDS, claim=False),),
    ),
    "biobank-access": _rule(
        "biobanks",
        tags=("biobank",),
        # a blood or stem-cell service is related, but it is not a biobank
        also=(
            _rule(
                "",
                sectors=("biobanking-blood",),
                kinds=("biobank-or-blood-service",),
                claim=False,
            ),
        ),
    ),
    "cold-chain-logistics": _rule(
        "temperature-controlled pharmaceutical logistics (GDP, IATA CEIV Pharma)",
        tags=("gdp", "iata-ceiv-pharma"),
        # "solutions for pharmaceutical companies" does not say cold chain
        also=(_rule("", tags=("pharma-logistics",), claim=False),),
    ),
    "air-freight": _rule(
        "air freight and airport logistics", tags=("air-freight", "iata-ceiv-pharma")
    ),
    "talent-graduates": _rule(
        "education and training of graduates and specialists",
        sectors=("education-talent",),
        kinds=("university-or-school",),
        kind_is_service=True,
    ),
    "research-partners": _rule(
        "research institutions working in the investor's sectors",
        kinds=RESEARCH_KINDS,
        relevant_only=True,
        kind_is_service=True,
    ),
    "ai-data-partners": _rule(
        "AI and data science",
        tags=("ai", "machine-learning"),
        also=(_rule("", sectors=("ai-data",), claim=False),),
    ),
    "regulatory-support": _rule(
        "help with CE certification and reimbursement, certified development partners",
        tags=("ce-certification", "reimbursement"),
        # an EN ISO 13485-certified institute is a partner for certification work; a company
        # that merely holds the certificate is not a support service
        also=(_rule("", tags=("en-iso-13485",), kinds=("research-institute",)),),
    ),
    "funding-support": _rule(
        "investment and funding support",
        sectors=("investment-support",),
        kinds=("support-organisation", "public-authority"),
        kind_is_service=True,
    ),
    "incubator": _rule("incubators and accelerators", tags=("incubator", "accelerator")),
}
ACTIVITY_RULES: dict[str, Rule] = {
    "rd": _rule(
        "research and development",
        # collaborative research projects (SMITH, KIKS, SaxoCell) are partners for R&D
        kinds=(*RESEARCH_KINDS, "project-or-initiative"),
        relevant_only=True,
    ),
    "manufacturing": _rule(
        "manufacturing",
        tags=("gmp", "cdmo"),
        space=("production",),
        exclude_sectors=("logistics",),
    ),
    "sales-distribution": _rule(
        "sales and distribution",
        sectors=("logistics",),
        # the hospitals are the customers of medical technology and pharma
        also=(_rule("", kinds=("hospital-or-clinical-service",)),),
    ),
    "logistics": _rule("logistics", sectors=("logistics",)),
    "headquarters": _rule(
        "settling in the region",
        space=("office",),
        also=(_rule("", sectors=("investment-support",), kinds=("support-organisation",)),),
    ),
    "clinical-trials": _rule(
        "clinical trials",
        tags=("clinical-trials",),
        also=(_rule("", sectors=("clinical-research",), kinds=CLINICAL_KINDS),),
    ),
}
