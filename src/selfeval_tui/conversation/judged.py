"""Each element's judgement, remembered by the answers it was made from.

A reply changes one answer, but choosing the next question, the tag, the
rating question and the summaries all ask for every element's judgement. Judging
an element again only when one of its own answers (or its agreed rating) has
changed makes a turn cost one judgement, not one per element per use.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfeval_tui.bank import Element
from selfeval_tui.domain.progress import question_ids
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.records import Answer, Judgement


class Judged:
    """``judge`` with a memory of each element's latest judgement, with and without an agreed rating.

    The memory is keyed by what the rule reads (the element's answers and the
    agreed rating), never by time, so one ``Judged`` can serve every snapshot of
    a session: a judgement is reused only while its inputs are unchanged.
    """

    def __init__(self) -> None:
        self._ids: dict[str, tuple[str, ...]] = {}
        self._latest: dict[tuple[str, bool], tuple[Element, tuple[Answer | None, ...], Judgement | None, ElementJudgement]] = {}

    def __call__(
        self, element: Element, answers: Mapping[str, Answer], agreed: Judgement | None = None
    ) -> ElementJudgement:
        """The same as ``judge(element, answers, agreed)``; computed only when its inputs differ from last time."""
        ids = self._ids.get(element.id)
        if ids is None:
            ids = self._ids[element.id] = question_ids(element)
        key = tuple(answers.get(question_id) for question_id in ids)
        slot = (element.id, agreed is not None)
        latest = self._latest.get(slot)
        if latest is not None and latest[0] is element and latest[2] == agreed and latest[1] == key:
            return latest[3]
        judgement = judge(element, answers, agreed)
        self._latest[slot] = (element, key, agreed, judgement)
        return judgement
