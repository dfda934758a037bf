"""Regenerate tests/fixtures/knowledge-v3.sqlite3: a database made with schema 3, every table
holding rows, for the migration tests ("every row survives an upgrade").

    .venv/bin/python scripts/make_fixture_db.py [OUT]

Only regenerate it deliberately: the point of the fixture is that it was made by an *older*
schema. When a new revision changes the schema, keep this file and add a new fixture made with
the new schema next to it (knowledge-v4.sqlite3, …) before changing the models.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from desktop.core.briefs import curation as briefs
from desktop.core.briefs import sent_register
from desktop.core.kb.models import AuditEntry, Fact
from desktop.core.storage.database import SCHEMA_VERSION, Database, build_seeded_database
from desktop.core.storage.sqlite import backup_api

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "knowledge-v3.sqlite3"
WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PROSPECTS = (
    briefs.ProspectInput(
        company_name="Acme Cell Therapeutics Inc.",
        code_name="Project Aurora",
        use_code_name=True,
        country="us",
        sectors=("cell-gene-therapy",),
        activities=("manufacturing",),
        requirements=("gmp-manufacturing", "cleanroom"),
        keywords=("CAR-T",),
        internal_notes="Budget is tight.",
    ),
    briefs.ProspectInput(
        company_name="Nordlicht Diagnostics GmbH",
        country="de",
        sectors=("diagnostics",),
        status="active",
        meeting_on=date(2026, 12, 3),
    ),
)


def populate(database: Database) -> None:
    """Prospects with briefs, a sent dossier, a verified fact and audit entries."""
    with database.transaction() as session:
        for number, data in enumerate(PROSPECTS):
            prospect = briefs.save_prospect(session, data)
            brief_id = briefs.create_brief(
                session, prospect_id=prospect.id, consultant="Anna Example"
            )
            if number == 0:
                sent_register.record(
                    session,
                    prospect_id=prospect.id,
                    brief_id=brief_id,
                    template="full",
                    language="en",
                    prepared_for=data.code_name or data.company_name,
                    file_name="aurora.pdf",
                    sha256="0" * 64,
                    snapshot={"entities": [], "facts": []},
                    sent_at=WHEN,
                )
        fact = session.exec(select(Fact).order_by(Fact.id)).first()
        assert fact is not None
        fact.verified_on, fact.verified_by = WHEN.date(), "Anna Example"
        session.add(fact)
        for field, old, new in (("verified_on", None, "2026-11-20"), ("label", "a", "b")):
            session.add(
                AuditEntry(
                    at=WHEN,
                    who="Anna Example",
                    action="verify" if field == "verified_on" else "update",
                    record_type="fact",
                    record_key=fact.key,
                    field=field,
                    old_value=old,
                    new_value=new,
                    batch="fixture",
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "fixture.sqlite3"
        build_seeded_database(work)
        database = Database.open(work, create=False)
        try:
            populate(database)
        finally:
            database.close()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.unlink(missing_ok=True)
        backup_api.backup_to(work, args.out)  # one self-contained file, no -wal
    connection = sqlite3.connect(args.out)
    try:
        connection.execute("VACUUM")
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        counts = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()
    empty = [table for table, count in counts.items() if count == 0]
    print(f"{args.out} (schema {SCHEMA_VERSION}):")
    for table, count in counts.items():
        print(f"  {count:>6}  {table}")
    if empty:
        raise SystemExit(f"empty tables: {', '.join(empty)}")


if __name__ == "__main__":
    main()
