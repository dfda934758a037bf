"""Team sync speed against a real PostgreSQL server started for the run (as the tests do).

    .venv/bin/python bench/sync.py [--entities N]

Prints, each with its goal:

- joining a team database of N (100,000) synthetic entities from a laptop holding the bundled
  knowledge base: the whole first sync (goal ≤ 60 s), and the join's peak memory next to a
  join of N/4 entities (goal: flat — records stream, nothing holds the whole team);
- 10,000 changes pushed by one laptop and pulled by another (goal ≤ 10 s together);
- a sync with nothing to do, median of 20 (goal ≤ 100 ms, so it can run every minute);
- 10,000 changes merged by the server while 1,000 of them meet a colleague's concurrent edit
  of the same field, i.e. 1,000 conflicts (goal ≤ 5 s for that laptop's sync).

The server runs on a Unix socket in a temporary folder and is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import psycopg  # noqa: E402
from sqlalchemy import Engine, create_engine, text  # noqa: E402
from tests.team.laptops import Laptop  # noqa: E402
from tests.team.server import TeamServer, start  # noqa: E402

from desktop.core.storage.database import build_seeded_database  # noqa: E402
from desktop.core.storage.migrations import upgrade_server  # noqa: E402
from desktop.core.sync.publish import publish_database  # noqa: E402
from synthetic import build_synthetic_database  # noqa: E402

GOALS = {"join": 60.0, "push_pull": 10.0, "idle": 0.100, "conflicts": 5.0}
CHANGES, CONFLICTS = 10_000, 1_000

# The join in a process of its own, so its peak memory is its own.
JOINING = """
import json, sys, time
from pathlib import Path
from sqlalchemy import create_engine
from desktop.core.storage.database import Database
from desktop.core.sync import join
database = Database.open(Path(sys.argv[1]), create=False)
server = create_engine(sys.argv[2])
started = time.perf_counter()
report = join.join(database.backend.writer(database.engine), server, member="bench", team="bench")
seconds = time.perf_counter() - started
# VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's (kept across exec)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "received": report.received, "peak_mb": peak / 1024}))
"""


def team_database(server: TeamServer, source: Path) -> tuple[str, float]:
    """A new team database filled from ``source``; its URL and how long publishing took."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = f"postgresql+psycopg://team_admin@/{name}?host={server.socket_dir}&port=5432"
    upgrade_server(url)
    engine = create_engine(url)
    started = time.perf_counter()
    publish_database(engine, source, author="team_admin")
    engine.dispose()
    return url, time.perf_counter() - started


def timed_join(template: Path, folder: Path, url: str) -> dict[str, float]:
    laptop = folder / f"join-{uuid.uuid4().hex[:6]}.sqlite3"
    shutil.copyfile(template, laptop)
    found = subprocess.run(
        [sys.executable, "-c", JOINING, str(laptop), url],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    return json.loads(found.stdout)


def edit_many(laptop: Laptop, count: int, value: str) -> None:
    laptop.run(
        "UPDATE entity SET website = :value || id WHERE id IN"
        " (SELECT id FROM entity ORDER BY id LIMIT :count)",
        value=value,
        count=count,
    )


def seconds(run: object) -> float:
    started = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - started


def row(name: str, value: float, goal: float, unit: str = "s") -> str:
    shown = f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.1f} s"
    limit = f"{goal * 1000:.0f} ms" if unit == "ms" else f"{goal:.0f} s"
    verdict = "met" if value <= goal else f"missed by {value / goal:.1f} ×"
    return f"{name:<54} {shown:>9}   goal ≤ {limit:<7} {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    args = parser.parse_args()
    server = start()
    folder = Path(tempfile.mkdtemp(prefix="dossier-bench-sync-"))
    try:
        seed = folder / "seed.sqlite3"
        build_seeded_database(seed)
        lines = []
        sizes = (args.entities // 4, args.entities)
        joins = {}
        for size in sizes:
            synthetic = folder / f"synthetic-{size}.sqlite3"
            build_synthetic_database(synthetic, count=size)
            url, published = team_database(server, synthetic)
            print(f"published {size:,} entities to the team in {published:.1f} s", flush=True)
            joins[size] = (url, timed_join(seed, folder, url))
        url, big = joins[sizes[1]]
        small = joins[sizes[0]][1]
        lines.append(row(f"join a team of {sizes[1]:,} entities", big["seconds"], GOALS["join"]))
        lines.append(
            f"{'  peak memory of the join':<54} {big['peak_mb']:>6.0f} MB   "
            f"({small['peak_mb']:.0f} MB at {sizes[0]:,} entities: "
            f"{big['peak_mb'] / small['peak_mb']:.2f} × for 4 × the records)"
        )

        engine: Engine = create_engine(url)
        anna = Laptop.copy_of(seed, folder, engine, "anna")
        ben = Laptop.copy_of(seed, folder, engine, "ben")
        for laptop in (anna, ben):
            laptop.sync()
        edit_many(anna, CHANGES, "https://anna.example/")
        push = seconds(anna.sync)
        pull = seconds(ben.sync)
        lines.append(
            row(
                f"push {CHANGES:,} changes + pull them ({push:.1f} s + {pull:.1f} s)",
                push + pull,
                GOALS["push_pull"],
            )
        )
        idle = statistics.median(seconds(anna.sync) for _ in range(20))
        lines.append(row("a sync with nothing to do (median of 20)", idle, GOALS["idle"], "ms"))

        edit_many(ben, CONFLICTS, "https://ben.example/")
        ben.sync()
        ben_clock = ben.one("SELECT hlc FROM sync_clock")
        anna.run("UPDATE sync_clock SET hlc = max(hlc, :t + 65536)", t=ben_clock)
        edit_many(anna, CHANGES, "https://anna-again.example/")
        merge = seconds(anna.sync)
        with engine.connect() as connection:
            conflicts = connection.execute(text("SELECT count(*) FROM team_conflict")).scalar_one()
        lines.append(
            row(
                f"sync {CHANGES:,} changes meeting {conflicts:,} conflicts",
                merge,
                GOALS["conflicts"],
            )
        )
        for laptop in (anna, ben):
            laptop.close()
        engine.dispose()
        print()
        print("\n".join(lines))
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
