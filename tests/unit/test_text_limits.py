"""Text limits where data comes in: forms, import, prospects, profiles and the consultant card.

Each refusal names the field and the limit, so the person knows what to shorten.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.app import consultant as consultant_settings
from desktop.core.briefs.profile import parse_profile
from desktop.core.briefs.profile_errors import ProfileError
from desktop.core.briefs.prospects import ProspectInput
from desktop.core.exchange.importer import ImportRefusedError, apply, plan_file
from desktop.core.kb import validation
from desktop.core.storage.database import Database, content_digest
from desktop.core.upkeep.editing import EntityRecord

LONG_NAME = "N" * 20_000
MANY_LINES = "\n".join(["x"] * 49_000)  # 98 KB of short lines, which import used to accept


def entity(**changes: object) -> EntityRecord:
    values: dict[str, object] = {"slug": "neo-bio", "name": "Neo Bio GmbH", "kind": "company"}
    values.update(changes)
    return EntityRecord(**values)  # type: ignore[arg-type]


def test_limits_are_generous_for_real_text() -> None:
    assert validation.one_line("Fraunhofer IZI " * 13, "The name") is None  # 195 characters
    assert validation.long_text("A sentence of a description. " * 300, "The description") is None
    assert validation.long_text("\n".join(["line"] * 200), "The description") is None


def test_messages_name_the_field_and_the_limit() -> None:
    assert validation.one_line(LONG_NAME, "The name") == (
        "The name has 20,000 characters; at most 200 fit."
    )
    assert validation.one_line("two\nlines", "The name") == (
        "The name must be one line — remove the line breaks."
    )
    assert validation.long_text(MANY_LINES, "The description") == (
        "The description has 97,999 characters; at most 10,000 fit."
    )
    assert validation.long_text("\n".join(["x"] * 201), "The description") == (
        "The description has 201 lines; at most 200 fit."
    )


def test_entity_form_refuses_long_name_and_description() -> None:
    problems = entity(name=LONG_NAME, description="\n".join(["x"] * 500)).problems(
        today=date(2026, 1, 1), known_tags=set()
    )
    assert problems["name"] == "The name has 20,000 characters; at most 200 fit."
    assert problems["description"] == "The description has 500 lines; at most 200 fit."
    assert not entity().problems(today=date(2026, 1, 1), known_tags=set())


def test_prospect_form_names_each_long_field() -> None:
    problems = ProspectInput(
        company_name=LONG_NAME,
        code_name="Project\nAurora",
        keywords=("k" * 300,),
        needs="n" * 10_001,
        internal_notes="\n".join(["x"] * 250),
    ).problems()
    assert "The company name has 20,000 characters; at most 200 fit." in problems
    assert "The code name must be one line — remove the line breaks." in problems
    assert "A keyword has 300 characters; at most 200 fit." in problems
    assert "The text under Needs has 10,001 characters; at most 10,000 fit." in problems
    assert "The text under Internal notes has 250 lines; at most 200 fit." in problems
    assert ProspectInput(company_name="Acme").problems() == []


@pytest.mark.parametrize(
    ("table", "key", "value", "reason"),
    [
        ("investor", "name", "N" * 201, "is 201 characters long; at most 200 fit"),
        ("interest", "needs", "x\\n" * 300, "has 300 lines; at most 200 fit"),
        ("interest", "needs", "x" * 10_001, "is 10,001 characters long; at most 10,000 fit"),
    ],
)
def test_profile_values_are_limited(table: str, key: str, value: str, reason: str) -> None:
    tables = {"investor": {"name": '"Acme"'}, "interest": {"sectors": '["medtech"]'}}
    tables[table][key] = f'"{value}"'
    text = "\n".join(
        f"[{name}]\n" + "\n".join(f"{k} = {v}" for k, v in keys.items())
        for name, keys in tables.items()
    )
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="acme.toml")
    assert f"[{table}] {key}: {reason}" in str(caught.value)


def test_profile_keyword_is_limited() -> None:
    text = (
        f'[investor]\nname = "Acme"\n[interest]\nsectors = ["medtech"]\nkeywords = ["{"k" * 201}"]'
    )
    with pytest.raises(ProfileError, match="item 1 is 201 characters long; at most 200 fit"):
        parse_profile(text)


def test_consultant_card_problems_and_bounded_reading(isolated_user_dirs: Path) -> None:
    assert consultant_settings.problems({"name": "x" * 1_600, "email": "not-an-address"}) == {
        "name": "The name has 1,600 characters; at most 254 fit.",
        "email": "This does not look like an e-mail address.",
    }
    assert consultant_settings.problems({"name": "Jana Beispiel", "phone": "+49 341 1234"}) == {}
    # A hand-edited settings file cannot smuggle a longer card into a dossier.
    path = consultant_settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[consultant]\nname = {'Jana ' * 400}\nrole = Lead\n", encoding="utf-8")
    card = consultant_settings.read_consultant()
    assert len(card.name) <= validation.MAX_CONTACT_CHARS
    assert card.name.startswith("Jana Jana") and card.role == "Lead"


def test_import_refuses_long_name_and_many_lines(database: Database, tmp_path: Path) -> None:
    """The import checks the same limits as the forms; nothing is written."""
    rows = [
        {"slug": "long-name", "name": LONG_NAME, "kind": "company"},
        {"slug": "many-lines", "name": "Many Lines", "kind": "company", "description": MANY_LINES},
        {"slug": "two-lines", "name": "Two\nLines", "kind": "company"},
        {"slug": "lines", "name": "Lines", "kind": "company", "description": "x\n" * 300},
    ]
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"entities": rows}), encoding="utf-8")
    before = content_digest(database.engine)
    planned = plan_file(database, path)
    messages = "\n".join(str(problem) for problem in planned.all_problems())
    assert "record 1, field 'name': name: has 20,000 characters; at most 200 fit" in messages
    assert "description: has 97,999 characters; at most 10,000 fit" in messages
    assert "record 3, field 'name': name: must be one line — remove the line breaks" in messages
    assert "record 4, field 'description': description: has 300 lines; at most 200" in messages
    with pytest.raises(ImportRefusedError):
        apply(database, planned, who="test")
    assert content_digest(database.engine) == before
