"""The Prospects tab and the brief editor: prospects, briefs, curation, preview, export,
print and recent dossiers.

May import: ``desktop.ui.base``, ``desktop.ui.widgets``, ``desktop.ui.preferences``,
``desktop.app``, ``desktop.core``, ``desktop.dossier``.
"""
