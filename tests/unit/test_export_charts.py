"""The report's pictures: inline SVG parsed as XML, its data tables, and typed text that stays text.

Each chart must carry a title and a description, one data mark per element (or
per value), and beside it a table holding exactly the data it was drawn from; a
name or note someone typed must come out of the SVG as the same text, never as
an element or attribute.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_support import (
    EXPORT_DATE,
    LOCAL_TITLE,
    PARTNERSHIP,
    YEAR,
    sample_data,
    sample_db,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import Framework
from selfeval_tui.exports import export_document
from selfeval_tui.exports.charts import (
    Chart,
    Rect,
    Text,
    figures,
    outcome_trends,
    rating_profile,
    strand_summary,
)
from selfeval_tui.exports.html import TITLE, headings, place, tokens_of
from selfeval_tui.exports.png import png
from selfeval_tui.exports.svg import svg
from selfeval_tui.exports.xml_text import xml_text
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

__all__ = ["sample_db"]

SVG = "{http://www.w3.org/2000/svg}"


def report_html(db: Path, framework: Framework, kind: str = "report") -> str:
    with Store.open(db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        page = export_document(Services(store), Actor("coordinator"), framework, evaluation, kind, "html", EXPORT_DATE)
    assert isinstance(page, str)
    return page


def figures_of(page: str) -> list[ET.Element]:
    """Each ``<figure>`` of the page, parsed as XML on its own (the page around it is HTML, not XML)."""
    return [ET.fromstring(found) for found in re.findall(r"<figure .*?</figure>", page, re.DOTALL)]


def table_rows(figure: ET.Element) -> tuple[list[str], list[list[str]]]:
    table = figure.find("table")
    assert table is not None
    header = [th.text or "" for th in table.iter("th")]
    body = table.find("tbody")
    assert body is not None
    return header, [[td.text or "" for td in tr.iter("td")] for tr in body.iter("tr")]


def marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == "mark"]


def test_every_picture_has_a_title_a_description_and_its_data_table(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    charts = [chart for group in figures("report", data).values() for chart in group]
    found = figures_of(report_html(sample_db, framework))
    assert [f.get("id") for f in found] == [c.key for c in charts]
    for chart, figure in zip(charts, found, strict=True):
        picture = figure.find(f"{SVG}svg")
        assert picture is not None
        assert picture.get("role") == "img"
        assert (picture.findtext(f"{SVG}title") or "") == chart.title
        assert (picture.findtext(f"{SVG}desc") or "").startswith(chart.desc[:20])
        assert len(marks(picture)) == chart.marks > 0
        header, rows = table_rows(figure)
        assert header == list(chart.header)
        assert rows == [list(row) for row in chart.rows]


@pytest.mark.parametrize(("kind", "pictures"), [("overview", 2), ("grid", 1)])
def test_the_overview_and_grid_have_the_profile_under_their_title(
    sample_db: Path, framework: Framework, kind: str, pictures: int
) -> None:
    """The title holds the partnership's name, so the profile is placed by position (``TITLE``), not by text."""
    data = sample_data(sample_db, framework)
    charts = [chart for group in figures(kind, data).values() for chart in group]
    page = report_html(sample_db, framework, kind)
    found = figures_of(page)
    assert [f.get("id") for f in found] == [c.key for c in charts] and len(charts) == pictures
    assert charts[0].title == rating_profile(data).title
    assert page.index("</h1>") < page.index("<figure") < page.index("<table"), "after the title, before the first table"
    if kind == "overview":
        assert page.index("Elements at each level, by strand</h2>") < page.rindex("<figure")


def test_the_title_key_places_under_the_first_heading_whatever_it_says() -> None:
    tokens = tokens_of("# A *name* | [x](y) <b>\n\ntext\n\n## Next\n")
    assert place(tokens, {TITLE: ["picture"]}) == {headings(tokens)[0][0]: ["picture"]}


def test_the_profile_has_one_mark_per_element_with_its_rating_and_last_years(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    profile = rating_profile(data)
    root = ET.fromstring(svg(profile))
    tooltips = [m.findtext(f"{SVG}title") or "" for m in marks(root)]
    assert len(tooltips) == len(data.elements) == len(profile.rows)
    assert profile.header[-1] == "2025/26"
    for element, tooltip, row in zip(data.elements, tooltips, profile.rows, strict=True):
        assert tooltip.startswith(f"{element.element.id} {element.element.title}: ")
        assert row[1] in tooltip and row[-1] in tooltip
    by_id = {row[0].split()[0]: row for row in profile.rows}
    assert by_id["2.6"][2] == "provisional"
    assert by_id["1.2"][1:] == ("Established", "agreed; computed Developed", "Developed")
    assert by_id["4.3"][-1] == "not evaluated"


def test_the_strand_summary_counts_match_the_reports_table(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    summary = strand_summary(data)
    assert summary.header == ("Strand", "Not yet developing", "Developing", "Developed", "Established", "Enhancing", "Not started")
    assert sum(int(cell) for row in summary.rows for cell in row[1:]) == len(data.elements)
    assert summary.marks == sum(1 for row in summary.rows for cell in row[1:] if cell != "0")


def test_trends_show_earlier_years_baseline_terms_target_and_status(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    trends = {chart.title.removeprefix("Key outcome trend: "): chart for chart in outcome_trends(data)}
    absence = next(chart for title, chart in trends.items() if "overall absence" in title)
    assert dict(absence.rows) == {
        "2025/26": "6.6%", "Baseline": "6.4%", "Term 1": "6.1%", "Term 2": "5.8%", "Term 3": "–",
        "Target": "5.76%", "Status": "on track",
    }  # fmt: skip
    assert absence.marks == 4
    # An outcome with a target but no values at all has no picture; a local one has its typed title.
    assert not any("Ofsted" in title for title in trends)
    assert any(title == xml_text(LOCAL_TITLE) or LOCAL_TITLE in title for title in trends)


def test_a_typed_title_is_text_in_the_svg(sample_db: Path, framework: Framework) -> None:
    """The local outcome's title (``| *local* <b>``) is character data: no <b> element appears anywhere."""
    page = report_html(sample_db, framework)
    for figure in figures_of(page):
        assert not list(figure.iter("b")) and not list(figure.iter(f"{SVG}b"))
    assert any(LOCAL_TITLE in (f.findtext(f"{SVG}svg/{SVG}title") or "") for f in figures_of(page))


ALLOWED = {f"{SVG}{name}" for name in ("svg", "title", "desc", "defs", "pattern", "path", "circle", "rect", "line", "text")}


ATTRIBUTES = {
    "viewBox", "width", "height", "role", "aria-labelledby", "font-family", "id", "patternUnits", "d", "stroke",
    "stroke-opacity", "stroke-width", "x", "y", "fill", "class", "font-size", "cx", "cy", "r", "fill-opacity",
}  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_text_reads_back_from_the_svg_as_written(text: str) -> None:
    chart = Chart(
        "c", text, text, 100, 50,
        (Text(1, 10, text), Rect(1, 1, 5, 5, "#fff", "hatch", mark=text)),
        ("h",), ((text,),), 1,
    )  # fmt: skip
    root = ET.fromstring(svg(chart))
    assert {e.tag for e in root.iter()} <= ALLOWED
    expected = xml_text(text)
    assert (root.findtext(f"{SVG}title") or "") == expected
    assert (root.findtext(f"{SVG}desc") or "") == expected
    assert (root.findtext(f"{SVG}text") or "") == expected
    assert (root.findtext(f"{SVG}rect[@class='mark']/{SVG}title") or "") == expected
    assert {name for e in root.iter() for name in e.attrib} <= ATTRIBUTES
    assert len(png(chart)) > 100


def test_pictures_are_the_same_bytes_each_time(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    first, second = rating_profile(data), rating_profile(sample_data(sample_db, framework))
    assert svg(first) == svg(second)
    assert png(first) == png(second)
    assert png(first).startswith(b"\x89PNG\r\n\x1a\n")
