"""`dossier-desk suggest` and `export`: profiles in, ranked suggestions and PDFs out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.commands import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def test_suggest_ranks_the_gmp_cdmo_first(db_path: Path) -> None:
    code, out = run(
        "--db",
        str(db_path),
        "suggest",
        "--profile",
        str(EXAMPLES / "acme-cell-therapy.toml"),
        "--json",
    )
    result = json.loads(out)
    assert code == 0 and result["entities"][0]["slug"] == "fraunhofer-izi"
    assert all(entity["reason"] for entity in result["entities"])


def test_bad_profile_is_one_line_and_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text('[investor]\nname = "X"\n[interest]\nsectors = ["biotech"]\n', "utf-8")
    out = tmp_path / "x.pdf"
    code, _ = run("--db", str(db_path), "export", "--profile", str(profile), "--out", str(out))
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "line 4" in err and "sectors" in err and "biotech" in err
    assert not out.exists()


def test_export_names_the_investor_and_the_consultant(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "acme.pdf"
    code, message = run(
        "--db",
        str(db_path),
        "export",
        "--profile",
        str(EXAMPLES / "acme-cell-therapy.toml"),
        "--out",
        str(out),
    )
    assert code == 0 and "pages" in message
    text = pdf_text(out)
    assert "Acme Cell Therapeutics Inc." in text
    assert "Fraunhofer Institute for Cell Therapy" in text


def test_code_name_hides_the_real_name_everywhere(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "heron.pdf"
    code, _ = run(
        "--db",
        str(db_path),
        "export",
        "--profile",
        str(EXAMPLES / "musterbach-medtech.toml"),
        "--out",
        str(out),
    )
    assert code == 0
    raw = out.read_bytes()
    reader = PdfReader(out)
    everything = pdf_text(out) + json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()})
    assert "Project Heron" in everything
    assert "Musterbach" not in everything and b"Musterbach" not in raw


def test_reproducible_exports_are_identical(db_path: Path, tmp_path: Path) -> None:
    profile = str(EXAMPLES / "acme-cell-therapy.toml")
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target in (first, second):
        assert (
            run(
                "--db",
                str(db_path),
                "export",
                "--profile",
                profile,
                "--out",
                str(target),
                "--reproducible",
            )[0]
            == 0
        )
    assert first.read_bytes() == second.read_bytes()


def test_password_protects_the_file(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "locked.pdf"
    profile = str(EXAMPLES / "acme-cell-therapy.toml")
    assert (
        run(
            "--db",
            str(db_path),
            "export",
            "--profile",
            profile,
            "--out",
            str(out),
            "--password",
            "s3cret",
        )[0]
        == 0
    )
    reader = PdfReader(out)
    assert reader.is_encrypted
    assert "Acme" in pdf_text(out, "s3cret")


def test_german_onepager_from_flags(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    profile = str(EXAMPLES / "acme-cell-therapy.toml")
    assert (
        run(
            "--db",
            str(db_path),
            "export",
            "--profile",
            profile,
            "--out",
            str(out),
            "--template",
            "onepager",
            "--lang",
            "de",
        )[0]
        == 0
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "Standortdossier" in pdf_text(out)


def test_hostile_investor_name_is_printed_literally(db_path: Path, tmp_path: Path) -> None:
    profile = tmp_path / "evil.toml"
    profile.write_text(
        '[investor]\nname = "<b>Evil & Co</b> <font size=40>"\n'
        '[interest]\nsectors = ["cell-gene-therapy"]\nrequirements = ["gmp-manufacturing"]\n',
        "utf-8",
    )
    out = tmp_path / "evil.pdf"
    assert run("--db", str(db_path), "export", "--profile", str(profile), "--out", str(out))[0] == 0
    assert "<b>Evil & Co</b> <font size=40>" in pdf_text(out)
