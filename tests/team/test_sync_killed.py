"""A sync killed with SIGKILL at 20 random moments: after the next sync, every replica holds
what an uninterrupted run holds, and no change was applied twice."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, text

from tests.team.laptops import Laptop, server_digest

KILLS = 20
EDITS = 30  # per laptop between two kills
CHILD = """
import sys
from pathlib import Path
from sqlalchemy import create_engine
from desktop.core.storage.database import Database
from desktop.core.sync import session

database = Database.open(Path(sys.argv[1]), create=False)
server = create_engine(sys.argv[2])
writer = database.backend.writer(database.engine)
print("ready", flush=True)
sys.stdin.readline()
session.sync(writer, server, member="anna")
print("synced", flush=True)
"""


def edit(laptop: Laptop, rng: random.Random, round_: int) -> None:
    slugs = laptop.rows("SELECT slug FROM entity ORDER BY slug")
    for number in range(EDITS):
        field = rng.choice(["website", "location", "short_name"])
        laptop.run(
            f"UPDATE entity SET {field} = :value WHERE slug = :slug",
            value=f"{laptop.member} {round_}.{number}",
            slug=rng.choice(slugs),
        )


def killed_sync(anna: Laptop, url: str, after: float) -> float | None:
    """Start anna's sync in a child process and kill it ``after`` seconds into the sync;
    None when it was killed, else how long the sync took."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(anna.path), url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"  # imports done: the clock starts now
    child.stdin.write("go\n")
    child.stdin.flush()
    started = time.perf_counter()
    try:
        child.wait(timeout=after)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None
    return time.perf_counter() - started


def test_a_sync_killed_anywhere_loses_nothing_and_doubles_nothing(
    team: Engine, seeded_template: Path, tmp_path: Path
) -> None:
    rng = random.Random(7)
    url = team.url.render_as_string(hide_password=False)
    anna, ben, cara = (
        Laptop.copy_of(seeded_template, tmp_path, team, m) for m in ("anna", "ben", "cara")
    )
    try:
        for laptop in (anna, ben, cara):
            laptop.sync()
        edit(anna, rng, -1)
        edit(ben, rng, -1)
        ben.sync()
        duration = killed_sync(anna, url, 60)  # one round uninterrupted: how long it takes
        assert duration is not None
        kills = 0
        for round_ in range(KILLS):
            edit(anna, rng, round_)
            edit(ben, rng, round_)
            ben.sync()
            kills += killed_sync(anna, url, rng.uniform(0, duration)) is None
        assert kills >= KILLS // 2, f"most kills must land inside a sync ({kills})"
        for laptop in (anna, ben, cara, anna, ben, cara):
            laptop.sync()
        assert anna.digest() == ben.digest() == cara.digest() == server_digest(team)
        assert anna.one("SELECT count(*) FROM sync_outbox") == 0
        with team.connect() as connection:
            from_ben = connection.execute(
                text("SELECT count(*) FROM team_change WHERE author = 'ben'")
            ).scalar_one()
            doubled = connection.execute(
                text(
                    "SELECT count(*) FROM (SELECT 1 FROM team_conflict GROUP BY gid, field,"
                    " kept_version, lost_version HAVING count(*) > 1) twice"
                )
            ).scalar_one()
        assert doubled == 0
        # each of ben's changes reached anna's journal once, however often her pull was killed
        assert anna.one("SELECT count(*) FROM audit_entry WHERE who = 'ben'") == from_ben
    finally:
        for laptop in (anna, ben, cara):
            laptop.close()
