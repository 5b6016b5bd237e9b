"""Checks that span a whole bank and so cannot be expressed on a single pydantic field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from selfeval_tui.core.framework.errors import where
from selfeval_tui.core.framework.model import (
    LEVEL_NAMES,
    GlossaryTerm,
    Outcome,
    Strand,
)


def check_strand(file: str, strand: Strand) -> list[str]:
    problems: list[str] = []
    for element in strand.elements:
        at = f"element {element.id}"
        if element.id.split(".")[0] != strand.id:
            problems.append(f"{where(file, at)}: 'id' must start with the strand number {strand.id}")
        names = tuple(level.name for level in element.levels)
        if names != LEVEL_NAMES:
            problems.append(
                f"{where(file, at)}: 'levels' must be exactly {', '.join(LEVEL_NAMES)} in that order, "
                f"found {', '.join(names) or 'none'}"
            )
        measure_ids = {m.id for m in element.measures}
        for measure in element.measures:
            m_at = f"measure {measure.id}"
            if measure.kind == "checklist" and not measure.items:
                problems.append(f"{where(file, at, m_at)}: 'items' must list the checklist for a checklist measure")
            if measure.kind != "checklist" and measure.items:
                problems.append(f"{where(file, at, m_at)}: 'items' is only for a checklist measure")
        minimums: dict[str, list[tuple[str, float]]] = {}
        for level in element.levels:
            for number, criterion in enumerate(level.criteria, start=1):
                c_at = (at, f"level {level.name}", f"criterion {number}")
                if criterion.measure is not None:
                    if criterion.measure not in measure_ids:
                        problems.append(
                            f"{where(file, *c_at)}: 'measure' refers to {criterion.measure!r}, "
                            f"which element {element.id} does not define"
                        )
                    if criterion.minimum is None:
                        problems.append(f"{where(file, *c_at)}: 'minimum' is missing for a measure criterion")
                    else:
                        minimums.setdefault(criterion.measure, []).append((level.name, criterion.minimum))
                elif criterion.minimum is not None:
                    problems.append(f"{where(file, *c_at)}: 'minimum' is only for a criterion with a 'measure'")
        for measure_id, steps in minimums.items():
            for (low_name, low), (high_name, high) in zip(steps, steps[1:]):
                if high <= low:
                    problems.append(
                        f"{where(file, at, f'measure {measure_id}')}: minimums must rise with the level, "
                        f"but {high_name} ({high:g}) is not above {low_name} ({low:g})"
                    )
        for measure_id in sorted(measure_ids - set(minimums)):
            problems.append(f"{where(file, at, f'measure {measure_id}')}: no criterion uses this measure")
    return problems


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def check_bank(
    strands: list[tuple[str, Strand]],
    outcomes: tuple[str, list[Outcome]],
    glossary: tuple[str, list[GlossaryTerm]],
    categories: set[str],
) -> list[str]:
    """Uniqueness across files (ids are stable keys for stored answers), and references between files."""
    problems: list[str] = []
    for file, strand in strands:
        for element in strand.elements:
            for level in element.levels:
                for number, criterion in enumerate(level.criteria, start=1):
                    for category in criterion.suggest_from:
                        if category not in categories:
                            problems.append(
                                f"{where(file, f'element {element.id}', f'level {level.name}', f'criterion {number}')}: "
                                f"'suggest_from' names {category!r}, which is not a membership category"
                            )
    seen: dict[str, str] = {}
    for file, strand in strands:
        ids = [e.id for e in strand.elements]
        ids += [m.id for e in strand.elements for m in e.measures]
        ids += [c.id for e in strand.elements for lv in e.levels for c in lv.criteria]
        for value in ids:
            if value in seen:
                problems.append(f"{file}: id {value!r} is used more than once (also in {seen[value]})")
            else:
                seen[value] = file
    for value in _duplicates(s.id for _, s in strands):
        problems.append(f"{strands[0][0]}: strand id {value!r} is used by more than one strand file")
    out_file, out_items = outcomes
    for value in _duplicates(o.id for o in out_items):
        problems.append(f"{out_file}: outcome id {value!r} is used more than once")
    glossary_file, terms = glossary
    for value in _duplicates(t.term.casefold() for t in terms):
        problems.append(f"{glossary_file}: term {value!r} is defined more than once")
    return problems
