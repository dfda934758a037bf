"""Browser-like Back/Forward over the entities the consultant has looked at."""

from __future__ import annotations


class NavigationHistory:
    """Visiting a new entry clears the forward list, as in a web browser."""

    def __init__(self, limit: int = 200) -> None:
        self._back: list[str] = []
        self._forward: list[str] = []
        self._current: str | None = None
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._current

    def visit(self, entry: str) -> None:
        if entry == self._current:
            return
        if self._current is not None:
            self._back.append(self._current)
            del self._back[: -self._limit]
        self._current = entry
        self._forward.clear()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> str | None:
        if not self._back:
            return None
        if self._current is not None:
            self._forward.append(self._current)
        self._current = self._back.pop()
        return self._current

    def forward(self) -> str | None:
        if not self._forward:
            return None
        if self._current is not None:
            self._back.append(self._current)
        self._current = self._forward.pop()
        return self._current
