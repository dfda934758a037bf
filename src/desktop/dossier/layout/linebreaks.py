"""A ReportLab Paragraph that breaks its lines once per width.

Platypus asks a paragraph for its size many times in one layout: a card measures its parts to
decide whether it fits, the frame measures each part again to place it, a table measures its
cells to size its rows and again to draw them. Every ``wrap`` breaks the lines anew, which is
most of the layout's time. This subclass keeps the result of each ``wrap`` per width (and style
and bullet) and restores it when asked again, so a paragraph is broken about once.

The result is the same object ReportLab would have rebuilt: breaking depends on the fragments,
the style, the bullet and the widths only, and a hit requires the very fragments the stored
break started from or produced (ReportLab swaps in its own word list after the first break).
The output is byte-identical with and without the cache (tested with ``CACHING`` off).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import paragraph
from reportlab.rl_config import _FUZZ

# Off: every wrap breaks the lines anew, as ReportLab does (the tests compare both).
CACHING = True

# What ``Paragraph.wrap`` (and the ``breakLines`` it calls) sets on the paragraph.
_STATE = (
    "width",
    "height",
    "_wrapWidths",
    "blPara",
    "frags",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class Paragraph(paragraph.Paragraph):
    """``reportlab.platypus.Paragraph`` with its line breaks remembered per width."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if not CACHING or availWidth < _FUZZ:  # too narrow: ReportLab refuses, sets nothing
            return super().wrap(availWidth, availHeight)
        key = (availWidth, self.style, self.bulletText, getattr(self, "autoLeading", None))
        cache: dict[tuple[Any, ...], tuple[Any, Any, dict[str, Any]]]
        cache = self.__dict__.setdefault("_line_breaks", {})
        stored = cache.get(key)
        if stored is not None:
            frags_in, frags_out, state = stored
            if self.frags is frags_in or self.frags is frags_out:
                self.__dict__.update(state)
                self._wrapWidths = list(state["_wrapWidths"])
                return self.width, self.height
        frags_in = self.frags
        size = super().wrap(availWidth, availHeight)
        state = {name: self.__dict__[name] for name in _STATE if name in self.__dict__}
        state["_wrapWidths"] = list(self._wrapWidths)
        cache[key] = (frags_in, self.frags, state)
        return size
