"""Data in and out: import CSV, XLSX and JSON; export in the same shape.

The import pipeline reads (``read``, ``xlsx``), converts fields (``fields``, ``convert``),
plans and checks (``plan``, ``checks``, ``state``) and applies in one transaction (``apply``,
``write``), with ``importer`` as its entry; ``exporter`` writes what ``read`` reads back.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.upkeep``.
"""
