"""How the bundled bank reads particular sentences of the 2010 text (questions/README.md).

Each test pins one reading that was once wrong: a permissive sentence asked as a
requirement, a question narrower than its descriptor, a band of shares that one
yes/no let through, a unit or a glossary meaning that did not follow the guidance,
and labels that did not say what their criterion says.
"""

from __future__ import annotations

import re

import pytest
from judgement_support import answer

from selfeval_tui.bank import Criterion, Element, Framework, Level
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.records import Answer, Status


def _element(framework: Framework, element_id: str) -> Element:
    element = framework.element(element_id)
    assert element is not None
    return element


def _criterion(framework: Framework, criterion_id: str) -> Criterion:
    found = [c for e in framework.elements for lv in e.levels for c in lv.criteria if c.id == criterion_id]
    assert len(found) == 1, criterion_id
    return found[0]


def test_a_sentence_of_what_may_be_is_not_asked_as_a_requirement(framework: Framework) -> None:
    """2.1 Developing: 'Some of the partners may have established such opportunities ...' describes the level."""
    permissive = [
        c.id
        for e in framework.elements
        for lv in e.levels
        for c in lv.criteria
        if all(re.search(r"\bmay\b", s) for s in re.split(r"(?<=\.)\s+", c.source))
    ]
    assert permissive == []
    developing = _element(framework, "2.1").levels[0]
    assert [c.question for c in developing.criteria] == [
        "Does your partnership have clear and consistent teaching and learning aims?"
    ]


def test_1_4_enhancing_asks_about_all_pupils_in_the_partnership(framework: Framework) -> None:
    criterion = _criterion(framework, "1.4.enhancing.1")
    assert criterion.measure is None
    assert "all pupils in the partnership" in criterion.question.casefold()
    assert "Fair Access Protocol" not in criterion.question
    assert criterion.label.casefold().startswith("all pupils in the partnership")


@pytest.mark.parametrize(("at_380", "level"), [(95, Level.ESTABLISHED), (100, Level.ENHANCING)])
def test_1_4_enhancing_needs_every_fair_access_pupil_at_380_sessions(
    framework: Framework, at_380: float, level: Level
) -> None:
    """Yes to 'all pupils in the partnership' does not reach Enhancing while the share given for them is lower."""
    answers = _fap_answers(framework, at_380, 100, 100)
    answers.update({c: answer(c, Status.MET) for c in ("1.4.enhancing.1", "1.4.enhancing.2")})
    assert judge(_element(framework, "1.4"), answers).computed is level


def _fap_answers(framework: Framework, at_380: float, at_360: float, at_350: float) -> dict[str, Answer]:
    """Every yes/no criterion of 1.4 up to Established met, and the three shares as given."""
    element = _element(framework, "1.4")
    answers = {
        c.id: answer(c.id, Status.MET) for lv in element.levels[:3] for c in lv.criteria if c.measure is None
    }
    for measure_id, value in (("1.4.sessions-380", at_380), ("1.4.sessions-360", at_360), ("1.4.sessions-350", at_350)):
        answers[measure_id] = answer(measure_id, value=value)
    return answers


@pytest.mark.parametrize(
    ("at_380", "at_360", "at_350", "level"),
    [
        (75, 75, 100, Level.DEVELOPING),  # 25% with only 350 sessions: beyond Developed's 1% to 10%
        (75, 90, 100, Level.DEVELOPED),  # 75 / 15 / 10
        (89, 100, 100, Level.DEVELOPED),  # 89 / 11 / 0
        (80, 92, 97, Level.DEVELOPING),  # 3% below 350 sessions
        (90, 95, 100, Level.ESTABLISHED),  # 90 / 5 / 5
        (95, 100, 100, Level.ESTABLISHED),  # 95 / 5
        (92, 93, 100, Level.DEVELOPED),  # 7% with only 350: Established has 5% at 360
        (100, 100, 100, Level.ESTABLISHED),  # Enhancing is about all pupils in the partnership, asked yes/no
    ],
)
def test_1_4_judges_the_shares_of_sessions(
    framework: Framework, at_380: float, at_360: float, at_350: float, level: Level
) -> None:
    element = _element(framework, "1.4")
    assert judge(element, _fap_answers(framework, at_380, at_360, at_350)).computed is level


def test_2_5_established_reads_all_young_people_as_every_school(framework: Framework) -> None:
    criterion = _criterion(framework, "2.5.established.1")
    assert (criterion.measure, criterion.minimum) == ("2.5.core-offer", 100)
    assert "all schools" in criterion.label and "young people" in criterion.label
    assert "100%" in criterion.question and "young people" in criterion.question


def test_disproportionality_of_exclusions_is_a_number_of_exclusions(framework: Framework) -> None:
    """Guidance para 33: 'reduce the number of permanent and fixed period exclusions for specific pupil groups'."""
    outcome = next(o for o in framework.outcomes if o.id == "exclusion-disproportionality")
    assert (outcome.direction, outcome.unit) == ("reduce", "count")


@pytest.mark.parametrize(
    ("term", "phrases"),
    [
        ("SSP", ["formal arrangement with the police", "police officers work with a school or schools", "para 59"]),
        ("NPSLBA", ["Specialist Leaders in Behaviour and Attendance", "para 48"]),
        ("FAP", ["provision for the admission of 'hard to place' pupils", "locally agreed criteria", "para 62"]),
    ],
)
def test_glossary_meanings_follow_the_guidance(framework: Framework, term: str, phrases: list[str]) -> None:
    meaning = next(t.meaning for t in framework.glossary if t.term == term)
    assert [p for p in phrases if p not in meaning] == []
    assert "reduce crime" not in meaning and "Leaders of" not in meaning and "quickly and fairly" not in meaning


@pytest.mark.parametrize(
    ("criterion_id", "words"),
    [
        ("3.3.enhancing.1", ["nature, type and funding", "support services"]),
        ("4.1.developing.2", ["applicants'", "permission"]),
        ("2.6.developed.2", ["interventions", "targeted resources"]),
        ("1.6.established.1", ["staff, curriculum", "excluded over six days"]),
    ],
)
def test_labels_say_what_their_criterion_says(framework: Framework, criterion_id: str, words: list[str]) -> None:
    label = _criterion(framework, criterion_id).label
    assert [w for w in words if w not in label] == []


def test_no_two_criteria_of_an_element_share_a_label(framework: Framework) -> None:
    """A development focus or a list of criteria met never shows the same line twice (3.1 repeats sentences)."""
    repeated = []
    for element in framework.elements:
        labels = [c.label for lv in element.levels for c in lv.criteria]
        repeated.extend(f"{element.id}: {label}" for label in sorted(set(labels)) if labels.count(label) > 1)
    assert repeated == []
