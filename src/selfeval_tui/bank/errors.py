"""Turning pydantic and TOML errors into one line each that a bank author can act on.

An author editing ``questions/2-quality-first.toml`` needs to know which element,
level and criterion is wrong, not a pydantic location tuple; so each location is
read back against the raw TOML data to name things by their ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


class BankError(Exception):
    """Every problem found in a question bank, one readable line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def where(file: str, *parts: str) -> str:
    """The prefix of an error line: ``file: element 2.4, level Developed, criterion 3``."""
    return f"{file}: {', '.join(parts)}" if parts else file


def _name_of(container: str, index: int, raw: Any) -> str:
    item = raw if isinstance(raw, dict) else {}
    if container == "elements":
        return f"element {item.get('id', f'#{index + 1}')}"
    if container == "levels":
        return f"level {item.get('name', f'#{index + 1}')}"
    if container == "criteria":
        return f"criterion {index + 1}"
    if container == "measures":
        return f"measure {item.get('id', f'#{index + 1}')}"
    if container == "outcomes":
        return f"outcome {item.get('id', f'#{index + 1}')}"
    if container == "local_outcomes":
        return f"local outcome {item.get('id', f'#{index + 1}')}"
    if container == "categories":
        return f"category {item.get('id', f'#{index + 1}')}"
    if container == "terms":
        return f"term {item.get('term', f'#{index + 1}')}"
    if container == "items":
        return f"item {index + 1}"
    return f"{container} {index + 1}"


def _describe(error_type: str, field: str, message: str) -> str:
    if error_type == "missing":
        return f"'{field}' is missing"
    if error_type in {"extra_forbidden", "unexpected_keyword_argument"}:
        return f"'{field}' is not a known field"
    if error_type in {"string_type", "string_sub_type"}:
        return f"'{field}' must be text"
    if error_type in {"float_type", "float_parsing", "int_type", "int_parsing"}:
        return f"'{field}' must be a number"
    if error_type in {"tuple_type", "list_type"}:
        return f"'{field}' must be a list"
    if error_type in {"model_type", "dataclass_type", "dict_type", "model_attributes_type"}:
        return f"'{field}' must be a table"
    if error_type in {"too_short", "string_too_short"}:
        return f"'{field}' must not be empty"
    if error_type == "literal_error":
        return f"'{field}' {message[0].lower()}{message[1:]}"
    return f"'{field}': {message[0].lower()}{message[1:]}"


def describe_validation_error(file: str, raw: dict[str, Any], error: ValidationError) -> list[str]:
    """One line per pydantic error, located by element id, level name and criterion number."""
    lines = []
    for item in error.errors():
        loc = list(item["loc"])
        parts: list[str] = []
        node: Any = raw
        field = ""
        i = 0
        while i < len(loc):
            key = loc[i]
            nxt = loc[i + 1] if i + 1 < len(loc) else None
            if isinstance(key, str) and isinstance(nxt, int) and i + 2 < len(loc):
                child = node.get(key, []) if isinstance(node, dict) else []
                node = child[nxt] if isinstance(child, list) and nxt < len(child) else {}
                parts.append(_name_of(key, nxt, node))
                i += 2
                continue
            if isinstance(key, str) and key == "strand" and i + 1 < len(loc):
                parts.append("strand")
                node = node.get(key, {}) if isinstance(node, dict) else {}
                i += 1
                continue
            field = str(key) if isinstance(key, str) else f"{field}[{key + 1}]"
            i += 1
        lines.append(f"{where(file, *parts)}: {_describe(item['type'], field, item['msg'])}")
    return lines
