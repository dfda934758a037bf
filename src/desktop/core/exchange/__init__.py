"""Data in and out: import CSV, XLSX and JSON; export in the same shape.

The import pipeline is read → convert → plan → apply:

* read: ``read`` (CSV, JSON, and which reader a file needs), ``xlsx`` and ``xlsx_parts``
  (workbooks, with bounded work) all produce the ``Table`` of ``rows``;
* convert: ``fields`` says what each record type holds and maps headers onto fields,
  ``convert`` turns one cell into a field value;
* plan: ``checks`` runs the dry run into the ``plan`` (what would be added, updated, rejected),
  comparing with the database as ``state`` reads it;
* apply: ``importer`` plans a whole file and writes the plan in one transaction, through the
  writers of ``write`` — the entry the application layer calls.

``exporter`` writes what ``read`` reads back. ``rows``, ``plan`` and ``state`` hold the shapes
and database look-ups the stages share and import no other module of the package, so the
stages depend on them one way.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.upkeep``.
"""
