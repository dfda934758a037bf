"""The house stays readable: small modules, small packages, each package saying what it owns."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop

PACKAGE = Path(desktop.__file__).parent
MAX_MODULE_LINES = 400
MAX_PACKAGE_MODULES = 12


def _packages() -> list[Path]:
    return sorted(init.parent for init in PACKAGE.rglob("__init__.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_package_holds_more_than_12_modules() -> None:
    crowded = {
        str(folder.relative_to(PACKAGE.parent)): count
        for folder in _packages()
        if (count := len([p for p in folder.glob("*.py") if p.name != "__init__.py"]))
        > MAX_PACKAGE_MODULES
    }
    assert crowded == {}


def test_every_package_says_what_it_owns() -> None:
    silent = [
        str(folder.relative_to(PACKAGE.parent))
        for folder in _packages()
        if len(ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8"))) or "") < 40
    ]
    assert silent == []


def test_every_folder_of_code_is_a_package() -> None:
    loose = [
        str(folder.relative_to(PACKAGE.parent))
        for folder in {path.parent for path in PACKAGE.rglob("*.py")}
        if not (folder / "__init__.py").exists()
    ]
    assert loose == []
