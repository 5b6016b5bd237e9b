"""Properties of the rule over the real bank: monotone in answers; focus empty only at Enhancing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from judgement_support import answer

from selfeval_tui.bank import Level, load_framework
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.records import Status

FRAMEWORK = load_framework()
STATUSES = st.sampled_from([None, *Status])


@st.composite
def element_answers(draw):
    element = draw(st.sampled_from(FRAMEWORK.elements))
    answers = {}
    for level in element.levels:
        for criterion in level.criteria:
            if criterion.measure is not None:
                continue
            status = draw(STATUSES)
            if status is not None:
                note = draw(st.sampled_from(["", "because"]))
                answers[criterion.id] = answer(criterion.id, status, note=note)
    for measure in element.measures:
        if draw(st.booleans()):
            if measure.kind == "percent":
                value = draw(st.floats(0, 100))
            elif measure.kind == "checklist":
                value = draw(st.lists(st.sampled_from(measure.items), unique=True))
            else:
                moves = draw(st.integers(1, 50))
                value = {"moves": moves, "successes": draw(st.integers(0, moves))}
            answers[measure.id] = answer(measure.id, value=value)
    return element, answers


@settings(max_examples=300, deadline=None)
@given(element_answers(), st.data())
def test_turning_an_answer_to_met_never_lowers_the_rating(case, data) -> None:
    element, answers = case
    before = judge(element, answers).computed
    candidates = sorted(q for q, a in answers.items() if a.status in (Status.NOT_MET, Status.PARTLY, Status.NOT_SURE))
    if not candidates:
        return
    question = data.draw(st.sampled_from(candidates))
    improved = {**answers, question: answer(question, Status.MET)}
    assert judge(element, improved).computed >= before


@settings(max_examples=300, deadline=None)
@given(element_answers())
def test_focus_is_empty_only_at_enhancing(case) -> None:
    element, answers = case
    result = judge(element, answers)
    assert (result.focus == ()) == (result.computed == Level.ENHANCING)
