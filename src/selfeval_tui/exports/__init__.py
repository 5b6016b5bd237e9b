"""Exports of one evaluation for board papers and other tools: Markdown, HTML, Word, PDF, JSON and CSV.

The command line and the TUI call only :func:`export_document` (or
:func:`export_text` for the text formats) and :func:`default_filename`. Output depends on the database and ``date`` only (never
the clock), so the same database and date always give the same bytes. Nothing
here imports Textual. Formats and escaping rules: docs/exports.md.
"""

from __future__ import annotations

import datetime
import importlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from selfeval_tui.bank import Framework
    from selfeval_tui.domain.records import Evaluation, Partnership
    from selfeval_tui.exports.charts import Chart
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services

KINDS = ("overview", "grid", "report", "json", "csv", "actions", "workshop")
FORMATS: dict[str, tuple[str, ...]] = {
    "overview": ("md", "html", "docx", "pdf"),
    "grid": ("md", "html", "docx", "pdf"),
    "report": ("md", "html", "docx", "pdf"),
    "json": ("json",),
    "csv": ("csv",),
    "actions": ("md", "html", "csv", "json", "ics"),
    "workshop": ("md", "html", "json"),
}
"""The formats each kind can be written in; the first is its default."""
BINARY_FORMATS = ("docx", "pdf")
"""Formats written as bytes (:func:`export_document`), not text."""

_RENDERERS = {
    "overview": "markdown_overview",
    "grid": "markdown_grid",
    "report": "markdown_report",
    "json": "json_export",
    "csv": "csv_export",
    "actions": "markdown_actions",
    "workshop": "markdown_workshop",
}
"""The module under exports that renders each kind (``render``, and ``title`` for the papers)."""
_FORMAT_RENDERERS = {
    ("actions", "csv"): "actions_csv",
    ("actions", "json"): "actions_json",
    ("actions", "ics"): "actions_ics",
    ("workshop", "json"): "workshop_json",
}
"""Where a kind's format has a renderer of its own rather than its Markdown (or HTML made from it)."""


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown kind, or a format the kind has not)."""


def check_kind(kind: str, fmt: str | None = None) -> str:
    """The format to use for ``kind`` (its default when ``fmt`` is None), or ExportError."""
    if kind not in FORMATS:
        raise ExportError(f"unknown export {kind!r}; choose one of {', '.join(KINDS)}")
    if fmt is None:
        return FORMATS[kind][0]
    if fmt not in FORMATS[kind]:
        *others, last = FORMATS[kind]
        choices = f"{', '.join(others)} or {last}" if others else last
        raise ExportError(f"the {kind} export can be written as {choices}, not {fmt}")
    return fmt


def export_text(
    services: Services,
    actor: Actor,
    framework: Framework,
    evaluation: Evaluation,
    kind: str,
    fmt: str,
    date: datetime.date,
    prepared_by: str | None = None,
) -> str:
    """The export as text, read as ``actor`` (who needs the right to export); ``date`` is the one printed on it."""
    document = export_document(services, actor, framework, evaluation, kind, fmt, date, prepared_by)
    if isinstance(document, bytes):
        raise ExportError(f"the {fmt} format is not text; use export_document")
    return document


def export_document(
    services: Services,
    actor: Actor,
    framework: Framework,
    evaluation: Evaluation,
    kind: str,
    fmt: str,
    date: datetime.date,
    prepared_by: str | None = None,
    *,
    template: Path | None = None,
    workshop: int | None = None,
) -> str | bytes:
    """The export: text, or bytes for :data:`BINARY_FORMATS`; ``template`` is a Word template for docx.

    The ``workshop`` kind is the minutes of the evaluation's workshops, or of
    the one ``workshop`` names. Raises ExportError for a format that cannot be
    made here (its library is not installed) and for a template that is not a
    Word document.
    """
    fmt = check_kind(kind, fmt)
    if template is not None and fmt != "docx":
        raise ExportError("--template is for --format docx")
    if kind == "workshop":
        return _minutes(services, actor, framework, evaluation, fmt, workshop)
    # Imported here, not at the top, and only the one renderer asked for (and
    # markdown-it only for HTML, Word and PDF, the pictures only for those), so
    # that building the command line (which needs KINDS) loads none of them and
    # an export loads what it writes.
    from selfeval_tui.exports.data import gather

    data = gather(services.export_view(actor, framework, evaluation), date=date, prepared_by=prepared_by)
    module = importlib.import_module(f"{__name__}.{_FORMAT_RENDERERS.get((kind, fmt), _RENDERERS[kind])}")
    text = str(module.render(data))
    if fmt in ("md", "json", "csv", "ics"):
        return text
    from selfeval_tui.exports.charts import figures

    title = str(module.title(data))
    charts = figures(kind, data)
    header = f"{data.partnership.name}, {data.evaluation.year}"  # heads every Word and PDF page
    if fmt == "html":
        from selfeval_tui.exports import html
        from selfeval_tui.exports.svg import figure

        return html.page(text, title, {heading: [figure(c) for c in group] for heading, group in charts.items()})
    if fmt == "docx":
        return _docx(text, title, charts, date, template, data.prepared_by, header)
    from selfeval_tui.exports.pdf_export import PdfUnavailable, document

    try:
        return document(text, title, charts, header, date)
    except PdfUnavailable as exc:
        raise ExportError(str(exc)) from None


def _minutes(
    services: Services, actor: Actor, framework: Framework, evaluation: Evaluation, fmt: str, workshop: int | None
) -> str:
    """The minutes of the evaluation's workshops (or of one): Markdown, HTML made from it, or JSON."""
    held = [w for w in services.workshops(actor, evaluation.id) if workshop is None or w.id == workshop]
    if workshop is not None and not held:
        raise ExportError(f"workshop {workshop} is not one of this evaluation's")
    minutes = [services.minutes(actor, w.id, framework=framework) for w in held]
    module = importlib.import_module(f"{__name__}.{_FORMAT_RENDERERS.get(('workshop', fmt), _RENDERERS['workshop'])}")
    text = str(module.render(minutes))
    if fmt != "html":
        return text
    from selfeval_tui.exports import html
    from selfeval_tui.exports.markdown_workshop import title

    return html.page(text, title(minutes), {})


def _docx(
    text: str,
    title: str,
    charts: dict[str, list[Chart]],
    date: datetime.date,
    template: Path | None,
    author: str | None,
    header: str,
) -> bytes:
    try:
        from selfeval_tui.exports.docx_export import TemplateError, document
    except ImportError:
        raise ExportError("Word documents need python-docx and Pillow: pip install 'selfeval-tui[board]'") from None
    try:
        return document(text, title, charts, date, template=template, author=author, header=header)
    except TemplateError as exc:
        raise ExportError(str(exc)) from None


def slug(name: str) -> str:
    """A file-name-safe form of a partnership name: ``North Leeds`` is ``north-leeds``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "partnership"


def default_filename(evaluation: Evaluation, partnership: Partnership, kind: str, fmt: str) -> str:
    """``north-leeds-2026-27-overview.md``: safe on every file system, and sorts by partnership and year."""
    fmt = check_kind(kind, fmt)
    return f"{slug(partnership.name)}-{evaluation.year.replace('/', '-')}-{kind}.{fmt}"
