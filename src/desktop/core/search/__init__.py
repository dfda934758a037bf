"""Search: from what a consultant types to ranked rows with highlighted excerpts.

Query tokenising and expansion (split and joined spellings, EN/DE synonyms), filters, facets and
excerpts. The full-text index itself is the storage backend's; this package's SQL is portable.

May import: ``desktop.core.kb``, ``desktop.core.storage``.
"""
