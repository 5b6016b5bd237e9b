"""The framework as typed data: strands, elements, levels, criteria and measures.

These models describe one question bank. Shape checks (required fields, no unknown
keys, non-empty text, id patterns) are written on the fields so that pydantic
reports them with a location when the loader validates the TOML; checks that span
the bank (unique ids, measure references, rising minimums) live in ``checks.py``
so they can name the element they concern.

They are frozen standard dataclasses that pydantic validates (``loader.py``), so
that a bank read back from ``cache.py`` is used without importing pydantic (see
``domain/constraints.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Annotated, Any, ClassVar, Literal

from selfeval_tui.domain.constraints import Constraint, Text


class Level(IntEnum):
    """Annex A's four descriptors, numbered so that comparison means 'higher than'."""

    NOT_YET = 0
    DEVELOPING = 1
    DEVELOPED = 2
    ESTABLISHED = 3
    ENHANCING = 4

    @property
    def title(self) -> str:
        return "Not yet developing" if self is Level.NOT_YET else self.name.capitalize()

    @classmethod
    def from_name(cls, name: str) -> Level:
        return cls[name.strip().upper().replace(" ", "_")]


LEVEL_NAMES: tuple[str, ...] = ("Developing", "Developed", "Established", "Enhancing")

LevelName = Literal["Developing", "Developed", "Established", "Enhancing"]


class BankRecord:
    """Typos in a bank are errors, never silently ignored (pydantic reads this while it validates)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "str_strip_whitespace": True}


@dataclass(frozen=True, kw_only=True)
class Criterion(BankRecord):
    """One atomic statement of a descriptor that a partnership can say is met, partly met or not met."""

    id: Text
    source: Text
    question: Text
    label: Text
    hint: str | None = None
    measure: str | None = None
    minimum: Annotated[float, Constraint(ge=0, le=100)] | None = None
    suggest_from: tuple[str, ...] = ()
    """Membership categories whose lists let the assistant propose an answer to confirm."""


@dataclass(frozen=True, kw_only=True)
class Measure(BankRecord):
    """A number asked once per element; criteria at several levels compare it with their minimum."""

    id: Text
    kind: Literal["percent", "checklist", "success_rate"]
    question: Text
    label: Text
    hint: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class LevelDescriptor(BankRecord):
    """What Annex A says a partnership at this level looks like, and the criteria it splits into."""

    name: LevelName
    descriptor: Text
    criteria: Annotated[tuple[Criterion, ...], Constraint(min_length=1)]

    @property
    def level(self) -> Level:
        return Level.from_name(self.name)


@dataclass(frozen=True, kw_only=True)
class Element(BankRecord):
    """One element of a strand: its four levels of criteria, and the measures some criteria are judged by."""

    id: Annotated[str, Constraint(pattern=r"^\d+\.\d+$")]
    title: Text
    summary: Text
    help: str | None = None
    measures: tuple[Measure, ...] = ()
    levels: tuple[LevelDescriptor, ...]

    def level(self, level: Level) -> LevelDescriptor:
        return self.levels[level - 1]

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)


@dataclass(frozen=True, kw_only=True)
class Strand(BankRecord):
    """One strand of the framework, with its elements in the order they are asked and shown."""

    id: Annotated[str, Constraint(pattern=r"^\d+$")]
    title: Text
    elements: Annotated[tuple[Element, ...], Constraint(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Outcome(BankRecord):
    """A key outcome of Annex A, or a local outcome a partnership may adopt."""

    id: Text
    title: Text
    direction: Literal["reduce", "increase"]
    unit: Literal["percent", "count"]


@dataclass(frozen=True, kw_only=True)
class MembershipCategory(BankRecord):
    """A kind of partnership member the chat asks for (and the papers list) by name."""

    id: Text
    title: Text
    prompt: Text


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm(BankRecord):
    """A term the bank explains: what ``/what TERM`` answers in the chat."""

    term: Text
    meaning: Text
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Framework(BankRecord):
    """A validated question bank, ready for the engine."""

    id: str
    title: str
    version: str
    source: str
    hash: str
    strands: tuple[Strand, ...]
    outcomes: tuple[Outcome, ...]
    local_outcomes_intro: str
    local_outcomes: tuple[Outcome, ...]
    membership: tuple[MembershipCategory, ...]
    glossary: tuple[GlossaryTerm, ...]

    @property
    def elements(self) -> tuple[Element, ...]:
        return tuple(e for s in self.strands for e in s.elements)

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def strand_of(self, element_id: str) -> Strand | None:
        return next((s for s in self.strands if any(e.id == element_id for e in s.elements)), None)
