"""Spare every module imported after PySide6 a full read of its source through ``inspect``.

PySide6 replaces ``__import__`` (for its optional ``from __feature__ import …`` switches) and,
after each module imported from then on, asks ``inspect.getsource(module)`` whether the source
mentions "PySide6", to note whether the module may use those switches. ``getsource`` finds the
file, decodes it line by line into ``linecache`` and keeps every line in memory: some 40 µs a
module, and the window imports about 150 modules between PySide6 and its first search (the
Qt-free layers, the panels, the database and search code), a few milliseconds of its start.

:func:`read_sources_cheaply` answers the same question from the file's bytes (the word is
ASCII, so the bytes hold it exactly when the decoded text does); anything that is not a plain
``.py`` file on disk is left to PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"  # PySide6's (shiboken's) embedded feature module
CHECK = "_mod_uses_pyside"  # module → bool: "the module's source mentions PySide6"


def read_sources_cheaply() -> bool:
    """Replace PySide6's per-import source check with :func:`mentions_pyside` (once); False
    when this PySide6 has no such check (another release: nothing to do)."""
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK, None)
    if feature is None or not callable(check):
        return False
    if getattr(check, "_reads_bytes", False):
        return True
    setattr(feature, CHECK, _cheap_check(check))
    return True


def _cheap_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(getattr(module, "__spec__", None), "origin", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, frozen, compiled, zipped: as PySide6 decides
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # what getsource's OSError means to PySide6 too

    mentions_pyside._reads_bytes = True  # type: ignore[attr-defined]
    mentions_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    return mentions_pyside
