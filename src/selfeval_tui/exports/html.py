"""A Markdown export as one standalone, print-friendly HTML page.

markdown-it-py renders it with raw HTML off, so a ``<`` that reached the Markdown
would print as text rather than become a tag; every user text is escaped before
that anyway. Links are kept only for http, https and mailto (and in-page
anchors): our Markdown has no links, so this is a second lock, not the first.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import cast

from markdown_it import MarkdownIt

from selfeval_tui.exports.escape import normalise

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
@media print {
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


def body(markdown: str) -> str:
    return cast(str, _renderer().render(markdown))  # markdown-it types render() as returning Any


def page(markdown: str, title: str) -> str:
    """A complete page: doctype, UTF-8, the stylesheet inline (no network, prints as shown)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(normalise(title))}</title>\n"
        f"<style>\n{STYLESHEET}\n</style>\n</head>\n<body>\n<main>\n"
        f"{body(markdown)}</main>\n</body>\n</html>\n"
    )
