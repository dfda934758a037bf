"""``make bench``'s report: one table of every benchmark's figures, with what it ran on.

The benchmarks themselves are timed runs and stay out of the suite; this holds the report's
shape: a row per figure with its goal and verdict, a note for a benchmark that has no figures
yet or fails, and the date, machine and command above the table.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_report", BENCH / "report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_every_figure_is_a_row_with_its_goal_and_verdict(report: ModuleType) -> None:
    from figures import Figure  # on the path once the report is loaded

    rows = [
        Figure("window visible", 1.42, "× bare", "≤ 1.5 × bare", True, "median 151 ms of 9"),
        Figure("search p95", 12.5, "ms", "≤ 8 ms", False),
        Figure("bare window", 106, "ms", "", None, "the floor"),
    ]
    section = report.run("startup", "start-up", lambda _name: SimpleNamespace(figures=lambda: rows))
    lines = report.table([section])
    assert lines[2:] == [
        "| startup | window visible | 1.42 × bare | ≤ 1.5 × bare | yes | median 151 ms of 9 |",
        "| startup | search p95 | 12.5 ms | ≤ 8 ms | **no** |  |",
        "| startup | bare window | 106 ms |  | — | the floor |",
    ]


def test_a_benchmark_without_figures_or_failing_is_a_note_not_the_end(
    report: ModuleType,
) -> None:
    def broken() -> list[object]:
        raise RuntimeError("no server")

    without = report.run("sync", "team sync", lambda _name: SimpleNamespace())
    failing = report.run("import", "import", lambda _name: SimpleNamespace(figures=broken))
    missing = report.run("nothing", "absent", report.importlib.import_module)
    assert without.skipped == "skipped: the module has no figures() yet"
    assert failing.skipped == "failed: RuntimeError: no server"
    assert missing.skipped.startswith("failed: ModuleNotFoundError")
    assert "| sync | team sync | | | — | skipped: the module has no figures() yet |" in (
        report.table([without])
    )


def test_the_page_says_when_where_and_how(report: ModuleType) -> None:
    from figures import Figure

    sections = [
        report.Section(
            "startup", "start-up", [Figure("visible", 1.6, "× bare", "≤ 1.5", False)], 12
        ),
        report.Section("sync", "team sync", [], 0, "skipped: the module has no figures() yet"),
    ]
    when = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    text = report.page(sections, "make bench", when, report.machine())
    assert text.startswith("# Benchmarks\n")
    for expected in (
        "- Date: 2026-12-07 09:30 UTC",
        "- Command: `make bench`",
        "- cores: ",
        "- CPU: ",
        "- Python: CPython 3.",
        "- SQLite: 3.",
        "- Qt: Qt 6.",
        "- Time taken by startup: 12 s",
        "1 figures; 1 goal not met; no figures from sync.",
        "| startup | visible | 1.60 × bare | ≤ 1.5 | **no** |  |",
    ):
        assert expected in text, expected


def test_make_bench_runs_the_report() -> None:
    makefile = (BENCH.parent / "Makefile").read_text("utf-8")
    target = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert "bench/report.py" in target
