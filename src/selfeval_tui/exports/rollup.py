"""The local authority's roll-up across partnerships: what every renderer of it reads (docs/exports.md, "Roll-up").

Each partnership's evaluation enters the roll-up as the JSON export's document
(``json_export.as_json``): made here from the local database, or read from a file
another installation exported. One shape, one reader (:func:`entry`), so a
partnership on another server is rolled up exactly as a local one. A file is read
whole and checked against the documented schema before anything of it is used:
a bad or foreign file is one line naming it and the problem, and is left out.
"""

from __future__ import annotations

import datetime
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfeval_tui.bank import Framework, Level
from selfeval_tui.domain.outcomes.progress import Status as OutcomeStatus
from selfeval_tui.domain.records import Status, check_academic_year

if TYPE_CHECKING:
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services
    from selfeval_tui.services.views import EvaluationView

READABLE_SCHEMAS = (3, 4)
"""JSON export versions a roll-up reads: 3 has no ``sign_off`` (its state shows as not recorded)."""
FILE_LIMIT = 50 * 1024 * 1024
"""Bytes: a whole evaluation with every note is well under a megabyte; anything bigger is not an export."""
LOCAL = ""
"""The source of a partnership read from the local database (a file's source is its name)."""
_CHANGES = ("up", "down", "same")
_STATES = ("draft", "submitted", "signed_off", "reopened")
_OUTCOME_STATUSES: tuple[OutcomeStatus, ...] = ("on track", "some progress", "off track", "no data")
_PERIODS = ("baseline", "term1", "term2", "term3")


class RollupFileError(ValueError):
    """A file that is not a usable JSON export; its message is the one line the user sees."""


@dataclass(frozen=True)
class OutcomeCell:
    """One key outcome of one partnership: its latest value (in its unit) and its progress status."""

    title: str
    latest: float | None
    value_unit: str
    status: OutcomeStatus


@dataclass(frozen=True)
class Entry:
    """One partnership's evaluation, as the roll-up shows it."""

    source: str
    partnership: str
    local_authority: str
    year: str
    previous_year: str | None
    state: str | None
    """``domain.records.EvaluationState``; None when the export predates sign-off (schema 3)."""
    signed_off_by: str | None
    signed_off_on: str | None
    levels: Mapping[str, int | None]
    """Each element's current level by id; None while it is not started."""
    provisional: frozenset[str]
    changes: Mapping[str, str]
    """Each element's change since last year (up, down, same) where both years rated it."""
    unmet: tuple[tuple[str, str, str], ...]
    """The criteria answered not met: (element id, criterion id, label)."""
    outcomes: Mapping[str, OutcomeCell]

    @property
    def key(self) -> tuple[str, str]:
        """One partnership's one year: two sources of the same are one too many."""
        return (self.partnership.casefold(), self.year)

    @property
    def state_text(self) -> str:
        if self.state is None:
            return "not recorded"
        if self.state == "signed_off":
            return f"Signed off by {self.signed_off_by} on {self.signed_off_on}"
        return {"draft": "Draft", "submitted": "Submitted", "reopened": "Reopened"}[self.state]


@dataclass(frozen=True)
class Unmet:
    """One criterion not met in some partnerships: a shared development theme."""

    element_id: str
    criterion_id: str
    label: str
    partnerships: tuple[str, ...]


@dataclass(frozen=True)
class Rollup:
    """The partnerships rolled up (sorted by name), and what is counted across them."""

    framework: Framework
    date: datetime.date
    local_authority: str | None
    year: str | None
    entries: tuple[Entry, ...]
    left_out: tuple[str, ...] = field(default=())
    """One line for each file (or partnership) left out, and why."""

    def strand_counts(self) -> list[tuple[str, Counter[Level | None]]]:
        """Per strand (its label), how many element ratings across the partnerships are at each level (None: not started)."""
        counts = []
        for strand in self.framework.strands:
            counter: Counter[Level | None] = Counter()
            for e in self.entries:
                for element in strand.elements:
                    level = e.levels.get(element.id)
                    counter[None if level is None else Level(level)] += 1
            counts.append((f"{strand.id} {strand.title}", counter))
        return counts

    def most_unmet(self, limit: int = 15) -> list[Unmet]:
        """The criteria not met in the most partnerships (at least one), most first, then in bank order."""
        order = {c.id: i for i, c in enumerate(c for el in self.framework.elements for lv in el.levels for c in lv.criteria)}
        found: dict[str, tuple[str, str, list[str]]] = {}
        for e in self.entries:
            for element_id, criterion_id, label in e.unmet:
                found.setdefault(criterion_id, (element_id, label, []))[2].append(e.partnership)
        ranked = sorted(found.items(), key=lambda item: (-len(item[1][2]), order.get(item[0], len(order)), item[0]))
        return [Unmet(el, cid, label, tuple(sorted(set(names), key=str.casefold))) for cid, (el, label, names) in ranked[:limit]]

    def outcome_columns(self) -> list[tuple[str, str]]:
        """Every key outcome any partnership has (id, title): the bank's first, in first-seen order."""
        seen: dict[str, str] = {}
        for e in self.entries:
            for outcome_id, cell in e.outcomes.items():
                seen.setdefault(outcome_id, cell.title)
        return list(seen.items())


def build(
    framework: Framework,
    documents: Iterable[Entry | tuple[str, Mapping[str, Any]]],
    *,
    date: datetime.date,
    local_authority: str | None = None,
    year: str | None = None,
    left_out: Sequence[str] = (),
) -> Rollup:
    """The roll-up of these entries and export documents (source, document); a later one for a partnership and year already in is left out."""
    entries: dict[tuple[str, str], Entry] = {}
    skipped = list(left_out)
    for item in documents:
        if isinstance(item, Entry):
            made = item
        else:
            try:
                made = entry(framework, *item)
            except RollupFileError as exc:
                skipped.append(f"{item[0]}: {exc}; left out")
                continue
        source = made.source
        if local_authority is not None and made.local_authority.casefold() != local_authority.casefold():
            skipped.append(f"{source}: {made.partnership} is in {made.local_authority or 'no local authority'}, not {local_authority}; left out")
            continue
        if year is not None and made.year != year:
            skipped.append(f"{source}: {made.partnership}'s evaluation is for {made.year}, not {year}; left out")
            continue
        if made.key in entries:
            other = entries[made.key].source or "the local database"
            skipped.append(f"{source}: {made.partnership} {made.year} is already in the roll-up from {other}; left out")
            continue
        entries[made.key] = made
    ordered = sorted(entries.values(), key=lambda e: (e.partnership.casefold(), e.source))
    return Rollup(framework, date, local_authority, year, tuple(ordered), tuple(skipped))


def read_file(path: Path) -> dict[str, Any]:
    """A file's JSON document, read whole; RollupFileError (one line, naming the problem) for anything else."""
    try:
        with path.open("rb") as file:
            data = file.read(FILE_LIMIT + 1)
    except OSError as exc:
        raise RollupFileError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > FILE_LIMIT:
        raise RollupFileError(f"is over {FILE_LIMIT // (1024 * 1024)} MB, so it is not a selfeval JSON export")
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise RollupFileError("is not UTF-8 text, so it is not a selfeval JSON export") from None
    except (ValueError, RecursionError) as exc:
        raise RollupFileError(f"is not valid JSON ({exc})") from None
    if not isinstance(document, dict):
        raise RollupFileError("is JSON but not a selfeval export (it is not an object)")
    return document


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def entry(framework: Framework, source: str, document: Mapping[str, Any]) -> Entry:
    """One export document as a roll-up entry, checked field by field: RollupFileError names the first problem."""
    version = document.get("schema_version")
    if "elements" not in document or "partnership" not in document or version is None:
        raise RollupFileError("is not a selfeval JSON export (no schema_version, partnership or elements)")
    if type(version) is not int or version not in READABLE_SCHEMAS:
        raise RollupFileError(
            f"has schema_version {version!r}; this selfeval reads {' and '.join(map(str, READABLE_SCHEMAS))}"
        )
    bank = _object(document, "framework")
    bank_id = _text(bank, "framework.id")
    if bank_id != framework.id:
        raise RollupFileError(f"was made with another question bank ({bank_id!r}, not {framework.id!r})")
    partnership = _object(document, "partnership")
    name = _text(partnership, "partnership.name")
    if not name.strip():
        raise RollupFileError("has a blank partnership name")
    year = _text(document, "year")
    try:
        check_academic_year(year)
    except ValueError as exc:
        raise RollupFileError(f"has a bad year: {exc}") from None
    previous = document.get("previous_year")
    if previous is not None and not isinstance(previous, str):
        raise RollupFileError("has a previous_year that is not text")
    state, by, on = _sign_off(document, version)
    levels, provisional, changes, unmet = _elements(framework, document.get("elements"))
    return Entry(
        source=source,
        partnership=name,
        local_authority=_text(partnership, "partnership.local_authority"),
        year=year,
        previous_year=previous,
        state=state,
        signed_off_by=by,
        signed_off_on=on,
        levels=levels,
        provisional=provisional,
        changes=changes,
        unmet=unmet,
        outcomes=_outcomes(document.get("outcomes")),
    )


def _object(parent: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    found = parent.get(key.rsplit(".", 1)[-1])
    if not isinstance(found, dict):
        raise RollupFileError(f"has no {key} object")
    return found


def _text(parent: Mapping[str, Any], key: str) -> str:
    found = parent.get(key.rsplit(".", 1)[-1])
    if not isinstance(found, str):
        raise RollupFileError(f"has no text {key}")
    return found


def _sign_off(document: Mapping[str, Any], version: int) -> tuple[str | None, str | None, str | None]:
    if version < 4:
        return None, None, None
    sign_off = _object(document, "sign_off")
    state = sign_off.get("state")
    if state not in _STATES:
        raise RollupFileError(f"has sign_off.state {state!r}, not one of {', '.join(_STATES)}")
    by, on = sign_off.get("signed_off_by"), sign_off.get("signed_off_on")
    if state == "signed_off" and not (isinstance(by, str) and isinstance(on, str)):
        raise RollupFileError("is signed off but does not say by whom and on what date")
    return state, by if state == "signed_off" else None, on if state == "signed_off" else None


def _elements(
    framework: Framework, elements: Any
) -> tuple[dict[str, int | None], frozenset[str], dict[str, str], tuple[tuple[str, str, str], ...]]:
    if not isinstance(elements, list):
        raise RollupFileError("has no elements list")
    known = {e.id: {c.id for lv in e.levels for c in lv.criteria} for e in framework.elements}
    levels: dict[str, int | None] = {}
    provisional: set[str] = set()
    changes: dict[str, str] = {}
    unmet: list[tuple[str, str, str]] = []
    statuses = {s.value for s in Status}
    for index, element in enumerate(elements):
        where = f"elements[{index}]"
        if not isinstance(element, dict):
            raise RollupFileError(f"has {where} that is not an object")
        element_id = element.get("id")
        if element_id not in known:
            raise RollupFileError(f"has {where} with id {element_id!r}, which the question bank does not have")
        level = element.get("level")
        if level is not None and (type(level) is not int or not 0 <= level <= 4):
            raise RollupFileError(f"has {where}.level {level!r}, not a level 0 to 4 or null")
        levels[element_id] = level
        if element.get("provisional") is True:
            provisional.add(element_id)
        change = element.get("change")
        if change is not None and change not in _CHANGES:
            raise RollupFileError(f"has {where}.change {change!r}, not up, down, same or null")
        if change is not None:
            changes[element_id] = change
        criteria = element.get("criteria")
        if not isinstance(criteria, list):
            raise RollupFileError(f"has {where} without a criteria list")
        for criterion in criteria:
            if not isinstance(criterion, dict) or not isinstance(criterion.get("criterion_id"), str):
                raise RollupFileError(f"has a criterion in {where} without a criterion_id")
            status, label = criterion.get("status"), criterion.get("label")
            if status is not None and status not in statuses:
                raise RollupFileError(f"has a criterion in {where} with status {status!r}")
            if not isinstance(label, str):
                raise RollupFileError(f"has a criterion in {where} without a label")
            if status == Status.NOT_MET.value and criterion["criterion_id"] in known[element_id]:
                unmet.append((element_id, criterion["criterion_id"], label))
    missing = [e for e in known if e not in levels]
    if missing:
        raise RollupFileError(f"has no element {missing[0]} (it is not a whole evaluation)")
    return levels, frozenset(provisional), changes, tuple(unmet)


def _outcomes(outcomes: Any) -> dict[str, OutcomeCell]:
    if not isinstance(outcomes, list):
        raise RollupFileError("has no outcomes list")
    cells: dict[str, OutcomeCell] = {}
    for index, outcome in enumerate(outcomes):
        where = f"outcomes[{index}]"
        if not isinstance(outcome, dict) or not isinstance(outcome.get("id"), str) or not isinstance(outcome.get("title"), str):
            raise RollupFileError(f"has {where} without an id and a title")
        values = outcome.get("values")
        if not isinstance(values, dict):
            raise RollupFileError(f"has {where} without values")
        latest: float | None = None
        for period in _PERIODS:
            value = values.get(period)
            if value is not None and (type(value) not in (int, float) or not math.isfinite(value)):
                raise RollupFileError(f"has {where}.values.{period} {value!r}, not a number or null")
            if value is not None:
                latest = float(value)
        status = outcome.get("status")
        if status not in _OUTCOME_STATUSES:
            raise RollupFileError(f"has {where}.status {status!r}")
        unit = outcome.get("value_unit")
        cells[outcome["id"]] = OutcomeCell(outcome["title"], latest, unit if isinstance(unit, str) else "count", status)
    return cells


def local_entries(
    services: Services, actor: Actor, framework: Framework, *, local_authority: str | None, year: str | None
) -> list[Entry]:
    """The local database's partnerships, read under the right to roll up."""
    return [from_view(view) for view in services.rollup_views(actor, framework, local_authority=local_authority, year=year)]


def from_view(view: EvaluationView) -> Entry:
    """The entry the JSON export of this evaluation would give (a test holds them equal), without writing it out first.

    Made from the read model directly: the roll-up of 150 partnerships would
    otherwise build, and read back, 150 whole documents with every answer and note.
    """
    levels: dict[str, int | None] = {}
    provisional: set[str] = set()
    changes: dict[str, str] = {}
    unmet: list[tuple[str, str, str]] = []
    for element in view.framework.elements:
        judgement = view.judgement(element)
        started = view.started(element)
        levels[element.id] = int(judgement.current) if started else None
        if started and judgement.provisional:
            provisional.add(element.id)
        change = view.change(element, judgement)
        if change is not None:
            changes[element.id] = change
        unmet += [
            (element.id, state.criterion.id, state.criterion.label)
            for level in judgement.levels
            for state in level.criteria
            if state.status is Status.NOT_MET
        ]
    signed = view.sign_off.signed
    outcomes = {}
    for row in view.outcomes:
        recorded = [v for v in (row.progress.baseline, *row.progress.terms) if v is not None]
        outcomes[row.outcome_id] = OutcomeCell(row.title, recorded[-1] if recorded else None, row.value_unit, row.progress.status)
    return Entry(
        source=LOCAL,
        partnership=view.partnership.name,
        local_authority=view.partnership.local_authority,
        year=view.evaluation.year,
        previous_year=view.previous.year if view.previous else None,
        state=view.sign_off.state,
        signed_off_by=None if signed is None else signed.changed_by,
        signed_off_on=None if signed is None or signed.signed_on is None else signed.signed_on.isoformat(),
        levels=levels,
        provisional=frozenset(provisional),
        changes=changes,
        unmet=tuple(unmet),
        outcomes=outcomes,
    )


def file_documents(paths: Sequence[Path]) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Each file's document, and one line for each file that could not be read as JSON (left out)."""
    documents: list[tuple[str, dict[str, Any]]] = []
    left_out: list[str] = []
    for path in paths:
        try:
            documents.append((str(path), read_file(path)))
        except RollupFileError as exc:
            left_out.append(f"{path}: {exc}; left out")
    return documents, left_out
