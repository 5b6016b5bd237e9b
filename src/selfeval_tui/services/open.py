"""``Services``: the one object the shells, the conversation and the exports call, opened on a database file.

It holds no user: every call takes the :class:`~selfeval_tui.services.actor.Actor`
who is acting, checks that actor's right first (``errors.refuse_unless``) and
passes the actor's name down to each write the store records it on. The calls
live with what they hold (``partnerships.py``, ``answers.py``, ``judgements.py``,
``membership.py``, ``outcomes.py``, ``actions.py``, ``views.py``, ``people.py``, ``workshops.py``); this module puts them together.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from selfeval_tui.services.actions import ActionServices
from selfeval_tui.services.answers import AnswerServices
from selfeval_tui.services.changes import ChangeServices
from selfeval_tui.services.judgements import JudgementServices
from selfeval_tui.services.membership import MembershipServices
from selfeval_tui.services.outcomes import OutcomeServices
from selfeval_tui.services.partnerships import PartnershipServices
from selfeval_tui.services.people import PeopleServices
from selfeval_tui.services.views import ViewServices
from selfeval_tui.services.workshops import WorkshopServices
from selfeval_tui.store.store import Store


class Services(
    PartnershipServices,
    AnswerServices,
    JudgementServices,
    MembershipServices,
    OutcomeServices,
    ActionServices,
    ChangeServices,
    WorkshopServices,
    ViewServices,
    PeopleServices,
):
    """Every service over one open store; close it (or use ``with``) when done. Safe to share between threads."""

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Services:
        """Open (creating on first use) and migrate ``path``; every refusal is a one-line ServiceError."""
        return cls(Store.open(path, create=create))

    @property
    def path(self) -> Path:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
