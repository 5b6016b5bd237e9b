"""The gateway's allowlist: what SSH_ORIGINAL_COMMAND may ask for, and the one line everything else gets."""

from __future__ import annotations

import builtins
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_tui.shells.gateway.commands import (
    ALLOWED,
    CHAT,
    NEVER,
    Allowed,
    Refusal,
    Request,
    allow,
    help_text,
    parse,
)


@pytest.mark.parametrize(
    ("line", "argv"),
    [
        (None, ("chat",)),
        ("", ("chat",)),
        ("   ", ("chat",)),
        ("chat", ("chat",)),
        ("chat --plain", ("chat", "--plain")),
        ("chat --plain --partnership 'North Leeds' --year 2026/27", ("chat", "--plain", "--partnership=North Leeds", "--year=2026/27")),
        ("chat --partnership=North", ("chat", "--partnership=North")),
        ("export report --format pdf --partnership North", ("export", "report", "--format=pdf", "--partnership=North")),
        ("export json", ("export", "json")),
        ("whoami", ()),
        ("help", ()),
        ("export rollup --la Leeds", ("export", "rollup", "--la=Leeds")),
        ("export workshop --workshop 3 --format md", ("export", "workshop", "--workshop=3", "--format=md")),
        ("workshop vote 2.4 established --reason 'thin evidence'", ("workshop", "vote", "2.4", "established", "--reason=thin evidence")),
        ("workshop status --json", ("workshop", "status", "--json")),
        ("workshop tally 'Established 3, Developed 2'", ("workshop", "tally", "Established 3, Developed 2")),
        ("workshop agree 1.1 developed --reason ok --dissent 'ann: thin' --dissent 'bob: old'",
         ("workshop", "agree", "1.1", "developed", "--reason=ok", "--dissent=ann: thin", "--dissent=bob: old")),
        ("workshop agenda move 2.4 1", ("workshop", "agenda", "move", "2.4", "1")),
        ("workshop join --partnership North", ("workshop", "join", "--partnership=North")),
        ("workshop run --plain", ("workshop", "run", "--plain")),
    ],
)
def test_allowed_commands_become_selfeval_arguments(line: str | None, argv: tuple[str, ...]) -> None:
    assert parse(line).argv == argv


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("bash", "'bash' is not something this gateway runs"),
        ("sh -c id", "'sh' is not something this gateway runs"),
        ("chat; sh", "';' not allowed here: this gateway runs no shell"),
        ("chat && sh", "'&' not allowed here"),
        ("chat | nc host 1", "'|' not allowed here"),
        ("export report $(id)", "'$' '(' ')' not allowed here"),
        ("export report `id`", "'`' not allowed here"),
        ("export report > /tmp/x", "'>' not allowed here"),
        ("chat\nsh", "'\\n' not allowed here"),
        ("-- --db /etc/passwd chat", "'--' is not an option here"),
        ("--db /etc/passwd chat", "--db is not allowed here"),
        ("chat --db /etc/passwd", "--db is not allowed here"),
        ("chat --questions /tmp/bank", "--questions is not allowed here"),
        ("export report --out /tmp/x", "--out is not allowed here"),
        ("export report --out-dir /tmp", "--out-dir is not allowed here"),
        ("export report --format docx --template /etc/shadow", "--template is not allowed here"),
        ("export report --all", "--all is not allowed here"),
        ("scp -t /tmp", "copying files (scp, sftp, rsync) is not offered here"),
        ("scp -f secrets", "copying files"),
        ("internal-sftp", "copying files"),
        ("/usr/lib/openssh/sftp-server", "copying files"),
        ("sftp", "copying files"),
        ("rsync --server -e.LsfxC . /tmp", "copying files"),
        ("export", "export needs KIND"),
        ("export passwords", "KIND is one of overview, grid, report"),
        ("export report --format exe", "--format is one of"),
        ("export report --partnership", "--partnership needs a value"),
        ("export report --partnership --db", "--partnership needs a value"),
        ("chat --plain=yes", "--plain takes no value"),
        ("chat -p", "'-p' is not an option here"),
        ("chat extra", "unexpected 'extra'"),
        ("chat 'unclosed", "a quote is not closed"),
        ("chat --partnership \x1b[2J", "control characters are not allowed"),
        ("x" * 2000, "longer than 1000 characters"),
        ("workshop vote 2.4 established --for bob", "'--for' is not an option here"),
        ("workshop serve --host 0.0.0.0", "'workshop' is not something this gateway runs"),
        ("workshop participate", "'workshop' is not something this gateway runs"),
        ("workshop vote ../etc established", "ELEMENT is one of an element id such as 2.4"),
        ("workshop vote 2.4 brilliant", "LEVEL is one of not_yet"),
        ("workshop agree 2.4 abstain --reason x", "LEVEL is one of"),
        ("workshop tally 'rm -rf 3'", "COUNTS is one of"),
    ],
)
def test_everything_else_is_one_line_saying_why(line: str, says: str) -> None:
    with pytest.raises(Refusal) as refused:
        parse(line)
    message = str(refused.value)
    assert says in message
    assert message.startswith("selfeval: ")
    assert "\n" not in message


def test_a_refusal_quotes_what_was_typed_inert_and_short() -> None:
    with pytest.raises(Refusal) as refused:
        parse("\u202eevil" + "x" * 100)
    message = str(refused.value)
    assert "\u202e" not in message
    assert len(message) < 200


def test_a_command_of_several_words_is_one_entry_and_the_longest_match_wins() -> None:
    entry = Allowed(("chat", "again"), "chat again", "a test entry", runs=("chat", "--plain"))
    allow(entry)
    try:
        assert parse("chat again").argv == ("chat", "--plain")
        assert parse("chat").command is CHAT
        with pytest.raises(ValueError, match="already on the gateway's allowlist"):
            allow(entry)
    finally:
        del ALLOWED[entry.words]


def test_help_lists_every_allowed_command() -> None:
    text = help_text()
    for command in ALLOWED.values():
        assert command.usage in text


def _safe(request: Request) -> None:
    """What an allowed request may hold: its own command's words and options, never one that names a file."""
    command = request.command
    assert request.argv[: len(command.selfeval)] == command.selfeval
    rest = request.argv[len(command.selfeval) :]
    positionals = [word for word in rest if not word.startswith("-")]
    assert len(positionals) == len(command.positionals)
    for (_, choices), word in zip(command.positionals, positionals, strict=True):
        assert word in choices
    for word in rest:
        if word.startswith("-"):
            name = word.partition("=")[0]
            assert name not in NEVER
            assert name in command.flags or name in command.values


_words = st.sampled_from(
    ["chat", "export", "report", "json", "whoami", "help", "--plain", "--partnership", "--year", "--format",
     "pdf", "--db", "/etc/passwd", "--out", "-", "--", "'", '"', "=", " ", ";", "sh", "scp", "-t", "\x1b", "é"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_words, max_size=8).map(" ".join), st.lists(_words, max_size=8).map("".join)))
def test_any_string_is_an_allowed_request_or_a_one_line_refusal_and_nothing_is_opened(line: str) -> None:
    opened: list[object] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(*args: object, **kwargs: object) -> object:
        opened.append(args[0] if args else None)
        return real_open(*args, **kwargs)  # type: ignore[call-overload]

    def spy_os_open(*args: object, **kwargs: object) -> int:
        opened.append(args[0] if args else None)
        return real_os_open(*args, **kwargs)  # type: ignore[arg-type]

    builtins.open, os.open = spy_open, spy_os_open  # type: ignore[assignment]
    try:
        try:
            request = parse(line)
        except Refusal as refused:
            message = str(refused)
            assert message.startswith("selfeval: ")
            assert "\n" not in message and "\r" not in message and "\x1b" not in message
        else:
            _safe(request)
    finally:
        builtins.open, os.open = real_open, real_os_open  # type: ignore[assignment]
    assert opened == []
