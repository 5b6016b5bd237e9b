"""Turning text someone typed into Markdown that reads back exactly as they wrote it.

Notes, reasons, member names and (from a custom bank) labels and titles end up in
GFM tables, headings, paragraphs and list items. Whatever they contain must not
add, drop or split a table cell or row, start a block (heading, list, quote, code
block, HTML block) or become inline markup (emphasis, code, a link, an image, an
autolink, raw HTML, an entity, GitHub strikethrough or maths). The rules, also in
docs/exports.md:

1. :func:`normalise` first: every line break (``\\n``, ``\\r``, and the other
   breaks ``str.splitlines`` knows) becomes `` / ``, blank lines are dropped, runs
   of whitespace become one space, control characters and bidi controls go, and
   the ends are trimmed. A table row is one line, so a line break cannot survive
   in a cell; raw HTML (``<br>``) is off in our HTML and would show as text, so a
   visible separator is the only representation that reads the same everywhere.
2. Every character in :data:`SPECIAL` gets a backslash in front of it, and so do
   an ``&`` that would start an entity (``&amp;``, ``&#38;``), the ``:`` of
   ``http:``, ``https:``, ``ftp:``, ``mailto:`` and ``xmpp:`` and the ``.`` of ``www.``. CommonMark lets any ASCII punctuation be escaped that way, so
   the escaped character always reads back as itself, inside a table cell too
   (``\\|`` is GFM's cell escape). The second part is for GitHub, which turns
   typed web addresses into links by itself and would then show our backslashes
   inside the link text. (GitHub still links a typed e-mail address, to
   ``mailto:`` and with its text unchanged; our own HTML links nothing.)
3. Where the text starts a block (a paragraph or list item, not a cell or heading),
   a leading ``-``, ``+``, ``=`` or ``1.``/``1)`` is escaped as well, so it cannot
   become a list item, a thematic break or a setext underline.
"""

from __future__ import annotations

import re

from selfeval_tui.domain.inert import BIDI_CONTROLS

SPECIAL = "\\`*_[]<>#~|$@"
"""Characters that can start or end inline syntax in CommonMark or on GitHub.

``\\`` (escapes, hard breaks), `````` (code), ``*`` and ``_`` (emphasis), ``[ ]``
(links, images, footnotes), ``<`` and ``>`` (HTML, autolinks, quotes), ``|``
(table cells), ``~`` (strikethrough), ``$`` (GitHub maths), ``@`` (mentions, if the
text is pasted into a GitHub issue) and ``#`` (headings). Other punctuation is left
alone so that ordinary notes stay readable in the raw Markdown: ``!`` only makes an
image before a ``[``, which is escaped; ``&`` only matters where it starts an
entity, so ``B&A`` stays as it is and only ``&amp;``-like text gets a backslash.
"""

_SPECIAL = str.maketrans({character: "\\" + character for character in SPECIAL})
_ANY_SPECIAL = re.compile("[" + re.escape(SPECIAL) + "]")
"""Searching is several times faster than translating, and most text has nothing to escape."""
_ENTITY = re.compile(r"&(?=(?:\\#)?[A-Za-z0-9]+;)")
"""An ``&`` that starts an entity, found after :data:`SPECIAL` is escaped (so its ``#`` is ``\\#`` by then)."""
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)([:.])")
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}[.)]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f" + BIDI_CONTROLS + "]")
"""The control characters (Unicode category Cc) that are not whitespace (the rest ``str.split`` handles), and the
bidi controls: a right-to-left override in a note would otherwise reorder what follows it in the paper."""


def normalise(text: str) -> str:
    """The one-line form of ``text`` that every export shows (rule 1 above)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Most notes and labels: no line break, control, bidi or other non-printable character (all are
        # Cc, Cf, Zl, Zp or Zs, which ``isprintable`` refuses), no space to squeeze, so nothing below changes them.
        return text
    lines = (" ".join(_CONTROL.sub("", line).split()) for line in text.splitlines())
    return " / ".join(line for line in lines if line)


def is_blank(text: str) -> bool:
    """Whether ``text`` shows as nothing, so it is left out rather than shown empty."""
    return not normalise(text)


def inline(text: str) -> str:
    """``text`` as inline Markdown for a table cell or a heading: it reads back as ``normalise(text)``."""
    escaped = normalise(text)
    if _ANY_SPECIAL.search(escaped):
        escaped = escaped.translate(_SPECIAL)
    if "&" in escaped:
        escaped = _ENTITY.sub(r"\\&", escaped)
    # A plain search first, as the pattern is slow to scan with; outside ASCII, case-insensitive
    # matching knows equivalents (U+0130 for i) that lower() does not give.
    lowered = escaped.lower()
    link = "http" in lowered or "ftp" in lowered or "www" in lowered or "mailto" in lowered or "xmpp" in lowered
    if link or not escaped.isascii():
        escaped = _AUTOLINK.sub(r"\1\\\2", escaped)
    return escaped


def block_text(text: str) -> str:
    """``text`` as the start of a paragraph or list item: :func:`inline` plus rule 3."""
    escaped = inline(text)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    cut = start.end() - 1
    return escaped[:cut] + "\\" + escaped[cut:]


class Markdown(str):
    """Text that is already Markdown (our own formatting around escaped text), to be used as it is."""

    __slots__ = ()


def as_inline(text: str) -> str:
    """Markdown for a cell or heading: :class:`Markdown` as it is, anything else escaped."""
    return text if isinstance(text, Markdown) else inline(text)


def as_block(text: str) -> str:
    """Markdown for a paragraph or list item: :class:`Markdown` as it is, anything else escaped."""
    return text if isinstance(text, Markdown) else block_text(text)


def strong(text: str) -> Markdown:
    """Bold around escaped text, at the start of a cell or paragraph (where ``**`` always opens)."""
    escaped = inline(text)
    return Markdown(f"**{escaped}**" if escaped else "")
