"""Measuring suggestions against the evaluation set: recall, precision and nDCG at ten.

Binary relevance: an entity is relevant to a case when an expert put it in that case's first
ten. nDCG rewards putting them early; a false friend anywhere in the first ten is counted
separately, because one wrong partner in a dossier costs more than a missing one.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from desktop.core.briefs.interest import Interest
from desktop.core.briefs.suggest import suggest

CASES = Path(__file__).with_name("cases.toml")
CUTOFF = 10


@dataclass(frozen=True)
class Case:
    name: str
    interest: Interest
    expected: tuple[str, ...]
    false_friends: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    case: str
    recall: float
    precision: float
    ndcg: float
    false_friends: tuple[str, ...]
    top: tuple[str, ...]


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
            tuple(case["false_friends"]),
        )
        for case in data["case"]
    ]


def score(case: Case, ranked: list[str]) -> Score:
    top = ranked[:CUTOFF]
    relevant = set(case.expected)
    hits = [slug in relevant for slug in top]
    ideal = min(len(relevant), CUTOFF)
    dcg = sum(1 / math.log2(position + 2) for position, hit in enumerate(hits) if hit)
    idcg = sum(1 / math.log2(position + 2) for position in range(ideal))
    return Score(
        case.name,
        recall=sum(hits) / ideal,
        precision=sum(hits) / CUTOFF,
        ndcg=dcg / idcg,
        false_friends=tuple(slug for slug in top if slug in case.false_friends),
        top=tuple(top),
    )


def evaluate(session: Session, cases: list[Case]) -> list[Score]:
    return [
        score(case, [s.slug for s in suggest(session, case.interest).entities]) for case in cases
    ]


def overall(scores: list[Score]) -> tuple[float, float, float]:
    count = len(scores)
    return (
        sum(s.recall for s in scores) / count,
        sum(s.precision for s in scores) / count,
        sum(s.ndcg for s in scores) / count,
    )
