"""Highlight markers in search snippets, cutting a snippet around its match, and splitting it.

The index hands back the whole description with markers around the matched words;
:func:`excerpt` cuts the short piece shown under a result's name. It starts a few words before
the best match, so the bold word is visible even in a narrow results list, and starts and ends
between words ("CAR-T", "GDP/GMP" and "umbilical-cord" stay whole), with an ellipsis wherever
text was left out.

Its own small module because the window imports it at start-up, before the database layer.
"""

from __future__ import annotations

import re
import unicodedata

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
ELLIPSIS = "…"
EXCERPT_CHARS = 100  # longest excerpt, not counting the ellipses
LEAD_CHARS = 20  # the match starts at most this far in (two or three words of context)
MAX_MATCHES = 64  # matches weighed when choosing where to cut (bounds very long texts)
_MARKED = re.compile(f"({HIGHLIGHT_START}.*?{HIGHLIGHT_END})", re.DOTALL)
_SPACE = re.compile(r"\s+")
_TRAILING = " ,;:–—-(/"
_SENTENCE_END = ".!?"


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


def excerpt(marked: str, *, width: int = EXCERPT_CHARS, lead: int = LEAD_CHARS) -> str:
    """At most ``width`` characters of ``marked`` around its best match, cut between words.

    The best match is the one followed by the most *different* matched words within the
    excerpt (for "stem cell", the place where both occur), the first such one on a tie. Without
    a match (the words were found in the name or a tag) the excerpt is the text's opening.
    Runs of white space, line breaks included, become one space: the excerpt is one line.
    """
    text, spans = _plain(marked)
    if not text:
        return ""
    anchor = _best_match(text, spans, width - lead)
    start = _start(text, anchor[0], lead) if anchor else 0
    end = _end(text, start, width, anchor[1] if anchor else start)
    body = _marked_range(text, spans, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) and text[end - 1] not in _SENTENCE_END else ""
    return prefix + body + suffix


def _plain(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, white space collapsed, and the matches' (start, end)."""
    text = ""
    spans: list[tuple[int, int]] = []
    for piece, is_match in highlight_segments(marked):
        piece = _SPACE.sub(" ", piece)
        if not text:
            piece = piece.lstrip()
        if is_match and piece.strip():
            spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text.rstrip(), [(s, e) for s, e in spans if e <= len(text.rstrip())]


def _best_match(text: str, spans: list[tuple[int, int]], reach: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    best_count = 0
    considered = spans[:MAX_MATCHES]
    for i, (start, end) in enumerate(considered):
        words = {
            _fold(text[s:e]) for s, e in considered[i:] if s - start <= reach and e - start > 0
        }
        if len(words) > best_count:
            best, best_count = (start, end), len(words)
    return best


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _start(text: str, match_start: int, lead: int) -> int:
    """Where a word begins at most ``lead`` characters before the match (the match's own word
    when it is longer than that); 0 when the match is near the text's beginning."""
    if match_start <= lead:
        return 0
    own_word = text.rfind(" ", 0, match_start) + 1
    if own_word <= match_start - lead:
        return own_word
    space = text.find(" ", match_start - lead - 1, own_word)
    return space + 1 if space >= 0 else own_word


def _end(text: str, start: int, width: int, match_end: int) -> int:
    """Where the last whole word within ``width`` ends (never before the match's word ends)."""
    if len(text) - start <= width:
        return len(text)
    limit = start + width
    end = limit if text[limit] == " " else text.rfind(" ", start, limit)
    word_end = text.find(" ", match_end)
    word_end = len(text) if word_end < 0 else word_end
    end = max(end, word_end)
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _marked_range(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """``text[start:end]`` with the markers put back around the matches inside it."""
    pieces: list[str] = []
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces += [text[position:span_start], HIGHLIGHT_START, text[span_start:span_end]]
        pieces.append(HIGHLIGHT_END)
        position = span_end
    pieces.append(text[position:end])
    return "".join(pieces)
