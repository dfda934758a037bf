"""The Entities and Key figures tabs: navigator, results table, detail pane, figures.

May import: ``desktop.ui.base``, ``desktop.ui.widgets``, ``desktop.app``, ``desktop.core``.
"""
