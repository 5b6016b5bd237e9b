"""HTML: a complete standalone page, raw HTML off, nothing typed becomes a tag or an unsafe link."""

from __future__ import annotations

from pathlib import Path

from export_support import html_tags, sample_data, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.exports import html, markdown_grid, markdown_overview, markdown_report

__all__ = ["sample_db"]

TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "main"}
MARKDOWN_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "em", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


def test_every_markdown_kind_is_a_standalone_page_of_known_tags(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    for module in (markdown_overview, markdown_grid, markdown_report):
        page = html.page(module.render(data), module.title(data))
        assert page.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">") and page.endswith("</html>\n")
        assert f"<title>{module.title(data)}</title>" in page
        tags = html_tags(page)
        assert {tag for tag, _ in tags} <= TEMPLATE_TAGS | MARKDOWN_TAGS
        assert {attrs for tag, attrs in tags if tag in MARKDOWN_TAGS} <= {(), (("style", "text-align:center"),)}


def test_typed_html_and_links_print_as_text(sample_db: Path, framework: Framework) -> None:
    page = html.page(markdown_report.render(sample_data(sample_db, framework)), "t")
    assert "<script" not in page and "href" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[minutes](javascript:alert(1))" in page


def test_renderer_refuses_raw_html_and_unsafe_link_schemes() -> None:
    """A second lock: even unescaped Markdown could not make a tag or a javascript: link."""
    body = html.body(
        "<b onclick=x>hi</b>\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](VBScript:x) [d](https://ok.test)"
        " [e](mailto:a@b.test) ![i](data:image/png;base64,AA==)\n"
    )
    assert {tag for tag, _ in html_tags(body)} == {"p", "a"}
    assert [dict(attrs)["href"] for tag, attrs in html_tags(body) if tag == "a"] == ["https://ok.test", "mailto:a@b.test"]
