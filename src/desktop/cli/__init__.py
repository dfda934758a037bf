"""The headless command line (``dossier-desk list|search|export|import|backup …``).

Parses arguments, calls the application layer (:mod:`desktop.app`) and prints text or JSON.
It never imports Qt, so it runs on a server or in a script with nothing but the database file.

May import: ``desktop.app``, ``desktop.core``, ``desktop.dossier``, ``desktop.paths``.
"""
