"""The Word document's pictures: drawn from cached glyphs onto a palette made from the chart's own colours.

The palette is worked out from the shapes rather than searched for in the
pixels, so a fill must come out exactly its colour, text in its colour with
anti-aliased edges, and a chart with more colours than a palette holds must
still make a picture (of at most 256 colours, as PNG's palette allows).
"""

from __future__ import annotations

import io

from PIL import Image

from selfeval_tui.exports.charts import LEVEL_FILL, Chart, Rect, Text
from selfeval_tui.exports.png import SCALE, png

RED = (0xC0, 0x39, 0x2B)


def picture(*shapes: Rect | Text, width: int = 200, height: int = 60) -> Image.Image:
    chart = Chart("c", "title", "desc", width, height, shapes, ("h",), (), 0)
    return Image.open(io.BytesIO(png(chart))).convert("RGB")


def test_every_fill_keeps_its_exact_colour() -> None:
    fills = list(LEVEL_FILL.values())
    image = picture(*(Rect(10 + 30 * i, 10, 20, 20, fill) for i, fill in enumerate(fills)))
    for i, fill in enumerate(fills):
        centre = ((10 + 30 * i + 10) * SCALE, 20 * SCALE)
        assert "#{:02x}{:02x}{:02x}".format(*image.getpixel(centre)) == fill


def test_text_is_drawn_in_its_colour_from_its_anchor_with_smooth_edges() -> None:
    image = picture(Text(100, 40, "Target", 12, "start", colour="#c0392b"))
    colours = {colour for _, colour in image.getcolors(256) or []}
    assert RED in colours, "solid strokes in the text's own colour"
    assert len(colours) > 3, "and edges between it and the white behind"
    xs = [x for x in range(image.width) for y in range(image.height) if image.getpixel((x, y)) == RED]
    assert min(xs) >= 100 * SCALE - 2, "anchored at its start, it runs to the right of x"


def test_a_chart_with_more_colours_than_a_palette_holds_still_draws() -> None:
    inks = [f"#{i:02x}{255 - i:02x}80" for i in range(0, 240, 8)]
    fills = [f"#{i:02x}40{255 - i:02x}" for i in range(0, 240, 24)]
    shapes = [Rect(5 * i, 0, 5, 60, fill) for i, fill in enumerate(fills)]
    shapes += [Text(5, 10 + i, "x", 9, colour=ink) for i, ink in enumerate(inks)]
    image = Image.open(io.BytesIO(png(Chart("c", "t", "d", 200, 60, tuple(shapes), ("h",), (), 0))))
    assert image.mode == "P"
    assert image.convert("RGB").getcolors(256) is not None
