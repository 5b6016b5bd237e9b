"""The evaluation's record as chat messages: which chunks there are, and what each replays."""

from __future__ import annotations

from itertools import pairwise

from export_support import answer_to_level, confirm

from selfeval_tui.bank import Framework, Level
from selfeval_tui.conversation import Message, Session
from selfeval_tui.conversation.record import (
    record_messages,
    record_sections,
    record_title,
)
from selfeval_tui.conversation.steps import judgement_step, level_steps
from selfeval_tui.conversation.texts import element_summary
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store


def pairs(messages: list[Message]) -> list[tuple[str, str]]:
    """Each question asked (its tag and text) with the reply that follows it."""
    return [
        (f"{asked.heading}: {asked.text}", reply.text)
        for asked, reply in pairwise(messages)
        if asked.role == "question" and reply.role == "user"
    ]


def test_no_record_for_a_new_evaluation(new_session) -> None:
    session = new_session()
    assert record_sections(session.framework, session.snapshot()) == []


def test_only_the_sections_with_answers_are_listed_in_evaluation_order(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    store.save_answer(evaluation.id, "2.3.developing.1", status=Status.MET, by="coordinator")
    store.save_answer(evaluation.id, "1.1.developed.2", status=Status.PARTLY, by="coordinator")
    store.save_judgement(evaluation.id, "4.1", int(Level.DEVELOPING), "agreed at the board", by="coordinator")
    store.save_outcome_value(evaluation.id, "overall-absence", "baseline", 6.1, by="coordinator")
    snapshot = Session(Services(store), framework, evaluation, actor=Actor("coordinator")).snapshot()
    assert record_sections(framework, snapshot) == ["outcomes", "1.1", "2.3", "4.1"]


def test_a_finished_evaluation_lists_every_element(store: Store, framework: Framework, evaluation: Evaluation) -> None:
    for element in framework.elements:
        answer_to_level(store, evaluation, element, 2)
        confirm(store, evaluation, element)
    snapshot = Session(Services(store), framework, evaluation, actor=Actor("coordinator")).snapshot()
    assert record_sections(framework, snapshot) == [element.id for element in framework.elements]
    headings = [m.heading for m in record_messages(framework, snapshot, "1.2") if m.role == "assistant"]
    assert headings == ["1.2 Transparent use of data", "Summary of 1.2 Transparent use of data"]  # no strand heading


def test_an_element_replays_its_questions_and_answers_in_order_then_its_rating(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    session = Session(Services(store), framework, evaluation, actor=Actor("coordinator"))
    session.start()
    session.handle("/jump 4.2")
    session.handle("yes, audit done in May")
    session.handle("no")
    session.handle("not sure")
    session.handle("agree, as discussed")
    snapshot = session.snapshot()
    messages = record_messages(framework, snapshot, "4.2")
    element = framework.element("4.2")
    assert element is not None

    # 4.1 has nothing on record, so 4.2 opens the strand, as it would have when asked.
    strand = framework.strand_of("4.2")
    assert [m.heading for m in messages[:2]] == [f"Strand 4: {strand.title}", "4.2 Shared resources"]
    asked = level_steps(element, Level.DEVELOPING)
    assert pairs(messages) == [
        (f"{asked[0].tag}: {asked[0].text}", "met (note: audit done in May)"),
        (f"{asked[1].tag}: {asked[1].text}", "not met"),
        (f"{asked[2].tag}: {asked[2].text}", "not sure"),
        (
            f"4.2 judgement: {judgement_step(element).text}",
            "agree: Not yet developing (note: as discussed)",
        ),
    ]
    summary = next(m for m in messages if m.heading == "Summary of 4.2 Shared resources")
    assert summary.text == element_summary(element, snapshot.answers, None).text
    assert summary.text.startswith("Current rating: Not yet developing.")
    assert messages.index(summary) == len(messages) - 3  # then the rating question and the reply
    assert {m.element_id for m in messages[1:]} == {"4.2"}


def test_an_agreed_rating_shows_the_reason_in_the_summary_and_the_reply(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    session = Session(Services(store), framework, evaluation, actor=Actor("coordinator"))
    session.start()
    session.handle("/jump 4.4")
    session.handle("yes")
    session.handle("no")
    session.handle("Established: workshop moderation found strong practice")
    messages = record_messages(framework, session.snapshot(), "4.4")
    assert "Agreed rating Established (best fit) replaces the computed Developing. Reason: workshop moderation" in (
        messages[-3].text
    )
    assert messages[-1] == Message(
        "user", "Established rather than Developing: workshop moderation found strong practice", element_id="4.4"
    )


def test_answers_off_the_adaptive_path_are_still_on_record(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    store.save_answer(evaluation.id, "4.4.developing.1", status=Status.NOT_MET, by="coordinator")
    store.save_answer(evaluation.id, "4.4.developed.1", status=Status.MET, note="from the thorough pass", by="coordinator")
    messages = record_messages(framework, Session(Services(store), framework, evaluation, actor=Actor("coordinator")).snapshot(), "4.4")
    assert [reply for _, reply in pairs(messages)] == ["not met", "met (note: from the thorough pass)"]
    assert not any(m.heading and m.heading.startswith("Summary") for m in messages)  # the rating was never agreed


def test_a_carried_forward_answer_is_marked(store: Store, framework: Framework) -> None:
    last = Services(store).create(Actor("coordinator"), framework, "Carry", "2025/26")
    session = Session(Services(store), framework, last, actor=Actor("coordinator"))
    session.start()
    session.handle("yes, on the website")
    this = Services(store).create(Actor("coordinator"), framework, "Carry", "2026/27", carry_forward=True)
    messages = record_messages(framework, Session(Services(store), framework, this, actor=Actor("coordinator")).snapshot(), "1.1")
    assert pairs(messages) == [
        (
            "1.1 Developing 1/8: Are your partnership's details publicised?",
            "met (note: on the website) - carried forward from last year, not yet confirmed",
        )
    ]


def test_membership_replays_each_list_confirmed(store: Store, framework: Framework, evaluation: Evaluation) -> None:
    session = Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))
    session.start()
    session.handle("Allerton High")
    session.handle("Roundhay School")
    session.handle("done")
    session.handle("none")  # closes the primary schools
    snapshot = session.snapshot()
    assert record_sections(framework, snapshot) == ["membership"]
    messages = record_messages(framework, snapshot, "membership")
    assert messages[0].heading == "Membership of the partnership"
    assert pairs(messages) == [
        ("membership: Which secondary schools are members of the partnership?", "Allerton High, Roundhay School"),
        ("membership: Which primary schools are members of, or linked to, the partnership?", "none"),
    ]


def test_outcomes_replay_targets_and_values_as_stored(
    store: Store, framework: Framework, evaluation: Evaluation
) -> None:
    partnership = evaluation.partnership_id
    titles = {o.id: o.title for o in framework.outcomes}
    store.save_outcome_target(
        partnership, "overall-absence", title=titles["overall-absence"], direction="reduce", amount=10, unit="percent"
    )
    store.save_outcome_target(
        partnership, "ofsted-behaviour", title=titles["ofsted-behaviour"], direction="increase", amount=None, unit="count"
    )
    store.save_outcome_target(
        partnership, "racist-bullying", title="To reduce incidents of racist bullying", direction="reduce",
        amount=25, unit="percent", local=True,
    )  # fmt: skip
    store.save_outcome_value(evaluation.id, "overall-absence", "baseline", 6.1, by="coordinator")
    store.save_outcome_value(evaluation.id, "overall-absence", "term1", 5.9, by="coordinator")
    store.save_outcome_value(evaluation.id, "racist-bullying", "baseline", 12, by="coordinator")
    messages = record_messages(framework, Session(Services(store), framework, evaluation, actor=Actor("coordinator")).snapshot(), "outcomes")
    assert messages[0].heading == "Key outcomes"
    assert [reply for _, reply in pairs(messages)] == [
        "not set",  # ofsted-behaviour comes first in the bank; "none" was the reply
        "reduce by 10%",
        "6.1%",
        "5.9%",
        "To reduce incidents of racist bullying",
        "reduce by 25%",
        "12",
    ]
    assert pairs(messages)[3][0] == f"outcomes: What was the term 1 value for: {titles['overall-absence']}?"


def test_titles_fit_one_line(framework: Framework) -> None:
    assert record_title(framework, "1.3") == "1.3 Annual report requirement"
    assert record_title(framework, "membership") == "Membership of the partnership"
    assert record_title(framework, "outcomes") == "Key outcomes"
