"""Each clause of the judgement rule (docs/judgement.md), as a table of cases."""

from __future__ import annotations

import pytest
from judgement_support import agreed, answer, met_all, sample_element

from selfeval_tui.bank import Level
from selfeval_tui.domain.judgement import SUSTAIN, judge
from selfeval_tui.domain.records import Status

E = sample_element()
MET, PARTLY, NOT_MET, NOT_SURE, NA = (
    Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_SURE, Status.NOT_APPLICABLE,
)


def with_(answers, *changes):
    merged = dict(answers)
    for qid, status, *rest in changes:
        merged[qid] = answer(qid, status, note=rest[0] if rest else "")
    return merged


@pytest.mark.parametrize(
    ("case", "answers", "rating", "provisional", "focus"),
    [
        ("nothing answered", {}, Level.NOT_YET, True, ["Developing one", "Developing two"]),
        ("developing partly met", with_({}, ("9.9.developing.1", MET), ("9.9.developing.2", PARTLY)),
         Level.NOT_YET, False, ["Developing two"]),
        ("developing secured, developed blocked by the measure", met_all(E, 2, share=40),
         Level.DEVELOPING, False, ["Developed share"]),
        ("measure at the minimum satisfies the level", met_all(E, 2, share=50), Level.DEVELOPED, False,
         ["Established share", "Established one"]),
        ("higher value satisfies lower levels", met_all(E, 3, share=80), Level.ESTABLISHED, False,
         ["Enhancing share", "Enhancing one"]),
        ("everything met", met_all(E, 4, share=100), Level.ENHANCING, False, []),
        ("partly is listed before not met", with_(met_all(E, 1, share=40), ("9.9.developed.1", PARTLY)),
         Level.DEVELOPING, False, ["Developed one", "Developed share"]),
        ("not sure keeps the rating provisional", with_(met_all(E, 1), ("9.9.developed.1", NOT_SURE)),
         Level.DEVELOPING, True, ["Developed one", "Developed share"]),
        ("n/a with a note takes the criterion out", with_({}, ("9.9.developing.1", MET), ("9.9.developing.2", NA, "no such schools")),
         Level.DEVELOPING, True, ["Developed one", "Developed share"]),
        ("n/a without a note counts as unanswered", with_({}, ("9.9.developing.1", MET), ("9.9.developing.2", NA)),
         Level.NOT_YET, True, ["Developing two"]),
    ],
)
def test_rating_provisional_and_focus(case, answers, rating, provisional, focus) -> None:
    result = judge(E, answers)
    assert result.computed == rating, case
    assert result.current == rating
    assert result.provisional is provisional, case
    assert [c.criterion.label for c in result.focus] == focus, case


def test_blocking_answer_at_next_level_makes_unknowns_irrelevant() -> None:
    answers = with_(met_all(E, 1), ("9.9.developed.1", NOT_MET))
    result = judge(E, answers)
    assert result.computed == Level.DEVELOPING
    assert not result.provisional and result.open_questions == ()


def test_provisional_names_the_open_questions() -> None:
    result = judge(E, with_(met_all(E, 1), ("9.9.developed.1", MET)))
    assert [c.criterion.id for c in result.open_questions] == ["9.9.developed.2"]
    assert any(line.startswith("Provisional: still unanswered or not sure: Developed share") for line in result.explanation)


def test_enhancing_focus_is_to_sustain_and_share() -> None:
    result = judge(E, met_all(E, 4, share=100))
    assert result.focus == ()
    assert result.focus_labels == (SUSTAIN,)
    assert "Every level is secured" in result.explanation[1]


def test_uneven_profile_is_flagged() -> None:
    answers = with_(met_all(E, 3, share=80), ("9.9.developed.1", NOT_MET))
    result = judge(E, answers)
    assert result.computed == Level.DEVELOPING
    assert result.uneven == (Level.ESTABLISHED,)
    assert "Uneven profile: Established is secured although Developed is not." in result.explanation


def test_agreed_rating_overrides_and_keeps_the_computed_one() -> None:
    result = judge(E, met_all(E, 1), agreed("9.9", 2, "Moderated at the October workshop"))
    assert result.computed == Level.DEVELOPING
    assert result.current == Level.DEVELOPED
    assert result.overridden
    assert result.explanation[-1] == (
        "Agreed rating Developed (best fit) replaces the computed Developing. Reason: Moderated at the October workshop"
    )


def test_explanation_reads_like_a_board_paper() -> None:
    answers = with_(met_all(E, 2, share=60), ("9.9.established.1", PARTLY))
    lines = judge(E, answers).explanation
    assert lines[0] == "Developing and Developed are secured: every applicable criterion is met, so the computed rating is Developed."
    assert lines[1] == "Established is not secured (partly met: Established one; not met: Share: 60%, below the 75% this level needs)."


def test_nothing_secured_explanation() -> None:
    assert judge(E, {}).explanation[0] == "No level is secured yet, so the computed rating is Not yet developing."
