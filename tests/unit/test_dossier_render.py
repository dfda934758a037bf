"""The PDF dossier, read back with pypdf: text, outline, fonts, metadata, safety, files."""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from desktop.core.language.messages import Message
from desktop.dossier.content.model import DossierData, DossierEntity, DossierSection, EvidenceRow
from desktop.dossier.render import ExportCancelled, render_bytes, render_file
from tests.fixtures.sample_dossier import sample_data, scaled_sample

HOSTILE_NAME = "<b>Evil & Co</b> <font size=40>"
HOSTILE_DESCRIPTION = "R&D <b>x</b> < 5 <unclosed"
POLISH = "Łódź – €"


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty export folder (``tmp_path`` also holds the redirected user folders)."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


def page_texts(pdf: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def hostile_data() -> DossierData:
    """The sample with markup-looking data and non-Latin-1 text in the first card."""
    data = sample_data("en")
    first = data.sections[0]
    evil = replace(
        first.entities[0],
        name=f"{POLISH} Cell Partners",
        description=HOSTILE_DESCRIPTION,
        location="Łódź",
    )
    sections = [replace(first, entities=[evil, *first.entities[1:]]), *data.sections[1:]]
    return replace(data, prepared_for=HOSTILE_NAME, sections=sections)


@pytest.fixture(scope="module")
def full_en() -> tuple[bytes, int]:
    return render_bytes(sample_data("en"), reproducible=True)


@pytest.fixture(scope="module")
def full_de() -> tuple[bytes, int]:
    return render_bytes(sample_data("de"), reproducible=True)


@pytest.fixture(scope="module")
def hostile() -> tuple[bytes, int]:
    return render_bytes(hostile_data())


def test_cover_names_the_investor_and_the_consultant(full_en: tuple[bytes, int]) -> None:
    """Page 1 carries title, prepared-for, date and the consultant."""
    cover = page_texts(full_en[0])[0]
    assert "Location dossier" in cover
    assert "Project Aurora (cell therapy manufacturer)" in cover
    assert "26 November 2026" in cover
    assert "Jana Beispiel" in cover


def test_entities_phone_and_page_numbers_appear(full_en: tuple[bytes, int]) -> None:
    """Every entity name, the consultant's phone and "Page X of N" on each page."""
    pdf, pages = full_en
    texts = page_texts(pdf)
    assert len(texts) == pages
    everything = " ".join(texts)
    for section in sample_data("en").sections:
        for entity in section.entities:
            assert squash(entity.name) in everything
    assert "+49 341 555 0142" in everything
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text


def test_outline_has_sections_and_entities(full_en: tuple[bytes, int]) -> None:
    """Bookmarks for every section heading (level 0) and entity card (level 1)."""
    reader = PdfReader(io.BytesIO(full_en[0]))
    titles = outline_titles(reader)
    data = sample_data("en")
    for section in data.sections:
        assert section.title in titles
        for entity in section.entities:
            assert any(title.startswith(entity.name) for title in titles)
    for heading in ("Executive summary", "Key figures", "Requirements and evidence", "Sources"):
        assert heading in titles
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert data.sections[0].title in top_level
    assert data.sections[0].entities[0].name not in top_level


def test_contents_entries_are_links(full_en: tuple[bytes, int]) -> None:
    """The table of contents (page 2) is clickable."""
    page = PdfReader(io.BytesIO(full_en[0])).pages[1]
    links = [
        a.get_object() for a in page.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"
    ]
    assert len(links) >= 10


def test_metadata(full_en: tuple[bytes, int]) -> None:
    reader = PdfReader(io.BytesIO(full_en[0]))
    meta = reader.metadata
    data = sample_data("en")
    assert meta.title == f"Location dossier — {data.prepared_for}"
    assert meta.author == "Jana Beispiel"
    assert meta.subject == data.subject
    assert meta["/Keywords"] == ", ".join(data.keywords)
    assert meta.creator == "Dossier Desk"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert meta.creation_date.date() == data.prepared_on  # reproducible: date from the data


def test_fonts_are_embedded_dejavu_only(full_en: tuple[bytes, int]) -> None:
    """Every font is an embedded TrueType subset of DejaVu Sans (no base-14 fonts)."""
    reader = PdfReader(io.BytesIO(full_en[0]))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(font["/BaseFont"])
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object()
    assert seen and all("DejaVuSans" in name for name in seen)
    assert any("Bold" in name for name in seen)


def test_hostile_strings_stay_literal(hostile: tuple[bytes, int]) -> None:
    """Markup in data is printed as text, never interpreted (and never crashes the build)."""
    pdf, _ = hostile
    texts = page_texts(pdf)
    assert HOSTILE_NAME in texts[0]
    everything = " ".join(texts)
    assert HOSTILE_DESCRIPTION in everything
    assert f"Prepared for {HOSTILE_NAME}" in everything  # the footer
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"Location dossier — {HOSTILE_NAME}"


def test_polish_and_euro_render(hostile: tuple[bytes, int]) -> None:
    """Characters outside Latin-1 come out as text (the font covers them)."""
    everything = " ".join(page_texts(hostile[0]))
    assert POLISH in everything
    titles = outline_titles(PdfReader(io.BytesIO(hostile[0])))
    assert f"{POLISH} Cell Partners (Fraunhofer IZI)" in titles


def test_missing_evidence_is_said_plainly(
    full_en: tuple[bytes, int], full_de: tuple[bytes, int]
) -> None:
    assert "Not covered in this dossier" in " ".join(page_texts(full_en[0]))
    assert "In diesem Dossier nicht abgedeckt" in " ".join(page_texts(full_de[0]))


def test_german_headings_and_dates(full_de: tuple[bytes, int]) -> None:
    pdf, pages = full_de
    texts = page_texts(pdf)
    everything = " ".join(texts)
    for heading in (
        "Standortdossier",
        "Zusammenfassung",
        "Inhalt",
        "Kennzahlen",
        "Anforderungen und Belege",
        "Quellen",
        "Ihr Ansprechpartner",
        "Flächenangebot".upper(),
        "im Quelltext undatiert",
    ):
        assert heading in everything, heading
    assert "26. November 2026" in texts[0]
    assert f"Seite 1 von {pages}" in texts[0]
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "de"


def test_reproducible_builds_are_identical(full_en: tuple[bytes, int]) -> None:
    again, _ = render_bytes(sample_data("en"), reproducible=True)
    assert again == full_en[0]


def test_onepager_is_one_page_with_40_entities() -> None:
    """Entities that do not fit are dropped from the end and counted, never a 2nd page."""
    pdf, pages = render_bytes(scaled_sample(40, template="onepager"))
    texts = page_texts(pdf)
    assert pages == 1 and len(texts) == 1
    assert "Page 1 of 1" in texts[0]
    assert "more in the full dossier" in texts[0]
    assert "+49 341 555 0142" in texts[0]
    assert "Fraunhofer Institute for Cell Therapy" in texts[0]


def test_onepager_survives_an_overlong_summary() -> None:
    data = sample_data("de", "onepager")
    data = replace(data, summary=data.summary * 12)
    _, pages = render_bytes(data)
    assert pages == 1


def test_password_is_required(folder: Path) -> None:
    out = folder / "secret.pdf"
    result = render_file(sample_data("en"), out, password="s3cret")
    reader = PdfReader(out)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(out).decrypt("wrong")
    reader = PdfReader(out, password="s3cret")
    assert "Project Aurora" in reader.pages[0].extract_text()
    assert "Executive summary" in outline_titles(reader)
    assert result.pages == len(reader.pages)


def test_render_file_result(folder: Path) -> None:
    import hashlib

    out = folder / "dossier.pdf"
    result = render_file(sample_data("en", "onepager"), out)
    assert result.path == out and result.pages == 1
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert sorted(p.name for p in folder.iterdir()) == ["dossier.pdf"]


def test_cancelled_export_leaves_no_file(folder: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        render_file(sample_data("en"), folder / "dossier.pdf", cancel=cancel)
    assert list(folder.iterdir()) == []


def test_cancel_during_layout_keeps_the_previous_file(folder: Path) -> None:
    out = folder / "dossier.pdf"
    out.write_bytes(b"previous export")
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done > total // 3:
            cancel.set()

    with pytest.raises(ExportCancelled):
        render_file(sample_data("en"), out, progress=progress, cancel=cancel)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in folder.iterdir()] == ["dossier.pdf"]
    assert seen and max(seen) < 1000


def test_failed_write_keeps_the_previous_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the temp file exists removes it; the old export stays."""
    out = folder / "dossier.pdf"
    out.write_bytes(b"previous export")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("desktop.core.atomic_files.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        render_file(sample_data("en", "onepager"), out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in folder.iterdir()] == ["dossier.pdf"]


def test_progress_is_monotonic_and_completes() -> None:
    reports: list[tuple[int, int, Message]] = []
    render_bytes(sample_data("en", "onepager"), progress=lambda *r: reports.append(r))
    done = [r[0] for r in reports]
    assert done == sorted(done) and done[-1] == reports[-1][1] == 1000
    assert any(str(r[2]) == "Laying out pages" for r in reports)
    # the stages are messages: the window's progress dialog says them in its language
    assert any(r[2].said("de") == "Seiten werden gesetzt" for r in reports)
    assert reports[-1][2].said("de") == "Fertig"


def test_sparse_data_renders() -> None:
    """Nothing optional is required: no summary, sections, figures, evidence, sources."""
    data = replace(
        sample_data("en"),
        summary=[],
        sections=[DossierSection("empty", "Empty section", None, [])],
        key_facts=[],
        evidence=[],
        charts=[],
        sources=[],
        contacts=[],
        keywords=[],
        subject="",
    )
    pdf, pages = render_bytes(data)
    assert pages >= 3
    assert "Empty section" in " ".join(page_texts(pdf))


def test_long_card_splits_without_losing_text() -> None:
    """A card longer than a page splits; every paragraph still arrives."""
    data = sample_data("en")
    long_text = "\n".join(f"Paragraph {n}: " + "GMP process transfer. " * 30 for n in range(12))
    big = DossierEntity(
        slug="big",
        name="Very Long Entity",
        short_name=None,
        kind="Company",
        location="Leipzig",
        description=long_text,
        why="Everything",
        note="Line one\nLine two",
    )
    sections = [replace(data.sections[0], entities=[big, *data.sections[0].entities])]
    pdf, pages = render_bytes(replace(data, sections=sections))
    everything = " ".join(page_texts(pdf))
    assert "Paragraph 11:" in everything and "Line two" in everything
    assert pages > 6


def test_unknown_template_is_rejected() -> None:
    with pytest.raises(ValueError, match="template"):
        render_bytes(replace(sample_data("en"), template="poster"))


def test_date_of_prepared_on_drives_reproducible_metadata() -> None:
    data = replace(sample_data("en", "onepager"), prepared_on=date(2027, 1, 5))
    pdf, _ = render_bytes(data, reproducible=True)
    assert PdfReader(io.BytesIO(pdf)).metadata.creation_date.date() == date(2027, 1, 5)


def test_evidence_row_taller_than_a_page_splits() -> None:
    """A requirement served by dozens of entities must not fail the export."""
    data = sample_data("en")
    names = [f"Entity number {n} with a fairly long descriptive name" for n in range(90)]
    evidence = [EvidenceRow("Everything", names, "All of them"), *data.evidence]
    pdf, _ = render_bytes(replace(data, evidence=evidence))
    everything = " ".join(page_texts(pdf))
    assert "Entity number 89 with" in everything
    assert everything.count("Requirement Evidence How it is met") >= 2  # header repeated


def test_concurrent_renders_give_the_same_bytes() -> None:
    """A preview and an export running at once do not disturb each other."""
    data = sample_data("de", "onepager")
    expected, _ = render_bytes(data, reproducible=True)
    results: list[bytes] = []

    def work() -> None:
        results.append(render_bytes(data, reproducible=True)[0])

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected, expected]
