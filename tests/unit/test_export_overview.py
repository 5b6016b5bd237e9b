"""The overview: one GFM table (strand rows, then elements), footnotes for agreed ratings, a per-strand summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_support import (
    OVERRIDE_REASON,
    PROVISIONAL,
    parse,
    sample_data,
    sample_db,
    tables,
    texts,
)

from selfeval_tui.bank import Framework, Level
from selfeval_tui.domain.judgement import SUSTAIN
from selfeval_tui.exports import markdown_overview
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.escape import normalise

__all__ = ["sample_db"]


@pytest.fixture(scope="module")
def data(sample_db: Path, framework: Framework) -> ExportData:
    return sample_data(sample_db, framework)


def test_one_row_per_strand_and_element_with_three_cells(data: ExportData, framework: Framework) -> None:
    overview = tables(parse(markdown_overview.render(data)))[0]
    assert overview[0] == ["Element", "Current rating", "Development focus"]
    strand_rows = [row for row in overview[1:] if row[1] == ""]
    assert [row[0] for row in strand_rows] == [f"Strand {s.id}: {s.title}" for s in framework.strands]
    assert len(overview) == 1 + len(framework.strands) + len(framework.elements)
    assert all(len(row) == 3 for row in overview)
    rows = {row[0].split(" ")[0]: row for row in overview[1:] if row[1]}
    assert list(rows) == [e.id for e in framework.elements]
    assert rows["1.1"][1:] == [
        "Established",
        "Full and sustainable engagement of all pupils supported by partners; "
        "Practice informs and supports other partnerships",
    ]
    assert rows["4.4"][1:] == ["Enhancing", SUSTAIN]
    assert rows["2.8"][1] == "Not yet developing"


def test_agreed_rating_is_marked_with_a_footnote_giving_computed_and_reason(data: ExportData) -> None:
    tokens = parse(markdown_overview.render(data))
    rows = {row[0].split(" ")[0]: row for row in tables(tokens)[0][1:]}
    assert rows["1.2"][1] == "Established¹"
    assert rows["1.5"][1] == "Established"  # agreed, but the same as computed: nothing to explain
    footnote = next(t for t in texts(tokens) if t.startswith("¹"))
    assert footnote == (
        "¹ 1.2 Transparent use of data: agreed as Established (best fit); the computed rating is Developed. "
        f"Reason: {normalise(OVERRIDE_REASON)}"
    )


def test_provisional_rating_is_marked_and_explained(data: ExportData) -> None:
    tokens = parse(markdown_overview.render(data))
    rows = {row[0].split(" ")[0]: row for row in tables(tokens)[0][1:]}
    assert rows[PROVISIONAL][1] == "Developing (provisional)"
    assert [r for r in rows.values() if "provisional" in r[1]] == [rows[PROVISIONAL]]
    assert any(t.startswith("A rating marked (provisional) may still rise") for t in texts(tokens))


def test_summary_counts_each_strands_elements_at_each_level(data: ExportData, framework: Framework) -> None:
    summary = tables(parse(markdown_overview.render(data)))[1]
    levels: list[Level | None] = [*Level, None]
    assert summary[0] == ["Strand", *(level.title for level in Level), "Not started"]
    for strand, row in zip(framework.strands, summary[1:-1], strict=True):
        ratings = [e.level for e in data.elements if e.strand.id == strand.id]
        assert row == [f"Strand {strand.id}: {strand.title}", *(str(ratings.count(level)) for level in levels)]
    total = summary[-1]
    assert total[0] == "All strands"
    assert [int(n) for n in total[1:]] == [sum(e.level is level for e in data.elements) for level in levels]
    assert sum(int(n) for n in total[1:]) == len(framework.elements)
