"""Investor briefs: prospects, curated briefs, their review, the sent register.

Prospects and their profile files, briefs with their sections and items (filled from
:mod:`desktop.core.suggestions`), reviewing them (alternatives per requirement, "why not"), and
the register of dossiers that went out.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.search``,
``desktop.core.suggestions``.
"""
