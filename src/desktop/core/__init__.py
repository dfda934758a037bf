"""The domain, with no Qt: the knowledge base, its storage, search, briefs, upkeep, exchange.

Each sub-package owns one capability and says in its ``__init__`` what it may import; the
dependencies point one way (a test walks the import graph)::

    kb  ←  storage  ←  search
    kb  ←  briefs, upkeep  ←  exchange (also → storage)

Two small modules sit here because every package uses them: :mod:`~desktop.core.errors`
(errors whose text is the user's message) and :mod:`~desktop.core.atomic_files` (the one way a
file is written: aside, synced, then moved into place).
"""
