"""Cells that name codes: a tag, a term of a vocabulary, or a list of either.

A code may be written as exported (``medtech``) or as people write it: its label in any
language we hold, in any case (``Medizintechnik``), a tag as its label (``EN ISO 13485``), a list
separated by ; , | or new lines. Converting them is pure, and the same few cells repeat across a
bulk file, so each distinct text is converted once (:func:`_memo`). Separate from
:mod:`.cells`, which they build on, because only codes need a vocabulary and a cache.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.exchange.convert.cells import (
    IDENTIFIER,
    CellError,
    Converter,
    fold,
    key,
    text,
    type_name,
)
from desktop.core.kb import taxonomy
from desktop.core.language.messages import Message, message

_LIST_SPLIT = re.compile(r"[;,|\n]")


def _memo(convert: Converter) -> Converter:
    """Remember the result for each distinct text.

    Code cells repeat ("medtech; diagnostics", "company") thousands of times in a bulk file,
    and converting them is pure, so a 100,000-row import converts each combination once.
    """
    cache: dict[tuple[str, bool], Any] = {}

    def cached(value: Any, typed: bool) -> Any:
        if type(value) is not str:
            return convert(value, typed)
        try:
            result = cache[value, typed]
        except KeyError:
            try:
                result = convert(value, typed)
            except CellError as error:
                result = error
            if len(cache) > 20_000:
                cache.clear()
            cache[value, typed] = result
        if isinstance(result, CellError):
            raise CellError(result.problem)  # a fresh error: a raised one keeps its traceback
        return result

    return cached


def tag_code(value: Any, typed: bool) -> str | None:
    """A tag code, or its label written as people do: "GMP", "EN ISO 13485" → en-iso-13485."""
    if type(value) is str and IDENTIFIER.match(value):
        return value
    result = text(value, typed)
    if result is None:
        return None
    return key(re.sub(r"\s+", "-", result.casefold()), typed)


def from_vocabulary(
    terms: dict[str, taxonomy.Term] | dict[str, Any], what: Message | str
) -> Converter:
    """A code, or its label in any language we hold, in any case (``Medizintechnik`` →
    medtech); ``what`` names the vocabulary in the problem ("kind")."""
    lookup: dict[str, str] = {}
    for code, term in terms.items():
        lookup[fold(code)] = code
        labels = term.labels().values() if hasattr(term, "labels") else ()
        for label in (getattr(term, "en", None), *labels):
            if label:
                lookup.setdefault(fold(label), code)
    valid = ", ".join(sorted(terms))

    def convert(value: Any, typed: bool) -> str | None:
        if type(value) is str and value in terms:  # the common case: a code as exported
            return value
        result = text(value, typed)
        if result is None:
            return None
        if result in terms:
            return result
        code = lookup.get(fold(result))
        if code is None:
            raise CellError(
                message(
                    "unknown {what} {value!r}; expected one of: {valid}",
                    what=what,
                    value=result,
                    valid=valid,
                )
            )
        return code

    return _memo(convert)


def many(single: Converter, *, ordered: bool = False) -> Converter:
    """Several codes: a JSON list, or text separated by ; , | or new lines.

    A set (sectors, tags) comes back sorted, as the database lists it, so that the same codes
    in another order are no change; ``ordered`` lists (topics) keep the order given.
    """

    def convert(value: Any, typed: bool) -> tuple[str, ...] | None:
        if value is None:
            return None
        if isinstance(value, list):
            items = value
        elif isinstance(value, str):
            items = [part.strip() for part in _LIST_SPLIT.split(value)]
            if all(IDENTIFIER.match(item) and single(item, typed) == item for item in items):
                found = tuple(dict.fromkeys(items))  # codes as exported: done
                return (found if ordered else tuple(sorted(found))) or None
        else:
            raise CellError(message("must be a list of codes, not {type}", type=type_name(value)))
        codes: list[str] = []
        for item in items:
            if isinstance(item, str) and not item.strip():
                continue
            try:
                found = [single(item, typed)]
            except CellError:
                if not isinstance(item, str) or " " not in item.strip():
                    raise
                found = [single(word, typed) for word in item.split()]  # "medtech diagnostics"
            codes += [code for code in found if code and code not in codes]
        return (tuple(codes) if ordered else tuple(sorted(codes))) or None

    return _memo(convert)
