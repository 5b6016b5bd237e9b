"""Conversation flows against a real store: what is asked, what is saved, in what order."""

from __future__ import annotations

import pytest

from selfeval_tui.conversation import Mode, Session, Turn
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


def tags(session: Session, replies: list[str]) -> list[str]:
    """The tag of the question asked after each reply."""
    out = []
    for reply in replies:
        turn = session.handle(reply)
        out.append(turn.question.tag if turn.question else "done")
    return out


def test_starts_at_the_first_question_with_an_introduction(new_session) -> None:
    turn = new_session().start()
    assert turn.question is not None and turn.question.tag == "1.1 Developing 1/8"
    assert turn.question.text == "Are your partnership's details publicised?"
    headings = [m.heading for m in turn.messages]
    assert headings[1:] == ["Strand 1: Leadership and management of partnerships", "1.1 Engagement of all schools"]
    assert [q.label for q in turn.question.quick_replies] == ["Met", "Partly", "Not met", "Not sure", "N/A"]


@pytest.mark.parametrize(
    ("replies", "rating"),
    [
        (["no"], "Not yet developing"),
        (["yes", "no"], "Developing"),
        (["yes", "yes", "partly"], "Developed"),
        (["yes", "yes", "yes", "no"], "Established"),
        (["yes", "yes", "yes", "yes"], "Enhancing"),
    ],
)
def test_a_full_element_at_each_rating(new_session, store, evaluation, replies, rating) -> None:
    session = new_session()
    session.start()
    assert session.handle("/jump 4.4").question.tag == "4.4 Developing 1/1"
    for reply in replies[:-1]:
        session.handle(reply)
    turn = session.handle(replies[-1])
    assert turn.question is not None and turn.question.tag == "4.4 judgement"
    summary = next(m for m in turn.messages if m.heading == "Summary of 4.4 Sharing what works")
    assert summary.text.startswith(f"Current rating: {rating}.")
    after = session.handle("agree")
    assert "Agreed: 4.4 is " + rating in texts(after)
    saved = store.answers(evaluation.id)
    assert saved["4.4.judgement"].status is Status.MET
    assert after.question is not None and after.question.element.id == "1.1"


def test_adaptive_stops_after_the_first_level_not_secured_and_thorough_does_not(new_session) -> None:
    adaptive = new_session()
    adaptive.start()
    adaptive.handle("/jump 4.3")
    assert tags(adaptive, ["no"]) == ["4.3 judgement"]

    thorough = new_session(Mode.THOROUGH)
    thorough.start()
    thorough.handle("/jump 4.2")
    assert tags(thorough, ["no", "no", "no"]) == ["4.2 Developing 2/12", "4.2 Developing 3/12", "4.2 Developed 4/12"]


def test_a_level_not_secured_is_still_asked_to_the_end(new_session) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 4.2")
    assert tags(session, ["no", "yes", "yes"]) == ["4.2 Developing 2/3", "4.2 Developing 3/3", "4.2 judgement"]


def test_unknown_reply_is_reasked_and_not_saved(new_session, store, evaluation) -> None:
    session = new_session()
    first = session.start().question
    turn = session.handle("perhaps")
    assert turn.question == first
    assert turn.messages[0].role == "error"
    assert "yes, partly, no, not sure or n/a" in turn.messages[0].text
    assert store.answers(evaluation.id) == {}
    assert store.history(evaluation.id) == []


def test_evidence_note_is_kept(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("yes, on the LA website")
    saved = store.answer(evaluation.id, "1.1.developing.1")
    assert saved is not None and saved.status is Status.MET and saved.note == "on the LA website"
    assert saved.answered_by == "coordinator"


def test_back_changes_an_earlier_answer_and_returns(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("yes")
    session.handle("yes")
    back = session.handle("/back")
    assert back.question.tag == "1.1 Developing 2/8"
    assert "Your answer so far: met." in texts(back)
    forward = session.handle("partly, only two targets")
    assert forward.question.tag == "1.1 Developing 3/8"
    assert store.answer(evaluation.id, "1.1.developing.2").status is Status.PARTLY
    assert [h.new_status for h in store.history(evaluation.id, "1.1.developing.2")] == [Status.MET, Status.PARTLY]


def test_back_on_the_first_question(new_session) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/back")
    assert turn.question.tag == "1.1 Developing 1/8"
    assert "This is the first question" in texts(turn)


def test_skip_leaves_the_question_open_and_it_comes_back_on_resume(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    assert session.handle("/skip").question.tag == "1.1 Developing 2/8"
    assert "1.1.developing.1" not in store.answers(evaluation.id)
    assert new_session().start().question.tag == "1.1 Developing 1/8"


def test_jump_to_an_unknown_element(new_session) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/jump 9.9")
    assert turn.messages[0].role == "error" and "There is no element 9.9" in turn.messages[0].text
    assert turn.question.tag == "1.1 Developing 1/8"


def test_not_applicable_needs_a_note(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    turn = session.handle("n/a")
    assert "needs a short note" in texts(turn)
    assert store.answers(evaluation.id) == {}
    session.handle("there are no proprietors")
    saved = store.answer(evaluation.id, "1.1.developing.1")
    assert saved.status is Status.NOT_APPLICABLE and saved.note == "there are no proprietors"


@pytest.mark.parametrize(
    ("reply", "value"),
    [("26 of 30", {"moves": 30, "successes": 26}), ("26/30", {"moves": 30, "successes": 26}), ("15 out of 15", {"moves": 15, "successes": 15})],
)
def test_measure_question_formats(new_session, store, evaluation, reply, value) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 3.1")
    turn = session.handle("yes")
    assert turn.question.kind == "measure" and turn.question.tag == "3.1 Developing 2/2"
    session.handle(reply)
    assert store.answer(evaluation.id, "3.1.success-rate").value == value


def test_percent_and_checklist_measures(new_session, store, evaluation) -> None:
    session = new_session(Mode.THOROUGH)
    session.start()
    session.handle("/jump 1.4")
    turn = session.handle("yes")
    assert turn.question.tag == "1.4 Developed 2/7"
    session.handle("yes")
    session.handle("87%")
    assert store.answer(evaluation.id, "1.4.sessions-380").value == 87.0
    turn = session.handle("/jump 2.4")
    while turn.question.kind != "measure":
        turn = session.handle("yes")
    assert turn.question.tag == "2.4 Developed 8/10"
    assert "1. Absence from school" in turn.hints
    session.handle("1, 2, 3, 4, 5, 6")
    assert len(store.answer(evaluation.id, "2.4.indicators").value) == 6


def test_override_needs_a_reason_and_is_stored_as_a_judgement(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 4.4")
    session.handle("yes")
    session.handle("no")
    turn = session.handle("Established")
    assert "A reason is required" in texts(turn)
    assert store.judgements(evaluation.id) == {}
    turn = session.handle("workshop moderation found strong practice")
    assert "4.4 is Established (best fit; computed Developing)" in texts(turn)
    judgement = store.judgements(evaluation.id)["4.4"]
    assert (judgement.level, judgement.reason) == (3, "workshop moderation found strong practice")


def test_why_show_summary_and_glossary(new_session) -> None:
    session = new_session()
    session.start()
    session.handle("yes")
    why = session.handle("/why")
    assert why.messages[0].text.startswith("Current rating: Not yet developing (provisional).")
    show = session.handle("/show")
    assert "Developing (being asked):\nPartnership details are publicised" in show.messages[0].text
    assert "Enhancing:" in show.messages[0].text
    summary = session.handle("/summary")
    assert "1.1 Engagement of all schools: Not yet developing (provisional)" in summary.messages[0].text
    assert "4.4 Sharing what works: not started" in summary.messages[0].text
    assert session.handle("what is PA?").messages[0].text.startswith("PA: Persistent absence")
    assert session.handle("/what fap").messages[0].text.startswith("FAP: Fair Access Protocol")
    assert session.handle("/what zzz").messages[0].role == "error"
    assert session.handle("/help").messages[0].heading == "Help"
    assert session.handle("/frobnicate").messages[0].role == "error"


def test_resume_after_restart_with_a_recap(new_session) -> None:
    session = new_session()
    session.start()
    for reply in ["yes", "yes", "no"]:
        session.handle(reply)
    restarted = new_session().start()
    assert restarted.question.tag == "1.1 Developing 4/8"
    assert restarted.messages[0].text.startswith("Welcome back. 3 answers saved, and 0 of 21")
    assert "Picking up at 1.1 Engagement of all schools" in texts(restarted)


def test_resume_is_where_the_last_answer_was_given_not_the_first_gap(new_session) -> None:
    session = new_session()
    session.start()
    assert session.handle("/jump 2.1").question.tag == "2.1 Developing 1/1"
    assert session.handle("partly").question.tag == "2.1 judgement"
    restarted = new_session().start()
    assert restarted.question.tag == "2.1 judgement"
    assert "Picking up at 2.1 " in texts(restarted)


def test_resume_after_the_last_question_of_the_flow_goes_round_to_the_first_gap(new_session) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/jump 4.4")
    while turn.question is not None and turn.question.element.id == "4.4":
        turn = session.handle("yes" if turn.question.kind != "judgement" else "agree")
    assert turn.question is not None and turn.question.tag == "1.1 Developing 1/8"
    assert new_session().start().question.tag == "1.1 Developing 1/8"


def test_quit_finishes(new_session) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/quit")
    assert turn.finished and "Everything you answered is saved" in texts(turn)


def test_changed_answer_of_another_user_is_reported_not_overwritten(new_session, store, evaluation) -> None:
    mine = new_session()
    mine.start()
    theirs = new_session()
    theirs.start()
    theirs.handle("no, checked the website")
    turn = mine.handle("yes")
    assert turn.failed
    assert "Someone else changed this answer" in texts(turn) and "not met (note: checked the website)" in texts(turn)
    assert store.answer(evaluation.id, "1.1.developing.1").status is Status.NOT_MET
    mine.handle("yes")
    assert store.answer(evaluation.id, "1.1.developing.1").status is Status.MET


def test_changing_an_answer_reopens_the_agreed_rating(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 4.4")
    session.handle("no")
    session.handle("agree")
    session.handle("/jump 4.4")
    turn = session.handle("/back")
    assert turn.question.tag == "4.4 Developing 1/1"
    turn = session.handle("yes")
    assert turn.question.tag == "4.4 Developed 2/2"


def test_carried_forward_answers_are_asked_again_and_can_be_kept(store, framework) -> None:
    last = Services(store).create(Actor("coordinator"), framework, "Carry", "2025/26")
    session = Session(Services(store), framework, last, actor=Actor("coordinator"))
    session.start()
    session.handle("yes, on the website")
    session.handle("no")
    this = Services(store).create(Actor("coordinator"), framework, "Carry", "2026/27", carry_forward=True)
    session = Session(Services(store), framework, this, actor=Actor("coordinator"))
    turn = session.start()
    assert turn.question.tag == "1.1 Developing 1/8"
    assert "Last year's answer: met (note: on the website) - carried forward" in texts(turn)
    turn = session.handle("keep")
    assert turn.question.tag == "1.1 Developing 2/8"
    kept = store.answer(this.id, "1.1.developing.1")
    assert not kept.carried_forward and kept.note == "on the website"
    assert [h.action for h in store.history(this.id, "1.1.developing.1")] == ["carry_forward", "confirm"]
    session.handle("yes")
    changed = store.answer(this.id, "1.1.developing.2")
    assert changed.status is Status.MET and not changed.carried_forward
