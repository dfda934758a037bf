"""Running a team: its server's address, where passwords are kept, and the administrator's
work — setting the team up on an empty server database, adding and removing members, and
seeing the team's state.

- :mod:`~desktop.core.team.dsn`: what a person types as the server, as one value whose text
  never shows a password;
- :mod:`~desktop.core.team.secrets`: a password in the system's keyring, when there is one;
- :mod:`~desktop.core.team.admin`: ``init_team``, ``add_member``, ``remove_member``;
- :mod:`~desktop.core.team.status`: ``team_status``;
- :mod:`~desktop.core.team.problems`: driver errors turned into one sentence a person can act
  on (wrong password, no server, no database, not the administrator).

What is engine-specific (reading an address, roles and rights, what an error means) lives in
the server's storage package; this one decides what to do and what to say. Laptops' syncing is
:mod:`desktop.core.sync`'s. May import: ``desktop.core.storage``, ``desktop.core.sync`` (loading
the team's first data), ``desktop.core.errors`` — never ``desktop.app`` or a user interface.
"""
