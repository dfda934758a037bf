"""Brief → PDF (ReportLab), with no Qt.

``content`` decides what the dossier says (assembly, findings, wording per language);
``brand`` how it looks (theme, fonts, styles, logo, safe markup); ``layout`` the page machinery
(template, page furniture, flowables, bounds); ``sections`` the story, cards, tables, charts,
contact page and one-pager; :mod:`~desktop.dossier.render` puts them together and writes the
file. Dependencies: ``content ← brand ← layout ← sections ← render``.
"""
