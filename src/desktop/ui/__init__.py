"""The window (Qt only, thin): widgets and item models over the application layer.

``base`` (executor, operations, messages, settings) ← ``widgets`` ← ``preferences`` ←
``browse``, ``briefs``, ``upkeep`` ← ``shell`` (application start, main window, menus). Every
database call is an operation from :mod:`desktop.app` run on the executor.
"""
