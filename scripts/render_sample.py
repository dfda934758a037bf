"""Render the sample dossier in both templates and both languages, for looking at.

    .venv/bin/python scripts/render_sample.py [OUT_DIR] [--entities N]

Writes full-en.pdf, full-de.pdf, onepager-en.pdf, onepager-de.pdf (the hand-built sample in
``tests/fixtures/sample_dossier.py``: 8 entities in 4 sections, figures, an evidence matrix with one
requirement lacking evidence, a chart, sources, a consultant card) and full-en-<N>.pdf with the
cards repeated to N entities, and prints pages and render time for each. To look at the pages:
``pdftoppm -png -r 60 OUT_DIR/full-en.pdf OUT_DIR/full-en``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from desktop.dossier.render import render_bytes, render_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the sample lives in tests/
from tests.fixtures.sample_dossier import sample_data, scaled_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="bench/out/dossier", type=Path)
    parser.add_argument("--entities", type=int, default=40, help="size of the large sample")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    for template in ("full", "onepager"):
        for language in ("en", "de"):
            data = sample_data(language, template)
            started = time.perf_counter()
            result = render_file(data, args.out / f"{template}-{language}.pdf", reproducible=True)
            elapsed = time.perf_counter() - started
            print(f"{result.path}: {result.pages} pages, {elapsed * 1000:.0f} ms")

    large = scaled_sample(args.entities)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        pdf, pages = render_bytes(large, reproducible=True)
        timings.append(time.perf_counter() - started)
    path = args.out / f"full-en-{args.entities}.pdf"
    path.write_bytes(pdf)
    print(
        f"{path}: {pages} pages, {args.entities} entities, median of 5 renders "
        f"{statistics.median(timings) * 1000:.0f} ms (min {min(timings) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
