"""Reading a reply changes nothing: the conversation takes on the state the reply carries only when it is applied."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selfeval_tui.conversation import Session
from selfeval_tui.conversation.engine import Conversation


def frozen_copy(conversation: Conversation) -> Conversation:
    """A copy to compare with: every field but the versions dict is replaced, never changed, so a shallow copy does."""
    return replace(conversation, seen_versions=dict(conversation.seen_versions))


@pytest.mark.parametrize(
    "text",
    [
        "yes, minutes show every head attended",
        "n/a",
        "not sure",
        "gibberish",
        "/skip",
        "/note minutes of 3 March",
        "/note clear",
        "/members",
        "/outcomes",
        "/jump 2.4",
        "/back",
        "/summary",
        "/why",
        "/quit",
        "what is PA?",
        "x" * 20_000,
    ],
)
def test_reading_a_reply_does_not_change_the_conversation(new_session, text: str) -> None:
    session: Session = new_session()
    session.start()
    session.handle("/note held for the next question")  # a held note, which a save would take
    conversation = session.conversation
    snapshot = session.snapshot()
    answers = dict(snapshot.answers)
    before = frozen_copy(conversation)
    conversation.respond(text, snapshot)
    assert conversation == before
    assert dict(snapshot.answers) == answers


def test_the_reply_carries_the_new_state_and_apply_takes_it_on(new_session) -> None:
    session: Session = new_session()
    on_screen = session.start().question
    assert on_screen is not None
    conversation = session.conversation
    reply = conversation.respond("/skip", session.snapshot())
    assert reply.state is not None and on_screen.question_id in reply.state.skipped
    assert on_screen.question_id not in conversation.skipped
    conversation.apply(reply)
    assert on_screen.question_id in conversation.skipped


def test_a_follow_up_is_awaited_in_the_state_the_reply_carries(new_session) -> None:
    session: Session = new_session()
    session.start()
    reply = session.conversation.respond("n/a", session.snapshot())
    assert reply.saves == () and reply.state is not None and reply.state.pending is not None
    assert session.conversation.pending is None
    session.conversation.apply(reply)
    assert session.conversation.pending is not None and session.conversation.pending.kind == "na_note"


def test_a_refused_reply_keeps_the_note_held_for_the_question(new_session) -> None:
    session: Session = new_session()
    session.start()
    session.handle("/note minutes of 3 March")
    held = dict(session.conversation.held_notes)
    reply = session.conversation.respond("yes, " + "x" * 10_050, session.snapshot())
    assert reply.saves == () and reply.state is None and reply.messages[0].role == "error"
    assert session.conversation.held_notes == held


def test_any_command_even_an_unknown_one_drops_an_awaited_follow_up(new_session) -> None:
    session: Session = new_session()
    session.start()
    session.handle("n/a")
    assert session.conversation.pending is not None
    turn = session.handle("/nonsense")
    assert "Unknown command /nonsense" in turn.messages[0].text
    assert session.conversation.pending is None
