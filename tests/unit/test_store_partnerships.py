"""Partnerships and their members."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store_fixtures import store  # noqa: F401  (fixtures)

from selfeval_tui.store import Store, StoreError, StoreInputError


def test_a_created_partnership_is_listed_and_found_by_name_in_any_case(store: Store) -> None:
    before = datetime.now(UTC)
    created = store.create_partnership("  North Bay  ", "Northshire")
    store.create_partnership("alder vale")

    assert created.name == "North Bay" and created.local_authority == "Northshire"
    assert before <= created.created_at <= datetime.now(UTC) + timedelta(seconds=1)
    assert [p.name for p in store.list_partnerships()] == ["alder vale", "North Bay"]
    assert store.partnership_by_name("NORTH BAY") == created
    assert store.partnership_by_id(created.id) == created
    assert store.partnership_by_name("South") is None


def test_partnerships_persist_across_reopening(tmp_path: Path) -> None:
    db = tmp_path / "selfeval.sqlite3"
    with Store.open(db) as first:
        created = first.create_partnership("North Bay", "Northshire")
    with Store.open(db) as second:
        assert second.list_partnerships() == [created]


@pytest.mark.parametrize("clash", ["North Bay", "north bay", " NORTH BAY "])
def test_a_second_partnership_with_the_same_name_is_refused(store: Store, clash: str) -> None:
    store.create_partnership("North Bay")
    with pytest.raises(StoreInputError) as refused:
        store.create_partnership(clash)
    assert "'North Bay' already exists" in str(refused.value)
    assert str(store.path) in str(refused.value) and "\n" not in str(refused.value)
    assert len(store.list_partnerships()) == 1


def test_a_partnership_needs_a_name(store: Store) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        store.create_partnership("   ")
    assert store.list_partnerships() == []


def test_an_unknown_partnership_id_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreInputError, match="no partnership with id 99"):
        store.partnership_by_id(99)


def test_members_are_kept_per_category_in_the_order_given(store: Store) -> None:
    partnership = store.create_partnership("North Bay")
    store.set_members(partnership.id, "schools", ["Hill Primary", "  ", "Bay Academy "])
    store.set_members(partnership.id, "agencies", ["Police"])
    assert store.members(partnership.id) == {
        "agencies": ["Police"],
        "schools": ["Hill Primary", "Bay Academy"],
    }


def test_setting_a_category_replaces_it_and_an_empty_list_removes_it(store: Store) -> None:
    partnership = store.create_partnership("North Bay")
    other = store.create_partnership("South Bay")
    store.set_members(partnership.id, "schools", ["Hill Primary", "Bay Academy"])
    store.set_members(partnership.id, "agencies", ["Police"])
    store.set_members(other.id, "schools", ["Dune School"])

    store.set_members(partnership.id, "schools", ["Bay Academy"])
    store.set_members(partnership.id, "agencies", [])

    assert store.members(partnership.id) == {"schools": ["Bay Academy"]}
    assert store.members(other.id) == {"schools": ["Dune School"]}


def test_members_of_an_unknown_partnership_are_refused(store: Store) -> None:
    with pytest.raises(StoreInputError, match="no partnership with id 7"):
        store.set_members(7, "schools", ["Hill Primary"])
