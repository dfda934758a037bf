"""What the services say reaches a German reader in German: every sentence an error, an import
problem or a finding is built from has its German with the same placeholders, none is an
f-string (its values would be baked into the English), and the window and the CLI say it in
their language while the log and ``--json`` keep the English."""

from __future__ import annotations

import ast
import importlib
import string
from pathlib import Path

import pytest

import desktop
from desktop.core import errors
from desktop.core.errors import DatabaseLockedError, DatabaseUnreadableError, NotFoundError
from desktop.core.language import catalogues
from desktop.core.language.messages import counted, message, said

PACKAGE = Path(desktop.__file__).parent
# The window has Qt Linguist; the seed's errors speak to whoever edits the seed files.
NOT_SCANNED = ("ui",)
ENGLISH_ONLY = {"SeedError"}
SENTENCES = {"message": 1, "counted": 2}  # desktop.core.language.messages: sentences each takes


def error_classes() -> set[str]:
    """Every error that carries a message: the subclasses of DossierError, wherever defined
    (every module outside the window is imported first, so none is missed)."""
    for module in sorted(PACKAGE.rglob("*.py")):
        parts = module.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[1] not in NOT_SCANNED and parts[-1] != "__main__":
            importlib.import_module(".".join(p for p in parts if p != "__init__"))
    found, todo = set(), [errors.DossierError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    return found - ENGLISH_ONLY


def sentences() -> tuple[dict[str, str], list[str]]:
    """Every English sentence given to ``message``/``counted`` or to an error's constructor
    (sentence → where), and the places that give a computed one (an f-string, a concatenation)."""
    classes = error_classes()
    takes = {**SENTENCES, **dict.fromkeys(classes, 1)}
    found: dict[str, str] = {}
    computed = []
    for module in sorted(PACKAGE.rglob("*.py")):
        relative = module.relative_to(PACKAGE)
        if relative.parts[0] in NOT_SCANNED or module.name == "messages.py":
            continue
        tree = ast.parse(module.read_text("utf-8"))
        # An error's own sentences, given to its base class's __init__ after the path.
        own = {
            id(call)
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef) and cls.name in classes
            for call in ast.walk(cls)
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "__init__"
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            arguments = node.args if id(node) in own else node.args[: takes.get(name, 0)]
            for argument in arguments:
                where = f"{relative}:{node.lineno}"
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.setdefault(argument.value, where)
                elif isinstance(argument, (ast.JoinedStr, ast.BinOp)):
                    computed.append(where)
    return found, computed


def placeholders(text: str) -> list[str]:
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def test_every_sentence_is_a_literal_with_its_german_and_the_same_placeholders() -> None:
    english, computed = sentences()
    german = catalogues.catalogue("de").get("message", {})
    assert computed == []  # an f-string's values are baked into the English: no lookup finds it
    assert len(english) > 300
    assert {s: where for s, where in english.items() if s not in german} == {}
    assert [s for s in german if s not in english] == []  # left over from a changed sentence
    assert {s: german[s] for s in english if placeholders(s) != placeholders(german[s])} == {}


def test_an_error_is_said_in_the_readers_language_and_logged_in_english(tmp_path: Path) -> None:
    error = DatabaseLockedError(tmp_path / "kb.db", "dossier-desk import")
    assert str(error).startswith(f"{tmp_path / 'kb.db'} is busy: dossier-desk import is writing")
    german = error.said("de")
    assert str(tmp_path / "kb.db") in german and "dossier-desk import" in german
    assert "is busy" not in german and german != str(error)


def test_a_reason_inside_an_error_is_said_in_the_same_language(tmp_path: Path) -> None:
    error = DatabaseUnreadableError(tmp_path, message("it is a folder"))
    assert "it is a folder" in str(error)
    assert "it is a folder" not in error.said("de")
    assert catalogues.catalogue("de")["message"]["it is a folder"] in error.said("de")


def test_values_are_filled_in_after_the_lookup_so_a_translation_may_move_them() -> None:
    catalogues.register("xx", {"message": {"no entity {slug}": "{slug}: kein Ding"}})
    try:
        error = NotFoundError("no entity {slug}", slug="biocity")
        assert str(error) == "no entity biocity"
        assert error.said("xx") == "biocity: kein Ding"
        assert said(counted("{count} row", "{count} rows", 2), "xx") == "2 rows"  # falls back
    finally:
        catalogues.forget("xx")


def test_braces_in_a_value_are_not_read_as_placeholders(tmp_path: Path) -> None:
    odd = tmp_path / "{odd}"
    assert str(odd) in DatabaseUnreadableError(odd, "x").said("de")


@pytest.mark.parametrize("language", ["en", "de"])
def test_plain_text_passes_through(language: str) -> None:
    assert said("Leipzig", language) == "Leipzig"
