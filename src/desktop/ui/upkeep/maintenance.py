"""Backups and checks from the window: automatic backups, Back up now, Restore, Check.

A backup is taken shortly after start when the data changed since the last one, and every
30 minutes while it keeps changing. Restoring closes the database first (the file is replaced),
keeps the current file aside, then every view reloads: a restore announces
``Topic.EVERYTHING`` on the executor's ``data_changed``. The work and its rules (how many
backups to keep, when one is worth taking) are :mod:`desktop.app.maintenance`'s, as for the CLI,
imported by each action when it runs: the window's first screen does without them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.app.changes import DataChange, Topic
from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.base.formats import said, shown_time
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.settings import setting

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.core.storage.backup import BackupInfo, RestoreResult
    from desktop.core.storage.health import Report

T = TypeVar("T")
BACKUP_EVERY_MS = 30 * 60 * 1000
translate = QCoreApplication.translate


class Maintenance(QObject):
    # Transitional: the main window still reloads on this; the same moment is announced as
    # Topic.EVERYTHING on the executor's data_changed, which every other view listens to.
    replaced_by_hand = Signal()  # a restore chosen in the window: the undo history is void
    backed_up = Signal(str)  # path, or "" when nothing had changed

    def __init__(self, executor: DatabaseExecutor, db_path: Path, window: QWidget) -> None:
        super().__init__(window)
        self.executor, self.db_path, self.window = executor, db_path, window
        # Checks and backups read the whole file (seconds on a large database): they get a
        # worker of their own, so searching never waits behind them. The database lets them read
        # while the database executor works; only a restore goes through that executor.
        self.worker = DatabaseExecutor(lambda: None, self)
        self.backup_offered = False  # the newest good backup was offered for this damage
        self.timer = QTimer(self, interval=BACKUP_EVERY_MS)
        self.timer.timeout.connect(lambda: self.backup_if_changed("periodic"))
        executor.data_changed.connect(lambda _change: self.finish_search_index())

    def start(self) -> None:
        """A quick check of the file, then automatic backups: one now (when changed), then
        every 30 minutes. A damaged file gets the offer of the newest good backup instead."""
        path = self.db_path

        def check(_none: object) -> Report:
            from desktop.app.maintenance import quick_check

            return quick_check(path)

        self.worker.submit(check, self._after_quick_check)

    def _after_quick_check(self, report: Report) -> None:
        if report.ok:
            self.backup_if_changed("start")
            self.timer.start()
            self.finish_search_index()  # a bulk load may have left it for the next start
        elif not report.read_only:  # a read-only medium is reported by the opening itself
            offer_latest_backup(self, said(report))

    def finish_search_index(self) -> None:
        """Make, in the background, what an import or a sync left of the search index for
        later (see :func:`desktop.app.maintenance.finish_search_index`). It writes, so it goes
        through the main executor, behind whatever is queued; searching does not wait for it
        (the reading lane), nor do the results need it (they are exact without)."""

        def finish(store: Store) -> bool:
            from desktop.app.maintenance import finish_search_index

            return finish_search_index(store)

        self.executor.submit(finish)

    def backup_if_changed(self, reason: str) -> None:
        path, keep = self.db_path, setting("backup_count")

        def back_up(_none: object) -> BackupInfo | None:
            from desktop.app.maintenance import back_up_if_changed

            return back_up_if_changed(path, reason=reason, keep=keep)

        self.worker.submit(
            back_up,
            lambda info: self.backed_up.emit(str(info.path) if info else ""),
            lambda error: dialogs.show_error(
                self.window, self.tr("The automatic backup failed"), said(error)
            ),
        )

    def backup_now(self) -> None:
        path, keep = self.db_path, setting("backup_count")

        def back_up(_none: object) -> BackupInfo:
            from desktop.app import maintenance

            return maintenance.back_up(path, reason="manual", keep=keep)

        def made(info: BackupInfo) -> None:
            dialogs.show_info(
                self.window,
                self.tr("Backup"),
                self.tr("Backed up to {path}").format(path=info.path),
            )
            self.backed_up.emit(str(info.path))

        DatabaseOp(self, back_up).success(made).failure(
            lambda error: dialogs.show_error(self.window, self.tr("Backup failed"), said(error))
        ).run(self.worker)

    def check(self) -> None:
        path = self.db_path

        def check(_none: object) -> Report:
            from desktop.app import maintenance

            return maintenance.check(path)

        title = self.tr("Database check")
        DatabaseOp(self, check, title=title).success(
            lambda report: (dialogs.show_info if report.ok else dialogs.show_error)(
                self.window, title, said(report)
            )
        ).run(self.worker)

    def restore(self) -> None:
        path = self.db_path

        def backups(_none: object) -> list[BackupInfo]:
            from desktop.app.maintenance import list_backups

            return list_backups(path)

        DatabaseOp(self, backups, title=self.tr("Restore")).success(self._choose).run(self.worker)

    def _choose(self, backups: list[BackupInfo]) -> None:
        if not backups:
            dialogs.show_info(
                self.window,
                self.tr("Restore"),
                self.tr("There are no backups of this database yet."),
            )
            return
        chosen = choose_backup(self.window, backups)
        if chosen is None or not dialogs.confirm(
            self.window,
            self.tr("Restore backup"),
            self.tr(
                "Replace the current data with the backup of {when}? "
                "The current file is kept aside, not deleted."
            ).format(when=shown_time(chosen.taken_at)),
        ):
            return
        self.restore_with(
            _restoring(self.db_path, chosen.path),
            self._after_restore,
            lambda error: dialogs.show_error(self.window, self.tr("Restore failed"), said(error)),
        )

    def restore_with(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], object],
        on_failed: Callable[[BaseException], object],
    ) -> None:
        """Run ``work()`` (which replaces the file) on the database executor with the database
        closed, then ``on_done(result)``, then announce that everything changed; every restore
        goes here."""

        def done(result: T) -> None:
            on_done(result)
            self.executor.data_changed.emit(DataChange(frozenset({Topic.EVERYTHING}), origin=self))

        self.executor.submit_closed(work, done, on_failed)

    def _after_restore(self, result: RestoreResult) -> None:
        kept = (
            " "
            + self.tr("The data it replaced was kept as {name} in {folder}.").format(
                name=result.previous.name, folder=result.previous.parent
            )
            if result.previous
            else ""
        )
        self.replaced_by_hand.emit()
        dialogs.show_info(
            self.window,
            self.tr("Restored"),
            self.tr("Restored from the backup {name}.").format(name=result.source.name)
            + kept
            + " "
            + self.tr("Edits made before the restore can no longer be undone."),
        )


def offer_latest_backup(maintenance: Maintenance, problem: str) -> None:
    """The database could not be opened: offer the newest backup that passes its check.

    The start-up check and the first read may both find the damage; the offer is made once.
    """
    path = maintenance.db_path
    if maintenance.backup_offered:
        return
    maintenance.backup_offered = True

    def ask(info: BackupInfo | None) -> None:
        if info is None:
            return
        if dialogs.confirm(
            maintenance.window,
            translate("Maintenance", "Restore the latest good backup?"),
            problem
            + "\n\n"
            + translate(
                "Maintenance",
                "A backup from {when} passes its check. Restore it? "
                "The damaged file is kept aside.",
            ).format(when=shown_time(info.taken_at)),
        ):
            maintenance.backup_offered = False  # after the restore, new damage is offered again
            maintenance.restore_with(
                _restoring(path, info.path),
                maintenance._after_restore,
                lambda error: dialogs.show_error(
                    maintenance.window, translate("Maintenance", "Restore failed"), said(error)
                ),
            )

    def latest() -> BackupInfo | None:
        from desktop.app.maintenance import latest_good_backup

        return latest_good_backup(path)

    maintenance.executor.submit_closed(latest, ask)


def _restoring(db_path: Path, source: Path) -> Callable[[], RestoreResult]:
    """The work of restoring ``source`` over the database, for :meth:`Maintenance.restore_with`."""

    def restore() -> RestoreResult:
        from desktop.app import maintenance

        return maintenance.restore(db_path, source=source)

    return restore


def choose_backup(parent: QWidget | None, backups: list[BackupInfo]) -> BackupInfo | None:
    """Pick one backup from a list (newest first); None when cancelled. Tests patch this."""
    from desktop.ui.upkeep.labels import backup_reason  # the upkeep windows' words, when asked

    labels = [
        f"{shown_time(info.taken_at)}  {backup_reason(info.reason)}  ({info.path.name})"
        for info in backups
    ]
    label, ok = QInputDialog.getItem(
        parent,
        translate("Maintenance", "Restore a backup"),
        translate("Maintenance", "Backup:"),
        labels,
        0,
        False,
    )
    return backups[labels.index(label)] if ok and label in labels else None


def shutdown(maintenance: Maintenance) -> None:
    """Let a running backup finish before the window goes (never leave a half-written copy)."""
    maintenance.timer.stop()
    maintenance.worker.shutdown()
