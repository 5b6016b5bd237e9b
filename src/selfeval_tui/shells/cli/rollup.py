"""``selfeval rollup FILE.json ...`` and ``selfeval export rollup``: the local authority's roll-up (docs/exports.md).

Both roll up the partnerships of the local database the actor may roll up (an
la-officer's local authority, or all of them); ``rollup`` adds JSON exports from
other installations. A file that cannot be used is named on standard error with
its problem, one line each, and left out; the roll-up is written once it is whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import acting, open_services, require_framework
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.cli.export import (
    FORMAT_BY_SUFFIX,
    check_year,
    parse_date,
    write_file,
    write_stdout,
)

FORMATS = ("md", "html", "csv", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "rollup",
        help=COMMANDS["rollup"],
        parents=[common],
        description="Roll up the local database's partnerships with JSON exports (selfeval export json) from other installations.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE.json", help="JSON exports of other installations' evaluations")
    parser.add_argument("--la", type=options.text, metavar="NAME", help="only the partnerships of this local authority")
    parser.add_argument("--format", choices=FORMATS, help="md, html, csv or json (default: from --out's extension, else md)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the roll-up (default: today)")
    parser.set_defaults(handler=rollup_command)


def rollup_command(args: argparse.Namespace) -> int:
    return write_rollup(args, list(args.files), rollup_format(args))


def rollup_format(args: argparse.Namespace) -> str:
    """``--format``, else from ``--out``'s extension, else Markdown; one a roll-up has, or one line and exit 2."""
    out: Path | None = args.out
    fmt: str = args.format or (FORMAT_BY_SUFFIX.get(out.suffix.lower()) if out else None) or "md"
    if fmt not in FORMATS:
        raise UsageError(f"selfeval: a roll-up can be written as {', '.join(FORMATS)}, not {fmt}")
    return fmt


def write_rollup(args: argparse.Namespace, files: list[Path], fmt: str) -> int:
    """Roll up the local database (when there is one) and ``files``; shared by ``export rollup``."""
    from selfeval_tui.exports.rollup import build, file_documents, local_entries
    from selfeval_tui.exports.rollup_render import render
    from selfeval_tui.services.database import resolve_db_path

    if getattr(args, "partnership", None):
        raise UsageError("selfeval: a roll-up covers many partnerships; leave out --partnership (--la picks a local authority)")
    year: str | None = getattr(args, "year", None)
    check_year(year)
    date = parse_date(getattr(args, "date", None))
    la: str | None = getattr(args, "la", None)
    framework = require_framework(args)
    documents, left_out = file_documents(files)
    local = []
    if resolve_db_path(getattr(args, "db", None)).exists():
        with open_services(args) as services:
            actor = acting(args, services)
            local = local_entries(services, actor, framework, local_authority=la, year=year)
    elif not files:
        raise UsageError(f"selfeval: {resolve_db_path(getattr(args, 'db', None))}: there is no database here, and no files were given")
    rollup = build(framework, [*local, *documents], date=date, local_authority=la, year=year, left_out=left_out)
    for line in rollup.left_out:
        print(inert(f"selfeval: {line}"), file=sys.stderr)
    if not rollup.entries:
        wanted = " ".join(part for part in (f"in {la}" if la else "", f"for {year}" if year else "") if part)
        raise UsageError(f"selfeval: no partnership {wanted or 'with an evaluation'} to roll up".replace("  ", " "))
    text = render(rollup, fmt)
    if args.out is None:
        write_stdout(text)
        return 0
    write_file(args.out, text, f"rollup.{fmt}")
    count = len(rollup.entries)
    print(f"Wrote {args.out} ({count} partnership{'' if count == 1 else 's'})")
    return 0
