"""The knowledge base as data: the tables, the fixed vocabularies and how values read.

Models (SQLModel tables), the taxonomy (kinds, sectors, relation and space codes, the investor
vocabulary), value formatting and validation, the read services that return plain dataclasses
(catalogue), countries, and the seed: the reviewed TOML files read, cross-checked and loaded.

May import: ``desktop.core.errors``, ``desktop.core.language``, ``desktop.paths``, SQLModel.
Nothing engine-specific:
the seed is loaded into whatever session :mod:`desktop.core.storage` hands it.
"""
