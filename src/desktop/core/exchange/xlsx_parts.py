"""The parts of an XLSX file, read with bounded work: the zip, the workbook, strings, cells.

An XLSX is a zip of XML files, and a zip can unpack to a thousand times its size. So the zip's
directory is checked before anything is unpacked (the declared sizes, added up), and every
member is read through :class:`_Guarded`, which stops at the declared size and at the budget
whatever the directory says. XML is streamed with ``iterparse`` and every finished row is
dropped at once, so reading costs time in proportion to the file and memory in proportion to one
row (plus the shared strings, which the cells refer to by number).

openpyxl's helpers are used for what Excel defines (which number formats are dates, the 1900 and
1904 calendars); its read-only worksheet is not, because it pads every row to the width and
height the file *claims* (``<dimension ref="A1:XFD1048576"/>``), which turns a small sheet into
17 billion empty cells.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from desktop.core.exchange.rows import ImportFileError
from desktop.core.language.messages import Grouped, Message, message

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # what all members together may unpack to
MAX_CELLS = 500_000  # per sheet: ten times the largest knowledge base we expect
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # Excel's own limits; beyond them the file is damaged

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _F, _IS, _T, _R, _RPH = (_MAIN + tag for tag in ("c", "v", "f", "is", "t", "r", "rPh"))
_ROW, _MERGE = _MAIN + "row", _MAIN + "mergeCell"


class _Guarded:
    """A member's stream that refuses to yield more than ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int, describe: Message) -> None:
        self._stream, self._left, self._describe = stream, limit, describe

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(1 << 16 if size is None or size < 0 else size)
        self._left -= len(chunk)
        if self._left < 0:
            raise ImportFileError(self._describe)
        return chunk


@dataclass
class SheetInfo:
    title: str
    path: str
    visible: bool


@dataclass
class Workbook:
    """What the cells need from the rest of the file: sheets, shared strings, date styles."""

    archive: XlsxArchive
    sheets: list[SheetInfo]
    strings: list[str] = field(default_factory=list)
    date_styles: frozenset[int] = frozenset()
    epoch: Any = None


class XlsxArchive:
    """The zip, with the unpacked size checked from its directory before anything is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        members = self.zip.infolist()
        self.sizes = {info.filename: info.file_size for info in members}
        unpacked = sum(self.sizes.values())
        if unpacked > MAX_UNPACKED_BYTES:
            self.zip.close()
            raise ImportFileError(
                message(
                    "{file} unpacks to {size} MB, more than the {limit} MB an import reads: "
                    "split it into smaller files",
                    file=path.name,
                    size=Grouped(round(unpacked / 2**20)),
                    limit=Grouped(MAX_UNPACKED_BYTES // 2**20),
                ),
            )

    def close(self) -> None:
        self.zip.close()

    def __contains__(self, name: str) -> bool:
        return name in self.sizes

    def open(self, name: str) -> _Guarded:
        limit = min(self.sizes[name], MAX_UNPACKED_BYTES)
        return _Guarded(
            self.zip.open(name),
            limit,
            message(
                "{file} is damaged: {part} unpacks to more than the zip says; "
                "save it again in Excel or LibreOffice",
                file=self.path.name,
                part=name,
            ),
        )

    def xml(self, name: str) -> ElementTree.Element:
        """A small member (workbook, relationships, styles) parsed whole."""
        return ElementTree.parse(self.open(name)).getroot()  # type: ignore[arg-type]


def read_workbook(archive: XlsxArchive) -> Workbook:
    """Sheets in workbook order, with their XML paths; shared strings; date styles; calendar."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    book_path = _office_document(archive)
    root = archive.xml(book_path)
    targets = _relationships(archive, book_path)
    properties = root.find(_MAIN + "workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    sheets = []
    for sheet in root.iter(_MAIN + "sheet"):
        target = targets.get(sheet.get(_REL + "id", ""), ("", ""))[1]
        if target in archive:
            visible = sheet.get("state", "visible") == "visible"
            sheets.append(SheetInfo(sheet.get("name", ""), target, visible))
    by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in targets.values()}
    book = Workbook(archive, sheets, epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
    if by_type.get("sharedStrings") in archive:
        book.strings = _shared_strings(archive, by_type["sharedStrings"])
    if by_type.get("styles") in archive:
        book.date_styles = _date_styles(archive.xml(by_type["styles"]))
    return book


def _office_document(archive: XlsxArchive) -> str:
    if "_rels/.rels" in archive:
        for rel in archive.xml("_rels/.rels").iter(_PKG_REL + "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in archive:
                    return target
    if "xl/workbook.xml" in archive:
        return "xl/workbook.xml"
    raise ImportFileError(
        message("{file} has no workbook inside: it is not an Excel file", file=archive.path.name)
    )


def _relationships(archive: XlsxArchive, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, member name) for ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive:
        return {}
    found = {}
    for rel in archive.xml(rels).iter(_PKG_REL + "Relationship"):
        target = rel.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(member))
    return found


def _text(element: ElementTree.Element) -> str:
    """A string item's text: its plain part and its runs, not the phonetic guide (``rPh``)."""
    parts = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            parts += [t.text or "" for t in child.iter(_T)]
    return "".join(parts).replace("_x005F_", "_")


def _shared_strings(archive: XlsxArchive, name: str) -> list[str]:
    strings: list[str] = []
    for _event, element in ElementTree.iterparse(archive.open(name)):  # type: ignore[arg-type]
        if element.tag == _MAIN + "si":
            strings.append(_text(element))
            element.clear()
    return strings


def _date_styles(styles: ElementTree.Element) -> frozenset[int]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    formats = {int(k): v for k, v in BUILTIN_FORMATS.items()}
    for number_format in styles.iter(_MAIN + "numFmt"):
        try:
            formats[int(number_format.get("numFmtId", ""))] = number_format.get("formatCode", "")
        except ValueError:
            continue
    cell_xfs = styles.find(_MAIN + "cellXfs")
    dates = set()
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else ()):
        try:
            code = formats.get(int(xf.get("numFmtId", "0")), "")
        except ValueError:
            continue
        if code and is_date_format(code):
            dates.add(index)
    return frozenset(dates)


# --- cells ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Cell:
    """One cell as read: 0-based column, value, and its formula when it has one."""

    column: int
    value: Any
    formula: str | None = None
    error: bool = False


def iter_rows(
    book: Workbook, sheet: SheetInfo, merged: dict[str, tuple[int, int, int, int]] | None = None
) -> Iterator[tuple[int, list[Cell]]]:
    """(1-based row number, cells) for every ``<row>``, streamed; at most ``MAX_CELLS`` cells.

    Merged ranges come after the rows in the sheet's XML; pass ``merged`` to have them added
    (ref → first row, first column, last row, last column; columns 0-based) by the end.
    """
    name = book.archive.path.name
    cells_seen = 0
    row_number = 0
    column = -1
    cells: list[Cell] = []
    # Only end events: a cell is complete at its end, and is counted and converted there, so
    # even one enormous row is refused after MAX_CELLS cells, not after it has been read.
    for _event, element in ElementTree.iterparse(book.archive.open(sheet.path)):  # type: ignore[arg-type]
        tag = element.tag
        if tag == _C:
            column = _column(element.get("r"), column + 1, name, sheet.title)
            cells.append(_cell(book, element, column))
            cells_seen += 1
            if cells_seen > MAX_CELLS:
                raise ImportFileError(
                    message(
                        "{file} [{sheet}] has more than {limit} cells, more than an "
                        "import reads: split it into smaller files",
                        file=name,
                        sheet=sheet.title,
                        limit=Grouped(MAX_CELLS),
                    ),
                )
            element.clear()
        elif tag == _ROW:
            row_number = _number(element.get("r"), row_number + 1, MAX_ROW, name, sheet.title)
            element.clear()  # an emptied row stays in the tree: a few bytes, at most MAX_ROW
            yield row_number, cells
            cells, column = [], -1
        elif tag == _MERGE and merged is not None and element.get("ref"):
            _add_merged(merged, element.get("ref", ""))


def _add_merged(merged: dict[str, tuple[int, int, int, int]], ref: str) -> None:
    from openpyxl.utils.cell import range_boundaries

    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return
    if None not in (min_col, min_row, max_col, max_row):
        merged[ref] = (min_row, min_col - 1, max_row, max_col - 1)  # type: ignore[operator]


def _cell(book: Workbook, cell: ElementTree.Element, column: int) -> Cell:
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    kind = cell.get("t", "n")
    formula = cell.find(_F)
    text = cell.findtext(_V)
    value: Any = None
    error = False
    if kind == "inlineStr":
        inline = cell.find(_IS)
        value = _text(inline) if inline is not None else None
    elif text is None or (kind != "str" and not text.strip()):
        value = None
    elif kind == "s":
        try:
            value = book.strings[int(text)]
        except (ValueError, IndexError):
            value = None
    elif kind == "b":
        value = text.strip() in ("1", "true")
    elif kind == "e":
        value, error = text, True
    elif kind == "str":
        value = text
    elif kind == "d":
        try:
            value = from_ISO8601(text)
        except ValueError:
            value = text
    else:
        value = _cast_number(text)
        style = cell.get("s")
        dated = style is not None and style.isdigit() and int(style) in book.date_styles
        if dated and isinstance(value, int | float):
            with contextlib.suppress(OverflowError, ValueError):
                value = from_excel(value, book.epoch)
    formula_text = None
    if formula is not None:
        formula_text = "=" + (formula.text or "(shared formula)")
    return Cell(column, value, formula_text, error)


def _cast_number(text: str) -> Any:
    text = text.strip()
    try:
        if "." in text or "E" in text or "e" in text:
            return float(text)
        return int(text)
    except ValueError:
        return text


def _number(text: str | None, default: int, limit: int, name: str, title: str) -> int:
    if text is None:
        return default
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= limit:
        raise ImportFileError(
            message(
                "{file} [{sheet}] is damaged: row number {number!r} is outside Excel's "
                "1–{limit}; save it again in Excel or LibreOffice",
                file=name,
                sheet=title,
                number=text[:20],
                limit=Grouped(limit),
            ),
        )
    return number


def _column(reference: str | None, default: int, name: str, title: str) -> int:
    """0-based column of a cell reference such as ``BC12``."""
    if not reference:
        if default >= MAX_COLUMN:
            raise ImportFileError(
                message(
                    "{file} [{sheet}] is damaged: a row has more than Excel's {limit} "
                    "columns; save it again in Excel or LibreOffice",
                    file=name,
                    sheet=title,
                    limit=Grouped(MAX_COLUMN),
                ),
            )
        index = default
    else:
        letters = reference.rstrip("0123456789$").lstrip("$").upper()
        index = -1
        for letter in letters[:4]:
            if not "A" <= letter <= "Z":
                index = MAX_COLUMN
                break
            index = (index + 1) * 26 + ord(letter) - 65
        if len(letters) > 3 or not letters:
            index = MAX_COLUMN
    if not 0 <= index < MAX_COLUMN:
        raise ImportFileError(
            message(
                "{file} [{sheet}] is damaged: the cell reference {reference!r} is outside "
                "Excel's columns A–XFD; save it again in Excel or LibreOffice",
                file=name,
                sheet=title,
                reference=str(reference)[:20],
            ),
        )
    return index
