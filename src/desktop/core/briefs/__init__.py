"""Investor briefs: prospects, their interest, suggestions, curated briefs, the sent register.

Prospects and their profile files, the matching rules and ranking, suggestions read from the
database, briefs with their sections and items, and the register of dossiers that went out.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.search``.
"""
