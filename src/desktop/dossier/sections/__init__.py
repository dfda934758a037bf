"""The parts of a dossier: the story in order, entity cards, tables, charts, the
contact page and the one-pager.

May import: ``desktop.dossier.content``, ``desktop.dossier.brand``, ``desktop.dossier.layout``.
"""
