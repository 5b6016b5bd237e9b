"""``element_ratings`` always equals what the engine computes from the stored answers and agreed ratings.

Random sequences of what a coordinator can do (answer, agree a rating, clear it,
confirm a carried answer, start next year carrying answers forward) are applied
through the services, and after every step the table is compared with the rule
applied to what is stored, and with the read model the shells show.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import load_framework
from selfeval_tui.domain.progress import judgement_id, question_ids
from selfeval_tui.domain.ratings import Rater
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.services.views import levels_of

FRAMEWORK = load_framework()
ELEMENTS = [FRAMEWORK.element(e) for e in ("2.3", "2.5", "4.4")]
ACTOR = Actor("coordinator")


def _answer_op(element_index: int) -> st.SearchStrategy[tuple[object, ...]]:
    element = ELEMENTS[element_index]
    assert element is not None
    criteria = [q for q in question_ids(element) if element.measure(q) is None]
    measures = [q for q in question_ids(element) if element.measure(q) is not None]
    status_answers = st.tuples(
        st.just("answer"),
        st.sampled_from([*criteria, judgement_id(element)]),
        st.sampled_from(list(Status)),
        st.sampled_from(["", "a reason"]),
    )
    if not measures:
        return status_answers
    return status_answers | st.tuples(st.just("measure"), st.sampled_from(measures), st.floats(0, 100))


ELEMENT_INDEX = st.integers(0, len(ELEMENTS) - 1)
OPS = st.one_of(
    ELEMENT_INDEX.flatmap(_answer_op),
    st.tuples(st.just("agree"), ELEMENT_INDEX, st.integers(0, 4)),
    st.tuples(st.just("clear"), ELEMENT_INDEX),
    st.tuples(st.just("confirm"), ELEMENT_INDEX),
    st.tuples(st.just("next_year")),
)


def stored(services: Services, evaluation: Evaluation) -> dict[str, tuple[object, ...]]:
    return {
        e: (r.strand_id, r.current_rating, r.computed_rating, r.provisional, r.focus, r.framework_hash)
        for e, r in services._store.element_ratings(evaluation.id).items()
    }


def engine(services: Services, evaluation: Evaluation) -> dict[str, tuple[object, ...]]:
    answers = services.answers(ACTOR, evaluation.id)
    judgements = services.judgements(ACTOR, evaluation.id)
    rows = Rater(FRAMEWORK).rate_all(evaluation.id, answers, judgements, datetime.now(UTC))
    view = services.evaluation_view(ACTOR, FRAMEWORK, evaluation)
    levels = levels_of(FRAMEWORK, answers, judgements)
    assert {r.element_id: r.current_rating for r in rows} == {e: int(level) for e, level in levels.items()}
    for row in rows:
        element = FRAMEWORK.element(row.element_id)
        assert element is not None and view.started(element)
        assert int(view.judgement(element).current) == row.current_rating
    return {
        r.element_id: (r.strand_id, r.current_rating, r.computed_rating, r.provisional, r.focus, r.framework_hash)
        for r in rows
    }


def by_hand(path: Path, sql: str) -> None:
    """What an older selfeval (or a hand edit in sqlite3) left in the file."""
    with closing(sqlite3.connect(path)) as older:
        older.execute(sql)
        older.commit()


def apply(services: Services, evaluation: Evaluation, op: tuple[object, ...]) -> Evaluation:
    match op:
        case ("answer", str(question), Status() as status, str(note)):
            services.save_answer(ACTOR, evaluation.id, question, status=status, note=note)
        case ("measure", str(question), float(value)):
            services.save_answer(ACTOR, evaluation.id, question, status=None, value=value)
        case ("agree", int(index), int(level)):
            services.save_judgement(ACTOR, evaluation.id, ELEMENTS[index].id, level, "agreed at the meeting")
        case ("clear", int(index)):
            services.clear_judgement(ACTOR, evaluation.id, ELEMENTS[index].id)
        case ("confirm", int(index)):
            carried = [a for a in services.answers(ACTOR, evaluation.id).values() if a.carried_forward]
            concerned = [a for a in carried if a.question_id in (*question_ids(ELEMENTS[index]), judgement_id(ELEMENTS[index]))]
            if concerned:
                services.confirm_answer(ACTOR, evaluation.id, concerned[0].question_id)
        case ("next_year",):
            start = int(evaluation.year[:4]) + 1
            year = f"{start}/{(start + 1) % 100:02d}"
            return services.create(ACTOR, FRAMEWORK, "North Leeds", year, carry_forward=True)
    return evaluation


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=25))
def test_the_table_equals_the_engine_after_every_step(ops: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Services.open(Path(folder) / "db.sqlite3", framework=FRAMEWORK) as services:
        evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
        years = [evaluation]
        for op in ops:
            evaluation = apply(services, evaluation, op)
            if evaluation not in years:
                years.append(evaluation)
            for year in years:
                assert stored(services, year) == engine(services, year)


def test_a_row_is_written_with_the_answer_and_read_by_plain_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Services.open(path, framework=FRAMEWORK) as services:
        evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27", local_authority="Leeds")
        element = ELEMENTS[2]
        first = question_ids(element)[0]
        services.save_answer(ACTOR, evaluation.id, first, status=Status.PARTLY)
    with closing(sqlite3.connect(path)) as plain:
        row = plain.execute(
            "SELECT partnership, local_authority, year, strand, element, rating, computed_rating, provisional, focus"
            " FROM ratings"
        ).fetchone()
    assert row[:8] == ("North Leeds", "Leeds", "2026/27", "4", "4.4", "Not yet developing", "Not yet developing", 0)
    assert first in json.loads(row[8])


def test_agreeing_and_clearing_a_rating_rewrite_the_row(tmp_path: Path) -> None:
    with Services.open(tmp_path / "db.sqlite3", framework=FRAMEWORK) as services:
        evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
        services.save_judgement(ACTOR, evaluation.id, "4.4", 3, "seen at the visit")
        rating = services._store.element_ratings(evaluation.id)["4.4"]
        assert (rating.current_rating, rating.computed_rating) == (3, 0)
        services.clear_judgement(ACTOR, evaluation.id, "4.4")
        assert "4.4" not in services._store.element_ratings(evaluation.id)  # nothing else started it


def test_a_file_rated_before_the_table_is_filled_on_open(tmp_path: Path) -> None:
    """What the migration could not judge, the services fill once, the next time the file is opened."""
    path = tmp_path / "db.sqlite3"
    with Services.open(path, framework=FRAMEWORK) as services:
        evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
        for question in question_ids(ELEMENTS[0]):
            services.save_answer(ACTOR, evaluation.id, question, status=Status.MET)
        expected = stored(services, evaluation)
    by_hand(path, "DELETE FROM element_ratings")
    with Services.open(path, framework=FRAMEWORK) as services:
        assert stored(services, evaluation) == expected
        assert expected["2.3"][1] == 4
        assert services.fill_ratings() == []


def test_the_store_given_no_rater_leaves_the_table_alone(store) -> None:  # type: ignore[no-untyped-def]
    services = Services(store, FRAMEWORK)
    evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
    store.save_answer(evaluation.id, question_ids(ELEMENTS[0])[0], status=Status.MET, by="someone")
    assert store.element_ratings(evaluation.id) == {}
    assert store.unrated_evaluations(Rater(FRAMEWORK)) == [evaluation.id]


def test_rows_judged_with_another_bank_are_judged_again_on_open(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Services.open(path, framework=FRAMEWORK) as services:
        evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
        services.save_judgement(ACTOR, evaluation.id, "4.4", 2, "agreed")
        expected = stored(services, evaluation)
    by_hand(path, "UPDATE element_ratings SET framework_hash = 'an older bank', current_rating = 0")
    with Services.open(path, framework=FRAMEWORK) as services:
        assert stored(services, evaluation) == expected


def test_answers_to_questions_no_element_reads_need_no_rows(store) -> None:  # type: ignore[no-untyped-def]
    """Otherwise every open would rate such an evaluation again, writing each time."""
    services = Services(store, FRAMEWORK)
    evaluation = services.create(ACTOR, FRAMEWORK, "North Leeds", "2026/27")
    store.save_answer(evaluation.id, "a.question.the.bank.no.longer.has", status=Status.MET, by="someone")
    assert store.unrated_evaluations(Rater(FRAMEWORK)) == []
