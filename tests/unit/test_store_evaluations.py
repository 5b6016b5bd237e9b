"""Evaluations: one per partnership per academic year, tied to the bank they were made with."""

from __future__ import annotations

import pytest
from store_fixtures import store  # noqa: F401  (fixtures)

from selfeval_tui.store import (
    Partnership,
    Status,
    Store,
    StoreInputError,
    check_academic_year,
)


@pytest.fixture
def north(store: Store) -> Partnership:
    return store.create_partnership("North Bay", "Northshire")


def test_an_evaluation_records_its_year_and_framework(store: Store, north: Partnership) -> None:
    created = store.create_evaluation(north.id, "2026/27", "annex-a", "sha256:abc", by="ann")

    assert (created.partnership_id, created.year, created.framework_id, created.framework_hash) == (
        north.id,
        "2026/27",
        "annex-a",
        "sha256:abc",
    )
    assert created.carried_from is None and created.updated_at == created.created_at
    assert store.evaluation(north.id, "2026/27") == created
    assert store.evaluation_by_id(created.id) == created
    assert store.evaluation(north.id, "2027/28") is None


@pytest.mark.parametrize("year", ["2026/27", "1999/00", "2099/00"])
def test_academic_years_are_two_consecutive_years(store: Store, north: Partnership, year: str) -> None:
    assert check_academic_year(year) == year
    assert store.create_evaluation(north.id, year, "annex-a", "h", by="ann").year == year


@pytest.mark.parametrize("year", ["2026/28", "2026-27", "26/27", "2026/2027", "2026", "", "2026/27 "])
def test_other_years_are_refused_in_one_line(store: Store, north: Partnership, year: str) -> None:
    with pytest.raises(StoreInputError) as refused:
        store.create_evaluation(north.id, year, "annex-a", "h", by="ann")
    assert "2026/27" in str(refused.value) and "\n" not in str(refused.value)
    assert store.list_evaluations() == []


def test_one_evaluation_per_partnership_per_year(store: Store, north: Partnership) -> None:
    store.create_evaluation(north.id, "2026/27", "annex-a", "h", by="ann")
    south = store.create_partnership("South Bay")
    store.create_evaluation(south.id, "2026/27", "annex-a", "h", by="ann")
    with pytest.raises(StoreInputError, match="already has an evaluation for 2026/27"):
        store.create_evaluation(north.id, "2026/27", "annex-a", "other", by="ann")
    assert len(store.list_evaluations()) == 2


def test_an_evaluation_needs_a_known_partnership_and_framework(store: Store, north: Partnership) -> None:
    with pytest.raises(StoreInputError, match="no partnership with id 42"):
        store.create_evaluation(42, "2026/27", "annex-a", "h", by="ann")
    with pytest.raises(StoreInputError, match="framework"):
        store.create_evaluation(north.id, "2026/27", "annex-a", "", by="ann")
    with pytest.raises(StoreInputError, match="no evaluation with id 5"):
        store.evaluation_by_id(5)


def test_evaluations_are_listed_most_recently_changed_first(store: Store, north: Partnership) -> None:
    south = store.create_partnership("South Bay")
    older = store.create_evaluation(north.id, "2025/26", "annex-a", "h", by="ann")
    newer = store.create_evaluation(north.id, "2026/27", "annex-a", "h", by="ann")
    other = store.create_evaluation(south.id, "2026/27", "annex-a", "h", by="ann")
    assert [e.id for e in store.list_evaluations()] == [other.id, newer.id, older.id]

    store.save_answer(older.id, "1.1-a", status=Status.MET, by="ann")

    assert [e.id for e in store.list_evaluations()] == [older.id, other.id, newer.id]
    assert [e.id for e in store.list_evaluations(north.id)] == [older.id, newer.id]
    assert store.evaluation_by_id(older.id).updated_at > older.updated_at


def test_the_previous_evaluation_is_the_latest_earlier_year_of_the_same_partnership(
    store: Store, north: Partnership
) -> None:
    south = store.create_partnership("South Bay")
    first = store.create_evaluation(north.id, "2024/25", "annex-a", "h", by="ann")
    second = store.create_evaluation(north.id, "2025/26", "annex-a", "h", by="ann")
    third = store.create_evaluation(north.id, "2026/27", "annex-a", "h", by="ann")
    store.create_evaluation(south.id, "2025/26", "annex-a", "h", by="ann")

    assert store.previous_evaluation(third.partnership_id, third.year) == second
    assert store.previous_evaluation(second.partnership_id, second.year) == first
    assert store.previous_evaluation(first.partnership_id, first.year) is None
