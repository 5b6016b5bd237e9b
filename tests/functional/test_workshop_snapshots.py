"""Snapshots of the projector, facilitator and voter screens at 80x24 and 160x45 (pytest-textual-snapshot).

Deterministic: the clock is fixed at 2:30 into the item (the timer reads 7:30
left), the votes are cast before the screenshot, and the join code is set to a
known one. Update with ``--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from workshop_screens_support import North, app

from selfeval_tui.shells.tui.workshop.facilitator import FacilitatorScreen
from selfeval_tui.shells.tui.workshop.screens import ProjectorScreen
from selfeval_tui.shells.tui.workshop.voter import VoterScreen

pytest_plugins = ("workshop_screens_support",)

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


def voting(north: North, *levels: str, reveal: bool = False) -> None:
    fac = north.actors["fac"]
    north.services.open_item(fac, north.workshop_id, "1.1")
    north.services.open_voting(fac, north.workshop_id)
    north.votes(*levels)
    if reveal:
        north.services.reveal(fac, north.workshop_id)


@SIZES
def test_projector_while_voting(snap_compare: Callable[..., bool], north: North, size: tuple[int, int]) -> None:
    voting(north, "developed", "established", "developed", "developing", "developed")
    assert snap_compare(app(north.room("watcher"), ProjectorScreen), terminal_size=size)


@SIZES
def test_projector_revealed(snap_compare: Callable[..., bool], north: North, size: tuple[int, int]) -> None:
    voting(north, "developed", "established", "developed", "developing", "developed", reveal=True)
    assert snap_compare(app(north.room("watcher"), ProjectorScreen), terminal_size=size)


@SIZES
def test_facilitator_revealed(snap_compare: Callable[..., bool], north: North, size: tuple[int, int]) -> None:
    voting(north, "developed", "established", "enhancing", reveal=True)
    assert snap_compare(app(north.room("fac"), FacilitatorScreen), terminal_size=size)


@SIZES
def test_voter_voting(snap_compare: Callable[..., bool], north: North, size: tuple[int, int]) -> None:
    voting(north, "developed", "established")
    assert snap_compare(app(north.room("lead_d"), VoterScreen), terminal_size=size)
