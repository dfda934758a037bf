"""Measuring suggestions against the evaluation set: recall, precision and nDCG at ten.

Binary relevance: an entity is relevant to a case when an expert put it in that case's first
ten. The ten are the substance of the brief: the contacts (investment agency, funding bodies,
cluster network) have their own section and are measured apart — every expected contact must
be proposed. nDCG rewards putting the relevant early; a false friend in the first ten or among
the contacts is counted separately, because one wrong partner in a dossier costs more than a
missing one. Earlier briefs do not weigh in (``learn=False``): the set measures the ranking.

An expected entry may name equivalent picks, ``"a|b"``: an expert wants *an* office option or
*a* certified cold-chain site, not a particular one of several the sources describe alike; the
entry counts once, for whichever appears first.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from desktop.core.suggestions.interest import Interest
from desktop.core.suggestions.suggest import suggest

CASES = Path(__file__).with_name("cases.toml")
CUTOFF = 10


@dataclass(frozen=True)
class Case:
    name: str
    interest: Interest
    expected: tuple[str, ...]
    contacts: tuple[str, ...]
    false_friends: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    case: str
    recall: float
    precision: float
    ndcg: float
    false_friends: tuple[str, ...]
    top: tuple[str, ...]
    missing_contacts: tuple[str, ...] = ()


def load_cases(path: Path = CASES) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Case(
            case["name"],
            Interest(
                tuple(case["sectors"]),
                tuple(case["activities"]),
                tuple(case["requirements"]),
                tuple(case["keywords"]),
            ),
            tuple(case["expected"]),
            tuple(case["contacts"]),
            tuple(case["false_friends"]),
        )
        for case in data["case"]
    ]


def score(case: Case, ranked: Sequence[str], contacts: Sequence[str] = ()) -> Score:
    top = list(ranked[:CUTOFF])
    wanted = [set(entry.split("|")) for entry in case.expected]
    hits = []
    for slug in top:
        entry = next((e for e in wanted if slug in e), None)
        hits.append(entry is not None)
        if entry is not None:
            wanted.remove(entry)  # one hit per entry, however many equivalents appear
    ideal = min(len(case.expected), CUTOFF)
    dcg = sum(1 / math.log2(position + 2) for position, hit in enumerate(hits) if hit)
    idcg = sum(1 / math.log2(position + 2) for position in range(ideal))
    return Score(
        case.name,
        recall=sum(hits) / ideal,
        precision=sum(hits) / CUTOFF,
        ndcg=dcg / idcg,
        false_friends=tuple(slug for slug in (*top, *contacts) if slug in case.false_friends),
        top=tuple(top),
        missing_contacts=tuple(slug for slug in case.contacts if slug not in contacts),
    )


def named(case: Case) -> set[str]:
    """Every slug the case names (equivalents split)."""
    return {
        slug
        for entry in (*case.expected, *case.contacts, *case.false_friends)
        for slug in entry.split("|")
    }


def evaluate(session: Session, cases: list[Case]) -> list[Score]:
    scores = []
    for case in cases:
        suggestions = suggest(session, case.interest, learn=False)
        scores.append(
            score(
                case,
                [s.slug for s in suggestions.substance],
                [s.slug for s in suggestions.contacts],
            )
        )
    return scores


def overall(scores: list[Score]) -> tuple[float, float, float]:
    count = len(scores)
    return (
        sum(s.recall for s in scores) / count,
        sum(s.precision for s in scores) / count,
        sum(s.ndcg for s in scores) / count,
    )
