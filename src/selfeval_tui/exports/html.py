"""A Markdown export as one standalone, print-friendly HTML page.

markdown-it-py renders it with raw HTML off, so a ``<`` that reached the Markdown
would print as text rather than become a tag; every user text is escaped before
that anyway. Links are kept only for http, https and mailto (and in-page
anchors): our Markdown has no links, so this is a second lock, not the first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TypeVar, cast

from markdown_it import MarkdownIt
from markdown_it.token import Token

from selfeval_tui.exports.escape import normalise

T = TypeVar("T")
SAFE_LINK = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)

STYLESHEET = """
body { font: 11pt/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #111; margin: 2em auto; }
body { max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-top: 1.3em; }
h4 { font-size: 1em; margin-top: 1.2em; }
table { border-collapse: collapse; margin: 0.8em 0; width: 100%; }
th, td { border: 1px solid #888; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; }
th[style*="center"], td[style*="center"] { text-align: center; }
blockquote { margin: 0.8em 0; padding: 0.3em 0.8em; border-left: 4px solid #c60; background: #fff6ec; }
figure.chart { margin: 1em 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
table.chart-data { font-size: 0.9em; width: auto; }
table.chart-data caption { text-align: left; font-style: italic; caption-side: top; white-space: nowrap; }
figure.beside { display: flex; align-items: flex-start; gap: 1em; }
figure.beside svg { flex: 0 1 70%; min-width: 0; }
figure.beside table.chart-data { margin: 0; flex: 0 0 auto; }
@media print {
  figure.chart svg { break-inside: avoid; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  blockquote { background: none; }
}
""".strip()


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = lambda url: SAFE_LINK.match(url.strip()) is not None  # type: ignore[method-assign]  # markdown-it's hook for which links to keep
    return md


Figures = Mapping[str, Sequence[str]]
"""HTML to put after a heading, by the heading's text: how the report's pictures join its Markdown."""


def inline_text(token: Token) -> str:
    """The text an inline token reads as (escapes resolved, emphasis dropped), to find a heading by."""
    return "".join(child.content for child in token.children or () if child.type in ("text", "code_inline"))


def headings(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """Each heading's index (its closing token) and its text."""
    return [(i + 1, inline_text(tokens[i])) for i in range(1, len(tokens) - 1) if tokens[i - 1].type == "heading_open"]


TITLE = ""
"""The key of the figures that go under a paper's first heading, its title: named by position, since the
title holds the partnership's name, which is whatever someone typed."""


def place(tokens: Sequence[Token], figures: Mapping[str, Sequence[T]]) -> dict[int, Sequence[T]]:
    """Where each group of figures goes: after the first heading with that text (or the title), which must exist."""
    found = {text: index for index, text in reversed(headings(tokens))}
    if TITLE in figures and (first := headings(tokens)[:1]):
        found[TITLE] = first[0][0]
    missing = [text for text in figures if text not in found]
    if missing:
        raise ValueError(f"no heading {missing[0]!r} to put its figures under")
    return {found[text]: items for text, items in figures.items()}


def tokens_of(markdown: str) -> list[Token]:
    """The Markdown's block tokens, as the HTML and the Word document both read them."""
    return _renderer().parse(markdown)


def body(markdown: str, figures: Figures | None = None) -> str:
    md = _renderer()
    if not figures:
        return cast(str, md.render(markdown))  # markdown-it types render() as returning Any
    tokens = tokens_of(markdown)
    after = place(tokens, figures)
    parts: list[str] = []
    start = 0
    for index in sorted(after):
        parts.append(md.renderer.render(tokens[start : index + 1], md.options, {}))
        parts.extend(after[index])
        start = index + 1
    parts.append(md.renderer.render(tokens[start:], md.options, {}))
    return "".join(parts)


def page(
    markdown: str, title: str, figures: Figures | None = None, *, style: str = "", before: str = ""
) -> str:
    """A complete page: doctype, UTF-8, the stylesheet inline (no network, prints as shown).

    ``figures`` are inserted after their headings; ``style`` is added to the
    stylesheet and ``before`` (already HTML) opens the body: the PDF's page
    rules and running header.
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(normalise(title))}</title>\n"
        f"<style>\n{STYLESHEET}{style}\n</style>\n</head>\n<body>\n{before}<main>\n"
        f"{body(markdown, figures)}</main>\n</body>\n</html>\n"
    )
