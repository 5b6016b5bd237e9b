"""Exports of one evaluation for board papers and other tools: Markdown, HTML, JSON and CSV.

The command line and the TUI call only :func:`export_text` and
:func:`default_filename`. Output depends on the database and ``date`` only (never
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
    from selfeval_tui.bank import Framework
    from selfeval_tui.domain.records import Evaluation, Partnership
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services

KINDS = ("overview", "grid", "report", "json", "csv", "actions")
FORMATS: dict[str, tuple[str, ...]] = {
    "overview": ("md", "html"),
    "grid": ("md", "html"),
    "report": ("md", "html"),
    "json": ("json",),
    "csv": ("csv",),
    "actions": ("md", "html", "csv", "json", "ics"),
}
"""The formats each kind can be written in; the first is its default."""

_RENDERERS = {
    "overview": "markdown_overview",
    "grid": "markdown_grid",
    "report": "markdown_report",
    "json": "json_export",
    "csv": "csv_export",
    "actions": "markdown_actions",
}
"""The module under exports that renders each kind (``render``, and ``title`` for the papers)."""
_FORMAT_RENDERERS = {("actions", "csv"): "actions_csv", ("actions", "json"): "actions_json", ("actions", "ics"): "actions_ics"}
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
        raise ExportError(f"the {kind} export can be written as {' or '.join(FORMATS[kind])}, not {fmt}")
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
    fmt = check_kind(kind, fmt)
    # Imported here, not at the top, and only the one renderer asked for (and
    # markdown-it only for HTML), so that building the command line (which needs
    # KINDS) loads none of them and an export loads what it writes.
    from selfeval_tui.exports.data import gather

    data = gather(services.export_view(actor, framework, evaluation), date=date, prepared_by=prepared_by)
    module = importlib.import_module(f"{__name__}.{_FORMAT_RENDERERS.get((kind, fmt), _RENDERERS[kind])}")
    text = str(module.render(data))
    if fmt != "html":
        return text
    from selfeval_tui.exports import html

    return html.page(text, str(module.title(data)))


def slug(name: str) -> str:
    """A file-name-safe form of a partnership name: ``North Leeds`` is ``north-leeds``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "partnership"


def default_filename(evaluation: Evaluation, partnership: Partnership, kind: str, fmt: str) -> str:
    """``north-leeds-2026-27-overview.md``: safe on every file system, and sorts by partnership and year."""
    fmt = check_kind(kind, fmt)
    return f"{slug(partnership.name)}-{evaluation.year.replace('/', '-')}-{kind}.{fmt}"
