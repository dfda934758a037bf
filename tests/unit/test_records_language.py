"""What the records, briefs and the dossier say reaches a German reader in German: a record not
found, a record refused, a profile file's mistake, a theme's, and the reason a figure is in a
German brief — while ``str()`` (the log, ``--json``) and the existing callers keep the English."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from desktop.app import consultant, language
from desktop.cli.main import main
from desktop.core.briefs import curation as briefs
from desktop.core.briefs.profile import parse_profile
from desktop.core.briefs.profile_errors import ProfileError
from desktop.core.errors import DossierError, NotFoundError
from desktop.core.kb import catalogue
from desktop.core.kb.refusals import RefusedError
from desktop.core.storage.database import Database
from desktop.core.upkeep import editing, records
from desktop.dossier.brand.theme import ThemeError, theme_from_dict

TODAY = date(2026, 11, 26)


def test_a_record_not_found_is_said_in_german(database: Database) -> None:
    with database.session() as session, pytest.raises(NotFoundError) as caught:
        catalogue.entity_detail(session, "no-such-thing")
    error = caught.value
    assert str(error) == (
        "no entity with slug 'no-such-thing'; try `dossier-desk search no-such-thing`"
    )
    assert error.said("de") == (
        "kein Eintrag mit der Kennung 'no-such-thing'; "
        "versuchen Sie `dossier-desk search no-such-thing`"
    )


def test_a_refused_record_is_a_value_error_said_in_the_readers_language(
    database: Database,
) -> None:
    """The checks are asked again in German: the field names and the sentences are German."""
    record = editing.EntityRecord(slug="Not A Slug", name="", kind="castle")
    with database.transaction() as session, pytest.raises(ValueError) as caught:
        editing.save_entity(
            session, record, original_slug=None, who="test", batch="b1", today=TODAY
        )
    error = caught.value
    assert isinstance(error, RefusedError) and isinstance(error, DossierError)
    assert "The name is required." in str(error) and "Unknown kind 'castle'." in str(error)
    german = error.said("de")
    assert "Der Name ist erforderlich." in german and "Unbekannte Art 'castle'." in german
    assert "Kleinbuchstaben" in german and "required" not in german


def test_a_refused_code_names_its_vocabulary_in_german(database: Database) -> None:
    relation = records.RelationRecord("fraunhofer-izi", "haunts", "biocity-leipzig")
    with database.transaction() as session, pytest.raises(ValueError) as caught:
        records.add_relation(session, relation, who="test", batch="b2")
    assert str(caught.value).startswith("unknown relation type 'haunts'; expected one of: ")
    assert caught.value.said("de").startswith("unbekannt (Beziehungsart): 'haunts'; ")  # type: ignore[attr-defined]


def test_a_german_briefs_figures_say_why_in_german(database: Database) -> None:
    """The fact reason is stored with the brief, in the brief's language, like an entity's."""
    with database.transaction() as session:
        prospect = briefs.save_prospect(
            session,
            briefs.ProspectInput(
                company_name="Acme Zelltherapie GmbH",
                sectors=("cell-gene-therapy",),
                requirements=("gmp-manufacturing",),
            ),
        )
        german = briefs.create_brief(session, prospect_id=prospect.id, language="de")
        english = briefs.create_brief(session, prospect_id=prospect.id, language="en")
    with database.session() as session:
        views = {brief_id: briefs.brief_view(session, brief_id) for brief_id in (german, english)}
    reasons = {
        brief_id: [item.reason for item in view.items() if item.kind == "fact"]
        for brief_id, view in views.items()
    }
    assert reasons[german] and all(r.startswith("Zum Thema ") for r in reasons[german])
    assert any("GMP-" in r for r in reasons[german])
    assert reasons[english] and all(r.startswith("About ") for r in reasons[english])


def test_a_profile_mistake_is_said_in_german_on_one_line() -> None:
    text = '[investor]\nname = "Acme"\n[interest]\nsectors = ["medtech"]\nneeds = 5\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="acme\nprofile.toml")
    error = caught.value
    assert str(error) == (
        "acme profile.toml, line 5: [interest] needs: expected a string in quotes, got the number 5"
    )
    assert error.said("de") == (
        "acme profile.toml, Zeile 5: [interest] needs: erwartet wird eine Zeichenkette in "
        "Anführungszeichen, gefunden: die Zahl 5"
    )


def test_a_profile_limit_groups_the_count_as_the_reader_writes_it() -> None:
    text = f'[investor]\nname = "Acme"\n[interest]\nsectors = ["medtech"]\nneeds = "{"x" * 10_001}"'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="acme.toml")
    assert "is 10,001 characters long; at most 10,000 fit" in str(caught.value)
    assert "ist 10.001 Zeichen lang; höchstens 10.000 passen" in caught.value.said("de")


def test_a_theme_mistake_is_a_dossier_error_said_in_german() -> None:
    with pytest.raises(ThemeError) as caught:
        theme_from_dict({})
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, DossierError)
    assert str(caught.value) == "theme: missing field 'colours.primary'"
    assert caught.value.said("de") == "Theme: Feld 'colours.primary' fehlt"


def test_the_cli_says_a_missing_record_in_german(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(language, "_in_use", [])
    for name in language.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de")
    assert main(["--db", str(db_path), "show", "no-such-thing"], out=io.StringIO()) == 1
    error = capsys.readouterr().err
    assert "kein Eintrag mit der Kennung 'no-such-thing'" in error and "no entity" not in error


def test_the_forms_checks_name_their_fields_in_german() -> None:
    """The prospect form and the consultant's card check in the window's language."""
    prospect = briefs.ProspectInput(company_name="x" * 201, sectors=("space-travel",))
    assert prospect.problems("de") == [
        "Unbekannte Branche 'space-travel'.",
        "Der Firmenname hat 201 Zeichen; höchstens 200 passen.",
    ]
    assert consultant.problems({"name": "x" * 1_600, "email": "not-an-address"}, "de") == {
        "name": "Der Name hat 1.600 Zeichen; höchstens 254 passen.",
        "email": "Das sieht nicht wie eine E-Mail-Adresse aus.",
    }
