"""Membership and key outcomes with termly updates across two academic years, shown in the report."""

from __future__ import annotations

import datetime

from selfeval_tui.conversation import Session
from selfeval_tui.exports import export_text
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services


def answer_sections(session: Session, members: dict[str, list[str]], baseline: str) -> None:
    """Membership lists, a target for persistent absence only, and every baseline."""
    turn = session.start()
    while turn.question is not None and turn.question.element is None:
        step = turn.question
        if step.kind == "membership":
            for name in members.get(step.category.id, []):
                session.handle(name)
            turn = session.handle("keep" if step.category.id in members and not members[step.category.id] else "done")
        elif step.kind == "outcome_target":
            turn = session.handle("2 percentage points" if step.outcome.id == "persistent-absence" else "none")
        elif step.kind == "outcome_value":
            turn = session.handle(baseline)
        else:
            turn = session.handle("done")


def termly(session: Session, values: list[str]) -> None:
    """Each value is whole, so it suits outcomes counted and outcomes in percent alike."""
    for value in values:
        turn = session.handle("/outcomes")
        for _ in range(len(session.framework.outcomes) + 5):
            if turn.question is None or turn.question.kind != "outcome_value":
                break
            assert not any(m.role == "error" for m in turn.messages)
            turn = session.handle(value)


def test_two_years_of_membership_and_outcomes_reach_the_report(store, framework) -> None:
    first = Services(store).create(Actor("coordinator"), framework, "Riverside", "2025/26", local_authority="Kent")
    session = Session(Services(store), framework, first, sections=True, actor=Actor("coordinator"))
    answer_sections(session, {"secondary": ["Allerton High", "Roundhay School"], "sss-ap": ["Eastside SSS"]}, "9")
    termly(session, ["8", "7", "6"])
    values = {(v.outcome_id, v.period): v.value for v in store.outcome_values(first.id)}
    assert values[("persistent-absence", "term3")] == 6
    assert len([v for v in values if v[1] == "term3"]) == 8

    second = Services(store).create(Actor("coordinator"), framework, "Riverside", "2026/27", carry_forward=True)
    session = Session(Services(store), framework, second, sections=True, actor=Actor("coordinator"))
    turn = session.start()
    assert "Last year's list: Allerton High, Roundhay School." in "\n".join(m.text for m in turn.messages)
    answer_sections(session, {"secondary": [], "sss-ap": []}, "7")
    termly(session, ["6"])
    assert store.members(second.partnership_id)["secondary"] == ["Allerton High", "Roundhay School"]

    report = export_text(Services(store), Actor("coordinator"), framework, second, "report", "md", datetime.date(2027, 1, 10))
    assert "Allerton High; Roundhay School" in report
    pa_row = next(line for line in report.splitlines() if line.startswith("| To reduce the percentage of pupils with PA"))
    assert "reduce by 2 percentage points" in pa_row and "| 7% | 6% |" in pa_row and "on track" in pa_row
    assert "at baseline" in report and "term 1" in report
