"""Plain mode confirms each saved reply and, at the end of input, says where the same command picks up."""

from __future__ import annotations

import io

from selfeval_tui.conversation import Session
from selfeval_tui.shells.plain import shell


def run(session: Session, replies: str) -> list[str]:
    out = io.StringIO()
    assert shell.run(session, io.StringIO(replies), out) == 0
    return out.getvalue().splitlines()


def test_each_saved_reply_is_confirmed_and_nothing_else_is(new_session) -> None:
    lines = run(new_session(), "yes, minutes\nmaybe\n/summary\npartly\n")
    assert lines.count("Saved.") == 2
    first_saved = lines.index("Saved.")
    assert lines[first_saved + 1].startswith("[1.1 Developing 2/8] ")
    question_lines = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] + "]" for line in question_lines] == [
        "[1.1 Developing 1/8]",
        "[1.1 Developing 2/8]",
        "[1.1 Developing 2/8]",
        "[1.1 Developing 2/8]",
        "[1.1 Developing 3/8]",
    ]


def test_a_reply_that_saves_nothing_is_not_confirmed(new_session) -> None:
    lines = run(new_session(), "maybe\n/why\n")
    assert "Saved." not in lines


def test_end_of_input_says_where_the_same_command_picks_up(new_session, framework) -> None:
    lines = run(new_session(), "yes\n/back\n")
    third = framework.element("1.1").levels[0].criteria[1].question
    assert lines[-1] == f"End of input. Everything you answered is saved; the same command picks up at 1.1 Developing 2/8: {third}"
    assert new_session().start().question.tag == "1.1 Developing 2/8"


def test_quit_is_not_followed_by_the_end_of_input_line(new_session) -> None:
    lines = run(new_session(), "yes\n/quit\nno\n")
    assert lines[-1] == "Goodbye. Everything you answered is saved."
