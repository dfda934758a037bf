"""Start-up of the window, against a bare PySide6 window, at the cluster's size and at 100,000.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs N] [--big PATH]

Starts, alternately, a bare PySide6 window and Dossier Desk (``python -m desktop`` with the
start-up probe, see ``desktop.ui.shell.startup_probe``) as fresh processes and times, from
process launch to the paint that puts it on screen:

- visible: the window's first paint (the bare window's too);
- populated: the list of every entity and its counts in the navigator painted (the later of
  the two paints; usually one paint shows both) — the empty query's facet counts, the slowest
  of the first screen, run as the window runs them (the probe types nothing before they are
  in);
- searchable: a query ("GMP") typed then has its rows painted. It is typed as soon as the
  first screen is painted, without the typing pause (``bench/keypress.py`` times key press →
  rows with the pause); the window builds its services and menus' entries after these rows.

Every start begins as a consultant's restart does — its settings, window state and bytecode
kept from the untimed first start — with an empty search field: the probe takes its query out
of the field again before quitting, so the next start does not begin with it.

Printed as medians and as ratios to the bare window's first paint in the same run. Goals (issue
13): visible ≤ 1.5 × bare; populated and searchable ≤ 2 × at the cluster's size (the seed) and
≤ 3 × at 100,000 entities (a copy of the benchmark database; built by ``bench/synthetic.py``
when missing).

Both programs run with their bytecode cached (in a folder of the run, written by an untimed
first start), as an installed program runs: compiling the sources would be timed otherwise,
and the checkout's environment may forbid writing bytecode (``PYTHONDONTWRITEBYTECODE``).
:func:`figures` returns the same as rows for ``bench/report.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import Figure  # noqa: E402

BIG = Path(tempfile.gettempdir()) / "bench100k.sqlite3"
EVENTS = ("visible", "listed", "populated", "searchable")
NOTES = {
    "visible": "",
    "populated": ", the list of every entity and its counts painted",
    "searchable": ", a query's rows painted (typed without the typing pause)",
}
GOALS = {  # size → event → at most this many times the bare window's first paint
    "cluster": {"visible": 1.5, "populated": 2.0, "searchable": 2.0},
    "100k": {"visible": 1.5, "populated": 3.0, "searchable": 3.0},
}
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1360, 820)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"visible {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            watched.removeEventFilter(self)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def timed_run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each event the process printed."""
    started = time.time()
    output = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=180, check=True
    ).stdout
    stamps = {}
    for line in output.splitlines():
        event, _, stamp = line.partition(" ")
        if event in EVENTS:
            stamps[event] = float(stamp) - started
    return stamps


def measure(runs: int, big: Path | None) -> dict[str, dict[str, list[float]]]:
    """Alternating starts; size → event → seconds (``bare`` holds the bare window's)."""
    temp = Path(tempfile.mkdtemp(prefix="dossier-startup-"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        XDG_CONFIG_HOME=str(temp / "config"),
        XDG_DATA_HOME=str(temp / "data"),
        XDG_STATE_HOME=str(temp / "state"),
        PYTHONPYCACHEPREFIX=str(temp / "bytecode"),
        DOSSIER_DESK_STARTUP_PROBE="1",
    )
    databases = {"cluster": temp / "cluster.sqlite3"}
    if big is not None:  # a copy: the window may not share the file with another's benchmark
        databases["100k"] = temp / "100k.sqlite3"
        shutil.copyfile(big, databases["100k"])
    bare_command = [sys.executable, "-c", BARE_WINDOW]
    commands = {
        size: [sys.executable, "-m", "desktop", "--db", str(path)]
        for size, path in databases.items()
    }
    try:
        timed_run(bare_command, env)  # bytecode written, the seed copied: not timed
        for command in commands.values():
            timed_run(command, env)
        samples: dict[str, dict[str, list[float]]] = {
            size: {event: [] for event in EVENTS} for size in ("bare", *commands)
        }
        for _ in range(runs):
            samples["bare"]["visible"].append(timed_run(bare_command, env)["visible"])
            for size, command in commands.items():
                stamps = timed_run(command, env)
                for event in EVENTS:
                    samples[size][event].append(stamps[event])
        return samples
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def figures(runs: int = 9, big: Path | None = BIG) -> list[Figure]:
    """Start-up ratios to a bare window, at the cluster's size and (with ``big``) at 100k."""
    if big is not None and not big.exists():
        from synthetic import build_synthetic_database

        print(f"building the 100,000-entity database at {big} …", file=sys.stderr)
        build_synthetic_database(big)
    samples = measure(runs, big)
    bare = statistics.median(samples["bare"]["visible"])
    rows = [
        Figure(
            "start-up: bare PySide6 window visible",
            round(bare * 1000),
            "ms",
            "",
            None,
            f"median of {runs}, from process launch (the floor of the ratios below)",
        )
    ]
    for size, goals in GOALS.items():
        if size not in samples:
            continue
        label = "cluster's size" if size == "cluster" else "100,000 entities"
        for event in ("visible", "populated", "searchable"):
            median = statistics.median(samples[size][event])
            ratio = median / bare
            rows.append(
                Figure(
                    f"start-up, {label}: {event}",
                    round(ratio, 2),
                    "× bare",
                    f"≤ {goals[event]} × bare",
                    ratio <= goals[event],
                    f"median {median * 1000:.0f} ms of {runs}, alternating with the bare window"
                    + NOTES[event],
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--big", type=Path, default=BIG, help="the 100,000-entity database")
    parser.add_argument("--cluster-only", action="store_true", help="skip the 100k start-up")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = figures(args.runs, None if args.cluster_only else args.big)
    print(f"start-up, {args.runs} alternating runs (medians from process launch)")
    for row in rows:
        verdict = "" if row.met is None else ("met" if row.met else "NOT met")
        goal = f"  goal {row.goal} {verdict}" if row.goal else ""
        print(f"  {row.name:<40} {row.value:>7} {row.unit:<7}{goal}   ({row.note})")
    print(f"  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
