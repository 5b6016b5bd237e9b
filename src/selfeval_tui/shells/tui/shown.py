"""Stored text as something the TUI can draw: inert, and never read as markup.

Textual reads a ``str`` given to ``Static``, ``Label``, ``Static.update``, an
``Option`` prompt or a ``DataTable`` cell as Rich/Textual markup: a member
called ``[@click=app.quit]`` would become a link that quits, ``[bold]`` would
vanish into a style, and a stray ``[/x]`` would raise. Rich ``Text`` is never
parsed, so everything that holds text someone stored (names, notes, titles,
error messages quoting them) goes through :func:`shown`. :func:`inert` shows the
control characters and bidi controls in it as symbols (docs/security.md).
"""

from __future__ import annotations

from rich.text import Text

from selfeval_tui.domain.inert import inert


def shown(text: str, style: str = "") -> Text:
    """``text`` as plain ``Text``, with whatever a terminal would obey shown as a symbol."""
    return Text(inert(text), style=style)
