"""``selfeval questions check|show``: validate a bank, or print it as JSON for other tools."""

from __future__ import annotations

import argparse
import json
from collections import Counter

from selfeval_tui.bank import LEVEL_NAMES, Framework
from selfeval_tui.shells.cli import COMMANDS
from selfeval_tui.shells.cli.context import load_bank

JSON_SCHEMA_VERSION = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("questions", help=COMMANDS["questions"], parents=[common])
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    check = actions.add_parser("check", help="validate the bank and print a summary", parents=[common])
    check.set_defaults(handler=check_command)
    show = actions.add_parser("show", help="print the validated bank", parents=[common])
    show.add_argument("--format", choices=["json"], default="json", help="output format (default: json)")
    show.set_defaults(handler=show_command)


def summary(framework: Framework) -> list[str]:
    per_level: Counter[str] = Counter()
    lines = [f"{framework.title} ({framework.id}, version {framework.version})", f"bank hash {framework.hash[:12]}"]
    for strand in framework.strands:
        lines.append(f"  Strand {strand.id}: {strand.title} - {len(strand.elements)} elements")
        for element in strand.elements:
            for level in element.levels:
                per_level[level.name] += len(level.criteria)
    lines.append(
        f"Elements: {len(framework.elements)}. Criteria: "
        + ", ".join(f"{name} {per_level[name]}" for name in LEVEL_NAMES)
        + f" (total {sum(per_level.values())})."
    )
    described = Counter(
        f"{e.id} {m.kind.replace('_', ' ')}" + (f" of {len(m.items)}" if m.items else "")
        for e in framework.elements
        for m in e.measures
    )
    measures = [text + (f" x{count}" if count > 1 else "") for text, count in described.items()]
    lines.append(f"Measures: {', '.join(measures) or 'none'}.")
    lines.append(
        f"Key outcomes: {len(framework.outcomes)}; local outcome examples: {len(framework.local_outcomes)}; "
        f"membership categories: {len(framework.membership)}; glossary terms: {len(framework.glossary)}."
    )
    return lines


def check_command(args: argparse.Namespace) -> int:
    framework = load_bank(getattr(args, "questions", None), cached=False)  # checking the files is the point
    print("Question bank OK: " + "\n".join(summary(framework)))
    return 0


def bank_as_json(framework: Framework) -> dict[str, object]:
    """The documented, stable JSON shape of a bank (see questions/README.md)."""
    from pydantic import TypeAdapter

    data = TypeAdapter(Framework).dump_python(framework, mode="json")
    return {"schema_version": JSON_SCHEMA_VERSION, **data}


def show_command(args: argparse.Namespace) -> int:
    framework = load_bank(getattr(args, "questions", None))
    print(json.dumps(bank_as_json(framework), indent=2, ensure_ascii=False))
    return 0
