"""Screenshots of the dialogs a consultant opens every day, in the window's language.

    LANGUAGE=de QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/dialog_screenshots.py [OUT]

Complements ``scripts/screenshots.py`` (main window, prospects, brief editor): the settings, the
first-start card, the prospect form, the entity form, the import, the journal and the list of
entities that need checking. Runs on a fresh copy of the bundled knowledge base with settings
in a temporary folder; German layouts are looked at for cut-off labels (German is ~30 % longer).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMP = Path(tempfile.mkdtemp(prefix="dossier-dialogs-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(TEMP / variable.lower())

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from desktop.ui.shell.app import ensure_application  # noqa: E402


def settle(milliseconds: int = 300) -> None:
    """Let queued work (a database job, a layout pass) finish before the picture."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def shoot(widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    settle()
    widget.grab().save(str(out / f"{name}.png"))
    widget.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/de")
    out.mkdir(parents=True, exist_ok=True)
    ensure_application()
    from desktop.app.store import open_store
    from desktop.core.storage.database import Database
    from desktop.core.upkeep.editing import entity_record
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.prospect_dialog import ProspectDialog
    from desktop.ui.preferences.first_start import ConsultantCardDialog
    from desktop.ui.preferences.settings_dialog import SettingsDialog
    from desktop.ui.upkeep.entity_dialog import EntityDialog
    from desktop.ui.upkeep.import_dialog import ImportDialog
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog

    path = TEMP / "knowledge.sqlite3"
    database = Database.open(path)
    with database.session() as session:
        record = entity_record(session, "biocube-leipzig")
    database.close()
    executor = DatabaseExecutor(lambda: open_store(path))
    shoot(SettingsDialog(None), out, "settings")
    shoot(ConsultantCardDialog(), out, "first-start")
    shoot(ProspectDialog(None), out, "prospect-form")
    shoot(EntityDialog(None, record, {}, {"lab-s1": "S1 laboratory"}), out, "entity-form")
    shoot(ImportDialog(executor, None), out, "import")
    shoot(AuditDialog(executor, None), out, "journal")
    shoot(NeedsCheckingDialog(executor, None), out, "needs-checking")
    executor.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
