"""The application layer for prospects, briefs and export: typed steps, one export action."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.app import briefs, export
from desktop.app.store import Store, open_store
from desktop.core.atomic_files import OutputFileError
from desktop.core.briefs import sent_register
from desktop.core.briefs.curation import ProspectInput
from desktop.core.briefs.profile import load_profile
from desktop.dossier.content.model import ContactCard

TODAY = date(2026, 11, 26)
CARD = ContactCard("Anna Example", "Investor consultant", email="anna@example.org")
ACME = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    code_name="Project Aurora",
    use_code_name=True,
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics"),
    status="site-visit",
    internal_notes="Budget is tight.",
)
PROFILE = Path(__file__).resolve().parents[2] / "examples" / "acme-cell-therapy.toml"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


def new_brief(store: Store) -> int:
    prospect_id = briefs.save_prospect(store, data=ACME)
    return briefs.create_brief(store, prospect_id=prospect_id, consultant="Anna Example")


def test_each_curation_step_returns_the_brief_as_stored(store: Store) -> None:
    brief_id = new_brief(store)
    view = briefs.load_brief(store, brief_id=brief_id)
    first = view.items()[0]
    after = briefs.set_item(store, brief_id=brief_id, item_id=first.item_id, note=" Visit ")
    assert next(i for i in after.items() if i.item_id == first.item_id).note == "Visit"
    after = briefs.update_brief(store, brief_id=brief_id, title="  Aurora  ", language="de")
    assert (after.title, after.language) == ("Aurora", "de")
    keys = [key for key, _items in after.sections]
    after = briefs.set_section_order(store, brief_id=brief_id, keys=list(reversed(keys)))
    assert [key for key, _items in after.sections] == list(reversed(keys))
    layout = [(key, [i.item_id for i in items][::-1]) for key, items in after.sections]
    after = briefs.reorder(store, brief_id=brief_id, sections=layout)
    assert [(key, [i.item_id for i in items]) for key, items in after.sections] == layout
    assert after == briefs.load_brief(store, brief_id=brief_id)


def test_export_brief_assembles_once_writes_and_records(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.dossier.content import assemble

    brief_id = new_brief(store)
    assemblies: list[object] = []
    real = assemble.assemble
    monkeypatch.setattr(
        assemble, "assemble", lambda *a, **k: assemblies.append(real(*a, **k)) or assemblies[-1]
    )
    out = tmp_path / "aurora.pdf"
    exported = export.export_brief(
        store, brief_id=brief_id, out=out, consultant=CARD, today=TODAY, reproducible=True
    )
    assert assemblies == [exported.assembled]
    assert exported.path == out and exported.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    prospect_id = briefs.load_brief(store, brief_id=brief_id).prospect_id
    with store.database.session() as session:
        (entry,) = sent_register.sent_to(session, prospect_id)
    assert (entry.id, entry.brief_id, entry.file_name) == (exported.sent_id, brief_id, "aurora.pdf")
    assert (entry.prepared_for, entry.sha256) == ("Project Aurora", exported.sha256)
    assert json.loads(entry.snapshot) == exported.assembled.snapshot
    assert export.file_name(exported.assembled) == "Location dossier - Project Aurora - en.pdf"
    german = replace(exported.assembled.data, language="de", template="onepager")
    german_name = export.file_name(replace(exported.assembled, data=german))
    assert german_name == "Standortprofil auf einer Seite - Project Aurora - de.pdf"


def test_a_failed_write_records_nothing(store: Store, tmp_path: Path) -> None:
    from desktop.core.errors import DossierError

    brief_id = new_brief(store)
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(DossierError, match="is a folder"):
        export.export_brief(store, brief_id=brief_id, out=folder, consultant=CARD, today=TODAY)
    prospect_id = briefs.load_brief(store, brief_id=brief_id).prospect_id
    assert briefs.prospect_detail(store, prospect_id=prospect_id).sent == []


def test_a_profile_takes_over_its_prospects_interest_and_keeps_the_rest(
    store: Store, tmp_path: Path
) -> None:
    """The stored prospect with the profile's company name is used; what the profile says
    about the investor wins, the status and the internal notes stay the consultant's."""
    stored_id = briefs.save_prospect(
        store, data=replace(ACME, sectors=("medtech",), requirements=(), code_name="Old")
    )
    profile = load_profile(PROFILE)
    placed = export.export_profile(
        store, profile=profile, out=tmp_path / "a.pdf", consultant=CARD, today=TODAY
    )
    assert (placed.prospect_id, placed.created, placed.updated) == (stored_id, False, True)
    row = briefs.prospect_detail(store, prospect_id=stored_id).row
    assert row.data.sectors == profile.sectors and row.data.code_name == profile.code_name
    assert (row.status, row.data.internal_notes) == ("site-visit", "Budget is tight.")
    again = export.export_profile(
        store, profile=profile, out=tmp_path / "b.pdf", consultant=CARD, today=TODAY
    )
    assert (again.prospect_id, again.created, again.updated) == (stored_id, False, False)
    assert again.brief_id != placed.brief_id
    assert len(briefs.prospect_detail(store, prospect_id=stored_id).sent) == 2


def test_a_failed_profile_export_puts_the_prospect_back(store: Store, tmp_path: Path) -> None:
    before_id = briefs.save_prospect(store, data=replace(ACME, sectors=("medtech",)))
    before = briefs.prospect_detail(store, prospect_id=before_id)
    with pytest.raises(OutputFileError, match="too long"):
        export.export_profile(
            store,
            profile=load_profile(PROFILE),
            out=tmp_path / ("x" * 300 + ".pdf"),
            consultant=CARD,
            today=TODAY,
        )
    after = briefs.prospect_detail(store, prospect_id=before_id)
    assert (after.row.data, after.briefs, after.sent) == (before.row.data, [], [])
