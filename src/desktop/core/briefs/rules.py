"""Which entities serve which requirement or activity: the rules behind suggestions.

A rule names tags, space types, sectors and kinds; every criterion it sets must hold
(``also`` lists alternatives). ``exclude_sectors`` and ``relevant_only`` keep false friends
out. The ``how`` text is what the evidence matrix prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.briefs.interest import Candidate, Interest


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

    def serves(self, candidate: Candidate, interest: Interest) -> bool:
        return self._serves(candidate, interest) or any(
            rule.serves(candidate, interest) for rule in self.also
        )

    def _serves(self, candidate: Candidate, interest: Interest) -> bool:
        """Every criterion the rule sets must hold: a tag or space type, a sector, a kind."""
        if self.exclude_sectors & candidate.sectors:
            return False
        if self.relevant_only and not set(interest.sectors) & candidate.sectors:
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
    how: str, *, relevant_only: bool = False, also: tuple[Rule, ...] = (), **codes: Iterable[str]
) -> Rule:
    return Rule(
        how=how,
        relevant_only=relevant_only,
        also=also,
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
        also=(_rule("", sectors=("clinical-research",), kinds=CLINICAL_KINDS),),
    ),
    "biobank-access": _rule(
        "biobanks and blood services",
        tags=("biobank",),
        also=(_rule("", sectors=("biobanking-blood",)),),
    ),
    "cold-chain-logistics": _rule(
        "pharmaceutical logistics (GDP, IATA CEIV Pharma)",
        tags=("pharma-logistics", "gdp", "iata-ceiv-pharma"),
    ),
    "air-freight": _rule(
        "air freight and airport logistics", tags=("air-freight", "iata-ceiv-pharma")
    ),
    "talent-graduates": _rule(
        "education and training of graduates and specialists",
        sectors=("education-talent",),
        kinds=("university-or-school",),
    ),
    "research-partners": _rule(
        "research institutions working in the investor's sectors",
        kinds=RESEARCH_KINDS,
        relevant_only=True,
    ),
    "ai-data-partners": _rule(
        "AI and data science",
        tags=("ai", "machine-learning"),
        also=(_rule("", sectors=("ai-data",)),),
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
        kinds=("support-organisation",),
    ),
    "incubator": _rule("incubators and accelerators", tags=("incubator", "accelerator")),
}
ACTIVITY_RULES: dict[str, Rule] = {
    "rd": _rule("research and development", kinds=RESEARCH_KINDS, relevant_only=True),
    "manufacturing": _rule(
        "manufacturing",
        tags=("gmp", "cdmo"),
        space=("production",),
        exclude_sectors=("logistics",),
    ),
    "sales-distribution": _rule("sales and distribution", sectors=("logistics",)),
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
