"""Every benchmark's figures in one table, printed and written to ``docs/benchmarks.md``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/report.py [--only NAME …] [--skip NAME …]
                                                              [--output PATH | --no-write]

``make bench`` runs it. Each benchmark module in :data:`BENCHMARKS` offers ``figures()`` (rows
of :class:`figures.Figure`: name, value, unit, goal, met, note); the modules are imported one at
a time, when their turn comes, so one that cannot run (a missing server, a module without
``figures()`` yet) is skipped with a note in the table instead of stopping the report. The
page names the date, the machine (cores, CPU, Python, SQLite, Qt) and the command, because
every figure is a ratio or a time measured on that machine at that moment: compare runs on
the same machine, alone (another program running beside it makes every figure slower).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import shlex
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import Figure  # noqa: E402

OUTPUT = ROOT / "docs" / "benchmarks.md"
# (module in bench/, what it measures), in the order they run
BENCHMARKS = (
    ("startup", "window start-up against a bare PySide6 window"),
    ("keypress", "key press → rows on screen, as the window does it"),
    ("search", "search through the service against raw FTS5 and a LIKE scan"),
    ("export", "dossier export against bare platypus and WeasyPrint"),
    ("relevance", "quality and time of the suggestions"),
    ("import", "a 100,000-row CSV import"),
    ("sync", "team sync against a PostgreSQL server"),
)


@dataclass(frozen=True)
class Section:
    """One benchmark's outcome: its figures, or why there are none."""

    module: str
    about: str
    figures: list[Figure]
    seconds: float
    skipped: str = ""  # why no figures: no figures() yet, or the error it raised


Loader = Callable[[str], object]


def run(module: str, about: str, load: Loader = importlib.import_module) -> Section:
    """Import ``bench/<module>.py`` and take its figures; a failure becomes a note."""
    started = time.perf_counter()
    try:
        loaded = load(module)
        figures = getattr(loaded, "figures", None)
        if figures is None:
            return Section(module, about, [], 0.0, "skipped: the module has no figures() yet")
        rows = list(figures())
    except Exception as error:  # one benchmark that cannot run must not cost the others
        traceback.print_exc()
        seconds = time.perf_counter() - started
        return Section(module, about, [], seconds, f"failed: {type(error).__name__}: {error}")
    return Section(module, about, rows, time.perf_counter() - started)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()}, PySide6 {pyside}"
    except ImportError:
        qt = "not installed"
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return {
        "cores": str(os.cpu_count()),
        "CPU": _cpu_model(),
        "system": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "SQLite": sqlite3.sqlite_version,
        "Qt": qt,
        "load average at the start": load,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text("utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table(sections: Sequence[Section]) -> list[str]:
    """The figures as one Markdown table, a row per figure or skipped benchmark."""
    lines = [
        "| Benchmark | Figure | Value | Goal | Met | Note |",
        "|---|---|--:|---|:-:|---|",
    ]
    for section in sections:
        if not section.figures:
            note = _cell(section.skipped)
            lines.append(f"| {section.module} | {section.about} | | | — | {note} |")
        for row in section.figures:
            met = "—" if row.met is None else ("yes" if row.met else "**no**")
            value = f"{_number(row.value)} {row.unit}".strip()
            lines.append(
                f"| {section.module} | {_cell(row.name)} | {_cell(value)} | {_cell(row.goal)} "
                f"| {met} | {_cell(row.note)} |"
            )
    return lines


def page(sections: Sequence[Section], command: str, when: datetime, where: dict[str, str]) -> str:
    """The whole of docs/benchmarks.md."""
    missed = [row for section in sections for row in section.figures if row.met is False]
    skipped = [section.module for section in sections if not section.figures]
    summary = (
        f"{sum(len(s.figures) for s in sections)} figures; "
        f"{len(missed)} goal{'s' if len(missed) != 1 else ''} not met"
        + (f"; no figures from {', '.join(skipped)}" if skipped else "")
        + "."
    )
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/report.py`); do not edit by hand — run it again.",
        "Every figure was measured in this run on this machine, and a ratio's floor (a bare",
        "window, raw FTS5, bare platypus, …) in the same run, alternating with the program.",
        "Times measured while other programs run are slower and noisier: compare runs made",
        "alone on the same machine.",
        "",
        f"- Date: {when:%Y-%m-%d %H:%M} UTC",
        f"- Command: `{command}`",
        *(f"- {name}: {value}" for name, value in where.items() if value),
        *(f"- Time taken by {s.module}: {s.seconds:.0f} s" for s in sections if s.seconds >= 1),
        "",
        summary,
        "",
        *table(sections),
        "",
    ]
    return "\n".join(lines)


def _shown(executable: Path) -> str:
    """The interpreter as typed in the checkout (``.venv/bin/python``), else its name."""
    try:
        return str(executable.relative_to(ROOT))
    except ValueError:
        return executable.name


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [name for name, _ in BENCHMARKS]
    parser.add_argument("--only", nargs="+", choices=names, metavar="NAME", help="run only these")
    parser.add_argument("--skip", nargs="+", choices=names, default=[], metavar="NAME")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = shlex.join([_shown(Path(sys.executable)), *sys.argv])
    when, where = datetime.now(UTC), machine()
    sections = []
    for name, about in BENCHMARKS:
        if (args.only and name not in args.only) or name in args.skip:
            continue
        print(f"== {name}: {about}", file=sys.stderr, flush=True)
        sections.append(run(name, about))
    text = page(sections, command, when, where)
    print(text)
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, "utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
