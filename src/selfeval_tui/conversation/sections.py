"""The two parts of Annex A that come before the strands: membership and key outcomes.

Membership lists live with the partnership (they carry from year to year); each
year's confirmation of a list is an answer (``membership.<category>``), so it has
history and is carried forward for confirmation like any other answer. Outcome
targets live with the partnership and termly values with the evaluation.

This module asks; ``section_replies.py`` reads the replies.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfeval_tui.bank import Criterion, Framework, MembershipCategory

PERIOD_NAMES = {"baseline": "baseline", "term1": "term 1", "term2": "term 2", "term3": "term 3"}


def membership_id(category: MembershipCategory) -> str:
    return f"membership.{category.id}"


LOCAL_OUTCOMES_ID = "outcomes.local"


def membership_prompt(names: list[str], carried: bool) -> str:
    if names and carried:
        return f"Last year's list: {', '.join(names)}. Reply keep if it is still right, add a name, or remove NAME."
    if names:
        return f"So far: {', '.join(names)}. Type another name, remove NAME, or done."
    return "Type one name per reply, then done (or none if there are none)."


def in_sentence(title: str) -> str:
    """A category title inside a sentence: "Secondary schools" becomes "secondary schools", but "FE" and
    "Safer School Partnership" keep their capitals (an abbreviation or a name is written as it is)."""
    rest = title[1:]
    return title[:1].lower() + rest if rest == rest.lower() else title


def suggestion(criterion: Criterion, framework: Framework, members: Mapping[str, list[str]]) -> str | None:
    """What the membership list says about a membership criterion, as a proposal to confirm."""
    if not criterion.suggest_from:
        return None
    parts, missing = [], []
    for category_id in criterion.suggest_from:
        category = next(c for c in framework.membership if c.id == category_id)
        names = members.get(category_id, [])
        if names:
            parts.append(f"{in_sentence(category.title)} ({', '.join(names)})")
        else:
            missing.append(in_sentence(category.title))
    if missing:
        return (
            f"Your membership list has no {' or '.join(missing)}, so I suggest no. "
            "Reply no to confirm, or answer differently."
        )
    return f"Your membership list includes {' and '.join(parts)}, so I suggest yes. Reply yes to confirm, or answer differently."
