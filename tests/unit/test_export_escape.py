"""The escaping rules on their own: any text in a cell, heading, paragraph or list item reads back as written."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from export_support import inline_text, parse, shape, tables
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.escape import block_text, inline, is_blank, normalise, strong

MARKDOWN_BITS = [
    "|", "\\", "\\|", "`", "```", "*", "**", "_", "[", "]", "](", "<", ">", "#", "!", "~~", "&", "&amp;", "$",
    "-", "+", "=", "1.", "2)", "---", "===", "    ", "\t", "\n", "\r\n", "\r", "\u2028", "\x00", "\x0b", "\xa0",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "<https://x.test>", "![i](data:x)", "<br>",
    "| a | b |", "\n| --- | --- |\n", "# heading", "- item", "> quote", ":smile:", "[^1]", "a  ", "\\\n",
    "https://x.test/a_b#c", "www.example.org", "mailto:a", "a@b.test",
]  # fmt: skip
"""Pieces of Markdown and HTML syntax (and the line breaks and spaces around them) to build nasty text from."""

nasty_text = st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=5)), max_size=12).map("".join)


def test_normalise_documented_examples() -> None:
    assert normalise("  two\n\nlines  ") == "two / lines"
    assert normalise("a\r\nb\rc\u2028d") == "a / b / c / d"
    assert normalise("tab\there   and\xa0nbsp") == "tab here and nbsp"
    assert normalise("bell\x07 and nul\x00") == "bell and nul"
    assert is_blank(" \n\t\x01") and not is_blank(".")


def test_inline_escapes_markdown_syntax_only() -> None:
    assert inline("a | b") == "a \\| b"
    assert inline("*x* _y_ `z` [l](u) <b> #1 !i ~s~ &amp; &#38; $m$ B&A \\") == (
        "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b\\> \\#1 !i \\~s\\~ \\&amp; \\&\\#38; \\$m\\$ B&A \\\\"
    )
    assert inline("Reason: 3, (see minutes) - ok.") == "Reason: 3, (see minutes) - ok."
    assert inline("https://x.test/a_b www.x.org") == "https\\://x.test/a\\_b www\\.x.org"


def test_block_text_escapes_a_leading_block_marker() -> None:
    assert [block_text(t) for t in ("- a", "+ a", "=== a", "12. a", "3) a", "a - b")] == [
        "\\- a", "\\+ a", "\\=== a", "12\\. a", "3\\) a", "a - b",
    ]  # fmt: skip


def test_strong_of_blank_text_is_nothing() -> None:
    assert strong(" \n") == "" and strong("Strand 1") == "**Strand 1**"


@settings(max_examples=300, deadline=None)
@given(text=nasty_text)
def test_any_text_keeps_its_table_cell(text: str) -> None:
    markdown = md.table(["A", "B", "C"], [["left", text, "right"], [text, text, text]])
    found = tables(parse(markdown))
    expected = normalise(text)
    assert found == [[["A", "B", "C"], ["left", expected, "right"], [expected] * 3]]


@settings(max_examples=300, deadline=None)
@given(text=nasty_text)
def test_any_text_stays_one_heading_paragraph_or_list_item(text: str) -> None:
    markdown = md.document([md.heading(2, text), md.paragraph(text), md.bullets([text, text]), md.paragraph("end")])
    tokens = parse(markdown)
    reference = parse(md.document([md.heading(2, "x"), md.paragraph("x"), md.bullets(["x", "x"]), md.paragraph("end")]))
    expected = normalise(text)
    if expected:
        assert shape(tokens) == shape(reference)
    inline = [inline_text(t) for t in tokens if t.type == "inline"]
    assert [t for t in inline if t] == [t for t in [expected] * 4 + ["end"] if t]


class _CellText(HTMLParser):
    """The text of each table cell and paragraph in cmark-gfm's HTML, and the links it made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td", "p", "li", "h2"):
            self.blocks.append("")
            self._open = True
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self._open = self._open and tag not in ("th", "td", "p", "li", "h2")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks[-1] += data


@settings(max_examples=300, deadline=None)
@given(text=nasty_text)
def test_github_renders_the_same_text(text: str) -> None:
    """GitHub's own renderer (cmark-gfm with its extensions and raw HTML on) agrees, where cmarkgfm is installed.

    It is not a test dependency; install it (pip install cmarkgfm) to run this check.
    """
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    expected = normalise(text)
    markdown = md.document([md.heading(2, text), md.table(["A", "B"], [[text, "z"]]), md.paragraph(text if expected else "x")])
    parser = _CellText()
    parser.feed(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))
    shown = [re.sub(r"\s+", " ", block).strip() for block in parser.blocks]
    assert shown == [expected, "A", "B", expected, "z", expected or "x"]
    assert all(link.startswith("mailto:") for link in parser.links)  # GitHub links typed e-mail addresses only


def test_only_what_needs_escaping_is_escaped_so_pasted_text_reads_cleanly() -> None:
    """An ``&`` is escaped only where it would start an entity, and ``!`` never (its ``[`` is)."""
    assert inline("Self-evaluation framework for B&A partnerships") == "Self-evaluation framework for B&A partnerships"
    assert inline("C&YP & LA; Q&A!") == "C&YP & LA; Q&A!"
    assert inline("&copy; &#169; &#xA9;") == "\\&copy; \\&\\#169; \\&\\#xA9;"
    assert [inline_text(t) for t in parse(md.paragraph("&copy; B&A ![i](x)")) if t.type == "inline"] == [
        "&copy; B&A ![i](x)"
    ]
