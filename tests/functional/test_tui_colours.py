"""Every rating word is readable: WCAG 4.5:1 on what is behind it, in both themes, with NO_COLOR, at 256 and 16 colours.

The colours are read from the rendered screen (the compositor's strips, after
Textual's NO_COLOR filter), never from a copy of the palette: the outline and
the overview grid, each with its cursor on every row in turn, and the level
names in the question's tag and the descriptors panel. At 256 and 16
colours each colour is reduced the way Rich reduces it for a ``TERM=xterm-256color``
or ``TERM=xterm`` terminal (the nearest of its palette), and measured as that
palette's colour. The
five ratings are told apart by their words; the colours must differ too, except
as NO_COLOR's greys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.cells import cell_len
from rich.color import Color, ColorSystem
from textual.widget import Widget
from tui_support import make_app, press, settle, until

from selfeval_tui.bank import Framework, Level
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.app import DARK, LIGHT, SelfEvalApp
from selfeval_tui.store import Evaluation, Status, Store

pytestmark = pytest.mark.slow

pytest_plugins = ("tui_support",)

WORDS = {"Not yet", "Developing", "Developed", "Established", "Enhancing"}
RATING = re.compile(r"(?<=\d\.\d )(Not yet|Developing|Developed|Established|Enhancing|not started)\*?")
"""A rating word just after an element's number (the outline's and the grid's own layout)."""
LEVEL = re.compile(r"(Not yet developing|Developing|Developed|Established|Enhancing)")
"""A level's name anywhere: the question's tag (``1.1 Developing 3/8``), the descriptors panel."""

RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""

    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: RGB, second: RGB) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PALETTES = {ColorSystem.STANDARD: STANDARD_PALETTE, ColorSystem.EIGHT_BIT: EIGHT_BIT_PALETTE}


def shown(colour: Color | None, system: ColorSystem) -> RGB:
    """The colour the terminal shows: as rendered, or reduced to 256 or 16 colours as Rich does it."""
    assert colour is not None and colour.triplet is not None, "every rating cell has its own colours"
    if system in PALETTES:
        number = colour.downgrade(system).number
        assert number is not None
        red, green, blue = PALETTES[system][number]
        return red, green, blue
    red, green, blue = colour.triplet
    return red, green, blue


def rating_cells(
    app: SelfEvalApp, widget: Widget, system: ColorSystem, words: re.Pattern[str] = RATING
) -> Iterator[tuple[str, RGB, RGB]]:
    """(word, foreground, background) of every cell of every rating word drawn in the widget."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    for y in range(region.y, region.bottom):
        cells = [(char, segment.style) for segment in strips[y] for char in segment.text for _ in range(cell_len(char))]
        line = "".join(char for char, _ in cells)
        for match in words.finditer(line[region.x : region.right]):
            start = region.x + match.start()
            for _char, style in cells[start : start + len(match.group(1))]:
                assert style is not None
                yield match.group(1), shown(style.color, system), shown(style.bgcolor, system)


def seed(store: Store, framework: Framework) -> Evaluation:
    """Elements at every level, provisional and not: element n has its levels up to n % 5 met, the next one not."""
    evaluation = Services(store).create(Actor("coordinator"), framework, "Riverside", "2026/27")
    for n, element in enumerate(framework.elements):
        for level in element.levels:
            for index, criterion in enumerate(level.criteria):
                if level.level <= Level(n % 5):
                    store.save_answer(evaluation.id, criterion.id, status=Status.MET, by="coordinator")
                elif level.level == Level(n % 5 + 1) and index == 0:
                    store.save_answer(evaluation.id, criterion.id, status=Status.NOT_MET, by="coordinator")
    return evaluation


async def collect(
    app: SelfEvalApp, pilot: object, widget: Widget, rows: int, system: ColorSystem
) -> list[tuple[str, RGB, RGB]]:
    """The rating cells as the widget is first drawn, then with its cursor moved down over every row."""
    cells = list(rating_cells(app, widget, system))
    await press(pilot, "home")
    for _ in range(rows):
        cells += rating_cells(app, widget, system)
        await press(pilot, "down")
    return cells


SYSTEMS = {"16-colour": ColorSystem.STANDARD, "256-colour": ColorSystem.EIGHT_BIT}


@pytest.mark.parametrize("colours", ["truecolour", "256-colour", "16-colour", "no-color"])
@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_rating_words_reach_4_5_to_1(
    tui_store: Store, framework: Framework, monkeypatch: pytest.MonkeyPatch, theme: str, colours: str
) -> None:
    if colours == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    system = SYSTEMS.get(colours, ColorSystem.TRUECOLOR)
    app = make_app(tui_store, framework, seed(tui_store, framework))
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await until(pilot, lambda: bool(app.screen.query("#outline")))
        outline = app.screen.query_one("#outline")
        cells = list(rating_cells(app, outline, system))  # not focused: the cursor is dimmed
        await press(pilot, "f3")
        levels = [
            cell
            for panel in ("#question-tag", "#descriptors")
            for cell in rating_cells(app, app.screen.query_one(panel), system, LEVEL)
        ]
        await press(pilot, "f2")
        lines = len(framework.elements) + len(framework.strands)
        cells += await collect(app, pilot, outline, rows=lines, system=system)
        await press(pilot, "f2", "f4")
        grid = app.screen.query_one("#grid")
        cells += await collect(app, pilot, grid, rows=len(framework.elements), system=system)

    assert WORDS <= {word for word, _, _ in cells}, "every rating is drawn, as its own word"
    assert {"Developing", "Developed", "Established", "Enhancing"} <= {word for word, _, _ in levels}
    poor = {(word, fg, bg, round(contrast(fg, bg), 2)) for word, fg, bg in cells + levels if contrast(fg, bg) < 4.5}
    assert not poor, f"below 4.5:1 in {theme}, {colours}: {sorted(poor)}"
    if colours != "no-color":
        # The words' own colours (away from the cursor, which has one colour for every word) all differ.
        usual: dict[str, set[RGB]] = {}
        for word, fg, _ in cells:
            usual.setdefault(word, set()).add(fg)
        most_common = {
            word: max(fgs, key=lambda fg: sum(1 for w, f, _ in cells if w == word and f == fg))
            for word, fgs in usual.items()
            if word in WORDS
        }
        assert len(set(most_common.values())) == len(WORDS), most_common


async def test_the_rating_colours_follow_the_theme(tui_store: Store, framework: Framework) -> None:
    """A theme change recolours the words already drawn (the outline relabels itself)."""
    app = make_app(tui_store, framework, seed(tui_store, framework))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#outline")))
        outline = app.screen.query_one("#outline")
        app.theme = DARK
        await settle(pilot)
        dark = {word: fg for word, fg, _ in rating_cells(app, outline, ColorSystem.TRUECOLOR)}
        app.theme = LIGHT
        await settle(pilot)
        light = {word: fg for word, fg, _ in rating_cells(app, outline, ColorSystem.TRUECOLOR)}
    assert all(dark[word] != light[word] for word in WORDS)
