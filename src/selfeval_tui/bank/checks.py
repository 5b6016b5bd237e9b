"""Checks that span a whole bank and so cannot be expressed on a single pydantic field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from selfeval_tui.bank.errors import where
from selfeval_tui.bank.files import FrameworkFile
from selfeval_tui.domain.framework import (
    LEVEL_NAMES,
    GlossaryTerm,
    Outcome,
    Strand,
)

RESERVED_SUFFIXES = {".judgement": "the agreed rating of an element"}
RESERVED_PREFIXES = {
    "membership.": "the members of a membership category",
    "outcome.": "an outcome's target and values",
    "outcomes.": "the partnership's local outcomes",
}
"""Question ids selfeval itself stores answers under (conversation/: steps.py, sections.py).

Criteria and measures are stored by their ids in the same table, so a bank id
such as ``1.1.judgement`` or ``membership.secondary`` would share a row with the
app's own answer and overwrite it. Compared without regard to case.
"""


def reserved_use(question_id: str) -> str | None:
    """What selfeval stores under ``question_id`` when it is one of its own ids, else None."""
    folded = question_id.casefold()
    for suffix, use in RESERVED_SUFFIXES.items():
        if folded.endswith(suffix):
            return use
    for prefix, use in RESERVED_PREFIXES.items():
        if folded.startswith(prefix):
            return use
    return None


def check_file_names(file: str, index: FrameworkFile) -> list[str]:
    """Every file ``framework.toml`` names must be a plain ``.toml`` name in the bank folder.

    A path such as ``../../etc/passwd`` would read a file outside the bank, and
    one in a subfolder would escape the cache key, which covers the folder's own
    ``*.toml`` files.
    """
    named = [(f"strands[{n}]", name) for n, name in enumerate(index.strands, start=1)]
    named += [("outcomes", index.outcomes), ("membership", index.membership), ("glossary", index.glossary)]
    return [
        f"{file}: '{field}' names {name!r}, which is not a file in the bank folder "
        "(give the plain name of a .toml file beside framework.toml)"
        for field, name in named
        if not _plain_toml_name(name)
    ]


def _plain_toml_name(name: str) -> bool:
    return (
        name.endswith(".toml")
        and not name.startswith(".")
        and not any(separator in name for separator in ("/", "\\", ":", "\0"))
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
            problems.extend(_reserved(where(file, at, m_at), measure.id))
            if measure.kind == "checklist" and not measure.items:
                problems.append(f"{where(file, at, m_at)}: 'items' must list the checklist for a checklist measure")
            if measure.kind != "checklist" and measure.items:
                problems.append(f"{where(file, at, m_at)}: 'items' is only for a checklist measure")
        minimums: dict[str, list[tuple[str, float]]] = {}
        for level in element.levels:
            for number, criterion in enumerate(level.criteria, start=1):
                c_at = (at, f"level {level.name}", f"criterion {number}")
                problems.extend(_reserved(where(file, *c_at), criterion.id))
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


def _reserved(at: str, question_id: str) -> list[str]:
    use = reserved_use(question_id)
    if use is None:
        return []
    return [f"{at}: 'id' {question_id!r} is reserved: selfeval stores {use} under ids like it; choose another id"]


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
