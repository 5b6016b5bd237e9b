"""The framework as typed data: strands, elements, levels, criteria and measures.

These models describe one question bank. Shape checks (required fields, no unknown
keys, exactly four levels in order) live here so pydantic reports them with a
location; checks that span the bank (unique ids, measure references, rising
minimums) live in ``checks.py`` so they can name the element they concern.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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


class _Strict(BaseModel):
    """Typos in a bank are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Criterion(_Strict):
    """One atomic statement of a descriptor that a partnership can say is met, partly met or not met."""

    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    question: str = Field(min_length=1)
    label: str = Field(min_length=1)
    hint: str | None = None
    measure: str | None = None
    minimum: float | None = Field(default=None, ge=0, le=100)
    suggest_from: tuple[str, ...] = ()
    """Membership categories whose lists let the assistant propose an answer to confirm."""


class Measure(_Strict):
    """A number asked once per element; criteria at several levels compare it with their minimum."""

    id: str = Field(min_length=1)
    kind: Literal["percent", "checklist", "success_rate"]
    question: str = Field(min_length=1)
    label: str = Field(min_length=1)
    hint: str | None = None
    items: tuple[str, ...] = ()


class LevelDescriptor(_Strict):
    """What Annex A says a partnership at this level looks like, and the criteria it splits into."""

    name: LevelName
    descriptor: str = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def level(self) -> Level:
        return Level.from_name(self.name)


class Element(_Strict):
    id: str = Field(pattern=r"^\d+\.\d+$")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    help: str | None = None
    measures: tuple[Measure, ...] = ()
    levels: tuple[LevelDescriptor, ...]

    def level(self, level: Level) -> LevelDescriptor:
        return self.levels[level - 1]

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)


class Strand(_Strict):
    id: str = Field(pattern=r"^\d+$")
    title: str = Field(min_length=1)
    elements: tuple[Element, ...] = Field(min_length=1)


class StrandFile(_Strict):
    """The top level of a strand file: one ``[strand]`` table and its ``[[elements]]``."""

    strand: _StrandHeader
    elements: tuple[Element, ...] = Field(min_length=1)


class _StrandHeader(_Strict):
    id: str = Field(pattern=r"^\d+$")
    title: str = Field(min_length=1)


class Outcome(_Strict):
    """A key outcome of Annex A, or a local outcome a partnership may adopt."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    direction: Literal["reduce", "increase"]
    unit: Literal["percent", "count"]


class OutcomesFile(_Strict):
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    local_outcomes_intro: str = ""
    local_outcomes: tuple[Outcome, ...] = ()


class MembershipCategory(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    prompt: str = Field(min_length=1)


class MembershipFile(_Strict):
    categories: tuple[MembershipCategory, ...] = Field(min_length=1)


class GlossaryTerm(_Strict):
    term: str = Field(min_length=1)
    meaning: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()


class GlossaryFile(_Strict):
    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)


class FrameworkFile(_Strict):
    """``framework.toml``: names the bank and lists its files in reading order."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    source: str = Field(min_length=1)
    strands: tuple[str, ...] = Field(min_length=1)
    outcomes: str
    membership: str
    glossary: str


class Framework(_Strict):
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


StrandFile.model_rebuild()
