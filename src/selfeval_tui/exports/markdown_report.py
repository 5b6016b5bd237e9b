"""The board paper: the partnership report section 248(4) asks for, filled from the evaluation.

Sections 2 to 4 are headed after section 248(4)(a)-(c) of the Apprenticeships,
Skills, Children and Learning Act 2009 (guidance chapter 4, paras 72-75). The
data fills what it can (membership, ratings, outcomes, changes, focus); the rest
is a quoted, italic "Coordinator: ..." prompt, so nothing unwritten can be
mistaken for finished text.
"""

from __future__ import annotations

from collections import Counter

from selfeval_tui.bank import Level
from selfeval_tui.domain.actions import ActionStatus
from selfeval_tui.domain.judgement import SUSTAIN, CriterionState
from selfeval_tui.domain.outcomes import OutcomeRow
from selfeval_tui.domain.records import Status
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.data import LIST_SEPARATOR, ElementReport, ExportData
from selfeval_tui.exports.escape import is_blank, strong
from selfeval_tui.exports.markdown_actions import plan_blocks, status_text
from selfeval_tui.exports.markdown_overview import overview_blocks
from selfeval_tui.exports.markdown_workshop import summary_blocks
from selfeval_tui.exports.words import (
    NOT_STARTED,
    NOTHING,
    STATUS_WORDS,
    date_text,
    element_label,
    level_counts,
    rating_text,
    strand_label,
)

CARRIED = "carried forward from last year, not yet confirmed"
_TERMS = {"term1": "term 1", "term2": "term 2", "term3": "term 3"}
STATUS_KEY = (
    "Change is from the baseline to the latest term recorded (in percentage points for outcomes measured as a "
    "percentage). Status: on track when at least a third of the targeted change has been made by term 1, two thirds "
    "by term 2 and all of it by term 3; some progress when the value has moved the right way, but by less (or by any "
    "amount, where no target amount is set); off track when it has not moved or has moved the wrong way; no data "
    "until there is a baseline and a termly value."
)
NO_OUTCOME_VALUES = "No key outcome has a baseline or termly value recorded yet, so there is no progress to report."
BANK_CHANGED = "; the question bank has changed since this evaluation was started"


def title(data: ExportData) -> str:
    return f"{data.partnership.name}: behaviour and attendance partnership report, {data.evaluation.year}"


def render(data: ExportData) -> str:
    return md.document(
        [
            md.heading(1, title(data)),
            title_block(data),
            md.heading(2, "About this report"),
            md.paragraph(
                "This is the partnership's annual report to the Children's Trust Board, as section 248(4) of the "
                "Apprenticeships, Skills, Children and Learning Act 2009 requires (guidance chapter 4, paragraphs "
                "72 to 75). Sections 2 to 4 follow the three things the Act asks for; the evidence is the "
                "partnership's self-evaluation against the Annex A framework, set out element by element in the "
                "appendix."
            ),
            md.heading(2, "1. Membership"),
            membership(data),
            md.heading(2, "2. The arrangements and what has been done (section 248(4)(a))"),
            *arrangements(data),
            md.heading(2, "3. How effective the arrangements have been (section 248(4)(b))"),
            *effectiveness(data),
            md.heading(2, "4. What is proposed next (section 248(4)(c))"),
            *proposals(data),
            md.heading(2, "Appendix: the self-evaluation element by element"),
            *appendix(data),
        ]
    )


def title_block(data: ExportData) -> str:
    authority = data.partnership.local_authority
    return md.bullets(
        [
            f"Partnership: {data.partnership.name}",
            f"Local authority: {'not recorded' if is_blank(authority) else authority}",
            f"Academic year: {data.evaluation.year}",
            f"Date: {date_text(data.date)}",
            f"Prepared by: {data.prepared_by or 'to be added by the coordinator'}",
            f"Framework: {data.framework.title} ({data.framework.id}, version {data.framework.version})"
            + (BANK_CHANGED if data.framework.hash != data.evaluation.framework_hash else ""),
        ]
    )


def membership(data: ExportData) -> str:
    rows = [[group.title, LIST_SEPARATOR.join(group.names) or "none recorded"] for group in data.members]
    return md.table(["Category", "Members"], rows)


def arrangements(data: ExportData) -> list[str]:
    members = sum(len(g.names) for g in data.members)
    answers = [row for e in data.elements for row in e.answers]
    noted = sum(1 for row in answers if not is_blank(row.answer.note))
    criteria = sum(len(lv.criteria) for e in data.elements for lv in e.judgement.levels)
    started = sum(1 for e in data.elements if e.started)
    confirmed = sum(1 for e in data.elements if e.confirmed)
    return [
        md.paragraph(
            f"The partnership has {members} member{'' if members == 1 else 's'} recorded in section 1. Its self-evaluation for "
            f"{data.evaluation.year} has {data.answer_count.text} to the {criteria} criteria of the Annex A framework, "
            f"{noted} of them with evidence notes, covering {started} of its {len(data.elements)} elements; the "
            f"coordinator has confirmed {confirmed} of the ratings. The evidence notes are listed with each element "
            "in the appendix."
        ),
        *summary_blocks(data.workshops),
        md.coordinator(
            "describe the partnership's arrangements to promote good behaviour and discipline and to reduce "
            "persistent absence, and what was done under them during the year."
        ),
    ]


def effectiveness(data: ExportData) -> list[str]:
    counts, provisional = level_counts(data.elements)
    profile = ", ".join(f"{counts[level]} {level.title}" for level in reversed(Level) if counts[level]) or "none yet"
    unstarted = f"; {counts[None]} not started" if counts[None] else ""
    return [
        md.paragraph(
            f"Current ratings of the {len(data.elements)} elements: {profile}"
            + (f" ({provisional} provisional)" if provisional else "")
            + unstarted
            + "."
        ),
        md.heading(3, "3.1 Key outcomes"),
        *outcomes(data),
        md.heading(3, "3.2 Self-evaluation overview"),
        *overview_blocks(data, 4),
        md.heading(3, f"3.3 Changes since {data.previous.year}" if data.previous else "3.3 Changes since last year"),
        *changes(data),
        *last_years_plan(data),
        md.coordinator(
            "assess how effective the arrangements have been, drawing on the key outcomes, the ratings and the "
            "changes above, with a comparison with the previous year's data."
        ),
        md.coordinator(
            "add feedback on how the Lead Behaviour School and the other Children's Trust partners contributed, "
            "and any concerns the Board should know about."
        ),
    ]


def outcomes(data: ExportData) -> list[str]:
    """The key outcomes table, then a line per outcome with values: what section 248(4)(b) asks about."""
    rows = [
        [
            row.stated_title,
            row.target_text,
            *(row.value_text(value) for value in (row.progress.baseline, *row.progress.terms)),
            row.change_text(),
            row.progress.status,
        ]
        for row in data.outcomes
    ]
    lines = [line for row in data.outcomes if (line := progress_line(row)) is not None]
    return [
        md.table(["Outcome", "Target", "Baseline", "T1", "T2", "T3", "Change", "Status"], rows),
        md.paragraph(STATUS_KEY),
        md.bullets(lines) if lines else md.paragraph(NO_OUTCOME_VALUES),
    ]


def progress_line(row: OutcomeRow) -> str | None:
    """One sentence on the outcome for the Board, or None when nothing is recorded (the table says "no data")."""
    progress = row.progress
    if progress.latest is None:
        if progress.baseline is None:
            return None
        return f"{row.stated_title}: {row.value_text(progress.baseline)} at baseline; no termly value yet."
    assert progress.latest_period is not None
    latest = f"{row.value_text(progress.latest)} at {_TERMS[progress.latest_period]}"
    if progress.baseline is None:
        return f"{row.stated_title}: {latest}; no baseline recorded, so no change to measure yet."
    # The rule's own target value, not the stored row, decides: an amount of 0 or none is judged on direction only.
    judged = (
        f"against a target to {row.target_text}"
        if progress.target is not None
        else "(no target amount set, so judged on direction only)"
    )
    return (
        f"{row.stated_title}: {row.value_text(progress.baseline)} at baseline, {latest} (change {row.change_text()}): "
        f"{progress.status} {judged}."
    )


def changes(data: ExportData) -> list[str]:
    if data.previous is None:
        return [md.paragraph("There is no earlier evaluation of this partnership to compare with.")]
    rows = [
        [
            element_label(e.element),
            e.previous.title if e.previous is not None else "not evaluated",
            e.rating.title if e.started else NOT_STARTED,
            e.change or ("not evaluated last year" if e.started else NOT_STARTED.lower()),
        ]
        for e in data.elements
    ]
    tally = Counter(e.change for e in data.elements)
    summary = f"Up: {tally['up']}. Down: {tally['down']}. Same: {tally['same']}."
    if tally[None]:
        summary += f" Not evaluated last year: {tally[None]}."
    return [md.table(["Element", data.previous.year, data.evaluation.year, "Change"], rows), md.paragraph(summary)]


def proposals(data: ExportData) -> list[str]:
    rows = [
        [element_label(e.element), _next_level(e), LIST_SEPARATOR.join(_focus(e, evidence=False))]
        for e in data.elements
    ]
    return [
        md.paragraph("The development focus of each element: what would secure its next level."),
        md.table(["Element", "Next level to secure", "Development focus (status)"], rows),
        md.heading(3, "4.1 Action plan"),
        *(plan_blocks(data, 4) if data.actions or data.no_actions else [md.paragraph(NO_PLAN)]),
        md.coordinator(
            "set out what the partnership proposes to do next under the arrangements, including its locally "
            "agreed aims and outcomes for the following year."
        ),
    ]


NO_PLAN = "No actions are recorded for this year's development focus yet."


def last_years_plan(data: ExportData) -> list[str]:
    """What became of each action of last year's plan: done, dropped and why, or carried into this year's."""
    if data.previous is None or not data.previous_actions:
        return []
    continued = {a.carried_from: a for a in data.actions if a.carried_from is not None}
    rows = []
    for action in data.previous_actions:
        outcome = action.status.words
        if action.status is ActionStatus.DROPPED and action.status_reason:
            outcome = f"{outcome}: {action.status_reason}"
        follow = continued.get(action.id)
        if follow is not None:
            outcome = f"Carried into {data.evaluation.year}; now {status_text(follow, data).lower()}"
        elif action.status.open:
            outcome = f"Not finished ({outcome.lower()})"
        rows.append([action.element_id, action.what, action.owner or NOTHING, outcome])
    done = sum(a.status is ActionStatus.DONE for a in data.previous_actions)
    return [
        md.heading(3, f"3.4 The {data.previous.year} action plan"),
        md.paragraph(f"{done} of the {len(data.previous_actions)} actions planned in {data.previous.year} were done."),
        md.table(["Element", "Action", "Owner", "What happened"], rows),
    ]


def _next_level(element: ElementReport) -> str:
    if not element.started:
        return NOT_STARTED
    computed = element.judgement.computed
    return "sustaining Enhancing" if computed is Level.ENHANCING else Level(computed + 1).title


def _focus(element: ElementReport, *, evidence: bool) -> list[str]:
    """Each focus criterion with its status (and, with ``evidence``, its value and note)."""
    if not element.started:
        return [NOTHING]
    if element.judgement.computed is Level.ENHANCING:
        return [SUSTAIN]
    items = []
    for state in element.judgement.focus:
        text = f"{state.criterion.label} ({STATUS_WORDS[state.status]})"
        items.append(_with_evidence(element, state, text) if evidence else text)
    return items


def appendix(data: ExportData) -> list[str]:
    blocks: list[str] = []
    for strand, elements in data.by_strand():
        blocks.append(md.heading(3, strand_label(strand)))
        for element in elements:
            blocks.extend(element_section(element))
    return blocks


def element_section(element: ElementReport) -> list[str]:
    judgement = element.judgement
    if not element.started:
        return [md.heading(4, element_label(element.element)), md.paragraph(f"{NOT_STARTED}: nothing is answered yet.")]
    status = f"Rating: {rating_text(element)}."
    if judgement.overridden:
        status += f" Agreed as the best fit; the computed rating is {judgement.computed.title}."
    if element.previous is not None:
        status += f" Last year: {element.previous.title} ({element.change})."
    if not element.confirmed:
        status += " Not yet confirmed by the coordinator."
    met = [
        _with_evidence(element, state, f"{level.level.title}: {state.criterion.label}")
        for level in judgement.levels
        for state in level.criteria
        if state.status is Status.MET
    ]
    return [
        md.heading(4, element_label(element.element)),
        md.paragraph(status),
        md.paragraph(strong("Why this rating")),
        md.bullets(judgement.explanation),
        md.paragraph(strong("Criteria met, with evidence")),
        md.bullets(met) if met else md.paragraph("None yet."),
        md.paragraph(strong("Development focus")),
        md.bullets(_focus(element, evidence=True)),
    ]


def _with_evidence(element: ElementReport, state: CriterionState, text: str) -> str:
    """A criterion with its measure value, evidence note and whether the answer is last year's."""
    row = element.answer_row(state.criterion.measure or state.criterion.id)
    if row is not None and row.value_text is not None:
        text += f"; measured: {row.value_text}"
    if not is_blank(state.note):
        text += f". Evidence: {state.note}"
    if row is not None and row.answer.carried_forward:
        text += f" ({CARRIED})"
    return text
