"""Snapshots of every screen at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic by construction: a fixed "today", no clock in the header, no
timestamps on screen, no cursor blink, and answers saved before the screenshot
is taken (``run_before`` waits for the save workers). Update with
``pytest tests/functional/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_tui_history import seed_years
from test_tui_outcomes import seed_outcomes
from tui_support import make_app, paste, press

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.workbench import NewEvaluation
from selfeval_tui.store import Evaluation, Status, Store

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


def answer(tui_store: Store, riverside: Evaluation, *statuses: Status) -> None:
    """The first answers of 1.1, saved directly so the screenshot does not depend on typing."""
    for number, status in enumerate(statuses, start=1):
        tui_store.save_answer(
            riverside.id, f"1.1.developing.{number}", status=status, note="minutes of 3 May" if number == 1 else "", by="coordinator"
        )


def then(*keys: str, text: str | None = None) -> Callable[[object], object]:
    async def run_before(pilot: object) -> None:
        if text is not None:
            await paste(pilot, text)
        await press(pilot, *keys)

    return run_before


@SIZES
def test_start(
    snap_compare: Callable[..., bool], tui_store: Store, framework: Framework, size: tuple[int, int]
) -> None:
    riverside = Services(tui_store).create(Actor("coordinator"), framework, "Riverside", "2026/27", local_authority="Kent")
    answer(tui_store, riverside, Status.MET, Status.PARTLY)
    Services(tui_store).create(Actor("coordinator"), framework, "Hillside", "2025/26")
    app = make_app(tui_store, framework, NewEvaluation())
    assert snap_compare(app, terminal_size=size)


@SIZES
def test_chat_mid_element(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    answer(tui_store, riverside, Status.MET, Status.PARTLY)
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("3", text="yes, heads attend every meeting"))


@SIZES
def test_chat_with_descriptors(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    answer(tui_store, riverside, Status.MET, Status.PARTLY)
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f3"))


@SIZES
def test_overview(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    answer(tui_store, riverside, Status.MET, Status.PARTLY, Status.NOT_MET)
    for criterion in (c for level in framework.element("2.3").levels for c in level.criteria):
        tui_store.save_answer(riverside.id, criterion.id, status=Status.MET, by="coordinator")
    tui_store.save_answer(riverside.id, "1.2.developing.1", status=Status.MET, by="coordinator")
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f4"))


@SIZES
def test_overview_profile(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    """The rating profile: shaded provisional bars, an agreed rating, not started, and last year's ratings."""
    from test_tui_profile import seed_two_years

    seed_two_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f4", "p"))


@SIZES
def test_outcomes(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    """Every status, and persistent absence highlighted: its trend runs across two years."""
    seed_outcomes(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f5", "down", "down"))


@SIZES
def test_history(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    """Five years of Riverside: changes up, down and same in words and symbols, the years scrolled to this one."""
    seed_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f8"))


@SIZES
def test_help(
    snap_compare: Callable[..., bool],
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    size: tuple[int, int],
) -> None:
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=size, run_before=then("f1"))


def test_too_small(
    snap_compare: Callable[..., bool], tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    assert snap_compare(app, terminal_size=(60, 20))
