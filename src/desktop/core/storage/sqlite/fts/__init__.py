"""SQLite's full-text search: the FTS5 index of the entities and what is derived from it.

The index and its upkeep (``index``: the table, its source view, the triggers, bulk loads, the
checks), its names (``schema``), the SQL that queries it (``queries``), and the rank index that
gives a broad query its exact first page without scoring every match (``rank``: when to build,
refresh or catch up; ``rank_classes``: the classes as stored; ``prefixes``: the keys of short
prefixes, summing all their words; ``terms``: a query's phrases looked up in it; ``top``: the
page read from it). Reached through the SQLite backend only.
"""
