"""Each element's rating as a row of its own, for readers that do not run selfeval (sqlite3, DuckDB, Datasette).

The engine judges an element from its answers and any agreed rating
(``domain.judgement.judge``). The store keeps the result in ``element_ratings``,
written in the same transaction as the answer or judgement that changed it, so
the table never disagrees with the engine. The store does not know the
framework; it is handed a :class:`Rater` made from it, which says which elements
a question concerns, which questions to read for an element, and the row the
rule gives. A row exists only for an element that is started
(``domain.progress.element_started``): "not started" is a state, not a rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from selfeval_tui.domain.framework import Element, Framework
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.progress import element_started, judgement_id, question_ids
from selfeval_tui.domain.records import Answer, Judgement


@dataclass(frozen=True, kw_only=True)
class ElementRating:
    """One row of ``element_ratings``: what the rule and any agreed rating make of one started element."""

    evaluation_id: int
    element_id: str
    strand_id: str
    current_rating: int
    """The agreed rating if there is one, else the computed one (0 Not yet developing to 4 Enhancing)."""
    computed_rating: int
    provisional: bool
    """Some criterion of the next level up is unanswered or 'not sure'."""
    focus: tuple[str, ...]
    """The development focus: criterion ids of the next level up not yet met, in the rule's order."""
    framework_hash: str
    """The bank the row was judged with: a row from another bank is judged again when the file is opened."""
    updated_at: datetime


class Rater:
    """The framework's part in keeping ``element_ratings``: pure, so the store may call it inside a transaction."""

    def __init__(self, framework: Framework) -> None:
        self.framework_hash = framework.hash
        self._strands = {e.id: s.id for s in framework.strands for e in s.elements}
        self._elements = {e.id: e for e in framework.elements}
        self._questions = {e.id: (*question_ids(e), judgement_id(e)) for e in framework.elements}
        concerned: dict[str, list[str]] = {}
        for element_id, questions in self._questions.items():
            for question_id in questions:
                concerned.setdefault(question_id, []).append(element_id)
        self._concerned = {q: tuple(ids) for q, ids in concerned.items()}

    @property
    def element_ids(self) -> tuple[str, ...]:
        return tuple(self._elements)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Every question an element's rating reads: an answer to any other cannot start an element."""
        return tuple(self._concerned)

    def elements_of(self, question_id: str) -> tuple[str, ...]:
        """The elements whose rating an answer to ``question_id`` can change (none for an outcome or unknown id)."""
        return self._concerned.get(question_id, ())

    def questions_of(self, element_id: str) -> tuple[str, ...]:
        """Every stored answer the rating of ``element_id`` depends on."""
        return self._questions.get(element_id, ())

    def rate(
        self,
        evaluation_id: int,
        element_id: str,
        answers: Mapping[str, Answer],
        judgement: Judgement | None,
        now: datetime,
    ) -> ElementRating | None:
        """The row for one element, or None when it is not started (or not in this framework)."""
        element = self._elements.get(element_id)
        if element is None:
            return None
        judgements = {} if judgement is None else {element_id: judgement}
        if not element_started(element, answers, judgements):
            return None
        return _row(evaluation_id, self._strands[element_id], element, answers, judgement, self.framework_hash, now)

    def rate_all(
        self, evaluation_id: int, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], now: datetime
    ) -> list[ElementRating]:
        """Every started element's row, in the framework's order: what the table holds for one evaluation."""
        rows = (self.rate(evaluation_id, e, answers, judgements.get(e), now) for e in self._elements)
        return [row for row in rows if row is not None]


def _row(
    evaluation_id: int,
    strand_id: str,
    element: Element,
    answers: Mapping[str, Answer],
    judgement: Judgement | None,
    framework_hash: str,
    now: datetime,
) -> ElementRating:
    judged = judge(element, answers, judgement, explain=False)
    return ElementRating(
        evaluation_id=evaluation_id,
        element_id=element.id,
        strand_id=strand_id,
        current_rating=int(judged.current),
        computed_rating=int(judged.computed),
        provisional=judged.provisional,
        focus=tuple(c.criterion.id for c in judged.focus),
        framework_hash=framework_hash,
        updated_at=now,
    )
