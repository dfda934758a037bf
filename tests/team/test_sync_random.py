"""Three laptops, 300 random operations, random sync order and disconnects: one state at the
end, and every value that was overwritten is accounted for."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sqlalchemy import Engine, text

from tests.team.laptops import Laptop, server_digest

OPERATIONS = 300
SEED = 20261207


def random_operation(laptop: Laptop, rng: random.Random, step: int) -> None:
    slugs = [row for row in laptop.rows("SELECT slug FROM entity ORDER BY slug")]
    roll = rng.random()
    if roll < 0.45:  # edit a field of an entity or a figure
        field = rng.choice(["website", "location", "short_name", "description"])
        laptop.run(
            f"UPDATE entity SET {field} = :value WHERE slug = :slug",
            value=f"{laptop.member} {step}",
            slug=rng.choice(slugs),
        )
    elif roll < 0.55:
        keys = laptop.rows("SELECT key FROM fact ORDER BY key")
        laptop.run(
            "UPDATE fact SET value = :value, as_of = :as_of WHERE key = :key",
            value=rng.randint(1, 10_000),
            as_of=f"2026-{rng.randint(1, 12):02d}",
            key=rng.choice(keys),
        )
    elif roll < 0.65:  # a new entity, with sectors
        slug = f"{laptop.member}-co-{step}"
        laptop.run(
            "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
            " VALUES (:slug, :slug, 'company', '', '2026-12-01', '2026-12-01', :gid)",
            slug=slug,
            gid=f"g-{slug}",
        )
        laptop.run(
            "INSERT INTO entity_sector (entity_id, sector_code)"
            " SELECT id, 'medtech' FROM entity WHERE slug = :slug",
            slug=slug,
        )
    elif roll < 0.70:  # delete an entity (rarely: the seed must last 300 steps)
        laptop.run("DELETE FROM entity WHERE slug = :slug", slug=rng.choice(slugs))
    elif roll < 0.80:  # a tag on or off
        slug = rng.choice(slugs)
        if laptop.one(
            "SELECT count(*) FROM entity_tag t JOIN entity e ON e.id = t.entity_id"
            " WHERE e.slug = :slug AND t.tag_code = 'gmp'",
            slug=slug,
        ):
            laptop.run(
                "DELETE FROM entity_tag WHERE tag_code = 'gmp'"
                " AND entity_id = (SELECT id FROM entity WHERE slug = :slug)",
                slug=slug,
            )
        else:
            laptop.run(
                "INSERT INTO entity_tag (entity_id, tag_code)"
                " SELECT id, 'gmp' FROM entity WHERE slug = :slug",
                slug=slug,
            )
    else:  # brief curation: a prospect with a brief, items included or left out, reordered
        briefs = laptop.rows("SELECT id FROM brief ORDER BY id")
        if not briefs or rng.random() < 0.3:
            laptop.run(
                "INSERT INTO prospect (company_name, sectors, activities, requirements, keywords,"
                " status, use_code_name, created_at, updated_at, gid) VALUES (:name, '[]', '[]',"
                " '[]', '[]', 'lead', 0, '2026-12-01', '2026-12-01', :gid)",
                name=f"Prospect {laptop.member} {step}",
                gid=f"p-{laptop.member}-{step}",
            )
            laptop.run(
                "INSERT INTO brief (prospect_id, title, template, language, section_order,"
                " created_at, updated_at, gid) SELECT id, 'Brief', 'full', 'en', '[]',"
                " '2026-12-01', '2026-12-01', :gid FROM prospect WHERE gid = :prospect",
                gid=f"b-{laptop.member}-{step}",
                prospect=f"p-{laptop.member}-{step}",
            )
            return
        brief = rng.choice(briefs)
        items = laptop.rows("SELECT id FROM brief_item WHERE brief_id = :b", b=brief)
        if not items or rng.random() < 0.4:
            laptop.run(
                "INSERT INTO brief_item (brief_id, section, position, entity_id, included,"
                " reason, score, gid) SELECT :b, 'research', :pos, id, 1, 'fits', 1.0, :gid"
                " FROM entity WHERE slug = :slug",
                b=brief,
                pos=rng.randint(0, 20),
                slug=rng.choice(slugs),
                gid=f"i-{laptop.member}-{step}",
            )
        else:
            laptop.run(
                "UPDATE brief_item SET included = 1 - included, position = :pos WHERE id = :id",
                pos=rng.randint(0, 20),
                id=rng.choice(items),
            )


def test_three_laptops_reach_one_state_and_nothing_is_silently_lost(
    team: Engine, seeded_template: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    laptops = [Laptop.copy_of(seeded_template, tmp_path, team, m) for m in ("anna", "ben", "cem")]
    try:
        for laptop in laptops:
            laptop.sync()
        for step in range(OPERATIONS):
            laptop = rng.choice(laptops)
            random_operation(laptop, rng, step)
            if rng.random() < 0.15:  # a laptop that reaches the server syncs; others stay offline
                rng.choice(laptops).sync()
        for _round in range(3):
            for laptop in rng.sample(laptops, len(laptops)):
                laptop.sync()
        digests = {laptop.member: laptop.digest() for laptop in laptops}
        digests["server"] = server_digest(team)
        assert len(set(digests.values())) == 1, digests
        assert_every_overwritten_value_is_accounted_for(team)
    finally:
        for laptop in laptops:
            laptop.close()


def assert_every_overwritten_value_is_accounted_for(team: Engine) -> None:
    """A value that is not the final one was replaced by its own author later, by someone who
    had seen it (their base is its version, or an equal value's), by a delete, or is listed as
    a conflict."""
    with team.connect() as connection:
        changes = connection.execute(
            text("SELECT * FROM team_change WHERE op = 'set' ORDER BY clock")
        ).all()
        records = {
            row.gid: (json.loads(row.fields), row.deleted)
            for row in connection.execute(text("SELECT gid, fields, deleted FROM team_record"))
        }
        lost = {
            (row.gid, row.field, row.lost_version)
            for row in connection.execute(text("SELECT * FROM team_conflict"))
        }
    later: dict[tuple[str, str], list] = {}
    value_at: dict[str, str] = {}  # version → the value it set (for one gid and field)
    for change in changes:
        later.setdefault((change.gid, change.field), []).append(change)
        value_at[f"{change.gid} {change.field} {change.clock}"] = change.new_value

    def saw(successor: object, change: object) -> bool:
        """The successor was made on this change, or on an equal value set concurrently."""
        base = successor.base  # type: ignore[attr-defined]
        seen = value_at.get(f"{change.gid} {change.field} {base}")  # type: ignore[attr-defined]
        return base == change.clock or seen == change.new_value  # type: ignore[attr-defined]

    unexplained = []
    for change in changes:
        fields, deleted = records[change.gid]
        if deleted or fields.get(change.field) == json.loads(change.new_value):
            continue
        successors = [c for c in later[(change.gid, change.field)] if c.clock > change.clock]
        if any(c.author == change.author or saw(c, change) for c in successors):
            continue
        if (change.gid, change.field, change.clock) in lost:
            continue
        unexplained.append((change.author, change.table_name, change.field, change.new_value))
    assert unexplained == []
