"""The Name column's painting: the name, the excerpt beneath in the muted colour with the matched
words bold, cut with an ellipsis at the cell's edge, and rows as high as before."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from desktop.core.search.hits import SearchHit
from desktop.ui.browse.entity_model import EntityTableModel
from desktop.ui.browse.name_delegate import NameDelegate

ROW_HEIGHT = 40
BACKGROUND = QColor("#ffffff")
MUTED = QColor("#8d96a3")
TEXT, HIGHLIGHTED = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText


class RecordingPainter(QPainter):
    """A painter that remembers the texts drawn at a point (the excerpt's pieces; the name is
    drawn in a rectangle), and whether in bold."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[str, bool]] = []  # (text, bold)

    def drawText(self, *args: Any) -> None:
        if len(args) == 2:
            self.texts.append((args[1], self.font().bold()))
        super().drawText(*args)


@pytest.fixture
def table(qtbot: QtBot) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(EntityTableModel(view))
    return view


def show(table: QTableView, *snippets: str) -> list[Any]:
    """Rows named "Name 0", "Name 1"… with these excerpts; the Name column's indexes."""
    hits = [
        SearchHit(number, f"s{number}", f"Name {number}", None, "company", None, None, 0.0, text)
        for number, text in enumerate(snippets)
    ]
    model = table.model()
    assert isinstance(model, EntityTableModel)
    model.set_hits(hits, words=True)
    return [model.index(row, EntityTableModel.NAME) for row in range(len(hits))]


def paint(
    table: QTableView, index: Any, width: int, *, selected: bool = False, margin: int = 40
) -> tuple[QImage, list[tuple[str, bool]]]:
    """The cell painted at ``width`` into an image ``margin`` pixels wider; the texts drawn."""
    image = QImage(width + margin, ROW_HEIGHT, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.widget = table
    option.rect = QRect(0, 0, width, ROW_HEIGHT)
    option.palette.setColor(QPalette.ColorRole.Base, BACKGROUND)
    option.palette.setColor(QPalette.ColorRole.PlaceholderText, MUTED)
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    painter = RecordingPainter(image)
    painter.setFont(table.font())
    NameDelegate(table).paint(painter, option, index)
    painter.end()
    return image, painter.texts


def differing_columns(first: QImage, second: QImage, top: int = 0) -> list[int]:
    return [
        x
        for x in range(min(first.width(), second.width()))
        if any(first.pixel(x, y) != second.pixel(x, y) for y in range(top, first.height()))
    ]


def inked_columns(image: QImage, top: int = 0) -> list[int]:
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != BACKGROUND for y in range(top, image.height()))
    ]


def test_a_matched_word_is_drawn_bold_where_it_stands(table: QTableView) -> None:
    marked, plain = show(table, "stem cell \x02bank\x03 founded", "stem cell bank founded")
    with_match, texts = paint(table, marked, 400)
    without, _ = paint(table, plain, 400)
    assert ("bank", True) in texts and ("stem cell ", False) in texts
    metrics = QFontMetricsF(table.font())
    start = metrics.horizontalAdvance("stem cell ")
    changed = differing_columns(with_match, without, top=ROW_HEIGHT // 2)
    assert changed, "the bold word looks like the rest"
    left = NameDelegate.PADDING
    assert min(changed) >= left + start - 1  # the text before it is untouched
    bold = QFont(table.font())
    bold.setBold(True)
    assert min(changed) <= left + start + QFontMetricsF(bold).horizontalAdvance("bank")


def test_a_long_excerpt_ends_with_an_ellipsis_inside_the_cell(table: QTableView) -> None:
    long_text = "a description far longer than any cell, " * 4 + "\x02end\x03"
    (index,) = show(table, long_text)
    image, texts = paint(table, index, 200)
    excerpt = [text for text, _bold in texts]
    assert excerpt[-1].endswith("…")
    assert "".join(excerpt).startswith("a description")
    right = 200 - NameDelegate.PADDING
    assert max(inked_columns(image, top=ROW_HEIGHT // 2)) < right  # nothing past the cell

    _wide, texts = paint(table, index, 2000)
    assert not any(text.endswith("…") for text, _bold in texts)  # all of it fits


def test_an_excerpt_cut_between_its_pieces_still_ends_with_an_ellipsis(table: QTableView) -> None:
    lead = "words that end right at the edge"
    (index,) = show(table, f"{lead}\x02 more\x03")
    width = int(QFontMetricsF(table.font()).horizontalAdvance(lead)) + 2 * NameDelegate.PADDING + 1
    _image, texts = paint(table, index, width)
    assert texts[-1][0].endswith("…")  # the lead fits, but not with an ellipsis after it


def test_a_matched_word_at_the_edge_is_kept_whole_rather_than_cut(table: QTableView) -> None:
    metrics = QFontMetricsF(table.font())
    bold = QFont(table.font())
    bold.setBold(True)
    lead = "some words before "
    room = metrics.horizontalAdvance(lead) + QFontMetricsF(bold).horizontalAdvance("match") + 2
    width = int(room) + 2 * NameDelegate.PADDING + 1
    (index,) = show(table, f"{lead}\x02match\x03 and more words after it")
    _image, texts = paint(table, index, width)
    assert texts[-1] == ("match", True)


def test_the_excerpt_is_muted_and_takes_the_selection_colour(table: QTableView) -> None:
    (index,) = show(table, "\x02Plain\x03 words in the excerpt")
    palette = table.palette()
    unselected, _ = paint(table, index, 300)
    selected, _ = paint(table, index, 300, selected=True)
    excerpt_half = range(ROW_HEIGHT // 2, ROW_HEIGHT)

    def colours(image: QImage) -> set[str]:
        return {image.pixelColor(x, y).name() for x in range(300) for y in excerpt_half}

    text, highlighted = (palette.color(role).name() for role in (TEXT, HIGHLIGHTED))
    assert MUTED.name() in colours(unselected) and text not in colours(unselected)
    assert highlighted in colours(selected) and MUTED.name() not in colours(selected)


def test_rows_are_as_high_as_before(table: QTableView) -> None:
    with_excerpt, without = show(table, "an \x02excerpt\x03", "")
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    delegate = NameDelegate(table)
    line = option.fontMetrics.height()
    assert delegate.sizeHint(option, with_excerpt).height() == line * 2 + 8
    plain = QStyledItemDelegate().sizeHint(option, without)
    assert delegate.sizeHint(option, without) == plain


def test_a_row_without_an_excerpt_is_painted_as_any_cell(table: QTableView) -> None:
    (index,) = show(table, "")
    image, texts = paint(table, index, 300)
    assert texts == []  # Qt's own painting: the name alone, no excerpt drawn here
    assert inked_columns(image)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Name 0"
