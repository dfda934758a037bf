"""`dossier-desk suggest` and `export`: profiles in, ranked suggestions and PDFs out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.main import main

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
    assert "Standortprofil auf einer Seite" in pdf_text(out)


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


# --- the sent register: the CLI records what it exports, like the window ----------------------


def sent_rows(db_path: Path) -> list[tuple[str, str, str, str]]:
    """(prospect, prepared for, file name, sha256) of every recorded dossier, oldest first."""
    from sqlmodel import select

    from desktop.core.kb.models import Prospect, SentDossier
    from desktop.core.storage.database import Database

    database = Database.open(db_path, create=False)
    try:
        with database.session() as session:
            rows = session.exec(
                select(Prospect.company_name, SentDossier)
                .join(SentDossier, SentDossier.prospect_id == Prospect.id)
                .order_by(SentDossier.id)
            ).all()
            return [(name, s.prepared_for, s.file_name, s.sha256) for name, s in rows]
    finally:
        database.close()


def count(db_path: Path, model_name: str) -> int:
    from sqlmodel import func, select

    from desktop.core.kb import models
    from desktop.core.storage.database import Database

    database = Database.open(db_path, create=False)
    try:
        with database.session() as session:
            return session.exec(select(func.count()).select_from(getattr(models, model_name))).one()
    finally:
        database.close()


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_profile_export_is_recorded_under_its_prospect(db_path: Path, tmp_path: Path) -> None:
    """No brief in the database: the profile's prospect is made (then found again by its
    company name) with a new brief each time, and each dossier lands in its sent register."""
    profile = str(EXAMPLES / "musterbach-medtech.toml")
    first, second = tmp_path / "heron.pdf", tmp_path / "heron-2.pdf"
    code, message = run("--db", str(db_path), "export", "--profile", profile, "--out", str(first))
    assert code == 0, message
    assert "Recorded in the sent register: prospect Musterbach" in message and "new)" in message
    code, message = run("--db", str(db_path), "export", "--profile", profile, "--out", str(second))
    assert code == 0 and "(id 1, as stored), new brief 2" in message
    rows = sent_rows(db_path)
    company = rows[0][0]
    assert rows == [
        (company, "Project Heron", "heron.pdf", sha256(first)),
        (company, "Project Heron", "heron-2.pdf", sha256(second)),
    ]
    assert company.startswith("Musterbach") and count(db_path, "Prospect") == 1
    assert count(db_path, "Brief") == 2


def test_a_stored_brief_is_exported_and_recorded(db_path: Path, tmp_path: Path) -> None:
    from desktop.core.briefs import curation as briefs
    from desktop.core.storage.database import Database

    database = Database.open(db_path, create=False)
    with database.transaction() as session:
        prospect = briefs.save_prospect(
            session,
            briefs.ProspectInput(
                company_name="Acme Cell Therapeutics Inc.",
                code_name="Project Aurora",
                use_code_name=True,
                sectors=("cell-gene-therapy",),
                requirements=("gmp-manufacturing",),
            ),
        )
        brief_id = briefs.create_brief(session, prospect_id=prospect.id, language="de")
    database.close()
    out = tmp_path / "aurora.pdf"
    code, message = run("--db", str(db_path), "export", "--brief", str(brief_id), "--out", str(out))
    assert code == 0, message
    assert (
        f"Recorded in the sent register: brief {brief_id}, prepared for Project Aurora" in message
    )
    text = pdf_text(out)
    assert "Project Aurora" in text and "Standortdossier" in text and "Acme" not in text
    assert sent_rows(db_path) == [
        ("Acme Cell Therapeutics Inc.", "Project Aurora", "aurora.pdf", sha256(out))
    ]


def test_a_failed_profile_export_leaves_the_database_as_it_was(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file cannot be written (its name is too long for the disk): no prospect, no brief,
    no record — nothing was sent."""
    profile = str(EXAMPLES / "acme-cell-therapy.toml")
    out = tmp_path / ("x" * 300 + ".pdf")
    code, _ = run("--db", str(db_path), "export", "--profile", profile, "--out", str(out))
    assert code == 1 and "too long" in capsys.readouterr().err
    assert (count(db_path, "Prospect"), count(db_path, "Brief"), sent_rows(db_path)) == (0, 0, [])


def test_a_stored_brief_keeps_its_own_template_and_language(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code, _ = run("--db", str(db_path), "export", "--brief", "1", "--out", str(out), "--lang", "de")
    assert code == 2 and "--template and --lang go with --profile" in capsys.readouterr().err
    code, _ = run("--db", str(db_path), "export", "--brief", "99", "--out", str(out))
    assert code == 1 and "no brief with id 99" in capsys.readouterr().err and not out.exists()
