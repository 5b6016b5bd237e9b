"""The SQLite store: partnerships, evaluations, answers and their history, judgements, outcomes.

Import everything from here; the modules behind it are free to move. Nothing in
this package imports Textual.
"""

from selfeval_tui.domain.records import (
    Answer,
    AnswerValue,
    Direction,
    Evaluation,
    HistoryEntry,
    Judgement,
    JudgementHistoryEntry,
    OutcomeTarget,
    OutcomeValue,
    Partnership,
    Period,
    Status,
    Unit,
    check_academic_year,
)
from selfeval_tui.store.connection import check_database
from selfeval_tui.store.errors import (
    ConflictError,
    StoreError,
    StoreFullError,
    StoreInputError,
    StoreReadOnlyError,
)
from selfeval_tui.store.paths import default_db_path, resolve_db_path
from selfeval_tui.store.store import Store

__all__ = [
    "Answer",
    "AnswerValue",
    "ConflictError",
    "Direction",
    "Evaluation",
    "HistoryEntry",
    "Judgement",
    "JudgementHistoryEntry",
    "OutcomeTarget",
    "OutcomeValue",
    "Partnership",
    "Period",
    "Status",
    "Store",
    "StoreError",
    "StoreFullError",
    "StoreInputError",
    "StoreReadOnlyError",
    "Unit",
    "check_academic_year",
    "check_database",
    "default_db_path",
    "resolve_db_path",
]
