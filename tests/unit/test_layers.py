"""Dependencies point one way: core and dossier never import Qt; only storage names the engine."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

import desktop

PACKAGE = Path(desktop.__file__).parent


def imported_names(module: Path) -> list[str]:
    """Every module ``module`` imports, at any level (``from a import b`` gives ``a.b``)."""
    names = []
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


@pytest.mark.parametrize("layer", ["core", "dossier"])
def test_layer_has_no_qt_imports(layer: str) -> None:
    offenders = [
        f"{module.name}: {name}"
        for module in (PACKAGE / layer).rglob("*.py")
        for name in imported_names(module)
        if name.startswith(("PySide6", "desktop.ui"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("folder", "forbidden", "allowed"),
    [
        ("core/kb", ("desktop.core.storage", "desktop.core.search"), ()),
        ("core/storage", ("desktop.core.search",), ()),
        ("core/storage/sqlite", ("desktop.core.storage",), ("desktop.core.storage.sqlite",)),
    ],
    ids=["kb-below-storage", "storage-below-search", "sqlite-below-the-seam"],
)
def test_storage_dependencies_point_one_way(
    folder: str, forbidden: tuple[str, ...], allowed: tuple[str, ...]
) -> None:
    """kb ← storage ← search, and the SQLite package reaches nothing of storage above it."""
    offenders = [
        f"{module.relative_to(PACKAGE)}: {name}"
        for module in (PACKAGE / folder).rglob("*.py")
        for name in imported_names(module)
        if name.startswith(forbidden) and not name.startswith(allowed)
    ]
    assert offenders == []


# Engine-specific words: the engine, its full-text index, its settings statement.
ENGINE_WORDS = re.compile(r"sqlite|fts5|pragma", re.IGNORECASE)
# The one allowance: a database file name's suffix inside a string literal ("….sqlite3", also
# "*.sqlite3" in a file filter), not followed by an attribute (``sqlite3.connect``).
FILE_SUFFIX = re.compile(r"[\w*-]\.sqlite3(?!\.?\w)", re.IGNORECASE)
STRING_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def engine_words(source: str) -> list[tuple[int, str]]:
    """(line, text) of every engine-specific word in code, strings, comments and docstrings,
    after taking out the file-suffix allowance from string literals."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        if token.type in STRING_TOKENS:
            text = FILE_SUFFIX.sub("", text)
        for match in ENGINE_WORDS.finditer(text):
            line = token.start[0] + text.count("\n", 0, match.start())
            found.append((line, source.splitlines()[line - 1].strip()))
    return found


def test_engine_words_check_finds_code_comments_and_docstrings() -> None:
    source = (
        '"""Uses SQLite."""\n'
        "import sqlite3  # a comment\n"
        "X = 'PRAGMA foreign_keys'  # fts5\n"
        "NAME = 'dossier-desk.sqlite3'  # the allowance\n"
        "# dossier-desk.sqlite3 in a comment is no file-name literal\n"
        "E = 'x.sqlite3.connect'\n"
    )
    assert [line for line, _ in engine_words(source)] == [1, 2, 3, 3, 5, 6]


def test_no_engine_names_outside_storage() -> None:
    """Only ``desktop.core.storage`` names the database engine, its full-text index, its
    settings statements or its driver, so another backend can replace it in one place."""
    storage = PACKAGE / "core" / "storage"
    offenders = [
        f"{module.relative_to(PACKAGE.parent)}:{line}: {text}"
        for module in sorted(PACKAGE.rglob("*.py"))
        if storage not in module.parents
        for line, text in engine_words(module.read_text("utf-8"))
    ]
    assert offenders == [], "\n".join(offenders)
