"""The agency's logo mark and wordmark, drawn as vector paths in the theme's colours.

The mark is our own design: a cell (open ring) holding a leaf, with a small daughter cell
budding off the ring — life sciences, growth, a cluster. Drawing it in code keeps it sharp at
every size, recolours it with the theme and needs no image file.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from desktop.dossier.brand.markup import one_line


def draw_mark(canv: Canvas, x: float, y: float, size: float, *, ring: Color, leaf: Color) -> None:
    """Draw the mark in a ``size`` × ``size`` square whose lower-left corner is (x, y)."""
    canv.saveState()
    canv.translate(x + size / 2, y + size / 2)
    canv.scale(size / 2, size / 2)  # unit circle coordinates from here on

    # The membrane: an open ring, the gap at the upper right where the daughter cell buds.
    canv.setStrokeColor(ring)
    canv.setLineWidth(0.15)
    canv.setLineCap(1)
    path = canv.beginPath()
    radius = 0.86
    start, extent = 62, 326  # degrees, counter-clockwise, leaving a gap around 45°
    path.arc(-radius, -radius, radius, radius, startAng=start, extent=extent)
    canv.drawPath(path, stroke=1, fill=0)

    # The daughter cell in the gap.
    angle = math.radians(45)
    canv.setFillColor(leaf)
    canv.circle(math.cos(angle) * radius, math.sin(angle) * radius, 0.17, stroke=0, fill=1)

    # The leaf: two cubic curves along the rising diagonal, a midrib in the ring colour.
    canv.rotate(45)
    canv.translate(0.04, 0)
    length, width = 0.52, 0.33
    leaf_path = canv.beginPath()
    leaf_path.moveTo(-length, 0)
    leaf_path.curveTo(-length * 0.45, width, length * 0.45, width, length, 0)
    leaf_path.curveTo(length * 0.45, -width, -length * 0.45, -width, -length, 0)
    leaf_path.close()
    canv.setFillColor(leaf)
    canv.drawPath(leaf_path, stroke=0, fill=1)
    # Midrib running out of the leaf as a short stalk, so it reads as a leaf, not a needle.
    canv.setStrokeColor(ring)
    canv.setLineWidth(0.05)
    rib = canv.beginPath()
    rib.moveTo(-length * 1.12, -0.03)
    rib.curveTo(-length * 0.6, 0.0, 0.0, 0.02, length * 0.5, 0.0)
    canv.drawPath(rib, stroke=1, fill=0)
    canv.restoreState()


def draw_lockup(
    canv: Canvas,
    x: float,
    y: float,
    size: float,
    *,
    lines: tuple[str, str],
    fonts: tuple[str, str],
    ring: Color,
    leaf: Color,
    text: Color,
    subtext: Color,
) -> float:
    """Mark plus two-line wordmark; (x, y) is the mark's lower-left corner. Returns the width."""
    draw_mark(canv, x, y, size, ring=ring, leaf=leaf)
    bold, regular = fonts
    top_size = size * 0.36
    sub_size = size * 0.27
    text_x = x + size * 1.28
    canv.saveState()
    canv.setFillColor(text)
    canv.setFont(bold, top_size)
    first, second = one_line(lines[0]), one_line(lines[1])
    canv.drawString(text_x, y + size * 0.52, first)
    canv.setFillColor(subtext)
    canv.setFont(regular, sub_size)
    canv.drawString(text_x, y + size * 0.12, second)
    canv.restoreState()
    widest = max(
        canv.stringWidth(first, bold, top_size), canv.stringWidth(second, regular, sub_size)
    )
    return text_x - x + widest
