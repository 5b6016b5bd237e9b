"""Length limits: a note or reason of at most 10,000 characters, a name or title of at most 200.

Refused in the conversation with one line, the question asked again and nothing
saved; refused by the store too, for every other way in (the CLI, the start screen).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval_tui.conversation import Session, Turn
from selfeval_tui.domain.records import NAME_LIMIT, NOTE_LIMIT, Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main
from selfeval_tui.store import Store, StoreInputError

QUESTION = "1.1.developing.1"


def errors(turn: Turn) -> list[str]:
    return [m.text for m in turn.messages if m.role == "error"]


def test_a_note_at_the_limit_is_saved_and_one_over_is_refused(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    turn = session.handle("yes, " + "x" * (NOTE_LIMIT + 1))
    assert errors(turn) == [f"Not saved: A note can be at most 10,000 characters, and this one has {NOTE_LIMIT + 1:,}. Please shorten it."]
    assert turn.question.question_id == QUESTION and not turn.saved
    assert store.answers(evaluation.id) == {}
    session.handle("yes, " + "x" * NOTE_LIMIT)
    assert store.answer(evaluation.id, QUESTION).note == "x" * NOTE_LIMIT


def test_a_ten_megabyte_reply_is_one_line_and_saves_nothing(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    turn = session.handle("yes, " + "x" * 10_000_000)
    assert errors(turn) == ["Not saved: A reply can be at most 10,100 characters, and this one has 10,000,005 (a note can have 10,000)."]
    assert len(turn.messages) == 1 and turn.question.question_id == QUESTION
    assert store.answers(evaluation.id) == {}


def test_a_refused_reason_for_not_applicable_still_awaits_the_reason(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("n/a")
    assert errors(session.handle("r" * (NOTE_LIMIT + 1)))
    session.handle("there are no proprietors")
    saved = store.answer(evaluation.id, QUESTION)
    assert saved.status is Status.NOT_APPLICABLE and saved.note == "there are no proprietors"


def test_a_held_note_over_the_limit_is_refused_and_the_earlier_part_kept(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/note minutes")
    assert errors(session.handle("/note " + "x" * NOTE_LIMIT))[0].startswith("Not kept: A note can be at most 10,000")
    session.handle("yes")
    assert store.answer(evaluation.id, QUESTION).note == "minutes"


def test_a_reason_for_another_rating_over_the_limit_is_refused(new_session, store, evaluation) -> None:
    session = new_session()
    session.start()
    session.handle("/jump 4.4")
    session.handle("no")
    assert errors(session.handle("Enhancing: " + "r" * (NOTE_LIMIT + 1)))
    assert store.judgements(evaluation.id) == {}


def test_member_names_and_local_outcome_titles_are_limited(store, framework, evaluation) -> None:
    session = Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))
    session.start()
    turn = session.handle("S" * (NAME_LIMIT + 1))
    assert errors(turn) == [f"Not saved: A member's name can be at most 200 characters, and this one has {NAME_LIMIT + 1}. Please shorten it."]
    assert store.members(evaluation.partnership_id) == {}
    session.handle("S" * NAME_LIMIT)
    assert store.members(evaluation.partnership_id) == {"secondary": ["S" * NAME_LIMIT]}
    turn = session.handle("done")
    while turn.question.kind != "local_outcomes":
        turn = session.handle({"membership": "none", "outcome_target": "none"}.get(turn.question.kind, "5"))
    assert errors(session.handle("reduce, count: " + "t" * (NAME_LIMIT + 1)))[0].startswith("Not saved: An outcome's title can be at most 200")
    assert not any(t.local for t in store.outcome_targets(evaluation.partnership_id))


@pytest.mark.parametrize(
    "save",
    [
        lambda s, e: s.save_answer(e.id, QUESTION, status=Status.MET, note="n" * (NOTE_LIMIT + 1), by="coordinator"),
        lambda s, e: s.save_judgement(e.id, "1.1", 2, "r" * (NOTE_LIMIT + 1), by="coordinator"),
        lambda s, e: s.create_partnership("P" * (NAME_LIMIT + 1)),
        lambda s, e: s.create_partnership("Elsewhere", "L" * (NAME_LIMIT + 1)),
        lambda s, e: s.set_members(e.partnership_id, "secondary", ["M" * (NAME_LIMIT + 1)]),
        lambda s, e: s.save_outcome_target(e.partnership_id, "x", title="T" * (NAME_LIMIT + 1), direction="reduce", amount=None, unit="count"),
    ],
)
def test_the_store_refuses_what_is_over_the_limit(store, evaluation, save) -> None:
    with pytest.raises(StoreInputError):
        save(store, evaluation)
    assert store.answers(evaluation.id) == {} and store.judgements(evaluation.id) == {}
    assert len(store.list_partnerships()) == 1
    assert store.members(evaluation.partnership_id) == {}


def test_a_long_partnership_name_on_the_command_line_is_one_line(tmp_path: Path, capsys) -> None:
    code = main(["chat", "--plain", "--db", str(tmp_path / "db.sqlite3"), "--partnership", "P" * 300, "--year", "2026/27"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("selfeval: ") and err.count("\n") == 1
    assert err.endswith(": a partnership's name can be at most 200 characters, and this one has 300\n")
    with Store.open(tmp_path / "db.sqlite3") as store:
        assert store.list_partnerships() == []


def test_the_transcript_shows_a_refused_huge_reply_by_its_start_and_length() -> None:
    """A 10 MB paste is refused by the conversation; its bubble must not hold (or wrap) all of it."""
    from selfeval_tui.shells.tui.widgets.transcript import (
        REFUSED_REPLY_START,
        Transcript,
    )

    huge = "yes, " + "x" * 10_000_000
    entry = Transcript().add_user(huge, None)
    assert len(entry.plain) < REFUSED_REPLY_START + 100
    assert entry.plain.startswith("yes, xxx") and "10,000,005 characters, not shown in full" in entry.plain
    ordinary = "yes, " + "y" * 9_000
    assert Transcript().add_user(ordinary, "saved").plain == ordinary + "  (saved)"
