"""The page machinery: the document template with its cover and body pages, page
furniture, custom flowables, QR codes, the bounds that cut every value to what a page holds,
and render progress.

May import: ``desktop.dossier.content``, ``desktop.dossier.brand``, ``desktop.core.kb``.
"""
