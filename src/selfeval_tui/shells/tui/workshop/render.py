"""The workshop's words (``shells/workshop_words.py``) as Rich text for the screens: styles, colours, inert text.

Pure functions of a ``WorkshopStatus``, so each piece is tested without an app.
Text someone typed (reasons, dissent, names, titles) is drawn inert (``shown``);
nothing rests on colour alone: every bar has its level word and its count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfeval_tui.bank import Element, Level
from selfeval_tui.domain.judgement.rule import ElementJudgement
from selfeval_tui.domain.workshops import ItemStatus, WorkshopStatus, level_title
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.workshop import words

STATUS_WORDS = {
    "met": "met",
    "partly": "partly",
    "not_met": "not met",
    "not_sure": "not sure",
    "not_applicable": "n/a",
}


def heading(status: WorkshopStatus) -> Text:
    """The workshop in one line, and the join code (reversed, to read from the back of the room)."""
    text = shown(words.heading(status))
    if status.workshop.code:
        text.append("   Join code: ", style="bold")
        text.append(f" {status.workshop.code} ", style="bold reverse")
    return text


def item_heading(current: ItemStatus | None, element: Element | None) -> Text:
    """``2.4 Sharing information  ·  round 1, voting``, or why there is nothing to show yet."""
    if current is None or element is None:
        return Text(words.NOTHING_OPEN, style="bold")
    text = shown(f"{element.id} {element.title}", "bold")
    text.append(f"  ·  {words.item_state(current)}")
    return text


def timer_text(current: ItemStatus | None, now: datetime) -> tuple[Text, str]:
    """The timer line and its CSS class: ``-warning`` in the last minute, ``-overrun`` past the timebox."""
    if current is None:
        return Text(""), ""
    line, kind = words.timer_words(current, now)
    return Text(line, style="bold" if kind else ""), f"-{kind}" if kind else ""


def chart(distribution: Mapping[Level | None, int], colours: Mapping[Level, str]) -> Table:
    """The distribution as text bars, each in its level's colour (``colours``: a style per level)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for level, bar, count in words.bar_rows(distribution):
        style = colours.get(level, "") if level is not None else ""
        table.add_row(Text(level_title(level)), Text(bar, style=style), Text(str(count), style="bold"))
    return table


def votes_panel(current: ItemStatus | None, colours: Mapping[Level, str], *, named: bool) -> RenderableType:
    """The votes as the room may see them: the count until the reveal, then the chart, spread, reasons, agreement."""
    if current is None:
        return Text("")
    parts: list[RenderableType] = [Text(words.voted_line(current), style="bold")]
    if current.revealed:
        spread = words.spread_line(current)
        parts += [chart(current.distribution, colours), Text(spread, style="bold" if "!" in spread else "")]
        parts += [shown(line) for line in words.reason_lines(current, named=named)]
    elif current.round:
        parts.append(Text(words.HIDDEN, style="italic"))
    agreed = words.agreed_lines(current)
    if agreed:
        parts.append(Text(agreed[0], style="bold reverse"))
        parts += [shown(line) for line in agreed[1:]]
    return Group(*parts)


def descriptor(element: Element, level: Level) -> RenderableType:
    """One of the element's four descriptors: its level word, then its text."""
    return Group(Text(level.title, style="bold underline"), shown(words.descriptor_text(element, level)))


def evidence(judgement: ElementJudgement | None) -> RenderableType:
    """The computed rating (and any agreed one), then each answered criterion with the coordinator's note."""
    if judgement is None:
        return Text("")
    rating = Text.assemble(("Computed rating: ", "bold"), judgement.computed.title)
    if judgement.provisional:
        rating.append(" (provisional: some questions are open)")
    if judgement.agreed is not None:
        rating.append_text(Text.assemble(("   Agreed so far: ", "bold"), Level(judgement.agreed.level).title))
    lines: list[RenderableType] = [rating, Text("Evidence recorded:", style="bold")]
    for level in judgement.levels:
        for state in level.criteria:
            if state.status is None:
                continue
            line = Text(f"{level.level.title}, {STATUS_WORDS[state.status.value]}: ")
            line.append_text(shown(state.criterion.label + (f" - {state.note}" if state.note else "")))
            lines.append(line)
    if len(lines) == 2:
        lines[1] = Text("No evidence is recorded for this element yet.")
    return Group(*lines)
