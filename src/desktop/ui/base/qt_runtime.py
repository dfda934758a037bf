"""Keep a long session alive on Python 3.11 despite a reference-counting defect in PySide6 6.12.

The PySide6 6.12 wheels (built once for every Python from 3.10, ``abi3``) return ``None`` from
every Qt method that returns nothing without taking a reference to it. From Python 3.12 on
``None`` is immortal and that is harmless; on 3.11 each such call lowers ``None``'s reference
count by one, and after a few thousand calls (``setText``, ``update``, ``processEvents`` …)
the interpreter aborts with "Fatal Python error: none_dealloc" — a window used for an hour
would die. PySide6 6.11 does not have the defect, but QtPdf for 6.11 is not published as the
small ``PySide6-Pdf`` wheel, so we cannot simply pin the older release.

What 3.12 did for every object of this kind, we do for ``None`` alone: give it a reference
count so large that no session can use it up (2**40 calls ≈ 35 years at 1,000 calls per
second). The count is one machine word at the start of the object in CPython, so this is one
write, done once before any Qt work; nothing else about ``None`` changes.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


def needs_guard() -> bool:
    """True on CPython before 3.12, where ``None`` is still reference counted."""
    # sys.implementation, not the platform module: that costs the first paint a millisecond
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def guard_none_refcount() -> None:
    """Raise ``None``'s reference count once by :data:`HEADROOM` (idempotent, CPython < 3.12)."""
    if not needs_guard() or sys.getrefcount(None) > HEADROOM // 2:
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the object's first field
    if abs(count.value - sys.getrefcount(None)) > 2:  # not the layout we know: leave it alone
        return
    count.value += HEADROOM
