"""How a dossier looks: the theme file, fonts (with the emoji fallback), paragraph
styles, the logo, and the one way data text becomes safe ReportLab markup.

May import: ``desktop.paths``.
"""
