"""The window's translations are current, and the language is chosen as documented."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.app import language

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402


def test_every_window_text_is_extracted_and_translated_and_compiled() -> None:
    """A new text without its German, a German for a text that is gone, or a stale .qm."""
    assert translations.problems() == []


@pytest.mark.parametrize(
    ("chosen", "environ", "system", "expected"),
    [
        ("de", {"LANG": "en_GB.UTF-8"}, "en_GB", "de"),  # the consultant's choice wins
        (None, {"LANG": "de_DE.UTF-8"}, "en_GB", "de"),
        (None, {"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, "en_GB", "de"),  # gettext's list
        (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "de_DE", "en"),  # asked: French
        (None, {"LANG": "C.UTF-8"}, "de_AT", "de"),  # no language named: the system's
        (None, {}, "pt_BR", "en"),
    ],
)
def test_the_language_follows_the_choice_then_the_environment_then_the_system(
    chosen: str | None, environ: dict[str, str], system: str, expected: str
) -> None:
    assert language.resolve(chosen, environ, system) == expected


def test_the_saved_choice_is_read_without_qt(isolated_user_dirs: Path) -> None:
    settings = language.settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[ui]\nlanguage=de\n", encoding="utf-8")
    assert language.chosen_language() == "de"
    settings.write_text("[ui]\nlanguage=\n", encoding="utf-8")
    assert language.chosen_language() is None
