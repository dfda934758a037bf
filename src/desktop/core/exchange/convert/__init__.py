"""The convert stage of an import: what each record type holds, and how a cell becomes a value.

``fields`` says what each importable record type consists of and maps a file's headers onto its
fields; each field names the converter that turns one cell into its value, or into a
:class:`~desktop.core.exchange.convert.cells.CellError` saying why not. The converters are split
by the kind of cell: ``cells`` (the converter contract and plain text, which all others build
on), ``codes`` (vocabulary terms, tags, lists of them) and ``values`` (numbers, years, dates,
yes/no).

Nothing here knows files, rows or the database: the readers and the dry run of
:mod:`desktop.core.exchange` use this package, and it imports none of their modules.
"""
