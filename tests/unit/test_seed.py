"""The seeded knowledge base: complete, consistent and faithful to its source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.core.errors import SeedError
from desktop.core.kb import taxonomy
from desktop.core.kb.seed import load_seed, read_seed
from desktop.core.storage.database import create_schema, make_engine
from desktop.paths import seed_dir

SOURCE_TEXT = (seed_dir() / "sources" / "leipzig-life-sciences-cluster.txt").read_text("utf-8")
NUMBER_WORDS = {"two": 2, "three": 3, "five": 5, "eight": 8}

# Names the profile gives, each of which must be an entity (a sample across every kind).
NAMED_IN_PROFILE = {
    "fraunhofer-izi",
    "idiv",
    "dbfz",
    "scads-ai",
    "iccas",
    "irdc",
    "leipzig-heart-institute",
    "university-of-leipzig",
    "htwk-leipzig",
    "hhl",
    "lernklinik-leipzig",
    "co-don",
    "bellaseno",
    "vita-34",
    "genewiz",
    "sonovum",
    "raylytic",
    "vivosensmedical",
    "selfdiagnostics",
    "next3d",
    "realists-training-technologies",
    "acl",
    "ecovery",
    "docyet",
    "mindance",
    "novartis",
    "kuehne-nagel",
    "db-schenker",
    "rhenus-logistics",
    "world-courier",
    "dhl-express",
    "invest-region-leipzig",
    "biosaxony",
    "saxocell",
    "smith",
    "kiks",
    "momentum",
    "biocity-campus",
    "biocube-leipzig",
    "bio-city-leipzig",
    "leipzig-halle-airport",
    "life-biobank",
    "leipzig-medical-biobank",
    "haema",
    "paul-ehrlich-institute",
    "florian-schmidtner",
    "spinlab",
    "surgical-process-institute",
}


def _numbers_in(quote: str) -> set[float]:
    found = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", quote)}
    found |= {
        float(v) for word, v in NUMBER_WORDS.items() if re.search(rf"\b{word}\b", quote, re.I)
    }
    return found


def test_seed_reads_and_cross_checks() -> None:
    data = read_seed()
    assert len(data.entities) >= 80
    assert {e["kind"] for e in data.entities} == set(taxonomy.KINDS)


def test_every_named_organisation_is_an_entity() -> None:
    slugs = {entity["slug"] for entity in read_seed().entities}
    assert NAMED_IN_PROFILE - slugs == set()


def test_every_fact_is_quoted_verbatim_from_its_source() -> None:
    """A figure without a sentence in the source that states it would be an invention."""
    for fact in read_seed().facts:
        assert fact.get("quote"), fact["key"]
        assert fact["quote"] in SOURCE_TEXT, fact["key"]
        assert float(fact["value"]) in _numbers_in(fact["quote"]), fact["key"]


def test_every_figure_in_the_source_is_a_fact() -> None:
    """Each number in the profile appears in some fact's quote (names like "hall 12" aside)."""
    quoted = " ".join(fact["quote"] for fact in read_seed().facts)
    not_figures = {"12", "34", "13485", "3", "5"}  # hall 12, Vita 34, ISO 13485, 3D, 5G
    text = SOURCE_TEXT.replace("+49 341 2682 7780", "")  # the contact's phone, not a figure
    numbers = set(re.findall(r"\d[\d,]*\+?", text)) - not_figures
    missing = {n for n in numbers if n.rstrip("+") not in quoted}
    assert missing == set()


def test_contact_person_is_public_with_the_published_phone() -> None:
    people = [e for e in read_seed().entities if e["kind"] == "person"]
    assert [p["slug"] for p in people] == ["florian-schmidtner"]
    contact = people[0]["contact"]
    assert contact["phone"] == "+49 341 2682 7780" and contact["public"] is True
    assert "+49 341 2682 7780" in SOURCE_TEXT


def test_no_invented_web_addresses_or_emails() -> None:
    for entity in read_seed().entities:
        assert "website" not in entity, entity["slug"]
        assert not entity.get("contact", {}).get("email"), entity["slug"]


def _copy_seed(tmp_path: Path) -> Path:
    copy = tmp_path / "seed"
    shutil.copytree(seed_dir(), copy)
    return copy


def _empty_engine(tmp_path: Path) -> Engine:
    engine = make_engine(tmp_path / "x.sqlite3")
    create_schema(engine)
    return engine


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("entities/company.toml", 'kind = "company"', 'kind = "startup"', "unknown kind 'startup'"),
        ("relations.toml", 'to = "fraunhofer-izi"', 'to = "fraunhofer-xyz"', "unknown entity"),
        ("facts.toml", 'qualifier = "exact"', 'qualifier = "roughly"', "unknown qualifier"),
        ("facts.toml", "value = 1500", 'value = "1500"', "'value' must be int or float"),
    ],
)
def test_inconsistent_seed_is_rejected_before_writing(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    seed = _copy_seed(tmp_path)
    target = seed / file
    content = target.read_text("utf-8")
    assert old in content
    target.write_text(content.replace(old, new, 1), "utf-8")
    engine = _empty_engine(tmp_path)
    with pytest.raises(SeedError, match=re.escape(message)), engine.begin() as connection:
        load_seed(connection, seed_dir=seed)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM entity").scalar() == 0
    engine.dispose()
