"""Backups and checks from the window: automatic backups, Back up now, Restore, Check.

A backup is taken shortly after start when the data changed since the last one, and every
30 minutes while it keeps changing. Restoring closes the database first (the file is replaced),
keeps the current file aside, then reloads everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.ui.base import dialogs

if TYPE_CHECKING:
    from desktop.ui.base.executor import DatabaseExecutor

BACKUP_EVERY_MS = 30 * 60 * 1000


def _backup() -> Any:
    from desktop.core.storage import backup

    return backup


def retention() -> Any:
    from desktop.ui.base.settings import setting

    return _backup().Retention(last=setting("backup_count"))


class Maintenance(QObject):
    restored = Signal()  # the database file was replaced: reload every view
    replaced_by_hand = Signal()  # a restore chosen in the window: the undo history is void
    backed_up = Signal(str)  # path, or "" when nothing had changed

    def __init__(self, executor: DatabaseExecutor, db_path: Path, window: QWidget) -> None:
        super().__init__(window)
        self.executor, self.db_path, self.window = executor, db_path, window
        # Checks and backups read the whole file (seconds on a large database): they get a
        # worker of their own, so searching never waits behind them. SQLite lets them read
        # while the database executor works; only a restore goes through that executor.
        from desktop.ui.base.executor import DatabaseExecutor

        self.worker = DatabaseExecutor(lambda: None, self)
        self.backup_offered = False  # the newest good backup was offered for this damage
        self.timer = QTimer(self, interval=BACKUP_EVERY_MS)
        self.timer.timeout.connect(lambda: self.backup_if_changed("periodic"))

    def start(self) -> None:
        """A quick check of the file, then automatic backups: one now (when changed), then
        every 30 minutes. A damaged file gets the offer of the newest good backup instead."""
        from desktop.core.storage import health

        path = self.db_path
        self.worker.submit(lambda _none: health.quick_check(path), self._after_quick_check)

    def _after_quick_check(self, report: Any) -> None:
        if report.ok:
            self.backup_if_changed("start")
            self.timer.start()
        elif not report.read_only:  # a read-only medium is reported by the opening itself
            offer_latest_backup(self, report.text())

    def backup_if_changed(self, reason: str) -> None:
        path = self.db_path

        def run(_none: Any) -> Any:
            if not _touched_since_last_backup(path):
                return None  # the cheap answer first: neither file was written since
            return _backup().backup_if_changed(path, reason, retention=retention())

        self.worker.submit(
            run,
            lambda info: self.backed_up.emit(str(info.path) if info else ""),
            lambda error: dialogs.show_error(
                self.window, "The automatic backup failed", str(error)
            ),
        )

    def backup_now(self) -> None:
        path = self.db_path
        self.worker.submit(
            lambda _none: _backup().backup(path, reason="manual", retention=retention()),
            lambda info: (
                dialogs.show_info(self.window, "Backup", f"Backed up to {info.path}"),
                self.backed_up.emit(str(info.path)),
            ),
            lambda error: dialogs.show_error(self.window, "Backup failed", str(error)),
        )

    def check(self) -> None:
        from desktop.core.storage import health

        path = self.db_path
        self.worker.submit(
            lambda _none: health.check(path),
            lambda report: (dialogs.show_info if report.ok else dialogs.show_error)(
                self.window, "Database check", report.text()
            ),
        )

    def restore(self) -> None:
        path = self.db_path
        self.worker.submit(lambda _none: _backup().list_backups(path), self._choose)

    def _choose(self, backups: list[Any]) -> None:
        if not backups:
            dialogs.show_info(self.window, "Restore", "There are no backups of this database yet.")
            return
        chosen = choose_backup(self.window, backups)
        if chosen is None or not dialogs.confirm(
            self.window,
            "Restore backup",
            f"Replace the current data with the backup of {chosen.taken_at:%Y-%m-%d %H:%M}? "
            "The current file is kept aside, not deleted.",
        ):
            return
        path = self.db_path
        self.restore_with(
            lambda: _backup().restore(path, chosen.path),
            self._after_restore,
            lambda error: dialogs.show_error(self.window, "Restore failed", str(error)),
        )

    def restore_with(self, work: Any, on_done: Any, on_failed: Any) -> None:
        """Run ``work()`` (which replaces the file) on the database executor with the database
        closed, then ``on_done(result)`` and a reload of every view; every restore goes here."""

        def done(result: Any) -> None:
            on_done(result)
            self.restored.emit()

        self.executor.submit_closed(work, done, on_failed)

    def _after_restore(self, result: Any) -> None:
        kept = (
            f" The data it replaced was kept as {result.previous.name} in {result.previous.parent}."
            if result.previous
            else ""
        )
        self.replaced_by_hand.emit()
        dialogs.show_info(
            self.window,
            "Restored",
            f"Restored from the backup {result.source.name}.{kept} Edits made before the "
            "restore can no longer be undone.",
        )


def offer_latest_backup(maintenance: Maintenance, problem: str) -> None:
    """The database could not be opened: offer the newest backup that passes its check.

    The start-up check and the first read may both find the damage; the offer is made once.
    """
    path = maintenance.db_path
    if maintenance.backup_offered:
        return
    maintenance.backup_offered = True

    def latest(_store: Any = None) -> Any:
        return _backup().latest_good_backup(path)

    def ask(info: Any) -> None:
        if info is None:
            return
        if dialogs.confirm(
            maintenance.window,
            "Restore the latest good backup?",
            f"{problem}\n\nA backup from {info.taken_at:%Y-%m-%d %H:%M} passes its check. "
            "Restore it? The damaged file is kept aside.",
        ):
            maintenance.backup_offered = False  # after the restore, new damage is offered again
            maintenance.restore_with(
                lambda: _backup().restore(path, info.path),
                maintenance._after_restore,
                lambda error: dialogs.show_error(maintenance.window, "Restore failed", str(error)),
            )

    maintenance.executor.submit_closed(latest, ask)


def choose_backup(parent: QWidget | None, backups: list[Any]) -> Any:
    """Pick one backup from a list (newest first); None when cancelled. Tests patch this."""
    labels = [
        f"{info.taken_at:%Y-%m-%d %H:%M}  {info.reason or ''}  ({info.path.name})"
        for info in backups
    ]
    label, ok = QInputDialog.getItem(parent, "Restore a backup", "Backup:", labels, 0, False)
    return backups[labels.index(label)] if ok and label in labels else None


def _touched_since_last_backup(path: Path) -> bool:
    """Whether the database or its write-ahead log was written after the newest backup.

    Comparing content digests reads every row (seconds on a large database); most starts and
    most half-hours change nothing, and the files' modification times say so at once.
    """
    backups = _backup().list_backups(path)
    if not backups:
        return True
    newest = backups[0].path.stat().st_mtime
    written = [p.stat().st_mtime for p in (path, Path(f"{path}-wal")) if p.exists()]
    return max(written, default=newest + 1) > newest


def shutdown(maintenance: Maintenance) -> None:
    """Let a running backup finish before the window goes (never leave a half-written copy)."""
    maintenance.timer.stop()
    maintenance.worker.shutdown()
