"""Dependencies point one way: core and dossier never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import desktop

PACKAGE = Path(desktop.__file__).parent


@pytest.mark.parametrize("layer", ["core", "dossier"])
def test_layer_has_no_qt_imports(layer: str) -> None:
    offenders = []
    for module in (PACKAGE / layer).rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{module.name}: {name}"
                for name in names
                if name.startswith(("PySide6", "desktop.ui"))
            ]
    assert offenders == []


def test_sqlite_specific_sql_stays_in_its_module() -> None:
    """FTS5 and PRAGMA appear only in the two SQLite modules, so another backend can replace
    them."""
    for module in (PACKAGE / "core").rglob("*.py"):
        if "sqlite" in module.relative_to(PACKAGE).parts:
            continue
        source = module.read_text("utf-8")
        for marker in ("PRAGMA", "USING fts5", " MATCH ", "bm25(", "snippet("):
            assert marker not in source, f"{module.name}: {marker}"
