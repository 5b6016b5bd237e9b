"""The start screen's answer counts: one query for every evaluation, the same counts as ``answer_count``.

``answer_counts`` asks the store once (a GROUP BY over evaluation and the
carried-forward flag, restricted to the bank's criteria and measures) instead
of reading every answer row of every evaluation; these tests hold it to the one
definition in ``core.conversation.progress`` with the rows it must leave out
(membership, rating agreements) and the carried-forward ones it counts apart.
"""

from __future__ import annotations

from selfeval_tui.bank import Framework
from selfeval_tui.conversation.progress import (
    AnswerCount,
    answer_count,
    counted_question_ids,
)
from selfeval_tui.conversation.sections import membership_id
from selfeval_tui.conversation.steps import judgement_id
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Status, Store


def fill(store: Store, framework: Framework, evaluation_id: int, questions: list[str], *, others: bool) -> None:
    for question_id in questions:
        store.save_answer(evaluation_id, question_id, status=Status.MET, note="minutes", by="coordinator")
    if others:
        element = framework.elements[0]
        store.save_answer(evaluation_id, membership_id(framework.membership[0]), status=None, value=["Oak School"], by="coordinator")
        store.save_answer(evaluation_id, judgement_id(element), status=Status.MET, by="coordinator")
        store.save_judgement(evaluation_id, element.id, 1, "agreed at the board", by="coordinator")


def test_the_query_counts_what_answer_count_counts_for_every_evaluation(store: Store, framework: Framework) -> None:
    ids = counted_question_ids(framework)
    first = Services(store).create(Actor("coordinator"), framework, "North Leeds", "2025/26")
    fill(store, framework, first.id, ids[:40], others=True)
    carried = Services(store).create(Actor("coordinator"), framework, "North Leeds", "2026/27", carry_forward=True)
    for question_id in ids[:7]:
        store.confirm_answer(carried.id, question_id, by="coordinator")
    fill(store, framework, carried.id, ids[100:103], others=False)
    other = Services(store).create(Actor("coordinator"), framework, "East Bay", "2026/27")
    fill(store, framework, other.id, ids[-5:], others=True)
    empty = Services(store).create(Actor("coordinator"), framework, "West Vale", "2026/27")
    store.save_answer(empty.id, membership_id(framework.membership[0]), status=None, value=["Elm School"], by="coordinator")

    counts = Services(store).answer_counts(Actor("coordinator"), framework)

    expected = {
        e.id: answer_count(framework, store.answers(e.id)) for e in store.list_evaluations()
    }
    assert expected[first.id] == AnswerCount(40, 0)
    assert expected[carried.id] == AnswerCount(7 + 3, 33)
    assert expected[other.id] == AnswerCount(5, 0)
    assert expected[empty.id] == AnswerCount(0, 0)
    assert {e: counts.get(e, AnswerCount(0, 0)) for e in expected} == expected
    assert empty.id not in counts


def test_answers_to_questions_no_longer_in_the_bank_are_not_counted(store: Store, framework: Framework) -> None:
    evaluation = Services(store).create(Actor("coordinator"), framework, "North Leeds", "2026/27")
    store.save_answer(evaluation.id, "9.9.retired", status=Status.MET, by="coordinator")
    store.save_answer(evaluation.id, counted_question_ids(framework)[0], status=Status.NOT_MET, by="coordinator")
    assert Services(store).answer_counts(Actor("coordinator"), framework) == {evaluation.id: AnswerCount(1, 0)}
    assert answer_count(framework, store.answers(evaluation.id)) == AnswerCount(1, 0)
