"""Reading the replies in the membership and key outcomes sections (``sections.py`` asks the questions).

Imported on the first reply, not to show the first question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from selfeval_tui.bank import Framework, Outcome
from selfeval_tui.conversation.replies import NotUnderstood

DONE_WORDS = ("done", "finished", "that's all", "thats all", "end")
NONE_WORDS = ("none", "no members", "nobody")
KEEP_LIST_WORDS = ("keep", "yes", "same", "confirm")


@dataclass(frozen=True)
class MemberEdit:
    """The category's whole new list, saved at once (one name per reply)."""

    names: tuple[str, ...]
    message: str
    closes: bool = False
    """True for ``none``: the list is saved empty and the category is done."""


def membership_reply(text: str, names: list[str]) -> MemberEdit | str | None:
    """A name to add, ``remove NAME``, or a word that closes the list ('done'); None when closing."""
    lowered = text.strip().casefold()
    if lowered in DONE_WORDS or (names and lowered in KEEP_LIST_WORDS):
        return None
    if lowered in NONE_WORDS:
        removed = f"Removed {', '.join(names)}. " if names else ""
        return MemberEdit((), f"{removed}No members recorded in this category.", closes=True)
    if lowered in ("y", "n", "no", "yes", "partly", "not sure", "?"):
        return "Type the names one per reply, then done (or none if there are none)."
    if lowered.startswith("remove "):
        wanted = text.strip()[7:].strip().casefold()
        kept = tuple(n for n in names if n.casefold() != wanted)
        if len(kept) == len(names):
            return f"{text.strip()[7:].strip()!r} is not on the list: " + (", ".join(names) or "the list is empty") + "."
        return MemberEdit(kept, f"Removed {text.strip()[7:].strip()}.")
    name = " ".join(text.split())
    if any(n.casefold() == name.casefold() for n in names):
        return f"{name} is already on the list."
    return MemberEdit((*names, name), f"Added {name}. Type the next name, or done.")


_NUMBER = r"(\d+(?:\.\d+)?)"
_TARGET = re.compile(
    rf"^\s*(?:(reduce|increase)\s+(?:by\s+)?)?{_NUMBER}\s*(percentage\s+points?\b|per\s*cent\b|points?\b|pp\b|%)?\s*(.*)$",
    re.IGNORECASE | re.ASCII,
)


@dataclass(frozen=True)
class TargetReply:
    amount: float | None
    unit: str
    direction: str


def parse_target(outcome: Outcome, text: str, local: bool) -> TargetReply | NotUnderstood:
    """'5%', 'reduce by 2 percentage points', '4' (a count), or 'none' for no numeric target yet."""
    stripped = text.strip()
    if stripped.casefold() in ("none", "no target", "not set") and not local:
        return TargetReply(None, "percent" if outcome.unit == "percent" else "count", outcome.direction)
    match = _TARGET.match(stripped)
    accepted = "Reply with the change you aim for, like 5% (of the baseline), 2 percentage points, or a count like 4"
    if match is None or match.group(4):
        return NotUnderstood(f"{accepted}{'' if local else ', or none'}.")
    direction = (match.group(1) or outcome.direction).lower()
    amount = float(match.group(2))
    unit_word = (match.group(3) or "").lower()
    if unit_word.startswith(("percentage", "point", "pp")):
        unit = "percentage_points"
    elif unit_word:
        unit = "percent"
    elif outcome.unit == "count":
        unit = "count"
    else:
        return NotUnderstood("Is that a percentage of the baseline (like 5%) or percentage points (like 2 points)?")
    if unit == "percentage_points" and outcome.unit != "percent":
        return NotUnderstood("Percentage points only fit an outcome measured as a percentage; give a % or a count.")
    return TargetReply(amount, unit, direction)


def parse_value(outcome: Outcome, text: str) -> float | NotUnderstood:
    """A percentage from 0 to 100, or a whole count; anything else is re-asked."""
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$", text, re.ASCII)
    if outcome.unit == "percent":
        if match is None or float(match.group(1)) > 100:
            return NotUnderstood("Please give a percentage from 0 to 100, like 7.5 or 7.5%.")
        return float(match.group(1))
    if match is None or match.group(2) or "." in match.group(1):
        return NotUnderstood("Please give a whole number of 0 or more, like 12.")
    return float(match.group(1))


_LOCAL = re.compile(r"^\s*(reduce|increase)\s*,?\s*(percent|%|count)\s*:\s*(.+)$", re.IGNORECASE)


def parse_local_outcome(framework: Framework, text: str) -> Outcome | str | None:
    """An example by number, or 'reduce, count: NAME'; None when the user is done adding."""
    stripped = text.strip()
    if stripped.casefold() in (*DONE_WORDS, "none", "no"):
        return None
    if stripped.isascii() and stripped.isdigit():
        index = int(stripped)
        if 1 <= index <= len(framework.local_outcomes):
            return framework.local_outcomes[index - 1]
        return f"There are {len(framework.local_outcomes)} examples; pick 1 to {len(framework.local_outcomes)}."
    match = _LOCAL.match(stripped)
    if match is None:
        return "Pick an example by number, or describe your own as: reduce, count: incidents of racist bullying."
    title = " ".join(match.group(3).split())
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40] or "outcome"
    direction: Literal["reduce", "increase"] = "reduce" if match.group(1).lower() == "reduce" else "increase"
    unit: Literal["percent", "count"] = "percent" if match.group(2) in ("%", "percent") else "count"
    return Outcome(id=f"local-{slug}", title=title, direction=direction, unit=unit)
