"""What the store hands out: typed, validated rows with no SQL attached.

Everything above the store works with these models, so a column can be renamed
or a table split in a migration without touching the conversation or the TUI.
They are frozen dataclasses: pydantic validates what is about to be saved
(``Store._build``), and rows read back are checked by ``rows.py`` without
importing pydantic, so opening an evaluation stays fast (``domain/constraints.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from selfeval_tui.domain.constraints import Constraint, Text

FiniteFloat = Annotated[float, Constraint(allow_inf_nan=False)]
AnswerValue = FiniteFloat | list[str] | dict[str, int]
"""A measure's value: a percentage, the ticked items of a checklist, or ``{"moves": 30, "successes": 26}``.

Finite, because NaN and infinity would be stored as bare ``NaN``, which is not JSON
that SQLite's json functions, Datasette or any other reader accepts.
"""

NOTE_LIMIT = 10_000
"""Characters in an evidence note or a rating's reason: pages of evidence, but not a pasted file."""
NAME_LIMIT = 200
"""Characters in a name: a partnership, a local authority, a member, an outcome's title."""

Note = Annotated[str, Constraint(max_length=NOTE_LIMIT)]
Name = Annotated[str, Constraint(max_length=NAME_LIMIT)]
Title = Annotated[str, Constraint(min_length=1, max_length=NAME_LIMIT)]


def over_limit(what: str, text: str, limit: int) -> str | None:
    """The line refusing a text over its limit, or None when it fits; shared by the store and the conversation."""
    if len(text) <= limit:
        return None
    return f"{what} can be at most {limit:,} characters, and this one has {len(text):,}"


Direction = Literal["reduce", "increase"]
Unit = Literal["percent", "percentage_points", "count"]
Period = Literal["baseline", "term1", "term2", "term3"]
HistoryAction = Literal["save", "confirm", "carry_forward"]
JudgementAction = Literal["save", "clear"]
EvaluationState = Literal["draft", "submitted", "signed_off", "reopened"]
"""Where a year's evaluation is in its cycle (docs/signoff.md): only ``signed_off`` is locked."""

_ACADEMIC_YEAR = re.compile(r"(\d{4})/(\d{2})")


def check_academic_year(year: str) -> str:
    """``2026/27`` and nothing else, so years sort as text and ``2026/28`` typos are caught."""
    match = _ACADEMIC_YEAR.fullmatch(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"academic year must look like 2026/27 (two consecutive years), not {year!r}")
    return year


class Status(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_SURE = "not_sure"
    NOT_APPLICABLE = "not_applicable"


STATUS_WORDS = {
    Status.MET: "met",
    Status.PARTLY: "partly met",
    Status.NOT_MET: "not met",
    Status.NOT_SURE: "not sure",
    Status.NOT_APPLICABLE: "not applicable",
}
"""Each status as the chat and the papers say it ("partly met"), beside the status so that both read it from here."""


class _Row:
    """Rows are snapshots (frozen): changing one means asking the store, never mutating the copy."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class Partnership(_Row):
    """A partnership, as stored: its name is what every command and screen finds it by."""

    id: int
    name: Name
    local_authority: Name
    """The name of the local authority it belongs to ('' when none is recorded)."""
    created_at: datetime
    local_authority_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Evaluation(_Row):
    """One partnership's self-evaluation for one academic year, against one version of the bank."""

    id: int
    partnership_id: int
    year: str
    framework_id: str
    framework_hash: str
    created_at: datetime
    updated_at: datetime
    carried_from: int | None
    state: EvaluationState = "draft"


@dataclass(frozen=True, kw_only=True)
class Answer(_Row):
    """The current answer to one question of one evaluation; every change to it is kept in the history."""

    evaluation_id: int
    question_id: Text
    status: Status | None
    value: AnswerValue | None = None
    note: Note = ""
    answered_by: str
    answered_at: datetime
    version: Annotated[int, Constraint(ge=1)]
    carried_forward: bool = False

    def __post_init__(self) -> None:
        if self.status is None and self.value is None:
            raise ValueError("an answer needs a status, or a value for a measure")


@dataclass(frozen=True, kw_only=True)
class HistoryEntry(_Row):
    """One change to an answer; ``old_*`` are None when the question had no answer before."""

    id: int
    evaluation_id: int
    question_id: str
    action: HistoryAction
    version: int
    old_status: Status | None
    old_value: AnswerValue | None
    old_note: str | None
    new_status: Status | None
    new_value: AnswerValue | None
    new_note: str
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True, kw_only=True)
class Judgement(_Row):
    """A rating the coordinator agreed for an element, with the reason when it differs from the computed one."""

    evaluation_id: int
    element_id: str
    level: Annotated[int, Constraint(ge=0, le=4)]
    reason: Note
    agreed_by: str
    agreed_at: datetime


@dataclass(frozen=True, kw_only=True)
class JudgementHistoryEntry(_Row):
    """One agreed judgement set or cleared; ``new_*`` are None when it was cleared."""

    id: int
    evaluation_id: int
    element_id: str
    action: JudgementAction
    old_level: int | None
    old_reason: str | None
    new_level: int | None
    new_reason: str | None
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True, kw_only=True)
class OutcomeTarget(_Row):
    """A partnership's target for one key outcome (or a local one), which every year's values are read against."""

    partnership_id: int
    outcome_id: Text
    title: Title
    direction: Direction
    amount: FiniteFloat | None
    unit: Unit
    local: bool
    value_unit: Literal["percent", "count"] = "count"


@dataclass(frozen=True, kw_only=True)
class OutcomeValue(_Row):
    """One key outcome's value for one period (baseline or a term) of one evaluation."""

    evaluation_id: int
    outcome_id: Text
    period: Period
    value: FiniteFloat
    recorded_by: str
    recorded_at: datetime
