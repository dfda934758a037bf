"""Search: from what a consultant types to ranked rows with highlighted excerpts.

Query tokenising and expansion (split and joined spellings, EN/DE synonyms), filters, the exact
ranking of a page (ranking.py), hits and their excerpts, facets. The full-text index itself is
the storage backend's; this package's SQL is portable.

May import: ``desktop.core.kb``, ``desktop.core.storage``.
"""
