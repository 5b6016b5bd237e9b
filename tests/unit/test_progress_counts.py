"""One definition of an element's questions, its progress and the answer count, said the same everywhere.

The question tag (``1.3 Developed 2/4``), the outline's ``answered/total``, the
chat's "Welcome back", /summary, the start screen and the report all read
``core.conversation.progress``; these tests hold them to it at the same moment.
"""

from __future__ import annotations

import datetime
import re

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.conversation.progress import (
    answer_count,
    element_progress,
    element_started,
)
from selfeval_tui.exports import markdown_report
from selfeval_tui.exports.data import gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store

TAG = re.compile(r"(?P<element>\d\.\d) \w+ (?P<index>\d+)/(?P<total>\d+)")


def progress_of(session: Session, store: Store, evaluation: Evaluation, element_id: str):
    element = next(e for e in session.framework.elements if e.id == element_id)
    return element_progress(element, store.answers(evaluation.id), store.judgements(evaluation.id), session.conversation.mode)


def test_the_tag_and_the_outline_count_the_same_questions_at_every_step(
    new_session, store: Store, evaluation: Evaluation
) -> None:
    """Adaptive on 1.3 (its total grows as levels are secured: 1, 3, 6, 9), thorough on 4.2 (12 from the start)."""
    for mode, element_id, totals in ((Mode.ADAPTIVE, "1.3", {1, 3, 6, 9}), (Mode.THOROUGH, "4.2", {12})):
        session = new_session(mode)
        session.start()
        turn = session.handle(f"/jump {element_id}")
        seen_totals = set()
        while turn.question is not None and turn.question.kind != "judgement":
            tag = TAG.fullmatch(turn.question.tag)
            assert tag is not None and tag["element"] == element_id
            progress = progress_of(session, store, evaluation, element_id)
            assert (progress.answered, progress.total) == (int(tag["index"]) - 1, int(tag["total"]))
            seen_totals.add(progress.total)
            turn = session.handle("yes")
        progress = progress_of(session, store, evaluation, element_id)
        assert progress.answered == progress.total == max(totals)
        assert seen_totals == totals


def test_the_rating_question_is_not_one_of_the_elements_questions(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/jump 4.4")
    assert turn.question.tag == "4.4 Developing 1/1"
    assert progress_of(session, store, evaluation, "4.4").total == 1


def test_an_element_is_started_by_an_answer_or_an_agreed_rating_and_not_otherwise(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    first, second, third = framework.elements[:3]
    store.save_answer(evaluation.id, "1.1.developing.1", status=Status.NOT_MET, by="coordinator")
    store.save_judgement(evaluation.id, second.id, 2, "seen at the review", by="coordinator")
    answers, judgements = store.answers(evaluation.id), store.judgements(evaluation.id)
    assert element_started(first, answers, judgements) and element_started(second, answers, judgements)
    assert not element_started(third, answers, judgements)
    assert element_progress(third, answers, judgements, Mode.ADAPTIVE).level is None


def test_the_answer_count_is_criteria_and_measures_only_with_carried_forward_apart(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    store.save_answer(evaluation.id, "1.1.developing.1", status=Status.MET, by="coordinator")
    store.save_answer(evaluation.id, "1.4.sessions-380", status=None, value=87.0, by="coordinator")
    store.save_answer(evaluation.id, "1.1.judgement", status=Status.MET, value=0.0, by="coordinator")  # agreeing a rating: not an answer
    store.save_answer(evaluation.id, "members.secondary", status=Status.MET, by="coordinator")  # membership: not an answer
    count = answer_count(framework, store.answers(evaluation.id))
    assert (count.confirmed, count.carried) == (2, 0)
    assert count.text == "2 answers saved"


def test_the_chat_the_report_and_the_start_screen_say_the_same_count(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    partnership = store.partnership_by_id(evaluation.partnership_id)
    for question_id in ("1.1.developing.1", "1.1.developing.2", "1.1.developing.3"):
        store.save_answer(evaluation.id, question_id, status=Status.MET, by="coordinator")
    later = store.create_evaluation(partnership.id, "2027/28", framework.id, framework.hash, carry_forward_from=evaluation.id, by="coordinator")
    store.save_answer(later.id, "1.1.developing.1", status=Status.MET, by="coordinator")  # one confirmed, two still carried forward
    said = "1 answer saved (and 2 carried forward from last year, to confirm)"
    assert answer_count(framework, store.answers(later.id)).text == said

    welcome = Session(Services(store), framework, later, Mode.ADAPTIVE, actor=Actor("coordinator")).start().messages[0].text
    assert welcome.startswith(f"Welcome back. {said}, and 0 of 21 elements are complete.")
    report = markdown_report.render(gather(Services(store).export_view(Actor("coordinator"), framework, later), date=datetime.date(2028, 7, 1)))
    assert f"has {said} to the" in report.replace("\n", " ")


def test_why_on_an_element_nobody_has_started_says_not_started_not_a_rating(new_session) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 4.4")
    why = session.handle("/why").messages[0].text
    assert "not started" in why
    assert "Not yet developing" not in why
    session.handle("yes")
    assert session.handle("/why").messages[0].text.startswith("Current rating:")
