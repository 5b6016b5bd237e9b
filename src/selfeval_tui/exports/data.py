"""Everything an export shows, from the services' read model of an evaluation, judged once, as plain data.

Each exporter renders this model and nothing else, so the overview, the report,
the JSON and the CSV can never disagree about a rating, and none of them reads
the database itself. Nothing here depends on the clock: the report date is given.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from selfeval_tui.bank import Element, Framework, Level, Strand
from selfeval_tui.domain.actions import (
    Action,
    ElementPlan,
    NoAction,
    ProgressNote,
    element_plan,
)
from selfeval_tui.domain.judgement import ElementJudgement, describe_measure_value
from selfeval_tui.domain.outcomes import OutcomeRow
from selfeval_tui.domain.progress import (
    AnswerCount,
    BankQuestion,
    bank_questions,
    rating_confirmed,
)
from selfeval_tui.domain.records import Answer, Evaluation, Partnership
from selfeval_tui.domain.signoff import UNSIGNED, SignOff, date_words
from selfeval_tui.domain.workshops import WorkshopMinutes
from selfeval_tui.exports.escape import is_blank
from selfeval_tui.services.history import PartnershipHistory
from selfeval_tui.services.views import Change, EvaluationView

LIST_SEPARATOR = "; "
"""Between focus labels and member names in one cell: a semicolon, as labels may contain commas."""


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer to a bank question (criterion or measure), in bank order."""

    question: BankQuestion
    answer: Answer

    @property
    def label(self) -> str:
        source = self.question.criterion or self.question.measure
        assert source is not None
        return source.label

    @property
    def value_text(self) -> str | None:
        """A measure's value as a coordinator would say it; None for a criterion."""
        if self.question.measure is None or self.answer.value is None:
            return None
        return describe_measure_value(self.question.measure, self.answer.value)


@dataclass(frozen=True)
class ElementReport:
    """One element as every export shows it: judged once, with its answers, last year's rating and the change."""

    element: Element
    strand: Strand
    judgement: ElementJudgement
    confirmed: bool
    """The coordinator agreed a rating (or confirmed the computed one) that still stands."""
    answers: tuple[AnswerRow, ...]
    previous: Level | None
    """Last year's rating; None when there was no earlier evaluation or it left this element untouched."""
    started: bool
    """As ``domain.progress`` defines it; a not-started element has no rating, not Not yet developing."""
    change: Change | None
    """Against last year's rating (``EvaluationView.change``); None when either year left it untouched."""

    @property
    def rating(self) -> Level:
        """The rule's rating, which is Not yet developing for an element nobody started: see :attr:`level`."""
        return self.judgement.current

    @property
    def level(self) -> Level | None:
        """The current rating, or None while the element is not started."""
        return self.rating if self.started else None

    @property
    def provisional(self) -> bool:
        return self.started and self.judgement.provisional

    @property
    def focus_text(self) -> str:
        return LIST_SEPARATOR.join(self.judgement.focus_labels)

    def answer_row(self, question_id: str) -> AnswerRow | None:
        return self._answer_rows.get(question_id)

    @cached_property
    def _answer_rows(self) -> dict[str, AnswerRow]:
        """The rows by question id, made on first use: the report looks up every criterion met (17,000 in ``--all``)."""
        return {row.question.question_id: row for row in self.answers}


@dataclass(frozen=True)
class MemberGroup:
    """One membership category's names, under the bank's title for it."""

    category: str
    title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ExportData:
    """Everything one export shows about one evaluation, so that every renderer reads the same facts."""

    partnership: Partnership
    evaluation: Evaluation
    framework: Framework
    date: datetime.date
    prepared_by: str | None
    elements: tuple[ElementReport, ...]
    members: tuple[MemberGroup, ...]
    outcomes: tuple[OutcomeRow, ...]
    """The bank's key outcomes, then the local ones, judged by ``domain.outcomes``: the one progress rule."""
    previous: Evaluation | None
    answer_count: AnswerCount
    """The answers saved, counted as the chat and the start screen count them."""
    actions: tuple[Action, ...] = ()
    """The evaluation's action plan (docs/actions.md), in the order the actions were made."""
    no_actions: Mapping[tuple[str, str], NoAction] = field(default_factory=dict)
    """Focus items the partnership chose not to act on, by (element id, criterion id), with the reason."""
    progress_notes: Mapping[int, tuple[ProgressNote, ...]] = field(default_factory=dict)
    """Each action's dated progress notes, oldest first, by action id."""
    previous_actions: tuple[Action, ...] = ()
    """Last year's plan, to say in section (b) what became of it."""
    earlier_outcomes: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    """Per outcome, each earlier year's end-of-year value (its latest term, else its baseline), oldest first."""
    workshops: tuple[WorkshopMinutes, ...] = ()
    """The minutes of the year's workshops, which the board report summarises in section 2."""
    sign_off: SignOff = UNSIGNED
    """Signed off (locked) or not: every paper says which (docs/signoff.md)."""

    @property
    def sign_off_text(self) -> str:
        """"Signed off by chair on 15 July 2027: comment", or "Draft: not signed off" (with the state if submitted)."""
        signed = self.sign_off.signed
        if signed is None:
            state = self.sign_off.state
            return "Draft: not signed off" + ("" if state == "draft" else f" ({self.sign_off.words.lower()})")
        comment = signed.comment.strip()
        return self.sign_off.words + (f": {comment}" if comment else "")

    @property
    def page_mark(self) -> str:
        """What heads every Word and PDF page at the right: "Draft", or "Signed off" and its date (no names: it is CSS in the PDF)."""
        signed = self.sign_off.signed
        if signed is None:
            return "Draft"
        return f"Signed off {date_words(signed.signed_on or signed.changed_at.date())}"
    history: PartnershipHistory | None = None
    """The partnership's years up to this one (the report's multi-year table); read for the report only."""

    def by_strand(self) -> list[tuple[Strand, tuple[ElementReport, ...]]]:
        return [
            (strand, tuple(e for e in self.elements if e.strand.id == strand.id)) for strand in self.framework.strands
        ]

    def plan(self, report: ElementReport) -> ElementPlan:
        """The element's plan: each item of its current development focus with its actions, or why it has none."""
        focus = [(state.criterion.id, state.criterion.label) for state in report.judgement.focus] if report.started else []
        reasons = {criterion: reason for (element, criterion), reason in self.no_actions.items() if element == report.element.id}
        return element_plan(report.element.id, report.element.title, focus, self.actions, reasons)


def gather(
    view: EvaluationView,
    *,
    date: datetime.date,
    prepared_by: str | None = None,
    history: PartnershipHistory | None = None,
) -> ExportData:
    """Judge the services' read model of one evaluation once, in bank order, for the renderers."""
    framework, answers, judgements = view.framework, view.answers, view.judgements
    elements = []
    for strand in framework.strands:
        for element in strand.elements:
            questions = bank_questions(element)
            judgement = view.judgement(element)
            elements.append(
                ElementReport(
                    element=element,
                    strand=strand,
                    judgement=judgement,
                    confirmed=rating_confirmed(element, answers, judgements, judgement.computed),
                    answers=tuple(AnswerRow(q, answers[q.question_id]) for q in questions if q.question_id in answers),
                    previous=view.previous_levels.get(element.id),
                    started=view.started(element),
                    change=view.change(element, judgement),
                )
            )
    return ExportData(
        partnership=view.partnership,
        evaluation=view.evaluation,
        framework=framework,
        date=date,
        prepared_by=None if prepared_by is None or is_blank(prepared_by) else prepared_by,
        elements=tuple(elements),
        members=_members(framework, view.members),
        outcomes=tuple(view.outcomes),
        previous=view.previous,
        answer_count=view.answer_count,
        actions=view.actions,
        no_actions=view.no_actions,
        progress_notes=view.progress_notes,
        previous_actions=view.previous_actions,
        earlier_outcomes=view.earlier_outcomes,
        workshops=view.workshops,
        sign_off=view.sign_off,
        history=history,
    )


def _members(framework: Framework, stored: Mapping[str, list[str]]) -> tuple[MemberGroup, ...]:
    """The bank's categories in its order (empty ones too), then any the bank no longer has."""
    titles = {c.id: c.title for c in framework.membership}
    categories = [*titles, *sorted(set(stored) - set(titles))]
    return tuple(
        MemberGroup(c, titles.get(c, c), tuple(n for n in stored.get(c, []) if not is_blank(n))) for c in categories
    )
