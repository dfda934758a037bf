"""The evaluation set holds a floor: suggestions may get better, never worse unnoticed."""

from __future__ import annotations

from sqlalchemy import text

from desktop.core.storage.database import Database
from tests.relevance.evaluation import CUTOFF, evaluate, load_cases, named, overall

# The goal (an expert's shortlist): recall@10 ≥ 0.9 on the set; a regression fails.
RECALL_FLOOR = 0.9


def test_the_set_covers_the_clusters_themes_with_real_entities(database: Database) -> None:
    cases = load_cases()
    assert len(cases) >= 10
    with database.engine.connect() as connection:
        slugs = set(connection.execute(text("SELECT slug FROM entity")).scalars())
    for case in cases:
        assert named(case) <= slugs, (case.name, named(case) - slugs)
        wanted = {slug for entry in case.expected for slug in entry.split("|")}
        assert not {*wanted, *case.contacts} & set(case.false_friends), case.name
        assert case.contacts, case.name
        assert 5 <= len(case.expected) <= CUTOFF, case.name


def test_recall_stays_above_the_floor_and_no_false_friend_is_suggested(
    database: Database,
) -> None:
    with database.session() as session:
        scores = evaluate(session, load_cases())
    recall, _precision, _ndcg = overall(scores)
    assert recall >= RECALL_FLOOR
    assert {s.case: s.false_friends for s in scores if s.false_friends} == {}
    assert {s.case: s.missing_contacts for s in scores if s.missing_contacts} == {}
