"""The shape of each TOML file of a bank, as pydantic validates it.

Only the loader needs these (the app itself works with the ``Framework`` they
are assembled into), so they are kept out of ``model.py``, which every start of
the app imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from selfeval_tui.domain.constraints import Constraint, Text
from selfeval_tui.domain.framework import (
    BankRecord,
    Element,
    GlossaryTerm,
    MembershipCategory,
    Outcome,
)


@dataclass(frozen=True, kw_only=True)
class StrandFile(BankRecord):
    """The top level of a strand file: one ``[strand]`` table and its ``[[elements]]``."""

    strand: _StrandHeader
    elements: Annotated[tuple[Element, ...], Constraint(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class _StrandHeader(BankRecord):
    id: Annotated[str, Constraint(pattern=r"^\d+$")]
    title: Text


@dataclass(frozen=True, kw_only=True)
class OutcomesFile(BankRecord):
    outcomes: Annotated[tuple[Outcome, ...], Constraint(min_length=1)]
    local_outcomes_intro: str = ""
    local_outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MembershipFile(BankRecord):
    categories: Annotated[tuple[MembershipCategory, ...], Constraint(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class GlossaryFile(BankRecord):
    terms: Annotated[tuple[GlossaryTerm, ...], Constraint(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class FrameworkFile(BankRecord):
    """``framework.toml``: names the bank and lists its files in reading order."""

    id: Annotated[str, Constraint(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    title: Text
    version: Text
    source: Text
    strands: Annotated[tuple[str, ...], Constraint(min_length=1)]
    outcomes: str
    membership: str
    glossary: str
