"""What every group of services shares: the open store they reach the database through, and the bank they judge by."""

from __future__ import annotations

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.ratings import Rater
from selfeval_tui.store.store import Store


class ServiceBase:
    """The store behind the services; only the services call it (an import-linter contract keeps it so).

    ``framework`` is the bank the shell loaded (``--questions``, else the bundled
    one): the services judge with it when they keep ``element_ratings``. Left out
    (most tests), the bundled bank is loaded, from its cache, at the first write
    that needs it.
    """

    def __init__(self, store: Store, framework: Framework | None = None) -> None:
        self._store = store
        self._framework = framework
        self._rater_made: Rater | None = None

    def _rater(self) -> Rater:
        """What the store needs to keep ``element_ratings`` in step with each write (docs/store.md)."""
        if self._rater_made is None:
            if self._framework is None:  # only when no bank was given: importing the cache costs every start
                from selfeval_tui.bank.cache import load_framework_cached

                self._framework = load_framework_cached()
            self._rater_made = Rater(self._framework)
        return self._rater_made
