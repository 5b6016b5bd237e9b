"""The board paper: statutory sections, membership, outcomes, overview, changes and per-element evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from export_support import (
    HOSTILE_NOTE,
    LOCAL_TITLE,
    MEMBERS,
    NOTES,
    PREVIOUS_YEAR,
    parse,
    sample_data,
    sample_db,
    tables,
    texts,
)

from selfeval_tui.bank import Framework
from selfeval_tui.domain.outcomes import outcome_rows
from selfeval_tui.exports import markdown_report
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.escape import normalise
from selfeval_tui.store import OutcomeTarget, OutcomeValue

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


def test_key_outcomes_show_target_values_change_and_status(data: ExportData, framework: Framework) -> None:
    outcomes = tables(parse(markdown_report.render(data)))[1]
    assert outcomes[0] == ["Outcome", "Target", "Baseline", "T1", "T2", "T3", "Change", "Status"]
    titles = {row.outcome_id: row.stated_title for row in data.outcomes}  # with the target in place of x%
    assert [row[0] for row in outcomes[1:]] == [*(titles[o.id] for o in framework.outcomes), LOCAL_TITLE]
    rows = {row[0]: row[1:] for row in outcomes[1:]}
    assert rows[titles["overall-absence"]] == ["reduce by 10%", "6.4%", "6.1%", "5.8%", "–", "-0.6 percentage points", "on track"]
    assert rows[titles["persistent-absence"]][-2:] == ["-0.3 percentage points", "some progress"]
    assert rows[titles["permanent-exclusions"]] == ["reduce by 20%", "12", "10", "11", "13", "+1", "off track"]
    assert rows[titles["multiple-fixed-term-exclusions"]][0] == "not set"
    assert rows[titles["ofsted-behaviour"]] == ["increase by 2", "–", "–", "–", "–", "–", "no data"]
    assert rows[LOCAL_TITLE] == ["reduce by 6", "40", "38", "36", "–", "-4", "on track"]


def test_effectiveness_has_a_line_per_outcome_with_values(data: ExportData, framework: Framework) -> None:
    found = texts(parse(markdown_report.render(data)))
    start = found.index("3.1 Key outcomes")
    lines = found[found.index(markdown_report.STATUS_KEY, start) + 1 : found.index("3.2 Self-evaluation overview")]
    titles = {row.outcome_id: row.stated_title for row in data.outcomes}
    assert lines == [
        f"{titles['overall-absence']}: 6.4% at baseline, 5.8% at term 2 (change -0.6 percentage points): "
        "on track against a target to reduce by 10%.",
        f"{titles['persistent-absence']}: 4.2% at baseline, 3.9% at term 1 (change -0.3 percentage points): "
        "some progress against a target to reduce by 1.5 percentage points.",
        f"{titles['permanent-exclusions']}: 12 at baseline, 13 at term 3 (change +1): "
        "off track against a target to reduce by 20%.",
        f"{titles['multiple-fixed-term-exclusions']}: 30 at baseline, 27 at term 1 (change -3): "
        "some progress (no target amount set, so judged on direction only).",
        f"{titles['pupil-perceptions']}: 71% at baseline; no termly value yet.",
        f"{LOCAL_TITLE}: 40 at baseline, 36 at term 2 (change -4): on track against a target to reduce by 6.",
    ]


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"baseline": 9.0, "term1": 8.0}, "X: 9% at baseline, 8% at term 1 (change -1 percentage point): on track against a target to reduce by 2 percentage points."),
        ({"term2": 8.0}, "X: 8% at term 2; no baseline recorded, so no change to measure yet."),
        ({}, None),
    ],
)  # fmt: skip
def test_progress_line_says_what_is_known(framework: Framework, values: dict[str, float], line: str | None) -> None:
    target = OutcomeTarget(
        partnership_id=1, outcome_id="x", title="X", direction="reduce", amount=2.0, unit="percentage_points",
        local=True, value_unit="percent",
    )  # fmt: skip
    recorded = [
        OutcomeValue(evaluation_id=1, outcome_id="x", period=p, value=v, recorded_by="c", recorded_at=dt.datetime(2027, 1, 1))
        for p, v in values.items()
    ]  # fmt: skip
    row = outcome_rows(framework, [target], recorded)[-1]
    assert markdown_report.progress_line(row) == line


def test_without_outcome_values_or_previous_year_the_paper_says_so(data: ExportData, framework: Framework) -> None:
    bare = dataclasses.replace(
        data,
        outcomes=tuple(outcome_rows(framework, [], [])),
        previous=None,
        elements=tuple(dataclasses.replace(e, previous=None) for e in data.elements),
    )
    report = markdown_report.render(bare)
    found = texts(parse(report))
    assert markdown_report.NO_OUTCOME_VALUES in found
    assert {row[-1] for row in tables(parse(report))[1][1:]} == {"no data"}
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
