"""How good the suggestions are: recall, precision and nDCG at ten on the evaluation set.

    .venv/bin/python bench/relevance.py

The set (tests/relevance/cases.toml) holds investor profiles across the cluster's themes with
the entities an expert would put first and the false friends that must not appear. Printed per
profile and overall, with the time one suggestion takes at the cluster's size.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.relevance.evaluation import evaluate, load_cases, overall  # noqa: E402

from desktop.core.briefs.suggest import suggest  # noqa: E402
from desktop.core.storage.database import Database  # noqa: E402

GOAL_RECALL = 0.9


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "knowledge.sqlite3")
        cases = load_cases()
        with database.session() as session:
            scores = evaluate(session, cases)
            timings = []
            for case in cases:
                started = time.perf_counter()
                suggest(session, case.interest)
                timings.append(time.perf_counter() - started)
        database.close()
    print(f"{'profile':<40} {'recall@10':>9} {'prec@10':>8} {'nDCG@10':>8}  false friends")
    for score in scores:
        friends = ", ".join(score.false_friends) or "—"
        print(
            f"{score.case:<40} {score.recall:>9.2f} {score.precision:>8.2f} {score.ndcg:>8.2f}"
            f"  {friends}"
        )
    recall, precision, ndcg = overall(scores)
    print(f"{'overall':<40} {recall:>9.2f} {precision:>8.2f} {ndcg:>8.2f}")
    verdict = "met" if recall >= GOAL_RECALL else f"not met ({recall:.2f} < {GOAL_RECALL})"
    print(f"goal recall@10 ≥ {GOAL_RECALL}: {verdict}")
    print(
        f"one suggestion at the cluster's size: median {statistics.median(timings) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
