"""Strands and elements with progress and each element's current rating, used to jump.

A rating is always a word (``Developed``; ``*`` marks a provisional one); the
colour from the theme only repeats it, so NO_COLOR and colour-blind users lose
nothing. Each element is its number, rating and ``answered/total``
(``conversation.progress``, as the question tag counts them), then its
title wrapped on up to two lines of its own, so that a narrow outline still
shows the title rather than three letters of it; what does not fit ends in an
ellipsis.
Strands fold with Enter or Space; Enter on either line of an element jumps there.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.progress import LEVEL_COLOURS, ElementProgress, rating_word

WORD_WIDTH = 12
TITLE_LINES = 2
"""A title longer than this many lines of the outline is cut, with an ellipsis, at the end of the last."""


def title_lines(title: str, width: int) -> list[str]:
    """The title wrapped to ``width``; the last line holds the rest, for :meth:`Outline.render_label` to cut."""
    lines = textwrap.wrap(title, width) or [title]
    return lines[: TITLE_LINES - 1] + [" ".join(lines[TITLE_LINES - 1 :])] if len(lines) > TITLE_LINES else lines


class Outline(Tree[str]):
    """Node data is the element id (strand nodes carry ``""``)."""

    class Jump(Message):
        def __init__(self, element_id: str) -> None:
            super().__init__()
            self.element_id = element_id

    def __init__(self, framework: Framework, progress: Mapping[str, ElementProgress], **kwargs: object) -> None:
        """Built with its first labels: relabelling every line just after mounting would draw it all twice."""
        super().__init__("Elements", data="", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._framework = framework
        self._progress = progress
        self._current: str | None = None
        self._title_width = 0
        self._element_nodes: dict[str, TreeNode[str]] = {}
        self._strand_nodes: dict[str, TreeNode[str]] = {}
        for strand in framework.strands:
            strand_node = self.root.add(self._strand_label(strand.id), data="", expand=True)
            self._strand_nodes[strand.id] = strand_node
            for element in strand.elements:
                label = self._element_label(progress[element.id]) if element.id in progress else element.id
                node = strand_node.add(label, data=element.id, expand=True, allow_expand=False)
                node.add_leaf(Text(element.title, "dim"), data=element.id)  # wrapped once the width is known
                self._element_nodes[element.id] = node

    def on_mount(self) -> None:
        """Catch up with what was asked of it before it was mounted (the chat screen mounts it lazily)."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._relabel_all())
        self.update_progress(self._progress)
        self.show_current(self._current)

    def on_resize(self, event: Resize) -> None:
        """Wrap the titles again for the new width (only when it changed: each rewrap repaints the outline)."""
        width = self.scrollable_content_region.width - 2 * self.guide_depth
        if width <= 0 or width == self._title_width:
            return
        self._title_width = width
        for element in self._framework.elements:
            node = self._element_nodes[element.id]
            node.remove_children()
            for line in title_lines(element.title, width):
                node.add_leaf(Text(line, "dim"), data=element.id)
        self.show_current(self._current)

    def _colour(self, progress: ElementProgress) -> str:
        if progress.level is None:
            return ""  # not dimmed: at 256 colours dim text falls below a readable contrast
        return f"bold {self.app.theme_variables.get(LEVEL_COLOURS[progress.level], '')}".strip()

    def _element_label(self, progress: ElementProgress) -> Text:
        return Text.assemble(
            f"{progress.element.id} ",
            (rating_word(progress).ljust(WORD_WIDTH), self._colour(progress)),
            f"{progress.answered}/{progress.total}",
        )

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """Every line cut to the outline's width with an ellipsis, rather than cropped mid-word without a mark."""
        text = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 0 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    def _strand_label(self, strand_id: str) -> Text:
        strand = next(s for s in self._framework.strands if s.id == strand_id)
        done = sum(1 for e in strand.elements if e.id in self._progress and self._progress[e.id].complete)
        return Text.assemble(f"Strand {strand.id} ", (f"{done}/{len(strand.elements)} done ", "dim"), strand.title)

    def update_progress(self, progress: Mapping[str, ElementProgress]) -> None:
        """Relabel only the lines whose text changed: every relabel repaints it (a strand's, its children too)."""
        self._progress = progress
        if not self.is_mounted:
            return
        for element_id, element_progress in progress.items():
            self._set_label(self._element_nodes[element_id], self._element_label(element_progress))
        for strand_id, node in self._strand_nodes.items():
            self._set_label(node, self._strand_label(strand_id))

    @staticmethod
    def _set_label(node: TreeNode[str], label: Text) -> None:
        if node.label != label:
            node.set_label(label)

    def _relabel_all(self) -> None:
        """After a theme change: the words are the same, the colours in them are not, so every label differs."""
        self.update_progress(self._progress)

    def show_current(self, element_id: str | None) -> None:
        """Move the cursor to the element being asked, so the outline doubles as a 'you are here'."""
        self._current = element_id
        if not self.is_mounted:
            return
        node = self._element_nodes.get(element_id or "")
        if node is None:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        if self.cursor_node is node:  # moving (and scrolling to) it again would repaint for nothing
            return
        self.cursor_line = node.line
        if self.size.height:  # before the first layout there is nothing to scroll, and trying scrolls wrongly
            self.scroll_to_node(node, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))
