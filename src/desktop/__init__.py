"""Dossier Desk: the offline desk of the Leipzig life-sciences cluster's investor consultants."""

__version__ = "0.1.0"
APP_NAME = "Dossier Desk"
APP_ID = "dossier-desk"
