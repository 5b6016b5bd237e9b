"""The change log and ``data_version``: what one session needs to follow what others commit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import Refused
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Store, Evaluation]]:
    """Ann's and Bob's connections to one file, and an evaluation both work on."""
    path = tmp_path / "shared.sqlite3"
    with Store.open(path) as ann, Store.open(path) as bob:
        partnership = ann.create_partnership("Shared")
        yield ann, bob, ann.create_evaluation(partnership.id, "2026/27", "f", "h", by="ann")


def test_data_version_moves_only_when_another_connection_commits(pair) -> None:
    ann, bob, evaluation = pair
    mine, theirs = ann.data_version(), bob.data_version()
    ann.save_answer(evaluation.id, "q1", status=Status.MET, by="ann")
    assert ann.data_version() == mine  # its own commit is not news to itself
    assert bob.data_version() != theirs
    assert bob.data_version(wait=False) == bob.data_version()


def test_every_kind_of_write_is_logged_with_who_made_it(pair) -> None:
    ann, bob, evaluation = pair
    mark = bob.change_mark()
    ann.save_answer(evaluation.id, "q1", status=Status.MET, by="ann")
    ann.save_judgement(evaluation.id, "1.1", 2, "agreed", by="ann")
    ann.clear_judgement(evaluation.id, "1.1", by="ann")
    ann.save_outcome_value(evaluation.id, "o1", "baseline", 3.0, by="ann")
    ann.save_outcome_value(evaluation.id, "o1", "baseline", 4.0, by="ann")  # an upsert is one change, not two
    ann.save_outcome_target(evaluation.partnership_id, "o1", title="t", direction="reduce", amount=1, unit="count")
    ann.set_members(evaluation.partnership_id, "schools", ["A"])
    logged = [(c.kind, c.key, c.evaluation_id, c.changed_by) for c in bob.changes_since(mark)]
    assert logged == [
        ("answer", "q1", evaluation.id, "ann"),
        ("judgement", "1.1", evaluation.id, "ann"),
        ("judgement", "1.1", evaluation.id, "ann"),
        ("outcome_value", "o1", evaluation.id, "ann"),
        ("outcome_value", "o1", evaluation.id, "ann"),
        ("outcome_target", "o1", None, None),
        ("members", "schools", None, None),
    ]
    assert bob.changes_since(bob.change_mark()) == []


def test_a_watch_reads_nothing_while_nobody_else_writes_and_each_change_once(pair) -> None:
    ann, bob, evaluation = pair
    watch = Services(bob).watch(Actor("bob"))
    assert watch.poll() is None
    bob.save_answer(evaluation.id, "q2", status=Status.MET, by="bob")
    assert watch.poll() is None  # its own connection's commit does not move data_version
    ann.save_answer(evaluation.id, "q1", status=Status.PARTLY, by="ann")
    changes = watch.poll()
    assert changes is not None
    # Bob's own save is in the log too: the view decides what is news (by answer versions).
    assert changes.keys("answer") == {"q1", "q2"} and changes.people == {"ann", "bob"}
    assert changes.evaluations == {evaluation.id} and changes.kinds == {"answer"}
    assert watch.poll() is None


def test_changes_are_filtered_by_evaluation_and_partnership(pair) -> None:
    ann, bob, evaluation = pair
    other = ann.create_partnership("Other")
    elsewhere = ann.create_evaluation(other.id, "2026/27", "f", "h", by="ann")
    ann.save_answer(elsewhere.id, "q1", status=Status.MET, by="ann")
    ann.set_members(evaluation.partnership_id, "schools", ["A"])
    changes = Services(bob).changes_since(Actor("bob"), 0)
    mine = changes.concerning(evaluation.partnership_id, evaluation.id)
    assert [c.kind for c in mine.entries] == ["members"] and mine.mark == changes.mark
    assert not changes.concerning(other.id, evaluation.id)


def test_someone_who_may_not_read_is_refused_saying_why(pair) -> None:
    _, bob, _ = pair
    nobody = Actor("guest", rights=frozenset({Right.EXPORT}))
    with pytest.raises(Refused, match="^guest may not follow changes to the evaluations: their rights do not"):
        Services(bob).watch(nobody)
