"""File ▸ Export changes… and Import changes…: a laptop's changes carried by file.

For a laptop that cannot reach the server (a trade fair, a client's network): its changes go
into one checked file that a colleague or headquarters imports. Importing merges by the same
rule as a sync, so a package applied twice, or after its changes came by sync, changes nothing;
a damaged or foreign file is refused whole, with one sentence.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from desktop.ui.base import dialogs
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.team.sync_control import SYNCED, on_file

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.ui.team.sync_control import TeamSync

translate = QCoreApplication.translate  # lupdate finds translate("ChangeFiles", "…") calls


def file_filter() -> str:
    return translate("ChangeFiles", "Dossier Desk changes (*.ddchanges);;All files (*)")


def export_changes(sync: TeamSync, parent: QWidget) -> None:
    from desktop.app import team

    name = f"changes-{date.today():%Y-%m-%d}.ddchanges"
    target = dialogs.ask_save_path(parent, name, file_filter())
    if target is None:
        return

    @on_file
    def work(store: Store) -> int:
        return team.export_changes(store, target=target)

    title = translate("ChangeFiles", "Export changes")

    def done(count: int) -> None:
        dialogs.show_info(
            parent,
            title,
            translate(
                "ChangeFiles",
                "Wrote %Ln changes to {file}. Import them on another laptop (File ▸ Import "
                "changes…), or have headquarters apply them to the team's server.",
                "",
                count,
            ).format(file=target),
        )

    DatabaseOp(parent, work, title=title).success(done).run(sync.executor)


def import_changes(sync: TeamSync, parent: QWidget) -> None:
    from desktop.app import team

    title = translate("ChangeFiles", "Import changes")
    source = dialogs.ask_open_path(parent, title, file_filter())
    if source is None:
        return

    @on_file
    def work(store: Store) -> tuple[int, int, str]:
        return team.import_changes(store, source=source)

    def done(result: tuple[int, int, str]) -> None:
        applied, total, author = result
        sync.main_executor.data_changed.emit(SYNCED)  # the sync button refreshes too
        dialogs.show_info(
            parent,
            title,
            translate(
                "ChangeFiles",
                "%Ln changes by {author}: {applied} applied, the others were already here "
                "or older than what this laptop holds.",
                "",
                total,
            ).format(author=author, applied=QLocale().toString(applied)),
        )

    DatabaseOp(parent, work, title=title).success(done).run(sync.executor)
