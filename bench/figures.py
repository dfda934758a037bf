"""One measured figure of a benchmark, as ``make bench`` collects and prints them.

Every benchmark module offers ``figures() -> list[Figure]``; ``bench/report.py`` runs them all and
writes one table to ``docs/benchmarks.md``. A figure carries its goal in words and whether it was
met, so the table says plainly where we stand (``met`` is None for a figure without a goal).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    goal: str
    met: bool | None
    note: str = ""
