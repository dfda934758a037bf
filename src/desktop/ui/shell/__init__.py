"""The application around the tabs: start-up (single instance, first paint), the main
window, its menus and actions, saved window state and navigation history.

May import every other ``desktop.ui`` package; none imports it.
"""
