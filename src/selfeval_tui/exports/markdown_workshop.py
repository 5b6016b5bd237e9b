"""Workshop minutes for the board (``selfeval export workshop``): who came, and per item each round and the agreement.

Each round gives its distribution (votes and any show of hands) and the reasons
given with the votes that counted; a round never revealed shows that it was not.
Then the agreed rating and its reason, any dissent, the time used against the
timebox, and the items parked for later. ``summary_blocks`` is the report's short
form of the same minutes (section 2 of the board report).
"""

from __future__ import annotations

from collections.abc import Sequence

from selfeval_tui.domain.workshops import (
    ItemMinutes,
    RoundMinutes,
    WorkshopMinutes,
    clock_text,
    level_title,
)
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.escape import Markdown, inline, is_blank, strong
from selfeval_tui.exports.words import date_text


def title(minutes: Sequence[WorkshopMinutes]) -> str:
    if len(minutes) == 1:
        one = minutes[0]
        return f"{one.partnership}: minutes of the workshop \"{one.workshop.title}\", {date_text(one.workshop.date)}"
    first = minutes[0] if minutes else None
    return f"{first.partnership}: minutes of the {first.year} workshops" if first else "Workshop minutes"


def render(minutes: Sequence[WorkshopMinutes]) -> str:
    blocks = [md.heading(1, title(minutes))]
    if not minutes:
        blocks.append(md.paragraph("No workshop has been held for this evaluation."))
    for one in minutes:
        blocks.extend(workshop_blocks(one, 2 if len(minutes) > 1 else 1))
    return md.document(blocks)


def workshop_blocks(minutes: WorkshopMinutes, depth: int) -> list[str]:
    workshop = minutes.workshop
    absent = [name for name in minutes.invited if name not in minutes.attended]
    blocks = []
    if depth > 1:
        blocks.append(md.heading(depth, f"{workshop.title}, {date_text(workshop.date)}"))
    blocks.append(
        md.bullets(
            [
                f"Partnership: {minutes.partnership}, evaluation {minutes.year}",
                f"Date: {date_text(workshop.date)}",
                f"Facilitator: {workshop.facilitator}",
                f"Attended: {', '.join(minutes.attended)}",
                *([f"Invited but did not vote: {', '.join(absent)}"] if absent else []),
            ]
        )
    )
    for item in minutes.items:
        if item.item.state.value != "parked":
            blocks.extend(item_blocks(item, depth + 1))
    if minutes.parked:
        blocks.append(md.heading(depth + 1, "Parked for later"))
        blocks.append(md.bullets([_item_line(item) + f" ({_time(item)})" for item in minutes.parked]))
    return blocks


def _item_line(item: ItemMinutes) -> str:
    return f"{item.item.element_id} {item.title}".strip()


def _time(item: ItemMinutes) -> str:
    used, box = item.item.used_seconds, item.item.timebox_seconds
    over = f", {clock_text(used - box)} over" if used > box else ""
    return f"{clock_text(used)} used of {clock_text(box)}{over}"


def item_blocks(item: ItemMinutes, depth: int) -> list[str]:
    blocks = [md.heading(depth, _item_line(item)), md.paragraph(f"Time: {_time(item)}.")]
    if not item.rounds:
        blocks.append(md.paragraph("No vote was taken."))
    for one in item.rounds:
        blocks.extend(round_blocks(one))
    agreed = item.agreed
    if agreed is None:
        blocks.append(md.paragraph(f"No rating was agreed ({item.item.state.value})."))
        return blocks
    blocks.append(md.paragraph(Markdown(f"{strong('Agreed: ' + agreed.level.title)} ({inline(agreed.reason)})")))
    if agreed.dissent:
        blocks.append(md.paragraph("Dissent:"))
        blocks.append(md.bullets([f"{d.person}: {d.why}" for d in agreed.dissent]))
    return blocks


def round_blocks(one: RoundMinutes) -> list[str]:
    if not one.revealed:
        return [md.paragraph(f"Round {one.number}: not revealed, so no votes are shown.")]
    counts = ", ".join(f"{level_title(level)} {count}" for level, count in one.distribution.items()) or "no votes"
    how = ", revealed when everyone had voted" if one.revealed_automatically else ""
    hands = f"; {sum(one.hands.values())} by show of hands" if one.hands else ""
    spread = f"; {one.spread} levels apart, flagged for discussion" if one.discuss else ""
    blocks = [md.paragraph(f"Round {one.number}: {counts}{hands}{spread}{how}.")]
    reasons = [f"{v.person} ({level_title(v.level)}): {v.reason}" for v in one.votes if not is_blank(v.reason)]
    if reasons:
        blocks.append(md.bullets(reasons))
    return blocks


def summary_blocks(minutes: Sequence[WorkshopMinutes]) -> list[str]:
    """The board report's paragraph on the year's workshops: each with what it agreed, and where its minutes are."""
    if not minutes:
        return []
    lines = []
    for one in minutes:
        agreed = [
            f"{item.item.element_id} {item.agreed.level.title}"
            + (f" ({len(item.agreed.dissent)} dissenting)" if item.agreed.dissent else "")
            for item in one.items
            if item.agreed is not None
        ]
        parked = [item.item.element_id for item in one.parked]
        lines.append(
            f"{one.workshop.title}, {date_text(one.workshop.date)} (facilitator {one.workshop.facilitator},"
            f" {len(one.attended)} attended): agreed {', '.join(agreed) or 'none'}"
            + (f"; parked {', '.join(parked)}" if parked else "")
            + f". Minutes: selfeval export workshop --workshop {one.workshop.id}"
        )
    count = len(minutes)
    return [
        md.paragraph(
            f"The partnership moderated its ratings in {count} workshop{'' if count == 1 else 's'} this year; "
            "each rating they agreed became the element's agreed rating, with the workshop and its date in its reason."
        ),
        md.bullets(lines),
    ]
