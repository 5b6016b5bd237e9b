"""The judgement grid: a column per level and exactly one mark per rated element, in its current level."""

from __future__ import annotations

from pathlib import Path

from export_support import PROVISIONAL, parse, sample_data, sample_db, tables

from selfeval_tui.bank import LEVEL_NAMES, Framework, Level
from selfeval_tui.exports import markdown_grid

__all__ = ["sample_db"]


def test_each_element_has_one_mark_in_its_current_level(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    (grid,) = tables(parse(markdown_grid.render(data)))
    assert grid[0] == ["Element", *LEVEL_NAMES]
    assert all(len(row) == 1 + len(LEVEL_NAMES) for row in grid)
    rows = {row[0].split(" ")[0]: row[1:] for row in grid[1:] if not row[0].startswith("Strand ")}
    assert list(rows) == [e.id for e in framework.elements]
    for element in data.elements:
        marks = rows[element.element.id]
        expected = markdown_grid.PROVISIONAL if element.element.id == PROVISIONAL else markdown_grid.CURRENT
        if element.rating is Level.NOT_YET:
            assert marks == [""] * len(LEVEL_NAMES)
        else:
            assert marks == [expected if i == element.rating else "" for i in range(1, len(LEVEL_NAMES) + 1)]


def test_strand_rows_head_their_elements(sample_db: Path, framework: Framework) -> None:
    (grid,) = tables(parse(markdown_grid.render(sample_data(sample_db, framework))))
    firsts = [row[0] for row in grid[1:]]
    for strand in framework.strands:
        heading = firsts.index(f"Strand {strand.id}: {strand.title}")
        assert [f.split(" ")[0] for f in firsts[heading + 1 : heading + 1 + len(strand.elements)]] == [
            e.id for e in strand.elements
        ]
