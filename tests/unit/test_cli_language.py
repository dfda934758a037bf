"""The command line speaks the window's language: every sentence has its German, a German run
reads German, an English run stays English, and ``--json`` is the same in both."""

from __future__ import annotations

import ast
import io
import string
from collections.abc import Callable
from pathlib import Path

import pytest

import desktop.cli
from desktop.app import language
from desktop.cli.main import main
from desktop.core.language.catalogues import catalogue

CLI = Path(desktop.cli.__file__).parent
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WORDS = {"say": 1, "say_n": 2}  # the helpers of desktop.cli.words: how many sentences each takes


def said() -> tuple[dict[str, str], list[str]]:
    """Every English sentence the CLI passes to ``say``/``say_n`` (sentence → where), and the
    calls whose sentence is not a literal (only the helpers themselves may do that)."""
    sentences: dict[str, str] = {}
    computed = []
    for module in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            for argument in node.args[: WORDS.get(node.func.id, 0)]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    sentences.setdefault(argument.value, f"{module.name}:{node.lineno}")
                elif module.name != "words.py":
                    computed.append(f"{module.name}:{node.lineno}")
    return sentences, computed


def placeholders(text: str) -> list[str]:
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


Speak = Callable[[str], None]


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch) -> Speak:
    """Switch the CLI's language by the environment, as a consultant's shell would. A choice a
    window test left in ``language.use`` is set aside; monkeypatch puts it and the suite's
    ``LANGUAGE=en`` back afterwards, so the tests after these read English again."""
    monkeypatch.setattr(language, "_in_use", [])
    for name in language.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)

    def choose(code: str) -> None:
        monkeypatch.setenv("LANGUAGE", code)

    return choose


def test_every_sentence_has_its_german_with_the_same_placeholders() -> None:
    """A sentence without German, a German with other placeholders, or one for a gone sentence."""
    sentences, computed = said()
    german = catalogue("de").get("cli", {})
    assert computed == []  # a computed sentence would escape this check
    assert len(sentences) > 100
    assert {s: where for s, where in sentences.items() if s not in german} == {}
    assert [s for s in german if s not in sentences] == []
    assert {s: german[s] for s in sentences if placeholders(s) != placeholders(german[s])} == {}


def test_summary_help_and_errors_read_german(
    db_path: Path, speak: Speak, capsys: pytest.CaptureFixture[str]
) -> None:
    """LANGUAGE=de: the summary, the help and the error lines are German."""
    speak("de")
    code, out = run("--db", str(db_path), "summary")
    assert code == 0
    assert "Wissensbasis" in out and "82 Einträge, 23 Kennzahlen" in out
    assert "Forschungsinstitut" in out and "Branchen:" in out and "entities" not in out
    assert run("--help")[0] == 0
    help_text = capsys.readouterr().out
    assert "Einträge auflisten" in help_text and "Volltextsuche" in help_text
    assert "list entities" not in help_text
    assert run("--db", str(db_path), "search", "x", "--limit", "0")[0] == 2
    assert "muss mindestens 1 sein" in capsys.readouterr().err
    assert run("--db", str(db_path), "show", "no-such-thing")[0] == 1
    error = capsys.readouterr().err  # our frame in German, the core's message as it is
    assert error.startswith("dossier-desk: Fehler: ") and "no-such-thing" in error


def test_records_read_german_with_german_numbers_and_dates(db_path: Path, speak: Speak) -> None:
    """The detail and the figures: German labels, ``40.000``, ``26. November 2026``."""
    speak("de")
    code, out = run("--db", str(db_path), "show", "biocube-leipzig")
    assert code == 0
    assert "Art: Standort oder Einrichtung" in out and "Flächenangebot:" in out
    assert "S1-Labor: verfügbar" in out and "Geprüft: nie" in out
    assert "abgerufen am 26. November 2026" in out
    code, out = run("--db", str(db_path), "figures")
    assert code == 0 and "40.000 Studierende" in out and "23 Kennzahlen" in out


def test_the_english_run_stays_english(
    db_path: Path, speak: Speak, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a German run, an English one in the same process reads as before."""
    speak("de")
    assert "Einträge" in run("--db", str(db_path), "summary")[1]
    speak("en")
    code, out = run("--db", str(db_path), "summary")
    assert code == 0 and "82 entities, 23 key figures" in out and "Research institute" in out
    assert "Einträge" not in out
    out = run("--db", str(db_path), "figures")[1]
    assert "40,000 students" in out and "accessed 2026-11-26" in out
    assert run("--help")[0] == 0
    assert "list entities" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--json"],
        ["show", "biocube-leipzig", "--json"],
        ["search", "Zelltherapie", "--json"],
        ["figures", "--json"],
        ["sectors", "--json"],
        ["suggest", "--profile", str(EXAMPLES / "acme-cell-therapy.toml"), "--json"],
    ],
    ids=lambda command: command[0],
)
def test_json_is_the_same_in_every_language(
    db_path: Path, speak: Speak, command: list[str]
) -> None:
    """Machine output does not follow the language: byte for byte the same."""
    outputs = []
    for code in ("en", "de"):
        speak(code)
        status, out = run("--db", str(db_path), *command)
        assert status == 0
        outputs.append(out)
    assert outputs[0] == outputs[1] and outputs[0].lstrip().startswith(("[", "{"))
