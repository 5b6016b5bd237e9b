"""What a person may ask the gateway for: an allowlist of commands, and the parser of ``SSH_ORIGINAL_COMMAND``.

The person's command line arrives as one string that sshd would otherwise hand to
a shell. It is never given to one: characters a shell would act on are refused
before anything else, the rest is split as a POSIX shell splits words
(``shlex``), and the words must then name a command of :data:`ALLOWED` with only
that command's options. The result is the ``selfeval`` argument list to run, with
every option written ``--name=value`` so that no value can be taken for an
option. Options that name a database, a bank or a file (``--db``, ``--questions``,
``--out``, ``--template`` ...) are never allowed: the gateway opens only the
database its forced command names, and writes only to standard output.

Parsing opens nothing and looks nothing up; whether the person may read the
partnership they name is the services' decision when the command runs.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

from selfeval_tui.domain.inert import inert, obeyable
from selfeval_tui.exports import FORMATS, KINDS


class Refusal(ValueError):
    """What the person asked for is not allowed; the message is one line saying what and why."""


@dataclass(frozen=True)
class Allowed:
    """One command the gateway runs: its words, what it accepts, and the ``selfeval`` command it becomes."""

    words: tuple[str, ...]
    """What the person types, ``("chat",)``; a command of several words (``workshop open``) is one entry."""
    usage: str
    summary: str
    flags: frozenset[str] = frozenset()
    """Options without a value, such as ``--plain``."""
    values: Mapping[str, Collection[str] | None] = field(default_factory=dict)
    """Options with a value: the values allowed, or None for any text (a name, never a path)."""
    positionals: tuple[tuple[str, Collection[str]], ...] = ()
    """Words after the command, each with the values it may take (``export``'s KIND)."""
    runs: tuple[str, ...] | None = None
    """The ``selfeval`` subcommand it runs (default: its words); ``()`` for the gateway's own (``whoami``, ``help``)."""

    @property
    def selfeval(self) -> tuple[str, ...]:
        return self.words if self.runs is None else self.runs


_NAMES: Mapping[str, None] = {"--partnership": None, "--year": None}
"""A partnership and a year: text the services look up, never a path."""

ALLOWED: dict[tuple[str, ...], Allowed] = {}
"""Every command the gateway runs, by its words. :func:`allow` adds one (the workshop commands add theirs)."""


def allow(command: Allowed) -> Allowed:
    """Put ``command`` on the allowlist; its words must be new."""
    if command.words in ALLOWED:
        raise ValueError(f"{' '.join(command.words)} is already on the gateway's allowlist")
    ALLOWED[command.words] = command
    return command


CHAT = allow(
    Allowed(
        ("chat",),
        "chat [--plain] [--partnership P] [--year Y]",
        "answer the questions: the app on a terminal (ssh -t), else plain lines",
        flags=frozenset({"--plain"}),
        values=_NAMES,
    )
)
allow(
    Allowed(
        ("export",),
        "export KIND [--format F] [--partnership P] [--year Y] [--workshop ID] [--la LA]",
        "write an export to standard output: " + ", ".join((*KINDS, "rollup")) + " (redirect Word or PDF to a file)",
        values={
            **_NAMES,
            "--format": sorted({fmt for formats in FORMATS.values() for fmt in formats}),
            "--workshop": None,
            "--la": None,
        },
        positionals=(("KIND", (*KINDS, "rollup")),),
    )
)
class _Matching(Collection[str]):
    """Words a positional may take, by pattern: an element id, a number, a tally. Shown by its description."""

    def __init__(self, pattern: str, shown: str) -> None:
        self._pattern = re.compile(pattern)
        self._shown = shown

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._pattern.fullmatch(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter((self._shown,))

    def __len__(self) -> int:
        return 1


_ELEMENT = _Matching(r"\d{1,2}\.\d{1,2}", "an element id such as 2.4")
_MINUTES = _Matching(r"\d{1,3}", "a whole number of minutes")
_TALLY = _Matching(r"[A-Za-z _]+ \d{1,3}(, *[A-Za-z _]+ \d{1,3})*", 'counts such as "Established 3, Developed 2"')
_LEVEL = ("not_yet", "developing", "developed", "established", "enhancing", "abstain", "0", "1", "2", "3", "4")
_WORKSHOP: Mapping[str, None] = {**_NAMES, "--workshop": None}
"""Every workshop command names its workshop (an id) or finds the running one of the partnership and year."""


def _workshop(
    words: str, usage: str, summary: str, *, positionals: tuple[tuple[str, Collection[str]], ...] = (),
    values: Mapping[str, Collection[str] | None] | None = None, flags: frozenset[str] = frozenset(),
) -> None:  # fmt: skip
    """One ``workshop ...`` command of docs/workshop.md: never ``--for`` (personal use only), ``serve`` or ``participate``."""
    allow(
        Allowed(
            ("workshop", *words.split()),
            f"workshop {usage}",
            summary,
            flags=flags,
            values={**_WORKSHOP, **(values or {})},
            positionals=positionals,
        )
    )


_workshop("status", "status [--json]", "the workshop now: the item, how many have voted (no names before the reveal)",
          flags=frozenset({"--json"}))  # fmt: skip
_workshop("list", "list", "the evaluation's workshops")
_workshop("join", "join", "vote in the running workshop (ssh -t): silent until the reveal")
_workshop("project", "project", "the projector's view (ssh -t), read only")
_workshop("run", "run [--plain]", "run the workshop as its facilitator (ssh -t)", flags=frozenset({"--plain"}))
_workshop("vote", "vote ELEMENT LEVEL [--reason TEXT]", "your silent vote: " + ", ".join(_LEVEL[:6]),
          positionals=(("ELEMENT", _ELEMENT), ("LEVEL", _LEVEL)), values={"--reason": None})  # fmt: skip
_workshop("new", "new --title T --date YYYY-MM-DD [--element ID]... [--invite NAME]...", "plan a workshop",
          values={"--title": None, "--date": None, "--element": None, "--invite": None, "--timebox": None})  # fmt: skip
_workshop("invite", "invite NAME", "add a person to the invitation list", positionals=(("NAME", _Matching(r"[a-z_][a-z0-9_.-]{0,31}", "a login-style name")),))  # fmt: skip
_workshop("agenda", "agenda", "the agenda with each item's state and time used")
_workshop("agenda add", "agenda add ELEMENT [--position N] [--timebox MINUTES]", "add an item",
          positionals=(("ELEMENT", _ELEMENT),), values={"--position": None, "--timebox": None})  # fmt: skip
_workshop("agenda remove", "agenda remove ELEMENT", "remove an item", positionals=(("ELEMENT", _ELEMENT),))
_workshop("agenda move", "agenda move ELEMENT POSITION", "move an item",
          positionals=(("ELEMENT", _ELEMENT), ("POSITION", _MINUTES)))  # fmt: skip
_workshop("open", "open ELEMENT", "open an item (its timer starts)", positionals=(("ELEMENT", _ELEMENT),))
_workshop("next", "next", "open the next item on the agenda")
_workshop("voting", "voting", "open silent voting on the current item")
_workshop("reveal", "reveal", "show everyone's votes")
_workshop("revote", "revote", "a new round (earlier rounds are kept)")
_workshop("tally", "tally COUNTS", "a show of hands: \"Established 3, Developed 2\"", positionals=(("COUNTS", _TALLY),))
_workshop("agree", 'agree ELEMENT LEVEL --reason TEXT [--dissent "NAME: why"]...', "record the agreed rating",
          positionals=(("ELEMENT", _ELEMENT), ("LEVEL", _LEVEL[:5] + _LEVEL[6:])), values={"--reason": None, "--dissent": None})  # fmt: skip
_workshop("park", "park", "leave the current item for later")
_workshop("extend", "extend MINUTES", "more time for the current item", positionals=(("MINUTES", _MINUTES),))
_workshop("cut", "cut MINUTES", "less time for the current item", positionals=(("MINUTES", _MINUTES),))
_workshop("end", "end", "close the workshop")

allow(Allowed(("whoami",), "whoami", "who you are here and what your grants allow", runs=()))
allow(Allowed(("help",), "help", "this list", runs=()))

NEVER = frozenset({"--db", "--questions", "--out", "--out-dir", "--template", "--all", "--help", "--theme"})
"""Options of ``selfeval`` that the gateway refuses by name: they would pick a database, a bank or a file,
or (``--all``) reach past one partnership; ``--help`` and ``--theme`` only to say so in one line."""

FILE_COPY = frozenset({"scp", "sftp", "internal-sftp", "sftp-server", "rsync"})
"""What ``scp``, ``sftp`` and ``rsync`` ask sshd to run on the server: refused with a line saying what to use instead."""

SHELL_CHARACTERS = frozenset(";|&$`<>()\\\n\r")
"""Characters a shell would act on, refused before the line is split: nothing here is ever given to a shell,
and refusing them outright says so rather than treating ``chat; sh`` as a partnership called ``sh``."""

LONGEST = 1000
"""A command line longer than this is refused unread: no allowed command needs more."""


@dataclass(frozen=True)
class Request:
    """An allowed command: the entry it matched and the ``selfeval`` arguments to run it with."""

    command: Allowed
    argv: tuple[str, ...]

    @property
    def plain(self) -> bool:
        return "--plain" in self.argv


def parse(line: str | None) -> Request:
    """``SSH_ORIGINAL_COMMAND`` as an allowed request; :class:`Refusal` (one line) for anything else.

    No command at all (``ssh selfeval@server``) is ``chat``: the app when there is a
    terminal, plain mode when there is not (the forced command decides).
    """
    if line is None or not line.strip():
        return Request(CHAT, CHAT.selfeval)
    if len(line) > LONGEST:
        raise Refusal(f"selfeval: that command is longer than {LONGEST} characters; type help for what you can run")
    shell = sorted(SHELL_CHARACTERS.intersection(line))
    if shell:
        shown = " ".join(repr(c) for c in shell)
        raise Refusal(f"selfeval: {inert(shown)} not allowed here: this gateway runs no shell; type help for what you can run")
    if obeyable(line):
        raise Refusal("selfeval: control characters are not allowed in a command; type help for what you can run")
    try:
        words = shlex.split(line)
    except ValueError:
        raise Refusal("selfeval: a quote is not closed; type help for what you can run") from None
    if not words:
        return Request(CHAT, CHAT.selfeval)
    command = _matching(words)
    return Request(command, command.selfeval + _arguments(command, words[len(command.words) :]))


def _matching(words: list[str]) -> Allowed:
    """The allowlist's entry with the most words that ``words`` starts with."""
    first = words[0]
    if first.rsplit("/", 1)[-1] in FILE_COPY or first == "scp":
        raise Refusal("selfeval: copying files (scp, sftp, rsync) is not offered here; use export to get a paper or data")
    if first.startswith("-"):
        _refuse_option(first.partition("=")[0], None)
    for length in range(len(words), 0, -1):
        found = ALLOWED.get(tuple(words[:length]))
        if found is not None:
            return found
    raise Refusal(f"selfeval: {_shown(first)} is not something this gateway runs; type help for what you can run")


def _arguments(command: Allowed, words: list[str]) -> tuple[str, ...]:
    """The command's own words as ``selfeval`` arguments: positionals first, then each option ``--name=value``."""
    positionals: list[str] = []
    options: list[str] = []
    rest = iter(words)
    for word in rest:
        if word.startswith("--") and word != "--":
            name, has_value, value = word.partition("=")
            if name in command.flags:
                if has_value:
                    raise Refusal(f"selfeval: {name} takes no value; usage: {command.usage}")
                options.append(name)
                continue
            if name not in command.values:
                _refuse_option(name, command)
            if not has_value:
                value = next(rest, "")
            if not value or value.startswith("-"):
                raise Refusal(f"selfeval: {name} needs a value; usage: {command.usage}")
            choices = command.values[name]
            if choices is not None and value not in choices:
                raise Refusal(f"selfeval: {name} is one of {', '.join(choices)}, not {_shown(value)}")
            options.append(f"{name}={value}")
        elif word.startswith("-"):
            raise Refusal(f"selfeval: {_shown(word)} is not an option here; usage: {command.usage}")
        elif len(positionals) < len(command.positionals):
            what, choices = command.positionals[len(positionals)]
            if word not in choices:
                raise Refusal(f"selfeval: {what} is one of {', '.join(choices)}, not {_shown(word)}")
            positionals.append(word)
        else:
            raise Refusal(f"selfeval: unexpected {_shown(word)}; usage: {command.usage}")
    if len(positionals) < len(command.positionals):
        raise Refusal(f"selfeval: {' '.join(command.words)} needs {command.positionals[len(positionals)][0]}; usage: {command.usage}")
    return (*positionals, *options)


def _refuse_option(name: str, command: Allowed | None) -> None:
    if name in NEVER:
        raise Refusal(
            f"selfeval: {name} is not allowed here: the gateway chooses the database and files, and writes to standard output"
        )
    where = f"; usage: {command.usage}" if command is not None else "; type help for what you can run"
    raise Refusal(f"selfeval: {_shown(name)} is not an option here{where}")


def _shown(word: str, longest: int = 40) -> str:
    """A word the person typed, quoted back inert and cut short."""
    cut = word if len(word) <= longest else word[: longest - 1] + "…"
    return inert(repr(cut))


def help_text() -> str:
    """What ``help`` prints: each command's usage and summary, then how to use a terminal and get a file."""
    width = max(len(c.usage) for c in ALLOWED.values())
    lines = ["Commands (ssh selfeval@SERVER COMMAND):"]
    lines += [f"  {c.usage.ljust(width)}  {c.summary}" for c in ALLOWED.values()]
    lines += [
        "",
        "No command starts chat. Use ssh -t for the app, for example: ssh -t selfeval@SERVER chat",
        "Save an export with a redirect: ssh selfeval@SERVER export report --format pdf > report.pdf",
    ]
    return "\n".join(lines) + "\n"
