"""Reading a CSV file into an import table: its encoding, its delimiter, its rows.

What Excel and other programs call CSV varies: UTF-8 with or without a byte-order mark, UTF-16,
Windows-1252 from German Windows; a comma, a semicolon or a tab between values. The encoding is
detected from the bytes (:func:`detect_encoding`) unless the person chose one, the delimiter
from the first line (:func:`sniff_delimiter`); each is noted on the table so the preview says
how the file was read. Rows are streamed, and a row of the wrong width or a broken quote is
reported on its line. The formula guard (:func:`guard_formula`) lives here too: the CSV export
puts it on and this reader takes it off, so the two stay exact inverses.

Separate from :mod:`desktop.core.exchange.read`, which checks the file as a whole and calls
:func:`read_csv`, because finding a text file's dialect is a job of its own.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from desktop.core.exchange.convert.fields import RECORD_TYPES, TYPE_NAMES, fold
from desktop.core.exchange.rows import ImportFileError, Row, Table, header_names
from desktop.core.language.messages import Grouped, Message, message


def _type_from_name(stem: str) -> str | None:
    """The record type a CSV file's name says: by its ending (``2024-entities.csv``) or as a
    German name (``Kontakte.csv``); None when it names none."""
    folded = fold(stem)
    for name in sorted(RECORD_TYPES, key=len, reverse=True):
        if folded.endswith(name):
            return name
    return TYPE_NAMES.get(folded)


def detect_encoding(path: Path) -> tuple[str, Message]:
    """(encoding, why): a byte-order mark, else UTF-8 if every byte says so, else Latin-1.

    Excel on German Windows saves "CSV" as Windows-1252, which is Latin-1 plus € and quotes in
    0x80–0x9F; those bytes decide between the two.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", message("UTF-8 with a byte-order mark")
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16", message("UTF-16 with a byte-order mark (Excel 'Unicode text')")
    bad = _first_undecodable(path, "utf-8")
    if bad is None:
        return "utf-8", message("UTF-8")
    if bad == -1:
        return "utf-8", message("UTF-8, but the file ends inside a character: it may be truncated")
    data = path.read_bytes()
    line = data.count(b"\n", 0, bad) + 1
    byte = format(data[bad], "02x")
    if re.search(rb"[\x80-\x9f]", data):
        try:
            data.decode("cp1252")
            return "cp1252", message(
                "Windows-1252: the file is not UTF-8 (byte 0x{byte} on line {line})",
                byte=byte,
                line=line,
            )
        except UnicodeDecodeError:
            pass
    return "latin-1", message(
        "Latin-1: the file is not UTF-8 (byte 0x{byte} on line {line})", byte=byte, line=line
    )


def _first_undecodable(path: Path, encoding: str) -> int | None:
    """Offset of the first byte ``encoding`` rejects; -1 for a cut-off last character."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            pending = len(decoder.getstate()[0])  # bytes of a character split between chunks
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset - pending + error.start
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return -1
    return None


def read_csv(path: Path, encoding: str | None) -> Table:
    notes: list[str | Message] = []
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise ImportFileError(
                message("unknown encoding {encoding!r}; try utf-8 or latin-1", encoding=encoding)
            ) from None
        bad = _first_undecodable(path, encoding)
        if bad is not None and bad >= 0:
            line = path.read_bytes().count(b"\n", 0, bad) + 1
            raise ImportFileError(
                message(
                    "{file}, line {line}: not valid {encoding}; import it without an encoding "
                    "to have it detected, or choose another (utf-8, latin-1, cp1252)",
                    file=path.name,
                    line=line,
                    encoding=encoding,
                ),
            )
        notes.append(message("encoding {encoding} (as chosen)", encoding=encoding))
    else:
        encoding, why = detect_encoding(path)
        notes.append(message("encoding {encoding}: {why}", encoding=encoding, why=why))
    errors = "replace"  # only a cut-off final character can remain undecodable here
    with path.open(encoding=encoding, errors=errors, newline="") as handle:
        head = handle.read(65536)
    if not head.strip().lstrip("\ufeff").strip():
        raise ImportFileError(message("{file} holds no text (only blanks)", file=path.name))
    delimiter = sniff_delimiter(head)
    reader = csv.reader(head.splitlines(), delimiter=delimiter)
    header_row, headers = 0, []
    for header_row, record in enumerate(reader, start=1):  # noqa: B007 (used after the loop)
        if any(cell.strip() for cell in record):
            headers = record
            break
    headers = header_names([cell.strip().lstrip("\ufeff") for cell in headers], path)
    while headers and headers[-1].startswith("(column "):
        headers.pop()  # a trailing delimiter after the last header
    table = Table(
        path=path,
        format="csv",
        headers=headers,
        stream=lambda: _csv_rows(path, encoding, errors, delimiter, len(headers), header_row),
        record_type=_type_from_name(path.stem),
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
        notes=notes,
    )
    if len(headers) == 1:
        notes.append(
            message(
                "the header has a single column {header!r}: if the file uses another "
                "delimiter than , ; or tab, save it again as CSV",
                header=headers[0],
            )
        )
    return table


def sniff_delimiter(head: str) -> str:
    """The delimiter of the first line: the most frequent of , ; and tab outside quotes."""
    line = re.sub(r'"[^"]*"', "", head.lstrip("\ufeff").split("\n", 1)[0])
    counts = {delimiter: line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# A spreadsheet evaluates a cell that starts with one of these as a formula ("=HYPERLINK(…)",
# "+1+1", "@SUM(…)"), so the CSV export puts a single quote before such text and the CSV import
# takes it off again. Values that already start with quotes before such a character get one
# more, so the two are exact inverses and every text survives the round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_guarded(text: str) -> bool:
    stripped = text.lstrip("'")
    return stripped[:1] in FORMULA_STARTS and stripped != ""


def guard_formula(text: str) -> str:
    """``=1+1`` → ``'=1+1``: text a spreadsheet shows as typed instead of calculating it."""
    return "'" + text if _looks_guarded(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`."""
    if text.startswith("'") and _looks_guarded(text[1:]):
        return text[1:]
    return text


def _csv_rows(
    path: Path, encoding: str, errors: str, delimiter: str, width: int, header_row: int
) -> Iterator[Row]:
    with path.open(encoding=encoding, errors=errors, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        number = 0
        try:
            for number, record in enumerate(reader, start=1):
                if number <= header_row or not "".join(record).strip():
                    continue
                problems: list[tuple[int | None, str | Message]] = []
                if len(record) < width:
                    short = message(
                        "has {count} of {width} columns: the file may be truncated, "
                        "or a value holds an unquoted line break",
                        count=len(record),
                        width=width,
                    )
                    problems.append((len(record), short))
                elif len(record) > width and "".join(record[width:]).strip():
                    wide = message(
                        "has {count} values for {width} columns: check the delimiter "
                        "({delimiter}) and the quotes",
                        count=len(record),
                        width=width,
                        delimiter=message("tab") if delimiter == "\t" else delimiter,
                    )
                    problems.append((width, wide))
                values = [unguard_formula(cell) for cell in record[:width]]
                values += [""] * (width - len(values))
                yield Row(number, values, tuple(problems))
        except csv.Error as error:
            text = str(error)
            reason: str | Message = text
            if "unexpected end of data" in text:
                reason = message(
                    "a quoted value is never closed: the file is truncated or a quote is stray"
                )
            elif "field larger than field limit" in text:
                reason = message(
                    "a value is longer than {limit} characters "
                    "(a missing closing quote, or not a table)",
                    limit=Grouped(csv.field_size_limit()),
                )
            elif "NUL" in text:
                reason = message("contains NUL bytes: this is not a text file")
            elif "expected after" in text:
                reason = message(
                    'text follows a closing quote: a quote inside a value must be doubled (""), '
                    "or a quoted value is not closed"
                )
            unreadable = message(
                "cannot be read from line {line}: {reason}", line=reader.line_num, reason=reason
            )
            yield Row(number + 1, [], ((None, unreadable),), fatal=True)
