"""Field rules that pydantic enforces when it validates, without importing pydantic where they are written.

The bank's and the store's models are frozen standard dataclasses. Pydantic
validates them where data comes in (a bank's TOML, a value to be saved), but the
app that only reads an already validated bank and its own database never imports
pydantic at all, which is the largest single saving in its start-up time.
Pydantic's ``Field`` would express the same rules, but naming it in a model
would import pydantic wherever the model is used.
"""

from __future__ import annotations

from typing import Annotated, Any


class Constraint:
    """``Annotated[str, Constraint(min_length=1)]``: keywords of pydantic-core's schema for that type.

    ``min_length``, ``pattern``, ``ge``, ``le`` and ``allow_inf_nan`` are used;
    pydantic reads them through its ``__get_pydantic_core_schema__`` hook.
    """

    def __init__(self, **rules: Any) -> None:
        self.rules = rules

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.rules)
        return schema


Text = Annotated[str, Constraint(min_length=1)]
"""Text that may not be empty (after stripping, where the model strips whitespace)."""
