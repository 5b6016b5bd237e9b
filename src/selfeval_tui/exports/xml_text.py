"""Text someone typed, made safe to stand as character data in XML (SVG, Word's document.xml).

XML 1.0 cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF at
all (lxml refuses them; a browser stops at them), so after :func:`normalise`
(which already drops controls and bidi controls and makes one line) whatever XML
cannot hold is removed too. Escaping ``<``, ``&`` and quotes is the writer's job
(:func:`markup` here for hand-written SVG; lxml does it for Word).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from selfeval_tui.exports.escape import normalise

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Everything outside XML 1.0's Char production."""


def xml_text(text: str) -> str:
    """``text`` as one line that any XML document can hold: it reads back as ``normalise(text)`` less what XML forbids."""
    return _NOT_XML.sub("", normalise(text))


def markup(text: str) -> str:
    """``text`` as escaped character data, safe inside an element or a double-quoted attribute."""
    return escape(xml_text(text), {'"': "&quot;"})


def xml_chars(text: str) -> str:
    """``text`` less the characters XML cannot hold, and nothing else changed (for text already normalised)."""
    return _NOT_XML.sub("", text)
