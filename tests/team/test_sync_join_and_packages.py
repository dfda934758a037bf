"""Joining with local work, bulk imports, change packages, and the merge in any order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from desktop.core.sync import join as joining
from desktop.core.sync import packages
from desktop.core.sync.publish import publish_database
from tests.team.laptops import Laptop, server_digest, team_database
from tests.team.server import TeamServer

SLUG = "fraunhofer-izi"
HISTORY = (
    "clock",
    "gid",
    "field",
    "replica",
    "author",
    "table_name",
    "op",
    "old_value",
    "new_value",
    "base",
)


@pytest.fixture
def laptops(team: Engine, seeded_template: Path, tmp_path: Path) -> Iterator[list[Laptop]]:
    made = [Laptop.copy_of(seeded_template, tmp_path, team, m) for m in ("anna", "ben")]
    yield made
    for laptop in made:
        laptop.close()


def test_joining_uploads_what_only_this_laptop_has(team: Engine, laptops: list[Laptop]) -> None:
    anna, ben = laptops
    anna.run(
        "INSERT INTO prospect (company_name, sectors, activities, requirements, keywords, status,"
        " use_code_name, created_at, updated_at, gid) VALUES ('Helix Cell Therapies', '[]', '[]',"
        " '[]', '[]', 'lead', 0, '2026-12-01', '2026-12-01', 'p-helix')"
    )
    anna.run("UPDATE fact SET value = 1234 WHERE id = (SELECT min(id) FROM fact)")
    plan = joining.plan_join(anna.database.engine, team)
    assert plan.local_only == {"prospect": 1} and plan.edits == 1
    report = joining.join(anna.database.engine, team, member="anna", team="test team")
    assert report.sent == 2 and report.waiting == 0
    ben.sync()
    assert ben.one("SELECT company_name FROM prospect WHERE gid = 'p-helix'") == (
        "Helix Cell Therapies"
    )
    assert ben.one("SELECT value FROM fact WHERE id = (SELECT min(id) FROM fact)") == 1234
    anna.sync()
    assert anna.digest() == ben.digest() == server_digest(team)


def test_a_package_carries_changes_to_a_laptop_and_twice_is_once(
    team: Engine, laptops: list[Laptop], tmp_path: Path
) -> None:
    anna, ben = laptops
    for laptop in laptops:
        laptop.sync()
    anna.run("UPDATE entity SET website = 'https://package.example' WHERE slug = :s", s=SLUG)
    anna.run(
        "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
        " VALUES ('offline-co', 'Offline Co', 'company', '', '2026-12-01', '2026-12-01', 'g-off')"
    )
    path = tmp_path / "anna.changes"
    assert packages.export_changes(anna.database.engine, path) == 2
    package = packages.read_package(path)
    assert packages.apply_to_laptop(ben.database.engine, package) == 2
    first = ben.digest()
    assert ben.one("SELECT website FROM entity WHERE slug = :s", s=SLUG) == (
        "https://package.example"
    )
    assert packages.apply_to_laptop(ben.database.engine, package) == 0
    assert ben.digest() == first
    # HQ applies it to the server, twice: the history holds each change once
    assert packages.apply_to_server(team, package) == 2
    packages.apply_to_server(team, package)
    with team.connect() as connection:
        assert (
            connection.execute(
                text("SELECT count(*) FROM team_change WHERE author = 'anna'")
            ).scalar_one()
            == 2
        )
    for laptop in (ben, anna, ben):
        laptop.sync()
    assert anna.digest() == ben.digest() == server_digest(team)


@pytest.mark.parametrize("damage", ["truncated", "altered", "foreign"])
def test_a_damaged_package_applies_nothing(
    laptops: list[Laptop], tmp_path: Path, damage: str
) -> None:
    anna, ben = laptops
    anna.run("UPDATE entity SET website = 'https://x.example' WHERE slug = :s", s=SLUG)
    path = tmp_path / "anna.changes"
    packages.export_changes(anna.database.engine, path)
    raw = path.read_text()
    if damage == "truncated":
        path.write_text(raw[: len(raw) // 2])
    elif damage == "altered":
        path.write_text(raw.replace("https://x.example", "https://y.example"))
    else:
        path.write_text(json.dumps({"rows": []}))
    before = ben.digest()
    with pytest.raises(packages.ChangePackageError, match="nothing was applied"):
        packages.read_package(path)
    assert ben.digest() == before


def test_a_bulk_import_reaches_a_colleague_whole(
    team: Engine, laptops: list[Laptop], tmp_path: Path, seeded_template: Path
) -> None:
    """A large import records its rows in one pass at its end: all of them, links included."""
    from desktop.core.exchange.importer import import_file

    anna, ben = laptops
    for laptop in laptops:
        laptop.sync()
    rows = ["slug,name,kind,sectors,tags"]
    rows += [f"bulk-{i:04d},Bulk Firm {i},company,medtech,gmp" for i in range(600)]
    rows.append("fraunhofer-izi,Fraunhofer IZI,research-institute,medtech,gmp")  # an update
    path = tmp_path / "bulk.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _plan, result = import_file(anna.database, path, who="anna")
    assert result.index_rebuilt and result.added == 600
    anna.sync()
    ben.sync()
    assert ben.one("SELECT count(*) FROM entity WHERE slug LIKE 'bulk-%'") == 600
    assert (
        ben.one(
            "SELECT count(*) FROM entity_tag t JOIN entity e ON e.id = t.entity_id"
            " WHERE e.slug LIKE 'bulk-%' AND t.tag_code = 'gmp'"
        )
        == 600
    )
    assert anna.digest() == ben.digest() == server_digest(team)
    # a package of everything sent since joining carries the bulk rows whole as well
    path = tmp_path / "since.changes"
    assert packages.export_changes(anna.database.engine, path, since="0") >= 600
    cara = Laptop.copy_of(seeded_template, tmp_path, team, "cara")
    try:
        packages.apply_to_laptop(cara.database.engine, packages.read_package(path))
        assert cara.one("SELECT count(*) FROM entity WHERE slug LIKE 'bulk-%'") == 600
    finally:
        cara.close()


def test_the_merge_is_the_same_in_any_order_and_twice_is_once(
    team_server: TeamServer, seeded_template: Path, tmp_path: Path
) -> None:
    """The same changes reach two servers in opposite orders (and then again): one result."""
    with team_database(team_server) as first, team_database(team_server) as second:
        publish_database(first, seeded_template, author="team_admin")
        with first.connect() as connection:  # the second server: the same history
            history = connection.execute(text(f"SELECT {', '.join(HISTORY)} FROM team_change"))
            rows = [row._asdict() for row in history]
        with second.begin() as connection:
            connection.execute(
                text(
                    f"INSERT INTO team_change ({', '.join(HISTORY)})"
                    f" VALUES ({', '.join(':' + c for c in HISTORY)})"
                ),
                rows,
            )
        anna, ben = (Laptop.copy_of(seeded_template, tmp_path, first, m) for m in ("anna", "ben"))
        try:
            for laptop in (anna, ben):
                laptop.sync()  # each edit below is made on the team's version of its field
            for laptop, value in ((anna, "a"), (ben, "b")):
                laptop.run("UPDATE entity SET website = :v WHERE slug = :s", v=value, s=SLUG)
                laptop.run("UPDATE entity SET location = :v WHERE slug = 'co-don'", v=value)
            anna.run("DELETE FROM entity WHERE slug = 'bellaseno'")
            ben.run("UPDATE entity SET short_name = 'B' WHERE slug = 'bellaseno'")
            anna.run(
                "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
                " VALUES ('order-co', 'Order Co', 'company', '', '2026-12-01', '2026-12-01', 'g-o')"
            )
            packs = []
            for laptop in (anna, ben):
                path = tmp_path / f"{laptop.member}.changes"
                packages.export_changes(laptop.database.engine, path)
                packs.append(packages.read_package(path))
        finally:
            anna.close()
            ben.close()
        for pack in packs:
            packages.apply_to_server(first, pack)
        for pack in reversed(packs):
            packages.apply_to_server(second, pack)
        results = []
        for server in (first, second, first):
            with server.connect() as connection:
                conflicts = connection.execute(
                    text("SELECT field, kept_value, lost_value FROM team_conflict ORDER BY 1, 2")
                ).all()
            results.append((server_digest(server), conflicts))
            packages.apply_to_server(server, packs[0])  # again: changes nothing
        assert results[0] == results[1] == results[2]
        # website, location, and the delete that lost to an edit
        assert [field for field, _kept, _lost in results[0][1]] == ["", "location", "website"]
