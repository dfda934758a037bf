"""Data in and out: import CSV, XLSX and JSON; export in the same shape.

The import pipeline is read → convert → plan → apply:

* read: ``read`` (the file as a whole, which reader it needs, and JSON), ``csv_reader`` (a CSV's
  encoding, delimiter and rows), ``xlsx`` and ``xlsx_parts`` (workbooks, with bounded work) all
  produce the ``Table`` of ``rows``;
* convert: the subpackage ``convert`` — its ``fields`` says what each record type holds and
  maps headers onto fields, its ``cells``, ``codes`` and ``values`` turn one cell into a field
  value; it imports nothing else of this package, so every stage may use it;
* plan: ``checks`` runs the dry run into the ``plan`` (what would be added, updated, rejected):
  the order and the checks across a table's rows; ``row_checks`` reads and decides one row,
  comparing it with the database as ``state`` reads it;
* apply: ``importer`` plans a whole file and writes the plan in one transaction, through the
  writers of ``write`` — the entry the application layer calls.

``exporter`` writes what ``read`` reads back. ``rows``, ``plan`` and ``state`` hold the shapes
and database look-ups the stages share and import no other module of the package, so the
stages depend on them one way.

Every sentence for a person (a file error, a row problem, a note) is a
:class:`~desktop.core.language.messages.Message`, said in the reader's language by the window
and the command line, and English in the log and ``--json``.

May import: ``desktop.core.kb``, ``desktop.core.storage``, ``desktop.core.upkeep``.
"""
