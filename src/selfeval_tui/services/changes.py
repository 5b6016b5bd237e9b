"""Changes since a mark: how one session follows what other sessions commit.

A ``ChangeWatch`` belongs to one session (the TUI's poller, a workshop screen,
a roll-up view). ``poll`` costs one ``PRAGMA data_version`` while nobody else
writes; when someone has committed, it reads the rows of the store's change log
after the last one it saw and hands them back grouped (``Changes``), so a view
re-reads only what concerns it: which evaluations, which kinds of thing, which
questions, elements and outcomes, and who changed them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import refuse_unless
from selfeval_tui.store import Store
from selfeval_tui.store.changes import Change, ChangeKind, latest


@dataclass(frozen=True)
class Changes:
    """What was committed between two marks of the change log, by anyone (this session included)."""

    entries: tuple[Change, ...]
    mark: int
    """The id of the last change included: the mark to ask from next time."""

    def __bool__(self) -> bool:
        return bool(self.entries)

    def concerning(self, partnership_id: int, evaluation_id: int | None = None) -> Changes:
        """Only what belongs to this evaluation, or to its partnership as a whole (targets, members)."""
        kept = tuple(
            change
            for change in self.entries
            if change.partnership_id == partnership_id
            and (evaluation_id is None or change.evaluation_id in (None, evaluation_id))
        )
        return Changes(kept, self.mark)

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        return frozenset(change.kind for change in self.entries)

    def keys(self, kind: ChangeKind) -> frozenset[str]:
        """The question ids (``answer``), element ids (``judgement``), outcome ids or categories changed."""
        return frozenset(change.key for change in self.entries if change.kind == kind)

    @property
    def evaluations(self) -> frozenset[int]:
        return frozenset(change.evaluation_id for change in self.entries if change.evaluation_id is not None)

    @property
    def people(self) -> frozenset[str]:
        """Who made the changes, where that is recorded."""
        return frozenset(change.changed_by for change in self.entries if change.changed_by is not None)


def _changes_since(store: Store, mark: int) -> Changes:
    entries: list[Change] = []
    while batch := store.changes_since(mark):
        entries.extend(batch)
        mark = batch[-1].id
    return Changes(tuple(entries), mark)


class ChangeWatch:
    """Polled by one session: None while nobody else has committed, else what changed since the last poll."""

    def __init__(self, store: Store, actor: Actor, readable: Callable[[Changes], Changes]) -> None:
        """Made by ``ChangeServices.watch``, which checks the actor may read and says what of the news they may see."""
        self.store = store
        self.actor = actor
        self._readable = readable
        self._version = store.data_version()
        self.mark = store.change_mark()

    def poll(self) -> Changes | None:
        """One cheap PRAGMA; the change log is read only when another connection has committed.

        Also None when the store is busy in another thread (a save of this
        session's own in progress): the next poll sees the same news.
        """
        version = self.store.data_version(wait=False)
        if version is None or version == self._version:
            return None
        self._version = version
        changes = self._readable(_changes_since(self.store, self.mark))
        self.mark = changes.mark
        return changes or None


class ChangeServices(ServiceBase):
    """Following other sessions, and where each person left off."""

    def watch(self, actor: Actor) -> ChangeWatch:
        """A watch on the whole database for one session: its ``poll`` says what others committed since."""
        refuse_unless(actor, Right.READ, "follow changes to the evaluations")
        return ChangeWatch(self._store, actor, lambda changes: self._readable_changes(actor, changes))

    def changes_since(self, actor: Actor, mark: int) -> Changes:
        """Everything committed after ``mark`` (a previous ``Changes.mark``, or 0 for everything)."""
        refuse_unless(actor, Right.READ, "follow changes to the evaluations")
        return self._readable_changes(actor, _changes_since(self._store, mark))

    def _readable_changes(self, actor: Actor, changes: Changes) -> Changes:
        """A person hears only of partnerships they may read: who changed what elsewhere is not theirs to see."""
        readable = self._readable_partnerships(actor)
        if readable is None:
            return changes
        return Changes(tuple(c for c in changes.entries if c.partnership_id in readable), changes.mark)

    def left_off(self, actor: Actor, evaluation_id: int) -> str | None:
        """The question ``actor`` left off at: their last answer or the last question they jumped to, the later."""
        self._require(actor, Right.READ, "read the evaluation", evaluation=evaluation_id)
        store = self._store
        point = latest(store.resume_point(evaluation_id, actor.name), store.last_answered_by(evaluation_id, actor.name))
        return point.question_id if point is not None else None

    def save_resume_point(self, actor: Actor, evaluation_id: int, question_id: str) -> None:
        """Remember that ``actor`` is at ``question_id`` (after a jump): a place, not an answer, so reading is enough."""
        self._require(actor, Right.READ, "read the evaluation", evaluation=evaluation_id)
        self._store.save_resume_point(evaluation_id, question_id, by=actor.name)

    @property
    def readonly(self) -> bool:
        """The database file cannot be written here (a resume point is then not worth an error)."""
        return self._store.readonly
