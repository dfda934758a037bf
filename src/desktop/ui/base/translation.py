"""The window's language: Qt Linguist translations of our texts and of Qt's own dialogs.

Our texts go through ``self.tr()`` / ``QCoreApplication.translate``; their German is
``resources/translations/dossier_desk_de.ts``, compiled to ``.qm`` (``make translations``,
see ``scripts/translations.py``). Qt's standard buttons and dialogs ("Cancel", the file
dialog) come from Qt's own ``qtbase_de.qm``. The language is chosen once, at start
(:func:`desktop.app.language.ui_language`); Settings → Language takes effect on the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path

CATALOGUE = "dossier_desk"
# English is written the British way (day before month, 24-hour clock); any other language
# as its locale's own defaults (QLocale("de") is Germany's German).
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def catalogue_file(language: str) -> str:
    return str(resource_path("translations", f"{CATALOGUE}_{language}.qm"))


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load ``language``'s translations into ``app`` and make its locale the default (numbers,
    dates, sorting); returns the translators, which the application keeps alive."""
    QLocale.setDefault(ENGLISH if language == "en" else QLocale(language))
    loaded: list[QTranslator] = []
    if language == "en":
        return loaded
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own, ours = QTranslator(app), QTranslator(app)
    for translator, ok in (
        (qt_own, qt_own.load(f"qtbase_{language}", qt_folder)),
        (ours, ours.load(catalogue_file(language))),
    ):
        if ok:
            app.installTranslator(translator)
            loaded.append(translator)
    app.setProperty("dossierLanguage", language)
    return loaded


def remove_translations(app: QApplication, translators: list[QTranslator]) -> None:
    """Back to the source language (English), e.g. after a test that ran in German."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(ENGLISH)
    app.setProperty("dossierLanguage", "en")


def current_language() -> str:
    """The window's language ("en", "de"): for labels from the vocabularies
    (``term.label(current_language())``), which come with their translations."""
    app = QApplication.instance()
    value = app.property("dossierLanguage") if app is not None else None
    return str(value) if value else "en"
