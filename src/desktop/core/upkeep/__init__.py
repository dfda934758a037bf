"""Keeping the knowledge base current: audited edits, verification, sources.

Every write validates the whole record, runs in one transaction and leaves one audit entry per
changed field, written by :mod:`~desktop.core.upkeep.audit`; deletes return what they removed,
which is what an undo writes back.

May import: ``desktop.core.kb``, ``desktop.core.storage``.
"""
