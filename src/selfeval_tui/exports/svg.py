"""A chart as inline SVG, written by hand: a title, a description, the shapes, and nothing typed as markup.

Every text (a title, a label, a mark's tooltip) goes through
:func:`~selfeval_tui.exports.xml_text.markup`, so a note or a name cannot close
an element, add an attribute or a script. Numbers are written with at most two
decimals, so the same data gives the same bytes. The patterns are defined once per
chart, with ids prefixed by the chart's key so that several charts on one page
do not share them.
"""

from __future__ import annotations

from selfeval_tui.exports.charts import Chart, Line, Marker, Rect, Shape
from selfeval_tui.exports.xml_text import markup

_PATTERNS = {
    "hatch": '<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#000" stroke-opacity="0.55" stroke-width="1.2"/>',
    "cross": '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#000" stroke-opacity="0.45" stroke-width="0.8"/>',
    "dots": '<circle cx="3" cy="3" r="1.1" fill="#000" fill-opacity="0.55"/>',
    "lines": '<path d="M0,3 L6,3" stroke="#000" stroke-opacity="0.45" stroke-width="1"/>',
}


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _title(words: str | None) -> str:
    return f"<title>{markup(words)}</title>" if words else ""


def _shape(shape: Shape, key: str) -> list[str]:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}"' if shape.stroke else ""
        dash = ' stroke-dasharray="4 2" stroke-width="1.6"' if shape.dashed else ""
        box = f'x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}"'
        mark = ' class="mark"' if shape.mark else ""
        out = [f'<rect{mark} {box} fill="{shape.fill}"{stroke}{dash}>{_title(shape.mark)}</rect>']
        if shape.pattern != "none":
            out.append(f'<rect {box} fill="url(#{key}-{shape.pattern})" stroke="none"/>')
        return out
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="5 3"' if shape.dashed else ""
        ends = f'x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}"'
        return [f'<line {ends} stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"{dash}/>']
    if isinstance(shape, Marker):
        mark = ' class="mark"' if shape.mark else ""
        style = f'fill="{shape.fill}" stroke="#111" stroke-width="1.5"'
        if shape.shape == "circle":
            return [f'<circle{mark} cx="{_n(shape.x)}" cy="{_n(shape.y)}" r="4.5" {style}>{_title(shape.mark)}</circle>']
        corner = f'x="{_n(shape.x - 4.5)}" y="{_n(shape.y - 4.5)}"'
        return [f'<rect{mark} {corner} width="9" height="9" {style}>{_title(shape.mark)}</rect>']
    weight = ' font-weight="bold"' if shape.bold else ""
    anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
    place = f'x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}"{anchor}{weight} fill="{shape.colour}"'
    return [f"<text {place}>{markup(shape.text)}</text>"]


def svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element for an HTML page: scalable, labelled by its title and description."""
    used = sorted({s.pattern for s in chart.shapes if isinstance(s, Rect) and s.pattern != "none"})
    defs = "".join(
        f'<pattern id="{chart.key}-{name}" width="6" height="6" patternUnits="userSpaceOnUse">{_PATTERNS[name]}</pattern>'
        for name in used
    )
    body = [line for shape in chart.shapes for line in _shape(shape, chart.key)]
    return "\n".join(
        [
            (
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
                f'width="{chart.width}" height="{chart.height}" role="img" '
                f'aria-labelledby="{chart.key}-title {chart.key}-desc" font-family="DejaVu Sans, Arial, sans-serif">'
            ),
            f'<title id="{chart.key}-title">{markup(chart.title)}</title>',
            f'<desc id="{chart.key}-desc">{markup(chart.desc)}</desc>',
            f"<defs>{defs}</defs>" if defs else "",
            f'<rect width="{chart.width}" height="{chart.height}" fill="#ffffff"/>',
            *body,
            "</svg>",
        ]
    )


def figure(chart: Chart) -> str:
    """The chart and, below it, the table of its data: HTML to put between the Markdown's blocks."""
    head = "".join(f"<th>{markup(cell)}</th>" for cell in chart.header)
    rows = "".join("<tr>" + "".join(f"<td>{markup(cell)}</td>" for cell in row) + "</tr>\n" for row in chart.rows)
    layout = "chart beside" if chart.beside else "chart"
    return (
        f'<figure class="{layout}" id="{chart.key}">\n{svg(chart)}\n'
        f'<table class="chart-data">\n<caption>The data in the picture</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</figure>\n"
    )
