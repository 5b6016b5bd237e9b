"""The command line registers in full only the subcommands named; everything else reads as if all were registered."""

from __future__ import annotations

import pytest

from selfeval_tui.shells.cli import UsageError, build_parser

ARGVS = [
    [],
    ["export", "report", "--db", "x.db", "--partnership", "North Leeds", "--year", "2026/27"],
    ["--db", "x.db", "chat", "--plain"],
    ["questions", "check"],
    ["db", "check", "--db", "x.db"],
]


@pytest.mark.parametrize("argv", ARGVS)
def test_the_help_is_the_same_whatever_is_registered(argv: list[str]) -> None:
    assert build_parser(argv).format_help() == build_parser().format_help()


@pytest.mark.parametrize("argv", ARGVS)
def test_a_command_parses_as_with_every_command_registered(argv: list[str]) -> None:
    assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)


def test_a_mistyped_command_is_one_line_naming_every_command() -> None:
    with pytest.raises(UsageError, match="choose from 'chat', 'questions', 'export', 'db'"):
        build_parser(["exprot"]).parse_args(["exprot"])
