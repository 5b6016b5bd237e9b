"""The board paper: statutory sections, membership, outcomes, overview, changes and per-element evidence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from selfeval_tui.core.exports import markdown_report
from selfeval_tui.core.exports.data import ExportData
from selfeval_tui.core.exports.escape import normalise
from selfeval_tui.core.framework import Framework
from test_export_support import (
    HOSTILE_NOTE,
    MEMBERS,
    NOTES,
    PREVIOUS_YEAR,
    parse,
    sample_data,
    sample_db,
    tables,
    texts,
)

__all__ = ["sample_db"]


@pytest.fixture(scope="module")
def data(sample_db: Path, framework: Framework) -> ExportData:
    return sample_data(sample_db, framework)


def headings(markdown: str, level: int) -> list[str]:
    tokens = parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == f"h{level}"]


def test_sections_follow_section_248_4(data: ExportData) -> None:
    report = markdown_report.render(data)
    assert headings(report, 1) == ["North Leeds: behaviour and attendance partnership report, 2026/27"]
    assert headings(report, 2) == [
        "About this report",
        "1. Membership",
        "2. The arrangements and what has been done (section 248(4)(a))",
        "3. How effective the arrangements have been (section 248(4)(b))",
        "4. What is proposed next (section 248(4)(c))",
        "Appendix: the self-evaluation element by element",
    ]
    assert headings(report, 3)[:3] == ["3.1 Key outcomes", "3.2 Self-evaluation overview", f"3.3 Changes since {PREVIOUS_YEAR}"]
    prompts = [t for t in texts(parse(report)) if t.startswith("Coordinator: ")]
    assert len(prompts) == 4  # (a), (b) twice, (c): each a quoted place for the coordinator's own words


def test_title_block_names_partnership_authority_year_date_and_author(data: ExportData) -> None:
    report = markdown_report.render(dataclasses.replace(data, prepared_by="A. Coordinator"))
    found = texts(parse(report))[1:7]
    assert found == [
        "Partnership: North Leeds",
        "Local authority: Leeds",
        "Academic year: 2026/27",
        "Date: 1 December 2027",
        "Prepared by: A. Coordinator",
        "Framework: Self-evaluation framework for B&A partnerships (annex-a-2010, version 2010)",
    ]


def test_membership_lists_every_category_with_its_members(data: ExportData, framework: Framework) -> None:
    membership = tables(parse(markdown_report.render(data)))[0]
    assert membership[0] == ["Category", "Members"]
    titles = {c.id: c.title for c in framework.membership}
    assert membership[1:] == [[titles[c.id], "; ".join(MEMBERS.get(c.id, [])) or "none recorded"] for c in framework.membership]


def test_key_outcomes_show_values_target_and_change(data: ExportData) -> None:
    outcomes = tables(parse(markdown_report.render(data)))[1]
    assert outcomes[0] == ["Outcome", "Baseline", "Term 1", "Term 2", "Term 3", "Target", "Change"]
    rows = {row[0]: row[1:] for row in outcomes[1:]}
    assert rows["To reduce overall absence across the partnership by x%"] == ["6.4%", "6.1%", "5.8%", "–", "reduce by 10%", "-9.38%"]
    assert rows["To reduce the percentage of pupils with PA by x%"][-2:] == ["reduce by 1.5 percentage points", "-0.3 percentage points"]
    assert rows["To reduce the number of permanent exclusions by x%"] == ["12", "4", "7", "9", "reduce by 20%", "-25%"]
    assert rows["Breaktime incidents | local"][-2:] == ["reduce (amount not set)", "–"]
    assert rows["To improve pupils perceptions of the schools in the partnership"][-2:] == ["not set", "–"]


def test_without_outcomes_or_previous_year_the_paper_says_so(data: ExportData) -> None:
    bare = dataclasses.replace(data, outcomes=(), previous=None, elements=tuple(dataclasses.replace(e, previous=None) for e in data.elements))
    found = texts(parse(markdown_report.render(bare)))
    assert "Key outcomes: not recorded for this evaluation (no baseline, termly values or targets yet)." in found
    assert "There is no earlier evaluation of this partnership to compare with." in found
    assert "3.3 Changes since last year" in found


def test_changes_since_last_year_are_up_down_or_same(data: ExportData) -> None:
    report = markdown_report.render(data)
    changes = next(t for t in tables(parse(report)) if t[0][-1] == "Change" and t[0][1] == PREVIOUS_YEAR)
    rows = {row[0].split(" ")[0]: row[1:] for row in changes[1:]}
    assert rows["1.1"] == ["Developed", "Established", "up"]
    assert rows["3.3"] == ["Established", "Developed", "down"]
    assert rows["2.2"] == ["Developed", "Developed", "same"]
    assert rows["4.3"] == ["not evaluated", "Established", "not evaluated last year"]
    assert "Up: 13. Down: 1. Same: 6. Not evaluated last year: 1." in texts(parse(report))


def test_each_element_has_rating_explanation_evidence_and_focus(data: ExportData) -> None:
    found = texts(parse(markdown_report.render(data)))
    start = found.index("1.1 Engagement of all schools", found.index("Appendix: the self-evaluation element by element"))
    section = found[start : found.index("1.2 Transparent use of data", start)]
    assert section[1] == "Rating: Established. Last year: Developed (up)."
    assert section[2] == "Why this rating" and section[3].startswith("Developing, Developed and Established are secured")
    assert f"Developing: Partnership details are publicised. Evidence: {normalise(HOSTILE_NOTE)}" in section
    assert f"Developed: A collaborative leadership forum is established. Evidence: {NOTES['1.1.developed.1']}" in section
    assert section[-2:] == [
        "Full and sustainable engagement of all pupils supported by partners (partly met). "
        "Evidence: Partly in place; see action plan",
        "Practice informs and supports other partnerships (not met)",
    ]


def test_measures_carried_answers_and_unconfirmed_ratings_are_shown(data: ExportData) -> None:
    found = texts(parse(markdown_report.render(data)))
    assert (
        "Developed: At least 85% of managed moves are successful; measured: 26 of 30 (87%). "
        "Evidence: Figures from the managed moves log"
    ) in found
    assert "Developing: The partnership is identifying current provision (carried forward from last year, not yet confirmed)" in found
    assert "Rating: Developed. Last year: Developed (same). Not yet confirmed by the coordinator." in found


def test_user_text_that_looks_like_markdown_stays_text(data: ExportData) -> None:
    """A note starting '- ' with a '# ' line must not become a list or a heading inside the list item."""
    tokens = parse(markdown_report.render(data))
    assert (
        "Developing: The annual report describes the work of the partnership. "
        "Evidence: - Report went to the Board in December / # and was noted"
    ) in texts(tokens)
    assert max(t.level for t in tokens if t.type == "bullet_list_open") == 0
