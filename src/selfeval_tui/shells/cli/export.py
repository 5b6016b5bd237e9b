"""``selfeval export KIND``: an evaluation as a board paper (Markdown, HTML, Word or PDF), JSON or CSV.

Writes to standard output, or with ``--out`` to a file, only once the whole
export is made. Everything the user can get wrong is one line and exit 2. The
export itself lives in ``exports``, shared with the TUI.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval_tui.exports import (
    BINARY_FORMATS,
    FORMATS,
    KINDS,
    ExportError,
    check_kind,
    default_filename,
    export_document,
)
from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import (
    acting,
    latest_year,
    open_services,
    require_framework,
)
from selfeval_tui.shells.cli.errors import UsageError

if TYPE_CHECKING:
    from selfeval_tui.bank import Framework
    from selfeval_tui.domain.records import Evaluation
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services

FORMAT_BY_SUFFIX = {
    ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv",
    ".docx": "docx", ".pdf": "pdf",
}  # fmt: skip
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export",
        help=COMMANDS["export"],
        parents=[common],
        description="Write one evaluation (--partnership, --year) as a board paper or data file.",
    )
    parser.add_argument("kind", metavar="KIND", help=f"what to export: {', '.join(KINDS)}")
    parser.add_argument(
        "--format",
        choices=sorted({fmt for formats in FORMATS.values() for fmt in formats}),
        help="md, html, docx or pdf for overview, grid and report; json and csv are their own kinds "
        "(default: from --out's extension, else md, json or csv)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument(
        "--all",
        action="store_true",
        help="every partnership's export (its latest evaluation, or --year's) in one run, instead of --partnership",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        metavar="DIR",
        help="with --all: one file each in the folder DIR, named as the TUI suggests "
        "(default: all to standard output, each after a line holding only a form feed)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE.docx",
        help="with --format docx: a Word document or template (.docx, .dotx) whose styles and page setup to use",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the paper (default: today)")
    parser.add_argument("--prepared-by", type=options.text, metavar="NAME", help="who prepared the report, for its title block")
    parser.add_argument(
        "--workshop", type=int, metavar="ID",
        help="with the workshop kind: that workshop's minutes only (default: every workshop of the evaluation)",
    )  # fmt: skip
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


def check_year(year: str | None) -> None:
    """``--year`` as YYYY/YY when given, else one line and exit 2."""
    from selfeval_tui.domain.records import check_academic_year

    try:
        if year is not None:
            check_academic_year(year)
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def existing_db(args: argparse.Namespace) -> Path:
    """The database to export from, which must exist: an export never creates one."""
    from selfeval_tui.services.database import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise UsageError(f"selfeval: {path}: there is no database here, so there is nothing to export")
    return path


def export_command(args: argparse.Namespace) -> int:
    out: Path | None = args.out
    try:
        fmt = check_kind(args.kind, args.format or (FORMAT_BY_SUFFIX.get(out.suffix.lower()) if out else None))
    except ExportError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    date = parse_date(args.date)
    if args.template is not None and fmt != "docx":
        raise UsageError("selfeval: --template is for Word documents; add --format docx (or --out FILE.docx)")
    name, year = getattr(args, "partnership", None), getattr(args, "year", None)
    if args.workshop is not None and args.kind != "workshop":
        raise UsageError("selfeval: --workshop is for 'selfeval export workshop'")
    if args.all or args.out_dir is not None:
        return export_all(args, fmt, date)
    if not name and args.workshop is not None:
        name, year = workshop_evaluation(args)
    if not name:
        raise UsageError("selfeval: export needs --partnership NAME (and --year YYYY/YY, else its latest evaluation)")
    check_year(year)
    path = existing_db(args)
    framework = require_framework(args)
    with open_services(args) as services:
        actor = acting(args, services)
        partnership = services.partnership_named(actor, name)
        if partnership is None:
            raise UsageError(f"selfeval: there is no partnership called {name!r} in {path}")
        if year is None:
            year = latest_year(services, actor, partnership, "exporting")
            if year is None:
                raise UsageError(f"selfeval: {partnership.name} has no evaluation yet, so there is nothing to export")
        evaluation = services.find(actor, name, year).evaluation
        if evaluation is None:
            years = sorted(e.year for e in services.evaluations(actor, partnership.id))
            have = f"it has {', '.join(years)}" if years else "it has none yet"
            raise UsageError(f"selfeval: {partnership.name} has no evaluation for {year} ({have})")
        text = make(services, actor, framework, evaluation, args, fmt, date)
        suggestion = default_filename(evaluation, partnership, args.kind, fmt)
    if out is None:
        write_stdout(text)
        return 0
    write_file(out, text, suggestion)
    print(f"Wrote {out}")
    return 0


def workshop_evaluation(args: argparse.Namespace) -> tuple[str, str]:
    """The partnership and year of ``--workshop ID``, so that its minutes need no ``--partnership``."""
    existing_db(args)
    with open_services(args) as services:
        actor = acting(args, services)
        workshop = services.workshop(actor, args.workshop)
        evaluation = services.evaluation(actor, workshop.evaluation_id)
        return services.partnership(actor, evaluation.partnership_id).name, evaluation.year


def make(
    services: Services,
    actor: Actor,
    framework: Framework,
    evaluation: Evaluation,
    args: argparse.Namespace,
    fmt: str,
    date: datetime.date,
) -> str | bytes:
    """The export; a library it needs that is missing, or a template that is no Word file, is one line and exit 2."""
    try:
        return export_document(
            services, actor, framework, evaluation, args.kind, fmt, date, args.prepared_by,
            template=args.template, workshop=getattr(args, "workshop", None),
        )  # fmt: skip
    except ExportError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def write_stdout(document: str | bytes) -> None:
    """Text as it is; a Word or PDF file only into a pipe or a file, never onto a terminal."""
    if isinstance(document, str):
        sys.stdout.write(document)
        return
    if sys.stdout.isatty():
        raise UsageError("selfeval: a Word or PDF file is not for the terminal; give --out FILE or redirect it")
    sys.stdout.flush()
    sys.stdout.buffer.write(document)


def write_file(out: Path, text: str | bytes, suggestion: str) -> None:
    """Write the finished export atomically; anything but a regular file at ``out`` is refused, untouched."""
    from selfeval_tui.files import NotAFileError, write_atomically

    try:
        write_atomically(out, text)
    except NotAFileError as exc:
        if exc.what == "a folder":
            raise UsageError(f"selfeval: {out} is a folder; give a file name, for example {out / suggestion}") from None
        raise UsageError(f"selfeval: {exc}, so it was left as it is; give the name of a file to write") from None
    except OSError as exc:
        raise UsageError(f"selfeval: cannot write {out} ({exc.strerror or exc}); any file already there is unchanged") from None


FORM_FEED_LINE = "\f\n"
"""Between exports on standard output with ``--all``: a line holding only a form feed, to split on."""


def export_all(args: argparse.Namespace, fmt: str, date: datetime.date) -> int:
    """``--all``: every partnership's export in one process (the bank and the store opened once).

    Each partnership's evaluation for ``--year``, else its latest; partnerships
    without one are named on standard error and skipped. With ``--out-dir`` every
    file name is checked to be distinct before any is written, each is written
    atomically, and a folder that is not there is refused rather than made.
    """
    out_dir: Path | None = args.out_dir
    if not args.all:
        raise UsageError("selfeval: --out-dir is for --all; for one partnership's export give --out FILE")
    if getattr(args, "partnership", None):
        raise UsageError("selfeval: --all exports every partnership; leave out --partnership (or --all)")
    if args.out is not None:
        raise UsageError("selfeval: --all writes many files; give --out-dir DIR instead of --out")
    year: str | None = getattr(args, "year", None)
    check_year(year)
    if out_dir is not None and not out_dir.is_dir():
        state = "is not a folder" if out_dir.exists() else "does not exist"
        raise UsageError(f"selfeval: --out-dir {out_dir} {state}; give an existing folder")
    path = existing_db(args)
    framework = require_framework(args)
    wanted = f"for {year}" if year else "yet"
    if fmt in BINARY_FORMATS and out_dir is None:
        raise UsageError(f"selfeval: --all writes {fmt} files one each; give --out-dir DIR")
    exports: list[tuple[str, str | bytes]] = []
    skipped: list[str] = []
    with open_services(args) as services:
        actor = acting(args, services)
        latest: dict[int, Evaluation] = {}
        for evaluation in services.evaluations(actor):
            if year is None or evaluation.year == year:
                kept = latest.get(evaluation.partnership_id)
                if kept is None or evaluation.year > kept.year:
                    latest[evaluation.partnership_id] = evaluation
        for partnership in sorted(services.partnerships(actor), key=lambda p: (p.name.casefold(), p.id)):
            chosen = latest.get(partnership.id)
            if chosen is None:
                skipped.append(partnership.name)
                continue
            text = make(services, actor, framework, chosen, args, fmt, date)
            exports.append((default_filename(chosen, partnership, args.kind, fmt), text))
    if not exports:
        raise UsageError(f"selfeval: no partnership in {path} has an evaluation {wanted}; there is nothing to export")
    names = [filename for filename, _ in exports]
    clash = next((filename for filename in names if names.count(filename) > 1), None)
    if out_dir is not None and clash is not None:
        raise UsageError(
            f"selfeval: two partnerships' exports would both be {out_dir / clash}; nothing was written (rename one)"
        )
    for name in skipped:
        print(f"selfeval: skipped {name}: no evaluation {wanted}", file=sys.stderr)
    if out_dir is None:
        sys.stdout.write(FORM_FEED_LINE.join(text for _, text in exports if isinstance(text, str)))
        return 0
    write_files(out_dir, exports)
    print(f"Wrote {len(exports)} file{'' if len(exports) == 1 else 's'} to {out_dir}")
    return 0


WRITERS = 8
"""Files of ``--all`` written at once: each waits on its own fsync (a third of 100 reports' time, one at a time)."""


def write_files(out_dir: Path, exports: list[tuple[str, str | bytes]]) -> None:
    """Write each export atomically into ``out_dir``, several at a time; the first failure in name order is reported.

    Each file is whole or absent, as with one; a failure does not stop the files already being written.
    """
    # Imported here: only --out-dir writes more than one file.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        writes = [pool.submit(write_file, out_dir / filename, text, filename) for filename, text in exports]
        for write in writes:
            write.result()
