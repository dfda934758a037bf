"""The import graph has no cycles, between modules or between packages.

Every import counts — at module level, inside functions and under ``TYPE_CHECKING`` — because a
function-level import that closes a circle is still a circle a reader has to untangle. Packages
are compared by the folder a module sits in, so ``desktop.ui.briefs`` depending on
``desktop.ui.shell`` and back fails here even when no two modules import each other.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import desktop

PACKAGE = Path(desktop.__file__).parent


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("desktop", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str) -> set[str]:
    """The project modules ``name`` imports (``from pkg import module`` counts the module)."""
    known = modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(known[name].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in known:
                found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names} & known.keys()
    found.discard(name)
    return found


def package_of(name: str) -> str:
    """The node ``name`` counts for: its folder (``__main__``, the entry point, on its own)."""
    path = modules()[name]
    if path.name == "__main__.py":
        return name
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others() -> None:
    graph = {name: imports_of(name) for name in modules()}
    assert cycles(graph) == []


def test_packages_depend_one_way() -> None:
    graph: dict[str, set[str]] = {}
    for name in modules():
        package = package_of(name)
        targets = {package_of(target) for target in imports_of(name)}
        graph.setdefault(package, set()).update(targets - {package})
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
