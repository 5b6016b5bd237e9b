"""The few Markdown blocks every export is made of, with the escaping applied in one place.

Exports build documents from these helpers only, so no exporter writes a ``|`` or
a ``#`` itself and forgets to escape what goes next to it. Plain ``str`` arguments
are escaped; :class:`~selfeval_tui.exports.escape.Markdown` ones are used as
they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from selfeval_tui.exports.escape import as_block, as_inline, inline

Align = Literal["left", "center"]
_RULE = {"left": "---", "center": ":-:"}


def heading(level: int, text: str) -> str:
    return f"{'#' * level} {as_inline(text)}"


def paragraph(text: str) -> str:
    return as_block(text)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {as_block(item)}" for item in items)


def coordinator(prompt: str) -> str:
    """A clearly marked place for the coordinator's own words, which the data cannot supply."""
    return f"> _Coordinator: {inline(prompt)}_"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: Sequence[Align] | None = None) -> str:
    """A GFM table; every row gets exactly one cell per header cell, whatever the cells hold.

    Cells are padded with a space on each side: the space before each ``|`` keeps a
    cell that ends in an escaped backslash (``\\\\``) from escaping the delimiter in
    markdown-it, which looks only at the character before a pipe.
    """
    rule = [_RULE[a] for a in (align or ["left"] * len(header))]
    lines = [_row(header), _row(rule)]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a table row has {len(row)} cells for {len(header)} columns")
        lines.append(_row(row))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(as_inline(c) for c in cells) + " |"


def document(blocks: Iterable[str]) -> str:
    """Blocks separated by blank lines, ending in one newline; empty blocks are skipped."""
    return "\n\n".join(b for b in blocks if b) + "\n"
