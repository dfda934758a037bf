"""Data ▸ Team…: join a team, or see the one this file belongs to.

Joining is two steps a consultant can follow: *Check* connects with the address and password
given and says what the team holds and what this laptop will upload (records only it has,
edits waiting), then *Join* backs the file up and brings the team's data in. Nothing made on
this laptop before joining is dropped. The password is kept in the system keyring when there
is one, never in the settings; the address shown never includes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.ui.base import dialogs, formats
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.team.sync_control import changes_waiting, local_time, on_file

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.app.team import JoinPlan, SyncReport, TeamState
    from desktop.core.team.dsn import ServerAddress
    from desktop.ui.team.sync_control import TeamSync

ADDRESS_HINT = "host=team.example.org dbname=dossier user=anna sslmode=verify-full"


class JoinDialog(QDialog):
    def __init__(self, sync: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.setObjectName("teamDialog")
        self.setWindowTitle(self.tr("Team"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        state = sync.state
        self.summary = QLabel(self)
        self.summary.setObjectName("teamSummary")
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.address = QLineEdit(self)
        self.address.setObjectName("teamAddress")
        self.address.setAccessibleName(self.tr("Team server address"))
        self.address.setPlaceholderText(ADDRESS_HINT)
        self.password = QLineEdit(self)
        self.password.setObjectName("teamPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Keep the password in the system keyring"), self)
        self.remember.setChecked(True)
        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("joinPlan")
        self.plan_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.check_button = QPushButton(self.tr("&Check"), self)
        self.check_button.setObjectName("checkTeamButton")
        self.join_button = QPushButton(self.tr("&Join"), self)
        self.join_button.setObjectName("joinTeamButton")
        self.join_button.setEnabled(False)
        self.sync_button = QPushButton(self.tr("&Sync now"), self)
        self.sync_button.setObjectName("syncNowButton")
        self.conflicts_button = QPushButton(self.tr("&Conflicts…"), self)
        self.conflicts_button.setObjectName("conflictsButton")
        self.conflicts_button.clicked.connect(self._conflicts)
        for button in (
            self.check_button,
            self.join_button,
            self.conflicts_button,
            self.sync_button,
        ):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.hide()  # after addButton, whose new parent would show it again
        self.check_button.clicked.connect(self.check)
        self.join_button.clicked.connect(self.join)
        self.sync_button.clicked.connect(self._sync_now)
        self.address.textChanged.connect(lambda _text: self.join_button.setEnabled(False))
        if state is not None and state.joined:
            self._show_joined(state)
        else:
            self.summary.setText(
                self.tr(
                    "This database is not part of a team. Enter the team server's address and "
                    "your password (from whoever runs the server), then Check and Join."
                )
            )
            form.addRow(self.tr("Server"), self.address)
            form.addRow(self.tr("Password"), self.password)
            form.addRow("", self.remember)
            form.addRow(self.plan_label)
            self.sync_button.hide()
        form.addRow(buttons)
        self.adjustSize()

    def _show_joined(self, state: TeamState) -> None:
        last = local_time(state.last_sync_at) if state.last_sync_at else self.tr("not yet")
        conflicts = state.open_conflicts
        settle = (
            self.tr("%Ln conflict to settle", "", conflicts)
            if conflicts == 1  # English has no plural rules without a translator: choose here
            else self.tr("%Ln conflicts to settle", "", conflicts)
        )
        self.summary.setText(
            self.tr(
                "This database belongs to the team at\n{team}\nas {member}.\n\n"
                "Last sync: {last} · {waiting} · {conflicts}."
            ).format(
                team=state.team,
                member=state.member,
                last=last,
                waiting=changes_waiting(state.waiting),
                conflicts=settle,
            )
        )
        for widget in (self.address, self.password, self.remember, self.plan_label):
            widget.hide()
        self.check_button.hide()
        self.join_button.hide()
        if conflicts:
            self.conflicts_button.show()

    # --- joining ---------------------------------------------------------------------------

    def _address(self) -> ServerAddress | None:
        from desktop.core.errors import ServerAddressError
        from desktop.core.team.dsn import ServerAddress

        try:
            return ServerAddress.parse(self.address.text().strip())
        except ServerAddressError as error:
            self._say(formats.said(error))
            return None

    def check(self) -> None:
        from desktop.app import team

        address = self._address()
        if address is None:
            return
        password = self.password.text() or None
        self._say(self.tr("Connecting…"))

        @on_file
        def work(store: Store) -> JoinPlan:
            return team.plan_join(store, address=address, password=password)

        def shown(plan: JoinPlan) -> None:
            self._say(formats.said(team.describe_plan(plan)))
            self.join_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            self._say(formats.said(error))

        DatabaseOp(self, work).success(shown).failure(failed).run(self.sync.executor)

    def join(self) -> None:
        from desktop.app import team

        address = self._address()
        if address is None:
            return
        password, remember = self.password.text() or None, self.remember.isChecked()
        self.join_button.setEnabled(False)

        @on_file
        def work(store: Store) -> SyncReport:
            return team.join_team(
                store, address=address, password=password, remember_password=remember
            )

        def joined(report: SyncReport) -> None:
            from desktop.ui.team.sync_control import SYNCED

            self.sync.main_executor.data_changed.emit(SYNCED)  # the sync button refreshes too
            locale = QLocale()
            dialogs.show_info(
                self,
                self.tr("Team"),
                self.tr("Joined. {received} records received, {sent} changes uploaded.").format(
                    received=locale.toString(report.received), sent=locale.toString(report.sent)
                ),
            )
            self.accept()

        DatabaseOp(self, work).with_progress(self.tr("Joining the team…")).success(joined).failure(
            lambda error: (self._say(formats.said(error)), self.join_button.setEnabled(True))
        ).run(self.sync.executor)

    def _say(self, text: str) -> None:
        """Show ``text`` under the form, growing the dialog so a long message is not cut off."""
        self.plan_label.setText(text)
        self.adjustSize()

    def _sync_now(self) -> None:
        self.sync.sync()
        self.accept()

    def _conflicts(self) -> None:
        self.accept()
        self.sync.conflicts_requested.emit()
