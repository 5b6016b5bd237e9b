"""Widgets that act on each of their own keys as they take it, so keys sent in one burst act in order.

Textual runs a widget's key bindings (Backspace, Ctrl+U, the arrows, a table's
Down) only after the key has bubbled up to the app, while typed characters go in
at once, and a screen's priority bindings run before either. In a burst over SSH,
"Ctrl+U 31/03/2027" would type the date and then delete it, and "Down a" would
add an action to the row above. These widgets run their own bindings as they take
each key, as the reply box does (widgets/composer.py), so a screen that waits for
them to take the keys sent ahead (``MessagePump.call_later``) sees them all done.
"""

from __future__ import annotations

from textual.events import Key
from textual.widget import Widget
from textual.widgets import DataTable, Input


async def act_on_own_key(widget: Widget, event: Key, left_to_screen: frozenset[str]) -> bool:
    """Run ``widget``'s own binding for the key now; False when it has none (or leaves it to the screen)."""
    bindings = widget._bindings.key_to_bindings.get(event.key)
    if not bindings or event.key in left_to_screen:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(bindings[0].action)
    return True


ENTER = frozenset({"enter"})
"""Enter is the plan screen's: next field, save, or edit the row."""


class OrderedInput(Input):
    async def _on_key(self, event: Key) -> None:
        if not await act_on_own_key(self, event, ENTER):
            await super()._on_key(event)


class OrderedTable(DataTable[object]):
    async def _on_key(self, event: Key) -> None:
        if not await act_on_own_key(self, event, ENTER):
            await super()._on_key(event)
