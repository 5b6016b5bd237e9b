"""Finding, or creating, the partnership and academic year a command works on.

Shared by the plain mode, the TUI and the exports, so "--partnership X --year Y"
means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfeval_tui.bank import Framework
from selfeval_tui.store import Evaluation, Partnership, Store


def academic_year(today: date) -> str:
    """English academic years start in September: 22 Nov 2026 is in 2026/27."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class Target:
    partnership: Partnership | None
    evaluation: Evaluation | None

    @property
    def complete(self) -> bool:
        return self.evaluation is not None


def find(store: Store, partnership_name: str, year: str) -> Target:
    partnership = store.partnership_by_name(partnership_name)
    if partnership is None:
        return Target(None, None)
    return Target(partnership, store.evaluation(partnership.id, year))


def create(
    store: Store,
    framework: Framework,
    partnership_name: str,
    year: str,
    *,
    local_authority: str = "",
    carry_forward: bool = False,
) -> Evaluation:
    """Create what is missing; with ``carry_forward`` the latest earlier year's answers are copied.

    What another process creates meanwhile is used, not created twice: each
    step finds or creates in one transaction (``exist_ok``).
    """
    partnership = store.create_partnership(partnership_name, local_authority, exist_ok=True)
    previous = None
    if carry_forward:
        earlier = [e for e in store.list_evaluations(partnership.id) if e.year < year]
        previous = max(earlier, key=lambda e: e.year, default=None)
    return store.create_evaluation(
        partnership.id,
        year,
        framework.id,
        framework.hash,
        carry_forward_from=previous.id if previous else None,
        exist_ok=True,
    )
