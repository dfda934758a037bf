"""The dossier as a file, from the window: preview, the pre-export check, export with progress
and cancel, print preview, and the recent dossiers of the File menu.

Rendering runs on a worker thread of its own (:mod:`~desktop.ui.dossier.render_worker`), never
on the database executor, so searching goes on while a dossier is written.

May import: ``desktop.ui.base``, ``desktop.ui.preferences``, ``desktop.app``,
``desktop.dossier``.
"""
