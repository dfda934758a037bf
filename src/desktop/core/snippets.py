"""Highlight markers in search snippets, and splitting a snippet at them.

Its own small module because the window imports it at start-up, before the database layer.
"""

from __future__ import annotations

import re

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
_MARKED = re.compile(f"({HIGHLIGHT_START}.*?{HIGHLIGHT_END})", re.DOTALL)


def highlight_segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into ``(text, is_match)`` pieces for bold or coloured display."""
    segments: list[tuple[str, bool]] = []
    for piece in _MARKED.split(snippet):
        if not piece:
            continue
        if piece.startswith(HIGHLIGHT_START) and piece.endswith(HIGHLIGHT_END):
            segments.append((piece[1:-1], True))
        else:
            segments.append((piece, False))
    return segments
