"""A 40-entity dossier as the consultant exports it, against a bare-platypus floor and WeasyPrint.

    .venv/bin/python bench/export.py [--runs N] [--entities N] [--no-weasyprint]

Sets up what the window would have: the bundled knowledge base, a prospect with a broad
profile, a brief holding its best ``--entities`` suggestions. Then, alternating run by run:

* **dossier** — assembly exactly as File ▸ Export does it (``app.export.assemble_brief``:
  the brief read, suggestions ranked, the content assembled) plus ``render_file`` (layout,
  atomic write), the figure the consultant waits for;
* **render** — the renderer alone on the assembled content, to PDF bytes;
* **floor** — the same paragraphs and tables as stock platypus flowables (sample styles, no
  contents, one build, no page furniture) to PDF bytes: what ReportLab costs at the least;
* **WeasyPrint** — the same content as simple HTML/CSS (fonts, header, "Page X of Y",
  contents with page numbers) to PDF bytes, in ``.venv-bench`` (created on first use by
  ``bench/weasyprint-env.sh``, never the app's dependencies).

Prints medians (and p95 of the dossier), the ratios and the goals of issue 13: the dossier
≤ 0.25 s, WeasyPrint ≥ 4 × the render, the render ≤ 5 × the floor. ``figures()`` returns the
same rows for ``bench/report.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from desktop.app import briefs as brief_actions  # noqa: E402
from desktop.app.export import assemble_brief  # noqa: E402
from desktop.app.store import Store  # noqa: E402
from desktop.core.briefs.curation import ProspectInput  # noqa: E402
from desktop.core.kb.vocabulary import ACTIVITIES, REQUIREMENTS  # noqa: E402
from desktop.core.storage.database import Database  # noqa: E402
from desktop.dossier.content.assemble import Assembled  # noqa: E402
from desktop.dossier.content.model import ContactCard, DossierData  # noqa: E402
from desktop.dossier.render import render_bytes, render_file  # noqa: E402
from export_equivalents import blocks, floor_story, html_of  # noqa: E402
from figures import Figure  # noqa: E402

DOSSIER_GOAL_S = 0.25
WEASYPRINT_GOAL = 4.0  # WeasyPrint's time ÷ the render's, at least
FLOOR_GOAL = 5.0  # the render's time ÷ the floor's, at most
BENCH_ENV = ROOT / ".venv-bench"
CONSULTANT = ContactCard(
    "Erika Mustermann",
    "Investor consultant",
    "Invest Region Leipzig GmbH",
    phone="+49 341 000000",
    email="erika.mustermann@example.org",
)
PROFILE = ProspectInput(
    company_name="Benchmark Biologics GmbH",
    sectors=("cell-gene-therapy", "medtech", "diagnostics", "digital-health", "logistics"),
    activities=tuple(ACTIVITIES),
    requirements=tuple(REQUIREMENTS),
    keywords=("GMP", "AI", "surgery"),
)


@dataclass
class Samples:
    dossier: list[float]  # assembly + render_file, seconds
    assembly: list[float]
    render: list[float]  # render_bytes alone
    floor: list[float]
    entities: int
    pages: int
    floor_pages: int


def brief_with(store: Store, entities: int) -> int:
    """A brief for the broad profile holding its ``entities`` best suggestions (the window
    starts it with the shortlist; the consultant includes more)."""
    prospect = brief_actions.save_prospect(store, data=PROFILE)
    brief_id = brief_actions.create_brief(store, prospect_id=prospect, consultant="Erika")
    view = brief_actions.load_brief(store, brief_id=brief_id)
    ranked = sorted(
        (item for item in view.items() if item.kind == "entity"), key=lambda item: -item.score
    )
    included = sum(item.included for item in ranked)
    for item in ranked:
        if included >= entities:
            break
        if not item.included:
            brief_actions.set_item(store, brief_id=brief_id, item_id=item.item_id, included=True)
            included += 1
    return brief_id


def assemble(store: Store, brief_id: int) -> Assembled:
    return assemble_brief(store, brief_id=brief_id, consultant=CONSULTANT, today=date.today())


def render_floor(data: DossierData) -> tuple[bytes, int]:
    """The floor: stock flowables for the same content, one ``SimpleDocTemplate`` build."""
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer)
    doc.build(floor_story(blocks(data)))
    return buffer.getvalue(), doc.page


def measure(runs: int, entities: int) -> tuple[Samples, DossierData]:
    """Dossier, render and floor, alternating run by run after one warm-up of each."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-export-"))
    store = Store.around(Database.open(folder / "knowledge.sqlite3"))
    brief_id = brief_with(store, entities)
    data = assemble(store, brief_id).data
    render_file(data, folder / "warm-up.pdf")  # fonts registered, modules imported
    render_floor(data)
    samples = Samples([], [], [], [], sum(len(s.entities) for s in data.sections), 0, 0)
    for _ in range(runs):
        started = time.perf_counter()
        assembled = assemble(store, brief_id)
        assembled_at = time.perf_counter()
        result = render_file(assembled.data, folder / "dossier.pdf")  # replaced, as re-exported
        samples.dossier.append(time.perf_counter() - started)
        samples.assembly.append(assembled_at - started)
        samples.pages = result.pages
        started = time.perf_counter()
        render_bytes(data)
        samples.render.append(time.perf_counter() - started)
        started = time.perf_counter()
        _, samples.floor_pages = render_floor(data)
        samples.floor.append(time.perf_counter() - started)
    return samples, data


def weasyprint(data: DossierData, runs: int) -> dict | None:
    """WeasyPrint's times for the same content, or None (with the reason printed)."""
    python = BENCH_ENV / "bin" / "python"
    if not python.exists():
        print("creating .venv-bench with WeasyPrint (once) …", file=sys.stderr)
        made = subprocess.run(["bash", str(ROOT / "bench" / "weasyprint-env.sh")], check=False)
        if made.returncode != 0 or not python.exists():
            print("WeasyPrint could not be installed: not measured", file=sys.stderr)
            return None
    page = Path(tempfile.mkdtemp(prefix="dossier-html-")) / "dossier.html"
    page.write_text(html_of(data, blocks(data)), "utf-8")
    script = ROOT / "bench" / "weasyprint_render.py"
    done = subprocess.run(
        [str(python), str(script), str(page), str(runs)], capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"WeasyPrint failed: {done.stderr.strip()[-400:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(runs: int = 15, entities: int = 40, with_weasyprint: bool = True) -> list[Figure]:
    """The dossier's figures of issue 13 (times in ms, ratios as factors)."""
    samples, data = measure(runs, entities)
    dossier = statistics.median(samples.dossier)
    render = statistics.median(samples.render)
    floor = statistics.median(samples.floor)
    size = f"{samples.entities} entities, {samples.pages} pages"
    rows = [
        Figure(
            "dossier export (assembly + render + write), median",
            round(dossier * 1000, 1),
            "ms",
            f"≤ {DOSSIER_GOAL_S * 1000:.0f} ms",
            dossier <= DOSSIER_GOAL_S,
            f"{size}; p95 {percentile(samples.dossier, 0.95) * 1000:.0f} ms",
        ),
        Figure(
            "dossier assembly (brief → content), median",
            round(statistics.median(samples.assembly) * 1000, 1),
            "ms",
            "",
            None,
            "app.export.assemble_brief: suggestions ranked, content assembled",
        ),
        Figure("dossier render alone, median", round(render * 1000, 1), "ms", "", None, size),
        Figure(
            "bare-platypus floor, median",
            round(floor * 1000, 1),
            "ms",
            "",
            None,
            f"same paragraphs and tables, sample styles, one build ({samples.floor_pages} pages)",
        ),
        Figure(
            "dossier render ÷ bare-platypus floor",
            round(render / floor, 2),
            "×",
            f"≤ {FLOOR_GOAL:.0f} ×",
            render / floor <= FLOOR_GOAL,
            "",
        ),
    ]
    found = weasyprint(data, max(3, runs // 3)) if with_weasyprint else None
    if found is None:
        note = "WeasyPrint not available: run bench/weasyprint-env.sh"
        rows.append(Figure("WeasyPrint ÷ dossier render", 0.0, "×", "≥ 4 ×", None, note))
        return rows
    weasy = statistics.median(found["times"])
    note = f"WeasyPrint {found['version']}, same content as HTML/CSS, {found['pages']} pages"
    rows += [
        Figure("WeasyPrint, median", round(weasy * 1000, 1), "ms", "", None, note),
        Figure(
            "WeasyPrint ÷ dossier render",
            round(weasy / render, 2),
            "×",
            f"≥ {WEASYPRINT_GOAL:.0f} ×",
            weasy / render >= WEASYPRINT_GOAL,
            "",
        ),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--entities", type=int, default=40)
    parser.add_argument("--no-weasyprint", action="store_true")
    args = parser.parse_args()
    for figure in figures(args.runs, args.entities, not args.no_weasyprint):
        met = {True: "met", False: "NOT met", None: ""}[figure.met]
        print(f"{figure.name:<52} {figure.value:8.1f} {figure.unit:<3} {figure.goal:<10} {met}")
        if figure.note:
            print(f"    {figure.note}")


if __name__ == "__main__":
    main()
