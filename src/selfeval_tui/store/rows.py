"""Rows read back from SQLite as models, checked without pydantic.

Every row was validated by pydantic when it was saved. What can still go wrong on
the way back is a file edited by hand or by another program, so each column is
checked against its field's type: text is text, whole numbers are whole, the
timestamps parse, statuses and other choices are one of theirs, and an answer's
value is JSON of one of its three shapes. These checks are a few comparisons per
column, where validating with pydantic would mean importing it (and building its
validators) every time the app opens, before the first question can be shown.
"""

from __future__ import annotations

import json
import math
import types
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from enum import Enum
from typing import (
    Any,
    Literal,
    Protocol,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from selfeval_tui.domain.caching import cache_by_class

M = TypeVar("M")
Read = Callable[[Any], Any]


class Row(Protocol):
    """Columns by name: a ``sqlite3.Row`` from the store, or a plain dict in the tests."""

    def __getitem__(self, name: str, /) -> Any: ...


def read_row(model: type[M], row: Row) -> M:
    """The row as ``model``; a column that does not fit raises ValueError naming it."""
    values = {}
    for name, read in _readers(model).items():
        try:
            values[name] = read(row[name])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name}: {exc}") from None
    return model(**values)


@cache_by_class
def _readers(model: type) -> dict[str, Read]:
    hints = get_type_hints(model)
    return {field.name: _reader(hints[field.name]) for field in fields(model)}


def _reader(hint: Any) -> Read:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in get_args(hint) if arm is not type(None)]
        read = _reader(arms[0]) if len(arms) == 1 else _answer_value
        return _optional(read) if len(arms) < len(get_args(hint)) else read
    if origin is Literal:
        return _choice(get_args(hint))
    if hint is datetime:
        return _timestamp
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    readers: dict[Any, Read] = {bool: _flag, int: _whole, float: _number, str: _text}
    return readers[hint]


def _optional(read: Read) -> Read:
    return lambda value: None if value is None else read(value)


def _choice(choices: tuple[str, ...]) -> Read:
    def read(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return read


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return float(value)


def _flag(value: Any) -> bool:
    if value not in (0, 1):
        raise ValueError(f"{value!r} is not 0 or 1")
    return bool(value)


def _timestamp(value: Any) -> datetime:
    return datetime.fromisoformat(_text(value))


def _answer_value(value: Any) -> float | list[str] | dict[str, int]:
    """A measure's value, stored as JSON: a number, a list of ticked items, or counts by name."""
    decoded = json.loads(_text(value))
    if isinstance(decoded, list) and all(isinstance(item, str) for item in decoded):
        return decoded
    if isinstance(decoded, dict) and all(
        isinstance(count, int) and not isinstance(count, bool) for count in decoded.values()
    ):
        return decoded
    return _number(decoded)
