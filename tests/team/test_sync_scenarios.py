"""Two laptops and the team server: what each sees after syncing, checked by content digests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.team.laptops import Laptop, server_digest

SLUG = "fraunhofer-izi"


@pytest.fixture
def anna(team: Engine, seeded_template: Path, tmp_path: Path) -> Iterator[Laptop]:
    laptop = Laptop.copy_of(seeded_template, tmp_path, team, "anna")
    laptop.sync()
    yield laptop
    laptop.close()


@pytest.fixture
def ben(team: Engine, seeded_template: Path, tmp_path: Path) -> Iterator[Laptop]:
    laptop = Laptop.copy_of(seeded_template, tmp_path, team, "ben")
    laptop.sync()
    yield laptop
    laptop.close()


def settle(*laptops: Laptop) -> None:
    """Everyone syncs twice: what one sends in the first round, all have after the second."""
    for _round in range(2):
        for laptop in laptops:
            laptop.sync()


def assert_one_state(team: Engine, *laptops: Laptop) -> None:
    digests = {laptop.member: laptop.digest() for laptop in laptops}
    digests["server"] = server_digest(team)
    assert len(set(digests.values())) == 1, digests


def test_a_published_seed_is_what_every_laptop_already_has(team: Engine, anna: Laptop) -> None:
    assert anna.one("SELECT count(*) FROM sync_outbox") == 0
    assert_one_state(team, anna)


def test_different_fields_edited_offline_both_arrive(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    anna.run("UPDATE entity SET website = 'https://anna.example' WHERE slug = :s", s=SLUG)
    ben.run("UPDATE entity SET location = 'Leipzig, Perlickstraße 1' WHERE slug = :s", s=SLUG)
    settle(anna, ben)
    for laptop in (anna, ben):
        assert laptop.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
            "https://anna.example"
        )
        assert laptop.one("SELECT location FROM entity WHERE slug = :s", s=SLUG) == (
            "Leipzig, Perlickstraße 1"
        )
    assert_one_state(team, anna, ben)
    assert anna.one("SELECT count(*) FROM team_conflict") == 0


def test_the_same_field_has_one_winner_everywhere_and_the_loser_is_kept(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    anna.run("UPDATE entity SET website = 'https://first.example' WHERE slug = :s", s=SLUG)
    ben.after(anna)
    ben.run("UPDATE entity SET website = 'https://second.example' WHERE slug = :s", s=SLUG)
    settle(ben, anna)  # anna's earlier edit arrives last and still loses
    for laptop in (anna, ben):
        assert laptop.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
            "https://second.example"
        )
    assert_one_state(team, anna, ben)
    with team.connect() as connection:
        (conflict,) = connection.execute(text("SELECT * FROM team_conflict")).all()
    assert conflict.field == "website"
    assert (conflict.kept_author, conflict.lost_author) == ("ben", "anna")
    assert conflict.lost_value == '"https://first.example"'
    assert ben.one("SELECT count(*) FROM team_conflict WHERE resolved_by IS NULL") == 1


def test_delete_against_edit_keeps_the_record_and_lists_it(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    anna.run("DELETE FROM entity WHERE slug = :s", s=SLUG)
    ben.run("UPDATE entity SET website = 'https://kept.example' WHERE slug = :s", s=SLUG)
    settle(anna, ben)
    for laptop in (anna, ben):
        assert laptop.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
            "https://kept.example"
        )
    assert_one_state(team, anna, ben)
    assert anna.one("SELECT count(*) FROM team_conflict WHERE field = ''") == 1


def test_the_same_new_slug_on_two_laptops_keeps_both(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    for laptop, name in ((anna, "Anna's Nova"), (ben, "Ben's Nova")):
        laptop.after(anna if laptop is ben else ben)
        laptop.run(
            "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
            " VALUES ('nova-bio', :name, 'company', '', '2026-12-01', '2026-12-01', :gid)",
            name=name,
            gid=f"{laptop.member}-nova",
        )
    settle(anna, ben)
    for laptop in (anna, ben):
        names = laptop.one(
            "SELECT group_concat(slug || '=' || name, ';') FROM"
            " (SELECT slug, name FROM entity WHERE slug LIKE 'nova-bio%' ORDER BY slug)"
        )
        assert names == "nova-bio=Anna's Nova;nova-bio-ben-no=Ben's Nova"
    assert_one_state(team, anna, ben)


def test_a_colleagues_change_is_journalled_with_its_author(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    anna.run("UPDATE entity SET website = 'https://anna.example' WHERE slug = :s", s=SLUG)
    settle(anna, ben)
    assert (
        ben.one(
            "SELECT who || ' ' || action || ' ' || record_key || ' ' || field FROM audit_entry"
            " WHERE new_value = 'https://anna.example'"
        )
        == f"anna update {SLUG} website"
    )


def test_a_laptop_whose_clock_runs_a_day_ahead_does_not_win_against_what_came_after(
    team: Engine, anna: Laptop, ben: Laptop
) -> None:
    """Versions are hybrid logical clocks: ben, who saw anna's change, edits after it — even
    though anna's wall clock claimed a time a day after ben's."""
    day = 86_400_000 * 65_536
    anna.run("UPDATE sync_clock SET hlc = hlc + :day", day=day)
    anna.run("UPDATE entity SET website = 'https://ahead.example' WHERE slug = :s", s=SLUG)
    anna.sync()
    ben.sync()
    ben.run("UPDATE entity SET website = 'https://after.example' WHERE slug = :s", s=SLUG)
    settle(ben, anna)
    for laptop in (anna, ben):
        assert laptop.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
            "https://after.example"
        )
    assert anna.one("SELECT count(*) FROM team_conflict") == 0
    assert_one_state(team, anna, ben)
