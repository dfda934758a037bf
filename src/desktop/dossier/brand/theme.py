"""The dossier's brand and layout as data, read from ``resources/brand/theme.toml``.

Keeping colours, fonts, margins and brand wording out of the code lets the agency restyle the
dossier without a release of the renderer, and lets tests render with a variant theme.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from desktop.core.errors import DossierError
from desktop.core.language.messages import message
from desktop.paths import resource_path

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
COLOUR_NAMES = (
    "primary",
    "primary_dark",
    "primary_tint",
    "accent",
    "accent_tint",
    "text",
    "muted",
    "rule",
    "warning",
    "warning_tint",
    "paper",
)
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ThemeError(DossierError, ValueError):
    """The theme file is missing a field or has a bad value; the message names it (built with
    ``message(...)``, said in the reader's language; field names stay as in the file)."""


@dataclass(frozen=True)
class Colours:
    primary: str
    primary_dark: str
    primary_tint: str
    accent: str
    accent_tint: str
    text: str
    muted: str
    rule: str
    warning: str
    warning_tint: str
    paper: str


@dataclass(frozen=True)
class Fonts:
    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    body_size: float


@dataclass(frozen=True)
class Theme:
    brand_name: str
    wordmark: tuple[str, str]
    colours: Colours
    fonts: Fonts
    page_size: tuple[float, float]  # points
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    footer_text: MappingProxyType[str, str]  # language → "Prepared by …"
    confidentiality: MappingProxyType[str, str]  # language → confidentiality line

    def footer(self, language: str) -> str:
        return self.footer_text.get(language) or self.footer_text["en"]

    def confidentiality_line(self, language: str) -> str:
        return self.confidentiality.get(language) or self.confidentiality["en"]


def _get(table: dict[str, Any], dotted: str) -> Any:
    node: Any = table
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ThemeError(message("theme: missing field {field!r}", field=dotted))
        node = node[part]
    return node


def _text_table(raw: dict[str, Any], field: str) -> MappingProxyType[str, str]:
    texts = {lang: str(_get(raw, f"text.{lang}.{field}")) for lang in _get(raw, "text")}
    if "en" not in texts:
        raise ThemeError(message("theme: text.en.{field} is required as the fallback", field=field))
    return MappingProxyType(texts)


def theme_from_dict(raw: dict[str, Any]) -> Theme:
    """Validate a parsed theme table; every error names the offending field."""
    colours = {}
    for name in COLOUR_NAMES:
        value = str(_get(raw, f"colours.{name}"))
        if not _HEX.match(value):
            raise ThemeError(
                message(
                    "theme: colours.{name} must be #RRGGBB, got {value!r}", name=name, value=value
                )
            )
        colours[name] = value.upper()
    size_name = str(_get(raw, "page.size")).upper()
    if size_name not in PAGE_SIZES:
        raise ThemeError(
            message("theme: page.size must be one of {sizes}", sizes=", ".join(sorted(PAGE_SIZES)))
        )
    margins = tuple(
        float(_get(raw, f"page.margin_{side}_mm")) * mm
        for side in ("top", "right", "bottom", "left")
    )
    wordmark = _get(raw, "brand.wordmark")
    if not (isinstance(wordmark, list) and len(wordmark) == 2):
        raise ThemeError(message("theme: brand.wordmark must be a list of two lines"))
    return Theme(
        brand_name=str(_get(raw, "brand.name")),
        wordmark=(str(wordmark[0]), str(wordmark[1])),
        colours=Colours(**colours),
        fonts=Fonts(
            family=str(_get(raw, "fonts.family")),
            regular=str(_get(raw, "fonts.regular")),
            bold=str(_get(raw, "fonts.bold")),
            italic=str(_get(raw, "fonts.italic")),
            bold_italic=str(_get(raw, "fonts.bold_italic")),
            body_size=float(_get(raw, "fonts.body_size")),
        ),
        page_size=PAGE_SIZES[size_name],
        margins=margins,  # type: ignore[arg-type]
        footer_text=_text_table(raw, "footer"),
        confidentiality=_text_table(raw, "confidentiality"),
    )


def load_theme(path: Path | None = None) -> Theme:
    """Read the bundled theme (or ``path``); raises ``ThemeError`` naming a bad field."""
    path = path or resource_path("brand", "theme.toml")
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ThemeError(
            message("theme: cannot read {path}: {error}", path=path, error=error)
        ) from error
    return theme_from_dict(raw)
