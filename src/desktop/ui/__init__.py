"""The window (Qt only, thin): widgets and item models over the application layer.

``base`` (executor, operations, messages, settings) ← ``widgets`` ← ``preferences`` ←
``dossier`` (preview, export, print) ← ``browse``, ``briefs``, ``upkeep`` ← ``shell``
(start-up, main window, menus). Every database call is a function from :mod:`desktop.app` run
on the executor; a change it makes is announced once on ``executor.data_changed``.
"""
