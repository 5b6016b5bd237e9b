"""``functools.cache`` for functions of a class, typed as the function it wraps.

typeshed types a cached function as taking any ``Hashable`` arguments, and mypy
checks a class against ``Hashable`` as if it were one of its instances, so passing
``type[M]`` to one is reported although every class is hashable (python/mypy#11470,
python/mypy#20409). Typed as the undecorated function, calls are checked against
its real signature instead, generic return type included.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def cache_by_class(function: F) -> F:
    """``functools.cache(function)``, for functions whose arguments are classes (always hashable)."""
    return cast(F, cache(function))
