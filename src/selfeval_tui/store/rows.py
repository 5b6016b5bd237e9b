"""Models checked without pydantic: rows read back from SQLite, and values about to be saved.

Reading: every row was checked when it was saved. What can still go wrong on
the way back is a file edited by hand or by another program, so each column is
checked against its field's type: text is text, whole numbers are whole, the
timestamps parse, statuses and other choices are one of theirs, and an answer's
value is JSON of one of its three shapes. These checks are a few comparisons per
column, where validating with pydantic would mean importing it (and building its
validators) every time the app opens, before the first question can be shown.

Saving (:func:`build`): the same checks on Python values, plus the field rules the
models state with ``Constraint`` (lengths, bounds, finite numbers). Pydantic did
this before; importing it and building its validators on the first save added
about 11 MiB to a chat session and some 60 ms to its first reply.
"""

from __future__ import annotations

import json
import math
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import MISSING, fields
from datetime import datetime
from enum import Enum
from typing import (
    Annotated,
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
from selfeval_tui.domain.constraints import Constraint

M = TypeVar("M")
Read = Callable[[Any], Any]


class Row(Protocol):
    """Columns by name: a ``sqlite3.Row`` from the store, or a plain dict in the tests."""

    def __getitem__(self, name: str, /) -> Any: ...


def read_row(model: type[M], row: Row) -> M:
    """The row as ``model``; a column that does not fit raises ValueError naming it.

    Exports read every answer of every evaluation, so this is a hot path: the columns are
    read in one comprehension, and only a row that does not fit is read again to name the column.
    """
    readers = _readers(model)
    try:
        values = {name: read(row[name]) for name, read in readers}
    except (TypeError, ValueError):
        for name, read in readers:
            try:
                read(row[name])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{name}: {exc}") from None
        raise
    return _construct(model, values)


class Rows(Protocol):
    """The rows of one query: each a sequence of its columns, with ``keys()`` naming them (``sqlite3.Row``)."""

    def __getitem__(self, name: str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def keys(self) -> list[str]: ...


def read_rows(model: type[M], rows: Sequence[Rows]) -> list[M]:
    """Every row of one query as ``model``, as :func:`read_row` reads each, but by position.

    ``export --all`` reads some 30,000 answer rows; looking each column up by name in a
    ``sqlite3.Row`` was a third of reading a row. The rows of one query share their
    columns, so their names are compared with the model's fields once, for all of them.
    """
    if not rows:
        return []
    readers = _readers(model)
    names = tuple(name for name, _ in readers)
    if tuple(rows[0].keys()) != names:
        return [read_row(model, row) for row in rows]
    reads = tuple(read for _, read in readers)
    models = []
    for row in rows:
        try:
            values = {name: read(value) for name, read, value in zip(names, reads, row, strict=True)}
        except (TypeError, ValueError):
            read_row(model, row)  # names the column that does not fit
            raise
        models.append(_construct(model, values))
    return models


def _construct(model: type[M], values: dict[str, Any]) -> M:
    """``model(**values)`` for checked values of every field, at a third of the cost.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which
    was most of the time of reading a row; filling its ``__dict__`` gives the same instance
    (its ``__post_init__`` rule still runs). Only for values that have been checked.
    """
    instance = object.__new__(model)
    instance.__dict__.update(values)
    post_init = getattr(model, "__post_init__", None)
    if post_init is not None:
        post_init(instance)
    return instance


@cache_by_class
def _readers(model: type) -> tuple[tuple[str, Read], ...]:
    hints = get_type_hints(model)
    return tuple((field.name, _reader(hints[field.name])) for field in fields(model))


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
        return _member(hint)
    readers: dict[Any, Read] = {bool: _flag, int: _whole, float: _number, str: _text}
    return readers[hint]


def _member(kind: type[Enum]) -> Read:
    """An enum's member by its value: a dictionary look-up, several times faster than calling the enum."""
    members = {member.value: member for member in kind}

    def read(value: Any) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not one of {', '.join(map(str, members))}") from None

    return read


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
        raise ValueError(f"{value!r} is not text")  # noqa: TRY004 (a column that does not fit is a ValueError, as the store reports)
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")  # noqa: TRY004 (as _text)
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


def build(model: type[M], values: dict[str, Any]) -> M:
    """``model(**values)`` once every value fits its field; otherwise ValueError ``"field: what is wrong"``.

    Python values, not columns: a whole number may stand for a float, an enum's value
    for its member, and nothing is parsed from text.
    """
    checks = _checks(model)
    unknown = next((name for name in values if name not in checks), None)
    if unknown is not None:
        raise ValueError(f"{unknown}: not a field of {model.__name__}")
    checked = {}
    for name, value in values.items():
        try:
            checked[name] = checks[name](value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name}: {exc}") from None
    missing = next((name for name in _required(model) if name not in values), None)
    if missing is not None:
        raise ValueError(f"{missing}: required")
    return model(**checked)  # __post_init__'s own rules raise ValueError with their message


@cache_by_class
def _required(model: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(model) if f.default is MISSING and f.default_factory is MISSING)


@cache_by_class
def _checks(model: type) -> dict[str, Read]:
    hints = get_type_hints(model, include_extras=True)
    return {field.name: _check(hints[field.name]) for field in fields(model)}


def _check(hint: Any) -> Read:
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        rules = {k: v for extra in extras if isinstance(extra, Constraint) for k, v in extra.rules.items()}
        return _ruled(_check(base), rules)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in get_args(hint) if arm is not type(None)]
        check = _first_fit([_check(arm) for arm in arms])
        return _optional(check) if len(arms) < len(get_args(hint)) else check
    if origin is list:
        return _list_of(_check(get_args(hint)[0]))
    if origin is dict:
        return _dict_of(_check(get_args(hint)[0]), _check(get_args(hint)[1]))
    if origin is Literal:
        return _choice(get_args(hint))
    if hint is datetime:
        return _instance(datetime)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    checks: dict[Any, Read] = {bool: _flag_value, int: _whole, float: _float_value, str: _text}
    return checks[hint]


def _ruled(check: Read, rules: dict[str, Any]) -> Read:
    """The ``Constraint`` keywords the models use: min_length, max_length, ge, le, allow_inf_nan."""

    def read(value: Any) -> Any:
        value = check(value)
        if "min_length" in rules and len(value) < rules["min_length"]:
            raise ValueError(f"should have at least {rules['min_length']} character(s)")
        if "max_length" in rules and len(value) > rules["max_length"]:
            raise ValueError(f"should have at most {rules['max_length']} characters")
        if "ge" in rules and value < rules["ge"]:
            raise ValueError(f"should be at least {rules['ge']}")
        if "le" in rules and value > rules["le"]:
            raise ValueError(f"should be at most {rules['le']}")
        if rules.get("allow_inf_nan") is False and not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return value

    unknown = set(rules) - {"min_length", "max_length", "ge", "le", "allow_inf_nan"}
    if unknown:
        raise TypeError(f"no check written for {', '.join(sorted(unknown))}")
    return read


def _first_fit(checks: list[Read]) -> Read:
    def read(value: Any) -> Any:
        errors = []
        for check in checks:
            try:
                return check(value)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError(" or ".join(errors))

    return read


def _list_of(item: Read) -> Read:
    def read(value: Any) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"{value!r} is not a list")
        return [item(part) for part in value]

    return read


def _dict_of(key: Read, item: Read) -> Read:
    def read(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise TypeError(f"{value!r} is not a mapping")
        return {key(name): item(part) for name, part in value.items()}

    return read


def _instance(kind: type) -> Read:
    def read(value: Any) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"{value!r} is not a {kind.__name__}")
        return value

    return read


def _float_value(value: Any) -> float:
    """A whole number may stand for a float (``amount=5``), as it did under pydantic's lax mode."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{value!r} is not a number")
    return float(value)


def _flag_value(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value
