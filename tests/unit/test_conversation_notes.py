"""Evidence notes: /note goes to the question on screen, and a reply without a note keeps the note already saved."""

from __future__ import annotations

from selfeval_tui.conversation import Session, Turn
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


def test_note_goes_to_the_question_on_screen_not_the_answer_before_it(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    on_screen = session.handle("not sure").question
    assert on_screen.question_id == "1.1.developing.2"
    turn = session.handle("/note NLLC joined in September 2026")
    assert turn.question.question_id == "1.1.developing.2"
    assert f"Note kept for {on_screen.tag} ({on_screen.text.rstrip('?.')})" in texts(turn)
    assert store.answer(evaluation.id, "1.1.developing.1").note == ""
    assert "1.1.developing.2" not in store.answers(evaluation.id)
    turn = session.handle("yes, confirmed by the LA")
    assert "Saved with your note: NLLC joined in September 2026; confirmed by the LA." in texts(turn)
    assert store.answer(evaluation.id, "1.1.developing.2").note == "NLLC joined in September 2026; confirmed by the LA"
    assert store.answer(evaluation.id, "1.1.developing.1").note == ""


def test_note_right_after_answering_goes_to_the_next_question_shown(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("yes")
    session.handle("/note minutes of 3 March")
    assert store.answer(evaluation.id, "1.1.developing.1").note == ""
    session.handle("no")
    assert store.answer(evaluation.id, "1.1.developing.2").note == "minutes of 3 March"


def test_note_on_an_answered_question_on_screen_is_saved_at_once(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("yes")
    assert session.handle("/back").question.question_id == "1.1.developing.1"
    turn = session.handle("/note minutes of 3 March")
    assert turn.saved and "Note added to 1.1 Developing 1/8" in texts(turn)
    assert store.answer(evaluation.id, "1.1.developing.1").note == "minutes of 3 March"
    session.handle("/note and the website")
    assert store.answer(evaluation.id, "1.1.developing.1").note == "minutes of 3 March; and the website"
    turn = session.handle("partly")  # my own note saves are not a change by someone else
    assert not turn.failed and turn.question.question_id == "1.1.developing.2"
    assert store.answer(evaluation.id, "1.1.developing.1").status is Status.PARTLY


def test_a_reply_without_a_note_keeps_the_note_and_says_so(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("partly, two heads missed both spring meetings")
    back = session.handle("/back")
    assert "Your answer so far: partly met (note: two heads missed both spring meetings)." in texts(back)
    turn = session.handle("no")
    assert "Your note is kept: two heads missed both spring meetings (/note clear removes it)." in texts(turn)
    saved = store.answer(evaluation.id, "1.1.developing.1")
    assert saved.status is Status.NOT_MET and saved.note == "two heads missed both spring meetings"


def test_a_new_note_replaces_the_old_and_note_clear_removes_it(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("partly, two heads missed")
    session.handle("/back")
    session.handle("no, heads now attend")
    assert store.answer(evaluation.id, "1.1.developing.1").note == "heads now attend"
    session.handle("/back")
    assert "Note cleared from 1.1 Developing 1/8" in texts(session.handle("/note clear"))
    assert store.answer(evaluation.id, "1.1.developing.1").note == ""
    assert store.answer(evaluation.id, "1.1.developing.1").status is Status.NOT_MET


def test_a_held_note_can_be_cleared_before_answering(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/note wrong question")
    session.handle("/note clear")
    session.handle("yes")
    assert store.answer(evaluation.id, "1.1.developing.1").note == ""


def test_a_held_note_is_the_reason_for_not_applicable(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/note there are no proprietors")
    turn = session.handle("n/a")
    assert turn.question.question_id == "1.1.developing.2"
    saved = store.answer(evaluation.id, "1.1.developing.1")
    assert saved.status is Status.NOT_APPLICABLE and saved.note == "there are no proprietors"


def test_note_with_nothing_to_add_to(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    turn = session.handle("/note")
    assert turn.messages[0].role == "error" and "Type the note after the command" in turn.messages[0].text
    session.conversation.current = None
    turn = session.handle("/note too late")
    assert turn.messages[0].role == "error" and "no question on screen" in turn.messages[0].text
    assert store.answers(evaluation.id) == {}


def carried_session(store, framework) -> tuple[Session, int]:
    """A new year carried forward from one whose first answer was "yes, on the website"."""
    last = Services(store).create(Actor("coordinator"), framework, "Carry", "2025/26")
    first = Session(Services(store), framework, last, actor=Actor("coordinator"))
    first.start()
    first.handle("yes, on the website")
    this = Services(store).create(Actor("coordinator"), framework, "Carry", "2026/27", carry_forward=True)
    session = Session(Services(store), framework, this, actor=Actor("coordinator"))
    session.start()
    return session, this.id


def test_a_note_kept_with_last_years_answer(store, framework) -> None:
    session, this = carried_session(store, framework)
    session.handle("/note and in the prospectus")
    assert store.answer(this, "1.1.developing.1").carried_forward
    session.handle("keep")
    kept = store.answer(this, "1.1.developing.1")
    assert not kept.carried_forward and kept.note == "on the website; and in the prospectus"


def test_a_new_answer_to_last_years_question_does_not_keep_last_years_note(store, framework) -> None:
    session, this = carried_session(store, framework)
    session.handle("no")
    assert store.answer(this, "1.1.developing.1").note == ""


def test_a_new_measure_value_without_a_note_keeps_the_note(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 1.4")
    session.handle("yes")
    session.handle("yes")
    assert session.conversation.current.kind == "measure"
    measure = session.conversation.current.question_id
    session.handle("87, from the LA report")
    session.handle("/back")
    turn = session.handle("60")
    assert "Your note is kept: from the LA report" in texts(turn)
    saved = store.answer(evaluation.id, measure)
    assert saved.value == 60 and saved.note == "from the LA report"
