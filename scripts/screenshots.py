"""Screenshots of the main window in typical states, for review and the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Runs on a fresh copy of the bundled knowledge base with settings in a temporary folder, so it
never touches the user's own data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMP = Path(tempfile.mkdtemp(prefix="dossier-shots-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(TEMP / variable.lower())

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from desktop.ui.preferences import first_start  # noqa: E402
from desktop.ui.shell.app import build_main_window, ensure_application  # noqa: E402

# the first start asks for the consultant's card in a modal dialog: not for screenshots
first_start.ask_once_at_start = lambda _parent: False  # type: ignore[assignment]


def wait_for(signal, timeout_ms: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    signal.connect(lambda *_: QTimer.singleShot(150, loop.quit))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def wait_until(ready, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Until ``ready()``: the tags and key figures come a moment after the first list."""
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not ready() and not deadline.hasExpired():
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def main() -> None:
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    out = Path(paths[0] if paths else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    dark = "--dark" in sys.argv
    os.environ["DOSSIER_DESK_COLOR_SCHEME"] = "dark" if dark else "light"
    app = ensure_application()
    suffix = "-dark" if dark else ""
    window = build_main_window(TEMP / "knowledge.sqlite3")
    window.resize(1400, 860)
    window.show()
    wait_for(window.results_shown)
    wait_until(lambda: window.database_ok)
    window.grab().save(str(out / f"browse{suffix}.png"))

    window.search_field.setText("cell therapy")
    wait_for(window.results_shown)
    window.table.setCurrentIndex(window.results.proxy.index(0, 0))
    wait_for(window.detail_shown)
    window.grab().save(str(out / f"search{suffix}.png"))

    window.search_field.setText("")
    wait_for(window.results_shown)
    window.show_entity("biocube-leipzig")
    wait_for(window.detail_shown)
    window.grab().save(str(out / f"site{suffix}.png"))

    window.show_entity("invest-region-leipzig")
    wait_for(window.detail_shown)
    window.grab().save(str(out / f"contact{suffix}.png"))

    window.search_field.setText("zebrafish aquaculture")
    wait_for(window.results_shown)
    window.grab().save(str(out / f"empty{suffix}.png"))

    window.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / f"figures{suffix}.png"))
    window.close()
    print(f"screenshots in {out}")


def briefs(out: Path) -> None:
    """The Prospects tab and a brief editor with its preview, for a fictional prospect."""
    from desktop.core.briefs.curation import ProspectInput
    from desktop.ui.briefs import prospect_dialog

    app = ensure_application()
    window = build_main_window(TEMP / "knowledge.sqlite3")
    window.resize(1400, 860)
    window.show()
    wait_for(window.results_shown)
    prospect = ProspectInput(
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
    prospect_dialog.edit_prospect = lambda _parent, _data=None: prospect  # type: ignore[assignment]
    window.tabs.setCurrentIndex(2)
    view = window.prospects
    view.edit_prospect(new=True)
    while view.model.rowCount() == 0 or not view.new_brief_button.isEnabled():
        app.processEvents()
    view.new_brief_button.click()
    wait_for(view.open_brief)
    editor = next(iter(window.desk.editors.values()))
    wait_for(editor.assembled)
    editor.preview()
    wait_for(editor.preview_ready, 30_000)
    window.grab().save(str(out / "prospects.png"))
    editor.grab().save(str(out / "brief-editor.png"))
    window.close()


if __name__ == "__main__":
    if "--briefs" in sys.argv:
        briefs(Path(next(a for a in sys.argv[1:] if not a.startswith("--"))))
    else:
        main()
