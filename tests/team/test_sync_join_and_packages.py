"""Joining with local work, change packages, and a sync killed at any moment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from desktop.core.sync import join as joining
from desktop.core.sync import packages
from tests.team.laptops import Laptop, server_digest

SLUG = "fraunhofer-izi"


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
    team: Engine, laptops: list[Laptop], tmp_path: Path
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
