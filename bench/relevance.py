"""How good the suggestions are: recall, precision and nDCG at ten on the evaluation set.

    .venv/bin/python bench/relevance.py            # the table, and the time at the cluster's size
    .venv/bin/python bench/relevance.py --scale    # also the time on 100,000 synthetic entities

The set (tests/relevance/cases.toml) holds investor profiles across the cluster's themes with
the entities an expert would put first, the contacts always proposed and the false friends
that must not appear. Printed per profile and overall, with the time one suggestion takes
(goal: 50 ms at the cluster's size, 1 s at 100,000 entities, for the 95th percentile of the
profiles, each timed three times after a first warming call).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from tests.relevance.evaluation import evaluate, load_cases, overall  # noqa: E402

from desktop.core.storage.database import Database  # noqa: E402
from desktop.core.suggestions.suggest import suggest  # noqa: E402
from figures import Figure  # noqa: E402

GOAL_RECALL = 0.9
GOAL_CLUSTER_MS = 50
GOAL_SCALE_MS = 1000
REPEATS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true", help="also time 100,000 entities")
    parser.add_argument("--count", type=int, default=100_000, help="entities with --scale")
    args = parser.parse_args()
    cases = load_cases()
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "knowledge.sqlite3")
        with database.session() as session:
            scores = evaluate(session, cases)
            timings = timed(session, cases)
        database.close()
        print_table(scores)
        report("at the cluster's size", timings, GOAL_CLUSTER_MS)
        if args.scale:
            from synthetic import build_synthetic_database

            path = Path(folder) / "synthetic.sqlite3"
            seconds = build_synthetic_database(path, args.count)
            print(f"built {args.count:,} synthetic entities in {seconds:.1f} s")
            large = Database.open(path)
            with large.session() as session:
                report(f"at {args.count:,} entities", timed(session, cases), GOAL_SCALE_MS)
            large.close()


def figures() -> list[Figure]:
    """Recall at ten and the time of one suggestion at the cluster's size (bench/report.py)."""
    cases = load_cases()
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "knowledge.sqlite3")
        with database.session() as session:
            scores = evaluate(session, cases)
            timings = sorted(timed(session, cases))
        database.close()
    recall, precision, ndcg = overall(scores)  # type: ignore[arg-type]
    median = statistics.median(timings) * 1000
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))] * 1000
    return [
        Figure(
            "suggestions: recall@10 over the evaluation set",
            round(recall, 2),
            "",
            f"≥ {GOAL_RECALL}",
            recall >= GOAL_RECALL,
            f"precision@10 {precision:.2f}, nDCG@10 {ndcg:.2f}, {len(cases)} profiles",
        ),
        Figure(
            "one suggestion at the cluster's size, p95",
            round(p95, 1),
            "ms",
            f"≤ {GOAL_CLUSTER_MS} ms",
            p95 <= GOAL_CLUSTER_MS,
            f"median {median:.1f} ms; 100,000 entities: bench/relevance.py --scale",
        ),
    ]


def timed(session: object, cases: list[object]) -> list[float]:
    """Seconds per suggestion: each profile once to warm up, then :data:`REPEATS` times."""
    timings = []
    for case in cases:
        suggest(session, case.interest)  # type: ignore[arg-type, attr-defined]
        for _ in range(REPEATS):
            started = time.perf_counter()
            suggest(session, case.interest)  # type: ignore[arg-type, attr-defined]
            timings.append(time.perf_counter() - started)
    return timings


def report(where: str, timings: list[float], goal_ms: float) -> None:
    """Median, 95th percentile (the verdict's figure) and worst; a single worst call is often
    a garbage-collection pause, which is why it does not decide."""
    ordered = sorted(timings)
    median = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
    worst = ordered[-1] * 1000
    verdict = "met" if p95 <= goal_ms else f"not met ({p95:.0f} ms > {goal_ms} ms)"
    print(
        f"one suggestion {where}: median {median:.0f} ms, p95 {p95:.0f} ms, worst {worst:.0f} ms"
        f" — goal p95 ≤ {goal_ms} ms: {verdict}"
    )


def print_table(scores: list[object]) -> None:
    print(f"{'profile':<40} {'recall@10':>9} {'prec@10':>8} {'nDCG@10':>8}  false friends")
    for score in scores:
        friends = ", ".join(score.false_friends) or "—"  # type: ignore[attr-defined]
        print(
            f"{score.case:<40} {score.recall:>9.2f} {score.precision:>8.2f}"  # type: ignore[attr-defined]
            f" {score.ndcg:>8.2f}  {friends}"  # type: ignore[attr-defined]
        )
    recall, precision, ndcg = overall(scores)  # type: ignore[arg-type]
    print(f"{'overall':<40} {recall:>9.2f} {precision:>8.2f} {ndcg:>8.2f}")
    missing = [s.case for s in scores if s.missing_contacts]  # type: ignore[attr-defined]
    print(f"contacts proposed in every profile: {missing or 'yes'}")
    verdict = "met" if recall >= GOAL_RECALL else f"not met ({recall:.2f} < {GOAL_RECALL})"
    print(f"goal recall@10 ≥ {GOAL_RECALL}: {verdict}")


if __name__ == "__main__":
    main()
