"""A chart as a PNG image (Pillow), for the Word document, which takes pictures and not inline SVG.

The same shapes as :mod:`.svg`, drawn at twice the size so the picture stays
sharp when printed. The font is Pillow's own built-in one, so the picture does
not depend on the fonts a machine has and the same chart gives the same bytes.
Pillow comes with WeasyPrint and installs from wheels everywhere.

Drawing is most of a Word paper's time, so three things are done once rather
than per pixel or per string (docs/performance.md, "Word and PDF board papers"):
each character of each size is rasterised once and kept (a string is its
glyphs side by side, as Pillow's basic layout places them: hinted whole-pixel
advances, no kerning), the picture is drawn in RGB with no alpha channel, and
its colours are mapped onto a palette worked out from the chart's own shapes
(every fill and ink, and the anti-aliasing steps of each text colour over each
fill) instead of being searched for in the pixels.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont

from selfeval_tui.exports.charts import Chart, Line, Marker, Pattern, Rect, Shape, Text
from selfeval_tui.exports.xml_text import xml_text

SCALE = 2
RGB = tuple[int, int, int]
_INK = (0, 0, 0, 140)
_MARKER_OUTLINE = "#111111"
_WHITE: RGB = (255, 255, 255)
_STEPS_ON_WHITE = 16
"""Anti-aliasing steps kept for text on white: finer than the eye tells apart at this size."""
_STEPS_ON_FILL = 6
"""Fewer for the few labels drawn on a coloured bar, so every chart's palette stays within PNG's 256 colours."""


@cache
def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=round(size * SCALE))


@lru_cache(maxsize=4096)
def _glyph(char: str, size: float) -> tuple[Image.Image | None, int, int, int]:
    """One character rasterised once: its coverage mask (None when blank), where the mask sits from the pen on the baseline, and the advance.

    FreeType's outline rendering costs about as much per character as drawing
    whole strings did, and a paper's charts reuse a few dozen characters.
    Bounded, since a name can hold any character.
    """
    font = _font(size)
    advance = round(font.getlength(char))
    left, top, right, bottom = (round(edge) for edge in font.getbbox(char, anchor="ls"))
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, fill=255, font=font, anchor="ls")
    return mask, left, top, advance


def _text(image: Image.Image, shape: Text) -> None:
    """The string's glyphs laid side by side into one mask, which is painted in the text's colour."""
    text = xml_text(shape.text)
    glyphs = []
    pen = 0
    for char in text:
        mask, left, top, advance = _glyph(char, shape.size)
        if mask is not None:
            glyphs.append((mask, pen + left, top))
        pen += advance
    if not glyphs:
        return
    x0 = min(x for _, x, _ in glyphs)
    y0 = min(y for _, _, y in glyphs)
    x1 = max(x + mask.width for mask, x, _ in glyphs)
    y1 = max(y + mask.height for mask, _, y in glyphs)
    coverage = Image.new("L", (x1 - x0, y1 - y0), 0)
    for mask, x, y in glyphs:
        coverage.paste(255, (x - x0, y - y0), mask)  # where glyphs overlap, the coverages add up as ink on ink does
    shift = {"start": 0, "middle": pen / 2, "end": pen}[shape.anchor]
    origin = (round(shape.x * SCALE - shift) + x0, round(shape.y * SCALE) + y0)
    colour = ImageColor.getrgb(shape.colour)
    image.paste(colour, origin, coverage)
    if shape.bold:  # the string again one pixel to the right, as the SVG's bold face is heavier
        image.paste(colour, (origin[0] + 1, origin[1]), coverage)


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


@lru_cache(maxsize=64)
def _tiled(pattern: Pattern, width: int, height: int) -> Image.Image:
    """The pattern repeated over a rectangle of this size (a chart's bars come in a few sizes)."""
    tile = _tile(pattern)
    layer = Image.new("RGBA", (width, height))
    for tx in range(0, width, tile.width):
        for ty in range(0, height, tile.height):
            layer.paste(tile, (tx, ty))
    return layer


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
            layer = _tiled(shape.pattern, box[2] - box[0], box[3] - box[1])
            image.paste(layer, (box[0], box[1]), layer)
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
            draw.ellipse(box, fill=shape.fill, outline=_MARKER_OUTLINE, width=SCALE)
        else:
            draw.rectangle(box, fill=shape.fill, outline=_MARKER_OUTLINE, width=SCALE)
    else:
        _text(image, shape)


def _mix(ink: RGB, ground: RGB, share: float) -> RGB:
    """``ink`` covering ``share`` of a pixel of ``ground``."""
    r, g, b = (round(i * share + f * (1 - share)) for i, f in zip(ink, ground, strict=True))
    return r, g, b


def _palette(chart: Chart) -> Image.Image | None:
    """Every colour the chart can have: its fills and inks, patterns over fills, and text's edges over each fill; None past 256."""
    colours: dict[RGB, None] = {_WHITE: None}
    grounds: dict[RGB, None] = {_WHITE: None}
    inks: dict[RGB, None] = {}
    pattern_ink = _INK[:3]
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            fill = ImageColor.getrgb(shape.fill)[:3]
            grounds[fill] = colours[fill] = None
            if shape.stroke:
                colours[ImageColor.getrgb(shape.stroke)[:3]] = None
            if shape.pattern != "none":
                colours[_mix(pattern_ink, fill, _INK[3] / 255)] = None
        elif isinstance(shape, Line):
            colours[ImageColor.getrgb(shape.stroke)[:3]] = None
        elif isinstance(shape, Marker):
            colours[ImageColor.getrgb(shape.fill)[:3]] = None
            colours[ImageColor.getrgb(_MARKER_OUTLINE)[:3]] = None
        else:
            inks[ImageColor.getrgb(shape.colour)[:3]] = None
    colours.update(inks)
    for ink in inks:
        for ground in grounds:
            steps = _STEPS_ON_WHITE if ground == _WHITE else _STEPS_ON_FILL
            colours.update((_mix(ink, ground, k / steps), None) for k in range(1, steps))
    if len(colours) > 256:
        return None
    flat = [channel for colour in colours for channel in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + flat[:3] * (256 - len(colours)))
    return palette


def png(chart: Chart) -> bytes:
    """The chart as PNG bytes, white behind it, in at most 256 colours (a third of the size of full colour)."""
    image = Image.new("RGB", (chart.width * SCALE, chart.height * SCALE), _WHITE)
    draw = ImageDraw.Draw(image)
    for shape in chart.shapes:
        _draw(image, draw, shape)
    palette = _palette(chart)
    if palette is None:
        indexed = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    else:
        indexed = image.quantize(palette=palette, dither=Image.Dither.NONE)
    out = io.BytesIO()
    # zlib's fastest level: a quarter larger than its default and twice as fast; the Word package does not compress it again.
    indexed.save(out, format="PNG", compress_level=1)
    return out.getvalue()
