"""The team's roles and rights on the server: who may connect, read, and append.

Every consultant logs in as a role of their own, a member of the group :data:`GROUP`, which
holds every right a consultant has:

- connect to the team's database and use its schema; read every table;
- append to ``team_change`` — only as themselves (row-level security: ``author`` must be the
  role that logs in) — and record their own visits in ``team_visit``;
- nothing else: no UPDATE, DELETE or TRUNCATE of the history, the merged records or the
  conflicts (the merge writes those through its ``SECURITY DEFINER`` triggers, as the owner),
  no new tables, no temporary tables, no changes to the schema.

The owner — the administrator who set the team up — bypasses row-level security as owners do.
Nobody else (``PUBLIC``) may even connect. Roles belong to the whole server, not one database:
a role made for one team could be granted another team's database on the same server.

A member's password reaches the server only as a SCRAM verifier computed here, so it appears
in no server log and no ``pg_stat_activity`` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

GROUP = "dossier_consultant"
# Marks the roles this program made, so a removed member can be let in again without ever
# touching a role of the same name that someone else made.
MEMBER_COMMENT = "Dossier Desk team member"
# Role names the server or this program already gives a meaning to ("pg_…" are the server's).
RESERVED = frozenset(
    {
        GROUP,
        "public",
        "none",
        "user",
        "current_user",
        "current_role",
        "session_user",
        "system_user",
        "postgres",
        "admin",
        "root",
    }
)


def is_reserved(name: str) -> bool:
    """Whether ``name`` may not be a member's role name."""
    return name in RESERVED or name.startswith("pg_")


def quote_name(name: str) -> str:
    """An SQL identifier, always quoted (a name could be a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _quote_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Administrator:
    """What the connected role may do on this server and database."""

    name: str
    superuser: bool
    creates_roles: bool
    owns_database: bool

    @property
    def can_set_up_team(self) -> bool:
        return self.superuser or (self.creates_roles and self.owns_database)


def administrator(connection: Connection) -> Administrator:
    row = connection.exec_driver_sql(
        "SELECT r.rolname, r.rolsuper, r.rolcreaterole,"
        " pg_has_role(r.oid, d.datdba, 'USAGE')"
        " FROM pg_roles r, pg_database d"
        " WHERE r.rolname = current_user AND d.datname = current_database()"
    ).one()
    return Administrator(str(row[0]), bool(row[1]), bool(row[2]), bool(row[3]))


def database_name(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT current_database()").scalar_one())


def role_exists(connection: Connection, name: str) -> bool:
    return bool(
        connection.exec_driver_sql(
            "SELECT count(*) FROM pg_roles WHERE rolname = %(name)s", {"name": name}
        ).scalar_one()
    )


def ensure_group(connection: Connection) -> bool:
    """Create the consultants' group unless it exists; True when it was created."""
    if role_exists(connection, GROUP):
        return False
    connection.exec_driver_sql(f"CREATE ROLE {quote_name(GROUP)} NOLOGIN")
    return True


def rights_statements(database: str) -> list[str]:
    """Everything :func:`install_rights` runs, in order; running them again changes nothing."""
    group, db = quote_name(GROUP), quote_name(database)
    own = "= current_user"
    return [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {db} TO {group}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA public FROM {group}",
        f"GRANT USAGE ON SCHEMA public TO {group}",
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
        # From nothing to exactly these rights, whatever an earlier version granted.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {group}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {group}",
        f"GRANT INSERT ON team_change TO {group}",
        f"GRANT INSERT, UPDATE ON team_visit TO {group}",
        # Tables a later migration adds are readable too (until init grants again).
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {group}",
        "ALTER TABLE team_change ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS team_change_read ON team_change",
        f"CREATE POLICY team_change_read ON team_change FOR SELECT TO {group} USING (true)",
        "DROP POLICY IF EXISTS team_change_own ON team_change",
        f"CREATE POLICY team_change_own ON team_change FOR INSERT TO {group}"
        f" WITH CHECK (author {own})",
        "ALTER TABLE team_visit ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS team_visit_read ON team_visit",
        f"CREATE POLICY team_visit_read ON team_visit FOR SELECT TO {group} USING (true)",
        "DROP POLICY IF EXISTS team_visit_own_insert ON team_visit",
        f"CREATE POLICY team_visit_own_insert ON team_visit FOR INSERT TO {group}"
        f" WITH CHECK (member {own})",
        "DROP POLICY IF EXISTS team_visit_own_update ON team_visit",
        f"CREATE POLICY team_visit_own_update ON team_visit FOR UPDATE TO {group}"
        f" USING (member {own}) WITH CHECK (member {own})",
    ]


def install_rights(connection: Connection) -> None:
    """Give the group exactly the rights the module docstring lists (see
    :func:`rights_statements`)."""
    for statement in rights_statements(database_name(connection)):
        connection.exec_driver_sql(statement)


def _verifier(connection: Connection, name: str, password: str) -> str:
    """The password as the server stores it (SCRAM, or whatever the server is set to use)."""
    driver_connection = connection.connection.dbapi_connection
    pgconn = driver_connection.pgconn  # type: ignore[union-attr]
    return bytes(pgconn.encrypt_password(password.encode(), name.encode(), None)).decode()


def create_member(connection: Connection, name: str, password: str) -> None:
    role = quote_name(name)
    verifier = _quote_text(_verifier(connection, name, password))
    connection.exec_driver_sql(
        f"CREATE ROLE {role} LOGIN PASSWORD {verifier} IN ROLE {quote_name(GROUP)}"
    )
    connection.exec_driver_sql(f"COMMENT ON ROLE {role} IS {_quote_text(MEMBER_COMMENT)}")


def made_as_member(connection: Connection, name: str) -> bool:
    """True for a role :func:`create_member` made (a member now, or one removed)."""
    comment = connection.exec_driver_sql(
        "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = %(name)s",
        {"name": name},
    ).scalar_one_or_none()
    return comment == MEMBER_COMMENT


def readmit_member(connection: Connection, name: str, password: str) -> None:
    """Let a removed member in again, with a new password."""
    role = quote_name(name)
    verifier = _quote_text(_verifier(connection, name, password))
    connection.exec_driver_sql(f"ALTER ROLE {role} LOGIN PASSWORD {verifier}")
    connection.exec_driver_sql(f"GRANT {quote_name(GROUP)} TO {role}")


def remove_member(connection: Connection, name: str) -> None:
    """No more rights, no more logins; the role stays, because the history names it."""
    role = quote_name(name)
    connection.exec_driver_sql(f"REVOKE {quote_name(GROUP)} FROM {role}")
    connection.exec_driver_sql(f"ALTER ROLE {role} NOLOGIN")


@dataclass(frozen=True)
class Role:
    name: str
    can_log_in: bool
    in_group: bool


def team_roles(connection: Connection) -> list[Role]:
    """The group's members and every role made as a member that has left it, by name."""
    rows = connection.exec_driver_sql(
        "SELECT r.rolname, r.rolcanlogin,"
        " EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
        "         WHERE m.member = r.oid AND g.rolname = %(group)s) AS in_group"
        " FROM pg_roles r"
        " WHERE EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
        "               WHERE m.member = r.oid AND g.rolname = %(group)s)"
        "    OR shobj_description(r.oid, 'pg_authid') = %(comment)s"
        " ORDER BY r.rolname",
        {"group": GROUP, "comment": MEMBER_COMMENT},
    ).all()
    return [Role(str(name), bool(login), bool(in_group)) for name, login, in_group in rows]


def is_member(connection: Connection, name: str) -> bool:
    return any(role.name == name and role.in_group for role in team_roles(connection))
