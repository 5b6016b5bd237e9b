"""``selfeval export KIND``: an evaluation as a board paper (Markdown or HTML), JSON or CSV.

Writes to standard output, or with ``--out`` to a file, only once the whole
export is made. Everything the user can get wrong is one line and exit 2. The
export itself lives in ``core.exports``, shared with the TUI.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

from selfeval_tui.cli import options
from selfeval_tui.cli.context import latest_year, open_store, require_framework
from selfeval_tui.cli.errors import UsageError
from selfeval_tui.core.exports import FORMATS, KINDS, ExportError, check_kind, default_filename, export_text

FORMAT_BY_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export an evaluation: overview, grid, report (md or html), json or csv",
        parents=[common],
        description="Write one evaluation (--partnership, --year) as a board paper or data file.",
    )
    parser.add_argument("kind", metavar="KIND", help=f"what to export: {', '.join(KINDS)}")
    parser.add_argument(
        "--format",
        choices=sorted({fmt for formats in FORMATS.values() for fmt in formats}),
        help="md or html for overview, grid and report; json and csv are their own kinds "
        "(default: from --out's extension, else md, json or csv)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the paper (default: today)")
    parser.add_argument("--prepared-by", type=options.text, metavar="NAME", help="who prepared the report, for its title block")
    parser.set_defaults(handler=export_command)


def parse_date(text: str | None) -> datetime.date:
    """``--date`` strictly as YYYY-MM-DD; today only when it is not given."""
    if text is None:
        return datetime.date.today()
    try:
        if _DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"selfeval: --date must be a real date written YYYY-MM-DD, not {text!r}")


def export_command(args: argparse.Namespace) -> int:
    from selfeval_tui.core.store import check_academic_year, resolve_db_path
    from selfeval_tui.core.workspace import find

    out: Path | None = args.out
    try:
        fmt = check_kind(args.kind, args.format or (FORMAT_BY_SUFFIX.get(out.suffix.lower()) if out else None))
    except ExportError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    date = parse_date(args.date)
    name, year = getattr(args, "partnership", None), getattr(args, "year", None)
    if not name:
        raise UsageError("selfeval: export needs --partnership NAME (and --year YYYY/YY, else its latest evaluation)")
    try:
        if year is not None:
            check_academic_year(year)
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise UsageError(f"selfeval: {path}: there is no database here, so there is nothing to export")
    framework = require_framework(args)
    with open_store(args) as store:
        partnership = store.partnership_by_name(name)
        if partnership is None:
            raise UsageError(f"selfeval: there is no partnership called {name!r} in {path}")
        if year is None:
            year = latest_year(store, partnership, "exporting")
            if year is None:
                raise UsageError(f"selfeval: {partnership.name} has no evaluation yet, so there is nothing to export")
        evaluation = find(store, name, year).evaluation
        if evaluation is None:
            years = sorted(e.year for e in store.list_evaluations(partnership.id))
            have = f"it has {', '.join(years)}" if years else "it has none yet"
            raise UsageError(f"selfeval: {partnership.name} has no evaluation for {year} ({have})")
        text = export_text(store, framework, evaluation, args.kind, fmt, date, args.prepared_by)
        suggestion = default_filename(evaluation, partnership, args.kind, fmt)
    if out is None:
        sys.stdout.write(text)
        return 0
    write_file(out, text, suggestion)
    print(f"Wrote {out}")
    return 0


def write_file(out: Path, text: str, suggestion: str) -> None:
    """Write the finished export atomically; anything but a regular file at ``out`` is refused, untouched."""
    from selfeval_tui.core.files import NotAFileError, write_atomically

    try:
        write_atomically(out, text)
    except NotAFileError as exc:
        if exc.what == "a folder":
            raise UsageError(f"selfeval: {out} is a folder; give a file name, for example {out / suggestion}") from None
        raise UsageError(f"selfeval: {exc}, so it was left as it is; give the name of a file to write") from None
    except OSError as exc:
        raise UsageError(f"selfeval: cannot write {out} ({exc.strerror or exc}); any file already there is unchanged") from None
