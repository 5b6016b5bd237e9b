"""Any text typed into a note or name reads back from the Word document as written, in a heading, a paragraph and a cell.

The Word writer takes markdown-it's reading of our escaped Markdown, so the text
a user typed must come back as ``normalise(text)`` (less what XML cannot hold),
never as markup, a field or a hyperlink.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.docx_export import document
from selfeval_tui.exports.xml_text import xml_text

HOSTILE = st.sampled_from(
    ["{ HYPERLINK \"http://x\" }", "=cmd|' /C calc'!A0", "<w:fldSimple w:instr=\"DATE\"/>", "http://example.test", "*a* _b_ `c`"]
)


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.text(min_size=1, max_size=40), HOSTILE))
def test_typed_text_reads_back_as_written_and_is_never_a_field(text: str) -> None:
    expected = xml_text(text)
    assume(expected)
    paper = md.document([md.heading(2, text), md.paragraph(text), md.table(["Column"], [[text]])])
    data = document(paper, text, {}, datetime.date(2027, 12, 1))
    read = docx.Document(io.BytesIO(data))
    assert [p.text for p in read.paragraphs] == [expected, expected]
    assert read.tables[0].rows[1].cells[0].text == expected
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for construct in ("<w:fldSimple", "<w:instrText", "<w:hyperlink", "<w:fldChar"):
        assert construct not in body
