"""Reusable widgets and item models with no knowledge of a screen: flow layout, bar
chart, list and record table models, data-described forms, date and country fields.

May import: ``desktop.ui.base``, ``desktop.core.kb``.
"""
