"""A paper as PDF: the HTML page, pictures inline, laid out on A4 by WeasyPrint.

Page rules add what a board pack needs: A4 with margins, "Page N of M" at the
foot, a running header with the partnership and year (an HTML element moved into
the page margin, so a name is text there as everywhere, never CSS), "Draft" on
every page until the evaluation is signed off, then "Signed off" and its date, and table
rows that never split across pages. WeasyPrint needs the Pango libraries
(docs/exports.md, "PDF"); it is imported only for this format.
"""

from __future__ import annotations

import datetime
import html as html_text
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from selfeval_tui.exports import html
from selfeval_tui.exports.charts import Chart
from selfeval_tui.exports.escape import normalise
from selfeval_tui.exports.svg import figure

DRAFT = "Draft"
_SAFE_MARK = re.compile(r"[A-Za-z0-9 ]+")
PAGE_STYLE = """
@page {
  size: A4;
  margin: 22mm 16mm 20mm 16mm;
  @top-left { content: element(running-header); font-size: 9pt; color: #333; }
  @top-right { content: "%(mark)s"; font: bold 10pt sans-serif; color: %(colour)s; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #333; }
}
.running-header { position: running(running-header); }
body { margin: 0; max-width: none; font-size: 10pt; }
tr, blockquote, figure.chart svg { break-inside: avoid; }
thead { display: table-header-group; }
h2, h3, h4 { break-after: avoid; }
"""


class PdfUnavailable(RuntimeError):
    """WeasyPrint, or the Pango libraries it loads, is not installed."""


def document(
    markdown: str,
    title: str,
    figures: Mapping[str, Sequence[Chart]],
    header: str,
    date: datetime.date,
    *,
    mark: str = DRAFT,
) -> bytes:
    """The PDF's bytes; the same paper and date give the same bytes.

    ``mark`` goes into CSS, so it is only ever "Draft" or "Signed off" and a date
    (``ExportData.page_mark``, no names); anything else is refused here.
    """
    if not _SAFE_MARK.fullmatch(mark):
        raise ValueError(f"a page mark is words, digits and spaces, not {mark!r}")
    try:
        import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type information
    except ImportError as exc:
        raise PdfUnavailable("PDF needs WeasyPrint: pip install 'selfeval-tui[board]'") from exc
    except OSError as exc:  # WeasyPrint loads Pango with ctypes at import
        raise PdfUnavailable(
            "PDF needs the Pango library, which WeasyPrint could not load "
            "(on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        ) from exc
    running = f'<div class="running-header">{html_text.escape(normalise(header))}</div>\n'
    page = html.page(
        markdown,
        title,
        {heading: [figure(chart) for chart in charts] for heading, charts in figures.items()},
        style=PAGE_STYLE % {"mark": mark, "colour": "#a00" if mark == DRAFT else "#333"},
        before=running,
    )
    with _source_date(date):
        return bytes(weasyprint.HTML(string=page, url_fetcher=_fetch_nothing).write_pdf())


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The page is complete in itself (styles and pictures inline): nothing is ever read from a file or the network."""
    raise ValueError(f"a board paper loads nothing from outside it, not {url}")


@contextmanager
def _source_date(date: datetime.date) -> Iterator[None]:
    """Font subsets carry a modified time, which fontTools takes from ``SOURCE_DATE_EPOCH`` when set: the paper's date."""
    moment = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(max(int(moment.timestamp()), 0))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
