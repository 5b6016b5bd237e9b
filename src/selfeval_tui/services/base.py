"""What every group of services shares: the open store they reach the database through."""

from __future__ import annotations

from selfeval_tui.store.store import Store


class ServiceBase:
    """The store behind the services; only the services call it (an import-linter contract keeps it so)."""

    def __init__(self, store: Store) -> None:
        self._store = store
