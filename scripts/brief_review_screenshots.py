"""Screenshots of the brief editor's review tabs — "Alternatives" and "Why not?" — for review
and the README, on a brief for a fictional cell-therapy prospect.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/brief_review_screenshots.py [OUT_DIR]

Runs on a fresh copy of the bundled knowledge base with settings in a temporary folder, so it
never touches the user's own data (as scripts/screenshots.py does).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMP = Path(tempfile.mkdtemp(prefix="dossier-review-shots-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(TEMP / variable.lower())

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from desktop.app import briefs  # noqa: E402
from desktop.app.store import open_store  # noqa: E402
from desktop.core.briefs.curation import ProspectInput  # noqa: E402
from desktop.core.storage.database import build_seeded_database  # noqa: E402
from desktop.ui.base.executor import DatabaseExecutor  # noqa: E402
from desktop.ui.briefs.brief_editor import BriefEditor  # noqa: E402
from desktop.ui.shell.app import ensure_application  # noqa: E402

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    code_name="Project Aurora",
    use_code_name=True,
    country="US",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing", "rd"),
    requirements=("gmp-manufacturing", "cleanroom", "cold-chain-logistics", "talent-graduates"),
    keywords=("CAR-T",),
    status="active",
)


def settle(until: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    """Run the event loop until ``until()`` holds (or the time is up), then a little longer,
    so layouts and repaints have happened."""
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: until() and loop.quit())
    poll.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    poll.stop()
    pause = QEventLoop()
    QTimer.singleShot(200, pause.quit)
    pause.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ["DOSSIER_DESK_COLOR_SCHEME"] = "light"
    ensure_application()
    path = TEMP / "knowledge.sqlite3"
    build_seeded_database(path)
    store = open_store(path)
    prospect_id = briefs.save_prospect(store, data=PROSPECT)
    brief_id = briefs.create_brief(store, prospect_id=prospect_id)
    store.close()

    executor = DatabaseExecutor(lambda: open_store(path))
    editor = BriefEditor(executor, brief_id)
    editor.resize(1400, 860)
    editor.show()
    settle(lambda: editor.current is not None and bool(editor.alternatives.groups))
    editor.middle.setCurrentWidget(editor.alternatives)
    settle(lambda: True)
    editor.grab().save(str(out / "brief-alternatives.png"))

    editor.why_not.focus_query(editor.middle)
    editor.why_not.query.setText("Novartis")
    settle(lambda: editor.why_not.shown_query == "Novartis")
    editor.grab().save(str(out / "brief-why-not.png"))
    editor.close()
    executor.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
