"""Where each key of a TOML document is assigned, by line number.

``tomllib`` reports values, not positions; profile errors must name the line a person has to
fix. This scanner walks the raw text, skipping strings of all four kinds, comments and
multi-line arrays, so text inside them is never taken for a key.
"""

from __future__ import annotations

import tomllib

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map every table and key path to the 1-based line where it is first written.

    ``[interest]`` then ``sectors = …`` gives ``("interest",)`` and ``("interest", "sectors")``;
    a dotted key ``interest.sectors = …`` at the top level gives the same paths. Strings
    (including multi-line ones), arrays spanning lines and comments are skipped, so text inside
    them is never mistaken for a key. Keys inside inline tables are not listed; their enclosing
    key is. Meant for text ``tomllib`` accepted, but never fails on anything else.
    """
    return KeyScanner(text).scan()


class KeyScanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.found: dict[tuple[str, ...], int] = {}
        self.headers: set[tuple[str, ...]] = set()
        self.assigned: set[tuple[str, ...]] = set()
        self.duplicates: list[tuple[tuple[str, ...], int]] = []  # keys assigned again
        self.unclosed: int | None = None  # line where a string that never ends begins

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def record(self, path: tuple[str, ...]) -> None:
        for end in range(1, len(path) + 1):
            self.found.setdefault(path[:end], self.line)

    def scan(self) -> dict[tuple[str, ...], int]:
        table: tuple[str, ...] = ()
        size = len(self.text)
        while self.pos < size:
            self.skip_blanks()
            char = self.peek()
            if char == "":
                break
            if char == "\n":
                self.pos += 1
                self.line += 1
            elif char == "#":
                self.skip_to_newline()
            elif char == "[":
                self.pos += 2 if self.peek(1) == "[" else 1
                table = self.read_key()
                self.record(table)
                if table not in self.headers:  # [a] after [a.b]: the header is where [a] is
                    self.headers.add(table)
                    self.found[table] = self.line
                self.skip_to_newline()
            else:
                start = self.pos
                key = self.read_key()
                self.skip_blanks()
                if key and self.peek() == "=":
                    if table + key in self.assigned:
                        self.duplicates.append((table + key, self.line))
                    self.assigned.add(table + key)
                    self.record(table + key)
                    self.pos += 1
                    self.skip_value()
                else:
                    if self.pos == start:
                        self.pos += 1
                    self.skip_to_newline()
        return self.found

    def skip_blanks(self) -> None:
        while self.peek() in (" ", "\t", "\r"):
            self.pos += 1

    def skip_to_newline(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def read_key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_blanks()
            char = self.peek()
            if char == '"' or char == "'":
                start = self.pos
                self.skip_string()
                raw = self.text[start + 1 : self.pos - 1] if self.pos - start >= 2 else ""
                parts.append(_decode_key(raw) if char == '"' else raw)
            elif char and char in _BARE_KEY:
                start = self.pos
                while self.peek() and self.peek() in _BARE_KEY:
                    self.pos += 1
                parts.append(self.text[start : self.pos])
            else:
                break
            self.skip_blanks()
            if self.peek() != ".":
                break
            self.pos += 1
        return tuple(parts)

    def skip_string(self) -> None:
        """Skip the string starting at ``pos`` (any of the four kinds), counting newlines."""
        quote = self.peek()
        start_line = self.line
        triple = self.text.startswith(quote * 3, self.pos)
        self.pos += 3 if triple else 1
        size = len(self.text)
        while self.pos < size:
            char = self.text[self.pos]
            if triple and self.text.startswith(quote * 3, self.pos):
                self.pos += 3
                extra = 0
                while extra < 2 and self.peek() == quote:  # """a""""  ends with a quote
                    self.pos += 1
                    extra += 1
                return
            if char == quote and not triple:
                self.pos += 1
                return
            if char == "\n":
                if not triple:
                    return  # unterminated: leave the newline to the caller
                self.line += 1
            elif char == "\\" and quote == '"':
                self.pos += 1
                if self.peek() == "\n":
                    self.line += 1
            self.pos += 1
        if self.unclosed is None:
            self.unclosed = start_line

    def skip_value(self) -> None:
        """Skip a value up to the end of its statement: arrays may span lines."""
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == '"' or char == "'":
                self.skip_string()
                continue
            if char == "#":
                self.skip_to_newline()
                continue
            if char == "\n":
                if depth <= 0:
                    return
                self.line += 1
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            self.pos += 1


def _decode_key(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        return tomllib.loads(f'k = "{raw}"')["k"]
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return raw
