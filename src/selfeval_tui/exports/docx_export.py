"""A Markdown paper as a Word document (python-docx), in our styles or a local authority's template.

The Markdown export is parsed by the same markdown-it the HTML uses, and each
block becomes its Word counterpart: headings in the Heading styles, paragraphs,
bulleted lists, tables with a header row that repeats on every page and rows that
never split, and the coordinator's prompts as boxed, shaded paragraphs. So every
table holds exactly the Markdown's cells, and a template changes how the paper
looks, never what it says. Pictures are PNG images with their description as
alt text.

Everything typed is added as run text (lxml escapes it), never as a field code,
a hyperlink or anything Word would run: nothing in the document is a field.
The package's dates and the zip entries' times are the paper's date, so the same
database and ``--date`` give the same bytes.

Every page's header says who and which year (as the PDF's running header) and
"Draft" in bold red at the right until the evaluation is signed off, then "Signed off"
and its date (docs/signoff.md). A template's own header is kept, the line added under it.
"""

from __future__ import annotations

import datetime
import io
import re
import struct
import zipfile
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.exceptions import OpcError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Emu, Inches, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from selfeval_tui.exports.charts import Chart
from selfeval_tui.exports.html import place, tokens_of
from selfeval_tui.exports.png import png
from selfeval_tui.exports.xml_text import xml_chars, xml_text

DOTX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PLACEHOLDER_FILL = "FFF6EC"
PLACEHOLDER_BORDER = "CC6600"
PRINTABLE_WIDTH = 6.2
"""Inches: an A4 or Letter page's width inside Word's default margins."""
DRAFT = "Draft"
"""On every page until the evaluation is signed off, as in the PDF."""
DRAFT_COLOUR = RGBColor(0xAA, 0x00, 0x00)
SIGNED_COLOUR = RGBColor(0x33, 0x33, 0x33)


class TemplateError(ValueError):
    """``--template`` names no file, or a file that is not a Word document or template."""


def document(
    markdown: str,
    title: str,
    figures: Mapping[str, Sequence[Chart]],
    date: datetime.date,
    *,
    template: Path | None = None,
    author: str | None = None,
    header: str = "",
    mark: str = DRAFT,
) -> bytes:
    """The paper as the bytes of a .docx file; ``header`` (the partnership and year) heads every page beside ``mark``.

    The pictures are drawn in a thread of their own while the text is parsed and
    written: Pillow lets go of the interpreter lock while it fills, maps and
    compresses pixels, so on two cores the pictures cost little more than waiting
    for the last one.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="selfeval-pictures")
    try:
        pictures = {chart: pool.submit(png, chart) for group in figures.values() for chart in group}
        doc = open_template(template)
        _clear_body(doc)
        for section in doc.sections:
            _draft_header(section, header, mark)
        tokens = tokens_of(markdown)
        after = place(tokens, figures) if figures else {}
        _Writer(doc, tokens, after, pictures).write()
    finally:
        pool.shutdown(cancel_futures=True)  # a template that cannot be read need not wait for every picture
    _set_properties(doc, title, date, author)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue(), date)


def open_template(template: Path | None) -> Document:
    """python-docx's own default document, or the template's (a .docx, or a .dotx read as one)."""
    if template is None:
        return docx.Document()
    from selfeval_tui.files import NotAFileError, open_regular_file

    try:
        with open_regular_file(template) as handle:
            data = handle.read()
    except FileNotFoundError:
        raise TemplateError(f"--template {template}: there is no such file") from None
    except NotAFileError as exc:
        raise TemplateError(f"--template {exc}") from None
    except OSError as exc:
        raise TemplateError(f"--template {template}: cannot read it ({exc.strerror or exc})") from None
    try:
        return docx.Document(io.BytesIO(_as_document(data)))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
        raise TemplateError(f"--template {template} is not a Word document (.docx or .dotx)") from None


def _as_document(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in its main part's content type: rewrite it so python-docx opens it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if DOTX_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in package.infolist():
                    blob = package.read(info)
                    copy.writestr(info, types.replace(DOTX_TYPE, DOCX_TYPE) if info.filename == "[Content_Types].xml" else blob)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # python-docx reports it as not a Word document


def _draft_header(section: Section, header: str, mark: str = DRAFT) -> None:
    """The header line on every kind of page the section has: the text at the left, ``mark`` ("Draft") at the right margin.

    A template's first-page or even-page header would otherwise leave those pages unmarked.
    """
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    if section.even_page_header.is_linked_to_previous is False:
        headers.append(section.even_page_header)
    width, left, right_margin = section.page_width, section.left_margin, section.right_margin
    right = Length(width - left - right_margin) if width and left is not None and right_margin is not None else Inches(PRINTABLE_WIDTH)
    for page_header in headers:
        paragraph = page_header.paragraphs[0] if _empty(page_header.paragraphs) else page_header.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(xml_text(header))
        paragraph.add_run("\t")
        run = paragraph.add_run(xml_text(mark))
        run.bold = True
        run.font.color.rgb = DRAFT_COLOUR if mark == DRAFT else SIGNED_COLOUR


def _empty(paragraphs: Sequence[Paragraph]) -> bool:
    """A header with nothing but one blank paragraph (python-docx's new header): write in it rather than under it."""
    return len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs


def _clear_body(doc: Document) -> None:
    """Drop the template's own text and tables, keeping its page setup (the body's last ``sectPr``)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _style(doc: Document, name: str) -> str:
    """The id of the paragraph style ``name``: the template's, else one added, based on Normal (a heading gets its outline level)."""
    styles = doc.styles
    found = next((s for s in styles if s.name == name), None)
    if found is not None:
        return str(found.style_id)
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    if name.startswith("Heading "):
        level = int(name.split()[1])
        style.font.bold = True
        style.font.size = Pt(max(16 - 2 * level, 10) + 2)
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)
    return str(style.style_id)


class _Writer:
    """Walks markdown-it's block tokens once, writing each block as WordprocessingML text.

    The blocks are the XML python-docx's own calls would make, written as escaped
    text and parsed by lxml in one go between pictures: adding them element by
    element through python-docx was most of a Word export's time. Only the
    pictures, which need an image part and a relationship, go through python-docx.
    """

    def __init__(
        self, doc: Document, tokens: Sequence[Token], after: Mapping[int, Sequence[Chart]], pictures: Mapping[Chart, Future[bytes]]
    ) -> None:
        self.doc = doc
        self.pictures = pictures
        self.tokens = tokens
        self.after = after
        self.lists = 0
        self.quotes = 0
        self.figure = 0
        self.styles: dict[str, str] = {}
        self.xml: list[str] = []
        self.table_properties = _table_properties(doc)
        section = doc.sections[-1]
        self.block_width = (section.page_width or Inches(8.5)) - (section.left_margin or Inches(1)) - (section.right_margin or Inches(1))

    def style(self, name: str) -> str:
        """The style's id, looked up once (python-docx searches every style on each use of a name)."""
        if name not in self.styles:
            self.styles[name] = _style(self.doc, name)
        return self.styles[name]

    def write(self) -> None:
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                self._paragraph(tokens[i + 1], self.style(f"Heading {int(token.tag[1:])}"))
                i += 2
                for chart in self.after.get(i, ()):
                    self._picture(chart)
            elif kind == "paragraph_open":
                self._block_paragraph(tokens[i + 1])
                i += 2
            elif kind == "table_open":
                i = self._table(i)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists -= 1
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind in ("fence", "code_block"):
                self.xml.append(f"<w:p>{_run(xml_chars(token.content.rstrip(NEWLINE)), None)}</w:p>")
            i += 1
        self._flush()

    def _flush(self) -> None:
        """Parse the blocks written so far and add them to the body, before its closing section properties."""
        if not self.xml:
            return
        parsed = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.xml)}</w:body>")
        self.xml.clear()
        body = self.doc.element.body
        end = body.sectPr
        for block in list(parsed):
            if end is None:
                body.append(block)
            else:
                end.addprevious(block)

    def _block_paragraph(self, inline: Token) -> None:
        if self.lists:
            self._paragraph(inline, self.style("List Bullet"))
        elif self.quotes:
            self._paragraph(inline, self.style("Quote"), PLACEHOLDER)
        else:
            self._paragraph(inline, None)

    def _paragraph(self, inline: Token, style: str | None, properties: str = "") -> None:
        style_xml = f'<w:pStyle w:val="{_attribute(style)}"/>' if style is not None else ""
        head = f"<w:pPr>{style_xml}{properties}</w:pPr>" if style_xml or properties else ""
        self.xml.append(f"<w:p>{head}{_runs(inline)}</w:p>")

    def _table(self, start: int) -> int:
        """The table from ``table_open`` at ``start``; the index of its ``table_close``."""
        rows: list[list[tuple[Token, bool]]] = []
        header_rows = 0
        i = start
        while self.tokens[i].type != "table_close":
            token = self.tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                centred = "center" in str(token.attrs.get("style", ""))
                rows[-1].append((self.tokens[i + 1], centred))
                if token.type == "th_open" and len(rows[-1]) == 1:
                    header_rows += 1
            i += 1
        columns = max((len(row) for row in rows), default=1)
        twips = Emu(self.block_width // columns).twips
        width = f'<w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>'
        xml = self.xml
        grid = f'<w:gridCol w:w="{twips}"/>' * columns
        xml.append(f"<w:tbl>{self.table_properties}<w:tblGrid>{grid}</w:tblGrid>")
        for number, cells in enumerate(rows):
            header = number < header_rows
            xml.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
            for inline, centred in cells[:columns]:
                xml.append(f"<w:tc>{width}<w:p>{CENTRED if centred else ''}{_runs(inline, bold=header)}</w:p></w:tc>")
            xml.append(f"<w:tc>{width}<w:p/></w:tc>" * (columns - len(cells)))
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        return i

    def _picture(self, chart: Chart) -> None:
        self.figure += 1
        width = min(PRINTABLE_WIDTH, chart.width / 110)
        caption = xml_text(f"Figure {self.figure}: {chart.title}")
        self.xml.append(f'<w:p><w:pPr><w:pStyle w:val="{_attribute(self.style("Caption"))}"/></w:pPr>{_run(caption, None)}</w:p>')
        self._flush()
        shape = self.doc.add_picture(io.BytesIO(self.pictures[chart].result()), width=Inches(width))
        properties = shape._inline.docPr
        properties.set("descr", xml_text(chart.desc))
        properties.set("title", xml_text(chart.title))
        properties.set("name", f"{chart.key}.png")


NEWLINE = "\n"
CENTRED = '<w:pPr><w:jc w:val="center"/></w:pPr>'
_BREAKS = re.compile("([\t\r\n])")
_RUN_PROPERTIES = {(False, False): "<w:rPr/>", (True, False): "<w:rPr><w:b/></w:rPr>", (False, True): "<w:rPr><w:i/></w:rPr>", (True, True): "<w:rPr><w:b/><w:i/></w:rPr>"}


def _placeholder_properties() -> str:
    """A coordinator's prompt in a shaded box with a thick left rule: visibly not finished text, in any template."""
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="{24 if side == "left" else 4}" w:space="4" w:color="{PLACEHOLDER_BORDER}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    return f'<w:pBdr>{sides}</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{PLACEHOLDER_FILL}"/>'


PLACEHOLDER = _placeholder_properties()


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _run(text: str, properties: str | None) -> str:
    """One run holding ``text`` as python-docx writes it: tabs as ``w:tab``, line breaks as ``w:br``, the rest as escaped ``w:t``."""
    parts = [properties] if properties is not None else []
    for piece in _BREAKS.split(text) if ("\t" in text or "\r" in text or "\n" in text) else (text,):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{''.join(parts)}</w:r>"


def _runs(inline: Token, *, bold: bool = False) -> str:
    """The inline token's text as runs, bold and italic where the Markdown has strong and emphasis."""
    strong, emphasis = bold, False
    runs: list[str] = []
    for child in inline.children or ():
        if child.type == "strong_open":
            strong = True
        elif child.type == "strong_close":
            strong = bold
        elif child.type == "em_open":
            emphasis = True
        elif child.type == "em_close":
            emphasis = False
        elif child.type in ("softbreak", "hardbreak"):
            runs.append("<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>")
        elif child.content:
            runs.append(_run(xml_chars(child.content), _RUN_PROPERTIES[strong, emphasis]))
    return "".join(runs)


def _table_properties(doc: Document) -> str:
    """A table's ``w:tblPr``: the template's "Table Grid" when it has one; else plain borders, so a table always reads as one."""
    grid = next((s for s in doc.styles if s.name == "Table Grid"), None)
    # python-docx names no style when the table's is the document's default table style
    style_id = grid.style_id if grid is not None and grid != doc.styles.default(WD_STYLE_TYPE.TABLE) else None
    style = f'<w:tblStyle w:val="{_attribute(style_id)}"/>' if style_id is not None else ""
    look = (
        '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
    )
    if grid is not None:
        return f"<w:tblPr>{style}{look}</w:tblPr>"
    borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f"<w:tblPr>{look}<w:tblBorders>{borders}</w:tblBorders></w:tblPr>"


def _set_properties(doc: Document, title: str, date: datetime.date, author: str | None) -> None:
    moment = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
    properties = doc.core_properties
    properties.title = xml_text(title)
    properties.author = xml_text(author or "")
    properties.last_modified_by = "selfeval"
    properties.created = moment
    properties.modified = moment
    properties.revision = 1


def _fixed_zip(data: bytes, date: datetime.date) -> bytes:
    """The package with every entry's time set to the paper's date and its mode to 0644, so the same paper gives the same bytes.

    python-docx's zip stamps each entry with the clock's time. The time, date and
    mode sit at fixed places in each entry's two headers (PKWARE's APPNOTE, 4.3.7
    and 4.3.12), so they are written there, rather than decompressing and
    compressing the whole package again (a tenth of a Word export's time).
    """
    stamp = struct.pack("<HH", 0, (max(date.year, 1980) - 1980) << 9 | date.month << 5 | date.day)
    package = bytearray(data)
    end = package.rindex(b"PK\x05\x06")  # the end of central directory record (python-docx writes no comment)
    count, _, start = struct.unpack_from("<HII", package, end + 10)
    for _ in range(count):
        if package[start : start + 4] != b"PK\x01\x02":
            raise ValueError("not a zip central directory entry")
        name, extra, comment = struct.unpack_from("<HHH", package, start + 28)
        (local,) = struct.unpack_from("<I", package, start + 42)
        package[start + 12 : start + 16] = stamp
        package[start + 38 : start + 42] = struct.pack("<I", 0o644 << 16)
        package[local + 10 : local + 14] = stamp
        start += 46 + name + extra + comment
    return bytes(package)
