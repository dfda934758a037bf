"""The consultant's own settings: the contact card (asked for at first start), the
settings dialog and the data-care limits.

May import: ``desktop.ui.base``, ``desktop.ui.widgets``, ``desktop.app``.
"""
