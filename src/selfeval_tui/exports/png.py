"""A chart as a PNG image (Pillow), for the Word document, which takes pictures and not inline SVG.

The same shapes as :mod:`.svg`, drawn at twice the size so the picture stays
sharp when printed. The font is Pillow's own built-in one, so the picture does
not depend on the fonts a machine has and the same chart gives the same bytes.
Pillow comes with WeasyPrint and installs from wheels everywhere.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from selfeval_tui.exports.charts import Chart, Line, Marker, Pattern, Rect, Shape
from selfeval_tui.exports.xml_text import xml_text

SCALE = 2
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}
_INK = (0, 0, 0, 140)


@cache
def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=round(size * SCALE))


@cache
def _tile(pattern: Pattern) -> Image.Image:
    """One 12x12 pixel repeat of a pattern, transparent where it is not drawn."""
    tile = Image.new("RGBA", (6 * SCALE, 6 * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    end = 6 * SCALE - 1
    if pattern in ("hatch", "cross"):
        draw.line([(0, end), (end, 0)], fill=_INK, width=SCALE)
    if pattern == "cross":
        draw.line([(0, 0), (end, end)], fill=_INK, width=1)
    if pattern == "dots":
        draw.ellipse([2 * SCALE, 2 * SCALE, 4 * SCALE, 4 * SCALE], fill=_INK)
    if pattern == "lines":
        draw.line([(0, 3 * SCALE), (end, 3 * SCALE)], fill=_INK, width=SCALE)
    return tile


def _box(x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
    return round(x * SCALE), round(y * SCALE), round((x + w) * SCALE), round((y + h) * SCALE)


def _dashes(draw: ImageDraw.ImageDraw, points: tuple[float, float, float, float], colour: str, width: int) -> None:
    """A dashed line (5 on, 3 off), which Pillow does not draw by itself."""
    x1, y1, x2, y2 = points
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
    step = 0.0
    while step < length:
        end = min(step + 5 * SCALE, length)
        draw.line(
            [(x1 + (x2 - x1) * step / length, y1 + (y2 - y1) * step / length),
             (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length)],
            fill=colour, width=width,
        )  # fmt: skip
        step += 8 * SCALE


def _draw(image: Image.Image, draw: ImageDraw.ImageDraw, shape: Shape) -> None:
    if isinstance(shape, Rect):
        box = _box(shape.x, shape.y, shape.w, shape.h)
        draw.rectangle(box, fill=shape.fill, outline=None if shape.dashed else shape.stroke, width=1)
        if shape.pattern != "none" and box[2] > box[0] and box[3] > box[1]:
            tile = _tile(shape.pattern)
            layer = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]))
            for tx in range(0, layer.width, tile.width):
                for ty in range(0, layer.height, tile.height):
                    layer.paste(tile, (tx, ty))
            image.alpha_composite(layer, (box[0], box[1]))
        if shape.dashed and shape.stroke:
            left, top, right, bottom = box
            for edge in ((left, top, right, top), (right, top, right, bottom), (left, bottom, right, bottom), (left, top, left, bottom)):
                _dashes(draw, edge, shape.stroke, 2 * SCALE)
    elif isinstance(shape, Line):
        ends = (shape.x1 * SCALE, shape.y1 * SCALE, shape.x2 * SCALE, shape.y2 * SCALE)
        width = max(round(shape.width * SCALE), 1)
        if shape.dashed:
            _dashes(draw, ends, shape.stroke, width)
        else:
            draw.line([ends[:2], ends[2:]], fill=shape.stroke, width=width)
    elif isinstance(shape, Marker):
        box = _box(shape.x - 4.5, shape.y - 4.5, 9, 9)
        if shape.shape == "circle":
            draw.ellipse(box, fill=shape.fill, outline="#111111", width=SCALE)
        else:
            draw.rectangle(box, fill=shape.fill, outline="#111111", width=SCALE)
    else:
        font = _font(shape.size)
        position = (shape.x * SCALE, shape.y * SCALE)
        text = xml_text(shape.text)
        draw.text(position, text, fill=shape.colour, font=font, anchor=_ANCHORS[shape.anchor])
        if shape.bold:
            draw.text((position[0] + 1, position[1]), text, fill=shape.colour, font=font, anchor=_ANCHORS[shape.anchor])


def png(chart: Chart) -> bytes:
    """The chart as PNG bytes, white behind it."""
    image = Image.new("RGBA", (chart.width * SCALE, chart.height * SCALE), "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in chart.shapes:
        _draw(image, draw, shape)
    out = io.BytesIO()
    # 64 colours hold the fills, the ink and the text's anti-aliasing: a third of the size of full colour.
    image.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()
