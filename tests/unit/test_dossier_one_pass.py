"""The renderer's speed work keeps its output: one layout pass with the numbers filled in at the
end, line breaks remembered per width, the C accelerator or its pure-Python fallback."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.language.messages import Message
from desktop.dossier.content.model import DossierData
from desktop.dossier.layout import linebreaks
from desktop.dossier.layout.progress import Progress
from desktop.dossier.render import render_bytes
from tests.fixtures.sample_dossier import sample_data, scaled_sample

ROOT = Path(__file__).resolve().parents[2]


def outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark in order: its title and the page its destination is on (1-based)."""
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def contents_numbers(reader: PdfReader, pages: range) -> list[tuple[str, int]]:
    """(entry text, the number printed for it) on the contents pages.

    Each entry's number is a form drawn just before the entry's own text: the text that follows
    a number is its entry (the first line of it, should the entry wrap).
    """
    pieces: list[str] = []
    for page in pages:
        reader.pages[page - 1].extract_text(
            visitor_text=lambda text, *_: pieces.append(text.strip()) if text.strip() else None
        )
    pairs, number = [], None
    for piece in pieces:
        if piece.isdigit():
            number = int(piece)
        elif number is not None:
            pairs.append((piece, number))
            number = None
    return pairs


@pytest.mark.parametrize("data", [sample_data("en"), scaled_sample(40)], ids=["sample", "40"])
def test_contents_print_the_pages_the_headings_landed_on(data: DossierData) -> None:
    """Each contents entry shows the page of its bookmark's destination, laid out once."""
    reader = PdfReader(io.BytesIO(render_bytes(data, reproducible=True)[0]))
    bookmarks = outline_pages(reader)
    titles = [title for title, _ in bookmarks]
    at = titles.index("Contents")  # the contents run up to the page the next part starts on
    printed = contents_numbers(reader, range(bookmarks[at][1], bookmarks[at + 1][1]))
    entries = [(title, page) for title, page in bookmarks if title != "Contents"]
    assert len(printed) == len(entries)
    for (text, number), (title, page) in zip(printed, entries, strict=True):
        assert title.startswith(text), (text, title)
        assert number == page, title
    assert len({number for _, number in printed}) > 3  # the entries spread over pages


def test_the_dossier_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No second pass: ReportLab starts laying out once, and the totals still come out right."""
    passes: list[str] = []
    forward = Progress.reportlab

    def counted(self: Progress, kind: str, value: int) -> None:
        passes.extend([kind] if kind == "STARTED" else [])
        forward(self, kind, value)

    monkeypatch.setattr(Progress, "reportlab", counted)
    reports: list[tuple[int, int, Message]] = []
    pdf, pages = render_bytes(scaled_sample(40), progress=lambda *r: reports.append(r))
    assert passes == ["STARTED"]
    assert "Laying out pages" in {str(r[2]) for r in reports}
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages == len(texts) > 10
    assert all(f"Page {n} of {pages}" in text for n, text in enumerate(texts, start=1))


@pytest.mark.parametrize(
    "data",
    [
        sample_data("en"),
        sample_data("de"),
        scaled_sample(40),
        sample_data("en", "onepager"),
        scaled_sample(40, template="onepager"),
    ],
    ids=["en", "de", "40", "onepager", "onepager-40"],
)
def test_remembered_line_breaks_give_the_same_bytes(
    data: DossierData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line-break cache changes the time, never a byte of the output."""
    cached, _ = render_bytes(data, reproducible=True)
    monkeypatch.setattr(linebreaks, "CACHING", False)
    uncached, _ = render_bytes(data, reproducible=True)
    assert cached == uncached


def test_a_split_paragraph_keeps_every_line_with_the_cache() -> None:
    """Long text crossing many pages (splits, re-wraps at other widths) loses nothing."""
    data = sample_data("en")
    first = data.sections[0]
    long_text = "\n".join(f"Part {n}: " + "Cleanroom capacity and GMP. " * 20 for n in range(15))
    entity = replace(first.entities[0], description=long_text, note="Note line\nsecond")
    data = replace(data, sections=[replace(first, entities=[entity]), *data.sections[1:]])
    pdf, _ = render_bytes(data, reproducible=True)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(f"Part {n}:" in text for n in range(15))
    assert "second" in text


def test_the_accelerator_is_in_use() -> None:
    """``rl-accel`` is a dependency: ReportLab's number formatting and widths run in C."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "instanceStringWidthTTF", "escapePDF"} <= set(rl_accel._c_funcs)


def test_the_pure_python_fallback_renders_the_same_bytes() -> None:
    """Without the accelerator (its import blocked) ReportLab falls back to Python: the
    dossier still renders, byte for byte the same."""
    script = (
        "import hashlib, sys\n"
        "sys.modules['_rl_accel'] = None  # as if rl-accel were not installed\n"
        "from reportlab.lib import rl_accel\n"
        "assert not rl_accel._c_funcs, rl_accel._c_funcs\n"
        "from desktop.dossier.render import render_bytes\n"
        "from tests.fixtures.sample_dossier import sample_data\n"
        "pdf, _ = render_bytes(sample_data('en'), reproducible=True)\n"
        "print(hashlib.sha256(pdf).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    accelerated, _ = render_bytes(sample_data("en"), reproducible=True)
    assert done.stdout.strip() == hashlib.sha256(accelerated).hexdigest()
