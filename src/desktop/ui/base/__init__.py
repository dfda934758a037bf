"""What every part of the window stands on: the database executor and the operation
helper, message boxes and file pickers, wording, settings, style and the Qt runtime guards.

May import: ``desktop.app``, ``desktop.core.errors``.
"""
