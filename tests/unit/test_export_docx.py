"""Word exports read back with python-docx: the Markdown's headings and tables, the pictures, a template's styles.

The Word document is built from the Markdown export, so its headings (with
their levels) and every table's cells must be the Markdown's exactly; the
report's pictures are PNG images with alt text; a template keeps its styles and
page setup but none of its text; nothing typed becomes a field or a hyperlink;
and the same database and date give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, RGBColor
from export_support import (
    EXPORT_DATE,
    HOSTILE_NOTE,
    PARTNERSHIP,
    YEAR,
    parse,
    sample_data,
    sample_db,
    tables,
)
from export_support import inline_text as md_text

from selfeval_tui.bank import Framework
from selfeval_tui.exports import ExportError, export_document
from selfeval_tui.exports.charts import figures
from selfeval_tui.exports.escape import normalise
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

__all__ = ["sample_db"]

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def export(db: Path, framework: Framework, kind: str, fmt: str, **options: object) -> str | bytes:
    with Store.open(db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        return export_document(Services(store), Actor("coordinator"), framework, evaluation, kind, fmt, EXPORT_DATE, **options)  # type: ignore[arg-type]


def word(db: Path, framework: Framework, kind: str, **options: object) -> bytes:
    document = export(db, framework, kind, "docx", **options)
    assert isinstance(document, bytes)
    return document


def headings_of(document: docx.document.Document) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[1]), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def markdown_headings(markdown: str) -> list[tuple[int, str]]:
    tokens = parse(markdown)
    return [(int(t.tag[1:]), md_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


@pytest.mark.parametrize("kind", ["report", "overview", "grid"])
def test_headings_and_tables_are_the_markdowns(sample_db: Path, framework: Framework, kind: str) -> None:
    markdown = export(sample_db, framework, kind, "md")
    assert isinstance(markdown, str)
    document = docx.Document(io.BytesIO(word(sample_db, framework, kind)))
    assert headings_of(document) == markdown_headings(markdown)
    cells = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert cells == tables(parse(markdown))
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{WORD}trPr/{WORD}tblHeader") is not None, "the header row repeats on each page"
        assert all(row._tr.find(f"{WORD}trPr/{WORD}cantSplit") is not None for row in table.rows)


@pytest.mark.parametrize(("kind", "count"), [("report", 8), ("overview", 2), ("grid", 1)])
def test_each_paper_has_its_pictures_with_alt_text(sample_db: Path, framework: Framework, kind: str, count: int) -> None:
    """The report's trends, profile and strand summary; the overview's profile and summary; the grid's profile."""
    document = docx.Document(io.BytesIO(word(sample_db, framework, kind)))
    charts = [c for group in figures(kind, sample_data(sample_db, framework)).values() for c in group]
    pictures = document.inline_shapes
    assert len(pictures) == len(charts) >= count
    for shape, chart in zip(pictures, charts, strict=True):
        properties = shape._inline.docPr
        assert properties.get("title") == chart.title
        assert properties.get("descr") == chart.desc
    captions = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions == [f"Figure {n}: {c.title}" for n, c in enumerate(charts, start=1)]


def test_placeholders_are_marked_and_nothing_typed_is_a_field_or_link(sample_db: Path, framework: Framework) -> None:
    data = word(sample_db, framework, "report")
    document = docx.Document(io.BytesIO(data))
    prompts = [p for p in document.paragraphs if p.text.startswith("Coordinator:")]
    assert len(prompts) >= 4
    for prompt in prompts:
        assert prompt._p.find(f"{WORD}pPr/{WORD}shd") is not None
        assert prompt._p.find(f"{WORD}pPr/{WORD}pBdr") is not None
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for construct in ("fldSimple", "instrText", "hyperlink", "fldChar", "<w:object"):
        assert construct not in body
    assert any(normalise(HOSTILE_NOTE) in p.text for p in document.paragraphs)


def test_the_same_database_and_date_give_the_same_bytes(sample_db: Path, framework: Framework) -> None:
    first = word(sample_db, framework, "report")
    assert first == word(sample_db, framework, "report")
    package = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in package.infolist()} == {(2027, 12, 1, 0, 0, 0)}
    core = docx.Document(io.BytesIO(first)).core_properties
    assert core.created == core.modified == datetime.datetime(2027, 12, 1, tzinfo=datetime.UTC)


def header_line(section: docx.section.Section) -> docx.text.paragraph.Paragraph:
    return section.header.paragraphs[-1]


@pytest.mark.parametrize("kind", ["overview", "report"])
def test_every_page_says_draft_and_whose_paper_it_is(sample_db: Path, framework: Framework, kind: str) -> None:
    """An evaluation not signed off is a draft on every Word page, as in the PDF: the mark is in the header, in bold red."""
    document = docx.Document(io.BytesIO(word(sample_db, framework, kind)))
    for section in document.sections:
        line = header_line(section)
        assert line.text == f"{PARTNERSHIP}, {YEAR}\tDraft"
        draft = line.runs[-1]
        assert (draft.text, draft.bold, draft.font.color.rgb) == ("Draft", True, RGBColor(0xAA, 0x00, 0x00))
    assert "Draft" not in [p.text for p in document.paragraphs], "the mark is in the header, not the body"


def test_a_signed_off_paper_says_so_on_every_page_instead_of_draft(
    sample_db: Path, framework: Framework, tmp_path: Path
) -> None:
    """docs/signoff.md: the header's mark follows the evaluation's real state."""
    copy = tmp_path / "signed.db"
    copy.write_bytes(sample_db.read_bytes())
    with Store.open(copy) as store:
        services, actor = Services(store), Actor("chair")
        evaluation = services.find(actor, PARTNERSHIP, YEAR).evaluation
        assert evaluation is not None
        services.submit(actor, evaluation.id)
        services.sign_off(actor, evaluation.id, datetime.date(2027, 7, 15), "approved")
    document = docx.Document(io.BytesIO(word(copy, framework, "overview")))
    for section in document.sections:
        mark = header_line(section).runs[-1]
        assert (mark.text, mark.bold, mark.font.color.rgb) == ("Signed off 15 July 2027", True, RGBColor(0x33, 0x33, 0x33))


def test_a_hostile_partnership_name_is_header_text(framework: Framework) -> None:
    from selfeval_tui.exports.docx_export import document

    name = '{ HYPERLINK "http://x" }\x07 <w:fldSimple/>'
    data = document("# Title\n", "Title", {}, datetime.date(2027, 12, 1), header=f"{name}, 2026/27")
    line = header_line(docx.Document(io.BytesIO(data)).sections[0])
    assert line.text == '{ HYPERLINK "http://x" } <w:fldSimple/>, 2026/27\tDraft'
    package = zipfile.ZipFile(io.BytesIO(data))
    header_xml = "".join(package.read(part).decode() for part in package.namelist() if part.startswith("word/header"))
    assert "<w:fldSimple" not in header_xml and "<w:hyperlink" not in header_xml


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A house style: green Heading 1, a landscape A4 page with wide margins, and text of its own."""
    document = docx.Document()
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x66, 0x33)
    document.styles["Normal"].font.name = "Arial"
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = Mm(30)
    section.header.paragraphs[0].text = "Leeds City Council"
    document.add_paragraph("The template's own example text")
    path = tmp_path / "house.docx"
    document.save(str(path))
    return path


def test_a_template_gives_its_styles_and_page_setup_and_none_of_its_text(
    sample_db: Path, framework: Framework, template: Path
) -> None:
    document = docx.Document(io.BytesIO(word(sample_db, framework, "overview", template=template)))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x66, 0x33)
    assert document.styles["Normal"].font.name == "Arial"
    section, house = document.sections[0], docx.Document(str(template)).sections[0]
    assert (section.page_width, section.left_margin) == (house.page_width, house.left_margin)
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.header.paragraphs[0].text == "Leeds City Council"
    assert header_line(section).text == f"{PARTNERSHIP}, {YEAR}\tDraft", "the template's header keeps its text, ours under it"
    assert "The template's own example text" not in [p.text for p in document.paragraphs]
    assert headings_of(document)[0][0] == 1


def test_a_dotx_template_is_read_as_a_document(sample_db: Path, framework: Framework, template: Path, tmp_path: Path) -> None:
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(dotx, "w") as copy:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(info, blob)
    document = docx.Document(io.BytesIO(word(sample_db, framework, "grid", template=dotx)))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x66, 0x33)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "there is no such file"),
        (lambda path: path.write_text("not a zip"), "is not a Word document"),
        (lambda path: zipfile.ZipFile(path, "w").writestr("a.txt", "x"), "is not a Word document"),
        (lambda path: path.mkdir(), "a folder"),
    ],
)
def test_a_bad_template_is_one_error(sample_db: Path, framework: Framework, tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "bad.docx"
    make(path)  # type: ignore[operator]
    with pytest.raises(ExportError, match=message):
        word(sample_db, framework, "grid", template=path)


def test_a_template_is_only_for_word(sample_db: Path, framework: Framework, template: Path) -> None:
    with pytest.raises(ExportError, match="--template is for --format docx"):
        export(sample_db, framework, "grid", "md", template=template)
