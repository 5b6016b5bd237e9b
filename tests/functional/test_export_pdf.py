"""The PDF board paper read back with pypdf: A4, running header, Draft and page numbers on every page, the content.

WeasyPrint lays out a whole report in seconds, so the report is made once for
the module and these tests are marked slow.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from export_support import (
    EXPORT_DATE,
    HOSTILE_NOTE,
    PARTNERSHIP,
    YEAR,
    parse,
    sample_db,
    tables,
)
from pypdf import PdfReader

from selfeval_tui.bank import Framework
from selfeval_tui.exports import export_document
from selfeval_tui.exports.escape import normalise
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

__all__ = ["sample_db"]

pytestmark = pytest.mark.slow

A4 = (595.28, 841.89)
"""In points: 210 x 297 mm."""


def export(db: Path, framework: Framework, kind: str, fmt: str) -> str | bytes:
    with Store.open(db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        return export_document(Services(store), Actor("coordinator"), framework, evaluation, kind, fmt, EXPORT_DATE)


@pytest.fixture(scope="module")
def report(sample_db: Path, framework: Framework) -> tuple[bytes, str]:
    pdf, markdown = export(sample_db, framework, "report", "pdf"), export(sample_db, framework, "report", "md")
    assert isinstance(pdf, bytes) and isinstance(markdown, str)
    return pdf, markdown


def squeezed(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout did."""
    return "".join(text.split())


def test_every_page_is_a4_with_the_header_draft_and_its_number(report: tuple[bytes, str]) -> None:
    pages = PdfReader(io.BytesIO(report[0])).pages
    assert 5 <= len(pages) <= 60
    for number, page in enumerate(pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
        text = page.extract_text()
        assert "Draft" in text
        assert f"{PARTNERSHIP}, {YEAR}" in text
        assert f"Page {number} of {len(pages)}" in text


def test_every_heading_and_overview_row_is_in_the_pdf(report: tuple[bytes, str]) -> None:
    pdf, markdown = report
    text = squeezed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    tokens = parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) > 20
    for heading in headings:
        assert squeezed(heading.replace("\\", "")) in text
    overview = tables(tokens)[1]
    for row in overview[1:]:
        assert squeezed(row[0]) in text
    assert squeezed(normalise(HOSTILE_NOTE)) in text


def test_the_same_database_and_date_give_the_same_pdf(sample_db: Path, framework: Framework) -> None:
    first = export(sample_db, framework, "grid", "pdf")
    assert isinstance(first, bytes) and first.startswith(b"%PDF-")
    assert first == export(sample_db, framework, "grid", "pdf")
