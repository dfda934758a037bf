"""A long session must not exhaust None's reference count (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    calls = sys.getrefcount(None) + 20_000  # more calls than None has references
    from desktop.ui.shell.app import ensure_application
    from PySide6.QtWidgets import QLabel
    app = ensure_application()
    label = QLabel()
    for number in range(calls):
        label.setText(str(number))
        app.processEvents()
    print("alive")
    """
)


def test_many_qt_calls_returning_nothing_do_not_kill_the_interpreter() -> None:
    """Without the guard this aborts with "none_dealloc" on Python 3.11 (exit -6)."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "alive"
