"""Time to write a full dossier with about 40 entities.

    .venv/bin/python bench/export.py [--runs N] [--entities N]

Assembles a dossier for a broad profile from the bundled knowledge base (every requirement,
several sectors, the best ``--entities`` suggestions included) and renders it to PDF
``--runs`` times. Prints the median time, pages and pages per second. Target: ≤ 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop.core.kb.vocabulary import ACTIVITIES, REQUIREMENTS
from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import Interest
from desktop.core.suggestions.suggest import suggest
from desktop.dossier.content.assemble import assemble, default_selection
from desktop.dossier.content.model import ContactCard
from desktop.dossier.render import render_file

BROAD = Interest(
    sectors=("cell-gene-therapy", "medtech", "diagnostics", "digital-health", "logistics"),
    activities=tuple(ACTIVITIES),
    requirements=tuple(REQUIREMENTS),
    keywords=("GMP", "AI", "surgery"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entities", type=int, default=40)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dossier-export-"))
    database = Database.open(folder / "knowledge.sqlite3")
    started = time.perf_counter()
    with database.session() as session:
        suggestions = suggest(session, BROAD)
        selection = default_selection(
            suggestions,
            prepared_for="Benchmark Biologics GmbH",
            template="full",
            language="en",
            consultant=ContactCard(
                "Erika Mustermann", "Investor consultant", phone="+49 341 000000"
            ),
            interest=BROAD,
            limit=args.entities,
        )
        data = assemble(session, selection, suggestions, today=date.today()).data
    assemble_seconds = time.perf_counter() - started
    included = sum(len(section.entities) for section in data.sections)
    render_file(data, folder / "warm-up.pdf")  # fonts registered, caches warm
    times, pages = [], 0
    for run in range(args.runs):
        started = time.perf_counter()
        result = render_file(data, folder / f"dossier-{run}.pdf")
        times.append(time.perf_counter() - started)
        pages = result.pages
    median = statistics.median(times)
    print(f"entities included   {included}")
    print(f"assembly            {assemble_seconds * 1000:.0f} ms (suggest + assemble, once)")
    spread = f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}"
    print(f"render, median      {median * 1000:.0f} ms over {args.runs} runs ({spread})")
    print(f"pages               {pages}  →  {pages / median:.0f} pages/s")
    print(f"target ≤ 1 s        {'met' if median <= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
