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
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.exceptions import OpcError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Inches, Length, Pt, RGBColor
from docx.table import Table
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
    """The paper as the bytes of a .docx file; ``header`` (the partnership and year) heads every page beside ``mark``."""
    doc = open_template(template)
    _clear_body(doc)
    for section in doc.sections:
        _draft_header(section, header, mark)
    tokens = tokens_of(markdown)
    after = place(tokens, figures) if figures else {}
    _Writer(doc, tokens, after).write()
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
    """Walks markdown-it's block tokens once, adding each block to the document."""

    def __init__(self, doc: Document, tokens: Sequence[Token], after: Mapping[int, Sequence[Chart]]) -> None:
        self.doc = doc
        self.tokens = tokens
        self.after = after
        self.lists = 0
        self.quotes = 0
        self.figure = 0
        self.styles: dict[str, str] = {}

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
                self.doc.add_paragraph(xml_chars(token.content.rstrip("\n")))
            i += 1

    def _block_paragraph(self, inline: Token) -> None:
        if self.lists:
            self._paragraph(inline, self.style("List Bullet"))
        elif self.quotes:
            _mark_placeholder(self._paragraph(inline, self.style("Quote")))
        else:
            self._paragraph(inline, None)

    def _paragraph(self, inline: Token, style: str | None) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        if style is not None:
            paragraph._p.style = style
        _runs(paragraph, inline)
        return paragraph

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
        table = self.doc.add_table(rows=len(rows), cols=columns)
        _table_style(self.doc, table)
        for number, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            properties = row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if number < header_rows:
                properties.append(OxmlElement("w:tblHeader"))
            for cell, (inline, centred) in zip(row.cells, cells, strict=False):
                paragraph = cell.paragraphs[0]
                _runs(paragraph, inline, bold=number < header_rows)
                if centred:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return i

    def _picture(self, chart: Chart) -> None:
        self.figure += 1
        width = min(PRINTABLE_WIDTH, chart.width / 110)
        caption = self.doc.add_paragraph()
        caption._p.style = self.style("Caption")
        caption.add_run(xml_text(f"Figure {self.figure}: {chart.title}"))
        shape = self.doc.add_picture(io.BytesIO(png(chart)), width=Inches(width))
        properties = shape._inline.docPr
        properties.set("descr", xml_text(chart.desc))
        properties.set("title", xml_text(chart.title))
        properties.set("name", f"{chart.key}.png")


def _runs(paragraph: Paragraph, inline: Token, *, bold: bool = False) -> None:
    """The inline token's text as runs, bold and italic where the Markdown has strong and emphasis."""
    strong, emphasis = bold, False
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
            paragraph.add_run(" ")
        elif child.content:
            run = paragraph.add_run(xml_chars(child.content))
            run.bold = strong or None
            run.italic = emphasis or None


def _mark_placeholder(paragraph: Paragraph) -> None:
    """A coordinator's prompt in a shaded box with a thick left rule: visibly not finished text, in any template."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "24" if side == "left" else "4")
        border.set(qn("w:space"), "4")
        border.set(qn("w:color"), PLACEHOLDER_BORDER)
        borders.append(border)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), PLACEHOLDER_FILL)
    properties.append(borders)
    properties.append(shading)


def _table_style(doc: Document, table: Table) -> None:
    """The template's "Table Grid" when it has one; else plain borders, so a table always reads as one."""
    if any(s.name == "Table Grid" for s in doc.styles):
        table.style = doc.styles["Table Grid"]
        return
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        borders.append(border)
    table._tbl.tblPr.append(borders)


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
    """The package again with every entry's time set to the paper's date (zipfile stamps the clock's; zip has no year before 1980)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in package.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(max(date.year, 1980), date.month, date.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            copy.writestr(entry, package.read(info))
    return out.getvalue()

