"""The page machinery: the document template with its cover and body pages, page
furniture, custom flowables, QR codes, the bounds that cut every value to what a page holds,
render progress, the numbers filled in after the one layout pass (page totals, the contents'
page numbers) and the paragraph that breaks its lines once per width.

May import: ``desktop.dossier.content``, ``desktop.dossier.brand``, ``desktop.core.kb``.
"""
