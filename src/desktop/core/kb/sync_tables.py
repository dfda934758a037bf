"""The tables that carry a team's changes, in every file and on the team server alike.

One schema everywhere (the same migrations build a laptop file and the team database); each
side uses its part:

- a laptop: ``sync_clock`` (its replica id and hybrid logical clock; whether writes are being
  recorded), ``sync_outbox`` (its changes not yet on the server, at most one per record and
  field), ``sync_known`` (the version of each field it last received: the base a new change
  is made on), ``sync_state`` (the team it belongs to, how far it has read) and a copy of
  ``team_conflict``;
- the server: ``team_change`` (the history: every change ever pushed, append-only),
  ``team_record`` (the merge of that history, one row per record: the winning value and
  version of each field), ``team_conflict`` (each value that lost to a concurrent one) and
  ``team_visit`` (each laptop's last sync).

Values travel as JSON text of the value a laptop file stores, so every replica writes back
exactly what another one read. A version ("clock") is text that sorts in time order:
``<hybrid logical clock, 16 hex digits>.<replica id>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class SyncClock(SQLModel, table=True):
    """One row: this file's replica id, its clock, and whether writes are recorded."""

    __tablename__ = "sync_clock"

    id: int = Field(default=1, primary_key=True)
    replica: str
    hlc: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    capture: bool = True


class SyncOutbox(SQLModel, table=True):
    """A change made here and not yet on the server; later edits of the same field fold in."""

    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("gid", "field", name="uq_sync_outbox_gid_field"),)

    id: int | None = Field(default=None, primary_key=True)
    table_name: str
    gid: str
    field: str  # "" for a whole record (op "create" or "delete")
    op: str  # "create", "set", "delete"
    old_value: str | None = None  # JSON
    new_value: str | None = None  # JSON; a create holds the whole record
    base: str | None = None  # version the change was made on (a delete: every field's)
    clock: str


class SyncKnown(SQLModel, table=True):
    """The versions of a record's fields as last received from the team."""

    __tablename__ = "sync_known"

    gid: str = Field(primary_key=True)
    table_name: str
    clocks: str = "{}"  # JSON: field → version


class SyncState(SQLModel, table=True):
    """Key/value facts about this file's team: server, member, how far it has read."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True)
    value: str


class TeamChange(SQLModel, table=True):
    """The team's history: one change as a laptop pushed it. Never updated, never deleted."""

    __tablename__ = "team_change"

    # One save's changes share a version; a replica never repeats one.
    clock: str = Field(primary_key=True)
    gid: str = Field(primary_key=True)
    field: str = Field(primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    replica: str
    author: str
    table_name: str
    op: str
    old_value: str | None = None
    new_value: str | None = None
    base: str | None = None
    received_at: datetime


class TeamRecord(SQLModel, table=True):
    """One record as the history merges it: each field's winning value, version and author."""

    __tablename__ = "team_record"

    gid: str = Field(primary_key=True)
    table_name: str
    fields: str = "{}"  # JSON: field → value
    versions: str = "{}"  # JSON: field → [version, base, author]
    deleted_seen: str | None = None  # JSON: field → version, what the deleters had seen
    deleted: bool = False
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class TeamConflict(SQLModel, table=True):
    """A value that lost to a concurrent change of the same field (or a delete that lost to
    an edit), kept so a consultant can take it back."""

    __tablename__ = "team_conflict"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    table_name: str
    gid: str = Field(index=True)
    field: str  # "" for delete against edit
    kept_value: str | None = None
    kept_version: str
    kept_author: str
    lost_value: str | None = None
    lost_version: str
    lost_author: str
    resolved_by: str | None = None
    resolved_at: datetime | None = None


class TeamVisit(SQLModel, table=True):
    """A laptop's last sync: who, when, how far it had read."""

    __tablename__ = "team_visit"

    replica: str = Field(primary_key=True)
    member: str
    last_sync_at: datetime
    pulled_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


@contextmanager
def changes_unrecorded(connection: Any) -> Iterator[None]:
    """Writes inside the block are not changes of this laptop: the seed being loaded, or the
    team's own changes being merged in. Same transaction, so no other writer slips through."""
    connection.execute(text("UPDATE sync_clock SET capture = :off WHERE id = 1"), {"off": False})
    try:
        yield
    finally:
        connection.execute(text("UPDATE sync_clock SET capture = :on WHERE id = 1"), {"on": True})


def add_clock_row(connection: Any, replica: str) -> None:
    """The one ``sync_clock`` row of a new file: a fresh replica id, recording on."""
    connection.execute(
        text("INSERT INTO sync_clock (id, replica, hlc, capture) VALUES (1, :replica, 0, :on)"),
        {"replica": replica, "on": True},
    )
