"""The team's texts reach a German reader in German: what joining will upload (German plurals,
``1.500``), a server address that cannot be used, a server that cannot be reached, a change
package that is refused — while ``str()`` (logs, ``--json``) stays English. No server needed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import psycopg
import pytest

from desktop.app import language
from desktop.app.team import NotInTeamError, describe_plan
from desktop.cli.main import main
from desktop.core.errors import ServerAddressError, ServerUnreachableError
from desktop.core.sync.join import JoinPlan
from desktop.core.sync.packages import ChangePackageError, read_package
from desktop.core.team.dsn import ServerAddress
from desktop.core.team.problems import team_error

PLAN = JoinPlan({"entity": 1, "fact": 1500, "prospect": 2}, edits=1, team_records=12000)


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line in German, chosen by the environment as a consultant's shell would."""
    monkeypatch.setattr(language, "_in_use", [])
    for name in language.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de")


def test_the_join_plan_reads_german_with_german_plurals_and_grouping() -> None:
    said = describe_plan(PLAN).said("de")
    assert said.startswith("Das Team hat 12.000 Datensätze.")
    assert "1 Eintrag, 1.500 Kennzahlen, 2 Interessenten, 1 Bearbeitung" in said
    assert "vorher gesichert" in said and "records" not in said


def test_the_join_plan_stays_english_for_logs() -> None:
    english = str(describe_plan(PLAN))
    assert english.startswith("The team holds 12,000 records.")
    assert "1 entity, 1,500 key figures, 2 prospects, 1 edit." in english
    nothing = describe_plan(JoinPlan({}, edits=0, team_records=1))
    assert str(nothing).startswith("The team holds 1 record.") and ": nothing." in str(nothing)
    assert ": nichts." in nothing.said("de")


def test_a_wrong_server_address_is_said_in_german() -> None:
    with pytest.raises(ServerAddressError) as refused:
        ServerAddress.parse("host=db user=anna")
    assert "has no dbname" in str(refused.value)
    german = refused.value.said("de")
    assert german.startswith("Der Serveradresse fehlen Angaben (dbname): Schreiben Sie sie als")
    with pytest.raises(ServerAddressError) as port:
        ServerAddress.parse("host=db dbname=d user=u port=eighty")
    assert port.value.said("de").startswith("Der Port der Serveradresse muss eine Zahl")


def test_a_server_out_of_reach_is_named_and_said_in_german() -> None:
    address = ServerAddress.parse("host=db.example.org port=6543 dbname=dossier user=anna")
    refused = psycopg.OperationalError(
        'connection to server at "db.example.org" (10.0.0.9), port 6543 failed: Connection refused'
    )
    error = team_error(address.url(), refused)
    assert isinstance(error, ServerUnreachableError)
    assert "anna on db.example.org:6543/dossier (Connection refused)" in str(error)
    german = error.said("de")  # the driver's reason stays as the driver wrote it
    assert german.startswith(
        "Der Server für anna auf db.example.org:6543/dossier ist nicht erreichbar "
        "(Connection refused)."
    )
    assert address.name == "anna on db.example.org:6543/dossier"
    assert address.named.said("de") == "anna auf db.example.org:6543/dossier"


def test_a_refused_change_package_and_a_file_outside_a_team_are_said_in_german(
    tmp_path: Path,
) -> None:
    package = tmp_path / "changes.ddchanges"
    package.write_text(json.dumps({"format": "something else"}), "utf-8")
    with pytest.raises(ChangePackageError) as refused:
        read_package(package)
    assert str(refused.value).endswith("is not a Dossier Desk change package: nothing was applied.")
    assert refused.value.said("de") == (
        "changes.ddchanges ist kein Änderungspaket von Dossier Desk: Es wurde nichts übernommen."
    )
    assert "Treten Sie zuerst einem bei" in NotInTeamError(
        "This database does not belong to a team yet: join one first (Settings → Team, or "
        "'dossier-desk team join --dsn …')."
    ).said("de")


def test_the_command_line_says_a_wrong_address_in_german(
    german: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["team", "status", "--dsn", "host=db user=anna"], out=out) == 1
    error = capsys.readouterr().err
    assert error.startswith("dossier-desk: Fehler: Der Serveradresse fehlen Angaben (dbname)")
    assert "has no" not in error
