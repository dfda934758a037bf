"""A deterministic synthetic knowledge base for benchmarks (never shipped, never in a dossier).

Names and descriptions are built from life-sciences vocabulary so that token frequencies look
like real data: common words ("Leipzig", "cell", "GmbH") match tens of thousands of rows, rare
ones a handful. The same ``seed`` always gives the same database.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from desktop.core.kb import models, taxonomy
from desktop.core.kb.identity import assign_natural_gids
from desktop.core.kb.sync_tables import changes_unrecorded
from desktop.core.storage.database import create_schema, make_engine
from desktop.core.storage.sqlite import connection as sqlite_backend
from desktop.core.storage.sqlite.fts import index as sqlite_search

SYLLABLES = [
    "ab",
    "bio",
    "cel",
    "cyt",
    "dia",
    "gen",
    "im",
    "ly",
    "med",
    "neo",
    "nov",
    "ox",
    "pha",
    "qui",
    "ra",
    "sax",
    "syn",
    "ter",
    "tra",
    "vi",
    "vo",
    "xa",
    "zy",
    "lum",
    "mar",
    "on",
    "pre",
    "sol",
    "tec",
    "ul",
    "vec",
    "wel",
    "kin",
    "lex",
    "mo",
    "rix",
    "sen",
    "thal",
]
PLACES = [
    "Leipzig",
    "Leipzig region",
    "BioCity Campus, Leipzig",
    "Halle (Saale)",
    "Dresden",
    "Schkeuditz",
    "Markkleeberg",
    "Delitzsch",
    "Grimma",
    "Borna",
    "Taucha",
    "Merseburg",
    "Wurzen",
    "Eilenburg",
    "Naunhof",
    "Zwenkau",
    "Böhlen",
    "Pegau",
    "Torgau",
    "Döbeln",
]
CORES = [
    "BioTherapeutics",
    "CellWorks",
    "Genomics",
    "MedTech",
    "Diagnostics",
    "Immunology",
    "Biologics",
    "Vector Labs",
    "Bioprocessing",
    "Surgical Systems",
    "Imaging",
    "Biobank",
    "Health Data",
    "Clinical Research",
    "Pharma Logistics",
    "Regenerative Medicine",
    "Robotics",
    "Precision Oncology",
    "Antibody Engineering",
    "Microfluidics",
    "Biosensors",
    "Digital Care",
]
SUFFIXES = ["GmbH", "AG", "UG", "SE", "Institute", "Centre", "Lab", "Network", "", ""]
TECHNOLOGIES = [
    "CAR-T manufacturing",
    "viral vector production",
    "mRNA formulation",
    "CRISPR screening",
    "single-cell sequencing",
    "mass spectrometry",
    "flow cytometry",
    "organ-on-chip models",
    "3D bioprinting",
    "cryopreservation",
    "aseptic fill and finish",
    "lyophilisation",
    "monoclonal antibodies",
    "recombinant proteins",
    "peptide synthesis",
    "exosome isolation",
    "digital pathology",
    "medical imaging AI",
    "robotic surgery",
    "surgical navigation",
    "wearable biosensors",
    "point-of-care testing",
    "PCR diagnostics",
    "immunoassays",
    "telemedicine platforms",
    "clinical data management",
    "GDP cold-chain logistics",
    "cleanroom engineering",
    "GMP quality control",
    "stem cell banking",
    "tissue engineering",
    "bioresorbable implants",
    "ultrasound monitoring",
    "electrophysiology",
    "microbiome analysis",
    "proteomics",
    "metabolomics",
    "pharmacovigilance",
    "regulatory affairs",
    "reimbursement",
]
DISEASES = [
    "oncology",
    "haematology",
    "cardiology",
    "neurology",
    "rare diseases",
    "diabetes",
    "autoimmune disorders",
    "infectious diseases",
    "ophthalmology",
    "orthopaedics",
    "dermatology",
    "women's health",
    "mental health",
    "respiratory diseases",
    "nephrology",
    "gastroenterology",
    "paediatrics",
    "geriatrics",
    "wound care",
    "transplantation",
]
SENTENCES = [
    "{name} specialises in {tech} for {disease}",
    "It offers {tech} and {tech2} to partners in {place}",
    "The team runs an EN ISO 13485 certified quality system",
    "Its {product} platform supports {disease} research",
    "{name} cooperates with {partner} on {tech}",
    "The company was founded in {year} and employs specialists in {tech2}",
    "Laboratory space at S1 and S2 level is available on request",
    "Clinical studies in {disease} are run with university hospitals",
]
TAGS = [
    ("gmp", "GMP"),
    ("en-iso-13485", "EN ISO 13485"),
    ("atmp", "ATMP"),
    ("cdmo", "CDMO"),
    ("gdp", "GDP"),
    ("ai", "AI"),
    ("5g", "5G"),
    ("car-t", "CAR-T"),
    ("cleanroom", "Cleanroom"),
    ("biobank", "Biobank"),
    ("start-up", "Start-up"),
    ("incubator", "Incubator"),
]
KINDS = [code for code in taxonomy.KINDS if code != "person"]


def _brand(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _zipf_choice(rng: random.Random, items: list[str]) -> str:
    """The k-th item with weight 1/k (Zipf's law), as words are used in real text."""
    return rng.choices(items, weights=[1 / rank for rank in range(1, len(items) + 1)])[0]


def synthetic_rows(count: int, seed: int = 2026) -> list[dict[str, object]]:
    """``count`` entity rows with sectors and tags attached under ``_sectors``/``_tags``."""
    rng = random.Random(seed)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for number in range(count):
        brand = _brand(rng)
        name = " ".join(p for p in (brand, rng.choice(CORES), rng.choice(SUFFIXES)) if p)
        sentences = [
            template.format(
                name=brand,
                tech=_zipf_choice(rng, TECHNOLOGIES),
                tech2=_zipf_choice(rng, TECHNOLOGIES),
                disease=_zipf_choice(rng, DISEASES),
                place=_zipf_choice(rng, PLACES),
                product=_brand(rng) + rng.choice(["®", "", " One", " Suite"]),
                partner=_brand(rng) + " " + rng.choice(CORES),
                year=rng.randint(1990, 2025),
            )
            for template in [SENTENCES[0], *rng.sample(SENTENCES[1:], rng.randint(1, 3))]
        ]
        rows.append(
            {
                "slug": f"synthetic-{number:06d}",
                "name": name,
                "short_name": None,
                "kind": rng.choice(KINDS),
                "description": ". ".join(sentences) + ".",
                "location": _zipf_choice(rng, PLACES),
                "created_at": stamp,
                "updated_at": stamp,
                "_sectors": rng.sample(list(taxonomy.SECTORS), rng.randint(1, 3)),
                "_tags": [code for code, _ in rng.sample(TAGS, rng.randint(0, 3))],
            }
        )
    return rows


def build_synthetic_database(path: Path, count: int = 100_000, seed: int = 2026) -> float:
    """Create ``path`` holding ``count`` synthetic entities; return the build time in seconds."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rows = synthetic_rows(count, seed)
    started = time.perf_counter()
    engine = make_engine(path)
    create_schema(engine)
    with (
        engine.begin() as connection,
        sqlite_search.search_index_suspended(connection),
        changes_unrecorded(connection),  # a starting point like the seed, not local changes
    ):
        connection.execute(insert(models.Sector), taxonomy.sector_rows())
        connection.execute(
            insert(models.Tag),
            [{"code": c, "label": label, "category": "capability"} for c, label in TAGS],
        )
        connection.execute(
            insert(models.Entity),
            [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows],
        )
        ids = dict(connection.exec_driver_sql("SELECT slug, id FROM entity").all())
        connection.execute(
            insert(models.EntitySector),
            [
                {"entity_id": ids[row["slug"]], "sector_code": code}
                for row in rows
                for code in row["_sectors"]  # type: ignore[union-attr]
            ],
        )
        tag_rows = [
            {"entity_id": ids[row["slug"]], "tag_code": code}
            for row in rows
            for code in row["_tags"]  # type: ignore[union-attr]
        ]
        if tag_rows:
            connection.execute(insert(models.EntityTag), tag_rows)
        assign_natural_gids(connection, every_row=True)  # the same seed, the same database
    with engine.begin() as connection:  # as the window leaves a large import: rank index made
        sqlite_search.catch_up_search_index(connection, whole=True)
    with engine.connect() as connection:
        sqlite_backend.checkpoint(connection)
    engine.dispose()
    return time.perf_counter() - started
