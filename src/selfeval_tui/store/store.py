"""The Store: the one way the services read and write the database.

Every public method takes and returns the records of ``domain/records.py``, so
nothing above the store sees SQL. Every write is one ``BEGIN IMMEDIATE ... COMMIT``
that has finished before the method returns: when ``save_answer`` returns, the
answer is on disk, and when it raises, nothing of it is. Each write that records
a person (``answered_by``, ``agreed_by``, ``recorded_by``, ``changed_by``) is told
who by its ``by`` keyword; the store itself knows nobody.

The methods live with their tables: ``partnerships.py``, ``members.py``,
``evaluations.py``, ``answers.py``, ``judgements.py``, ``outcomes.py``,
``changes.py``, ``signoff.py``, ``workshops.py`` and ``actions.py`` (the action plan, which extends an evaluation's
carry forward), each a mixin over ``base.StoreBase``; this module puts them together.
``ratings.py`` (``element_ratings``) is the base of the answers, judgements and
evaluations mixins, whose writes keep it in their own transactions.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from selfeval_tui.store.actions import ActionPlans
from selfeval_tui.store.answers import AnswerRecords
from selfeval_tui.store.changes import StoreChanges
from selfeval_tui.store.connection import hold, open_database, release
from selfeval_tui.store.evaluations import EvaluationRecords
from selfeval_tui.store.judgements import JudgementRecords
from selfeval_tui.store.members import MemberRecords
from selfeval_tui.store.outcomes import OutcomeRecords
from selfeval_tui.store.partnerships import PartnershipRecords
from selfeval_tui.store.people import PeopleRecords
from selfeval_tui.store.workshops import WorkshopRecords
from selfeval_tui.store.signoff import SignOffRecords


class Store(
    PartnershipRecords,
    MemberRecords,
    ActionPlans,
    EvaluationRecords,
    AnswerRecords,
    WorkshopRecords,
    JudgementRecords,
    OutcomeRecords,
    StoreChanges,
    PeopleRecords,
    SignOffRecords,
):
    """An open database file. Use :meth:`Store.open`; close it (or use ``with``) when done."""

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store:
        """Open (creating on first use) and migrate ``path``; every refusal is a one-line StoreError."""
        path = Path(path).expanduser()
        conn, readonly = open_database(path, create=create)
        store = cls(conn, path=path, readonly=readonly)
        store._held = hold(path)
        return store

    _held: tuple[int, int] | None = None
    """This store's count in ``connection.hold``: no other store of this process reads the file by hand meanwhile."""

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            release(self._held)
            self._held = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
