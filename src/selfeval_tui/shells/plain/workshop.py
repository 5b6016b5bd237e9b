"""``selfeval workshop run --plain``: the facilitator's steps as typed commands and plain lines, for a screen reader.

After each command it says what changed and the current item as the projector
shows it (``shells.workshop.words``: the same sentences), one fact a line, no
layout, no colour; ``status`` says it again, ``agenda`` lists the items. Votes
are never listed before the reveal: the status holds none. A mistake or a
refusal is one line, and nothing is changed by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from selfeval_tui.domain.workshops import parse_dissent, parse_level, parse_tally
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.plain.shell import forgiving, say
from selfeval_tui.shells.workshop import words
from selfeval_tui.shells.workshop.room import Room

MINUTE = 60

HELP = """\
Commands (one a line):
  status              the current item, timer and votes again
  agenda              every item with its state and time used
  open 2.4            open an agenda item for discussion
  vote                open silent voting on the current item
  reveal              show the votes
  revote              a new round of voting (earlier rounds are kept)
  tally Established 3, Developed 2    a show of hands
  agree developed | reason | NAME: why; NAME: why    the agreed rating, reason and any dissent
  next                move on to the next item
  park                park the current item for later
  extend 2 / cut 2    add or take minutes from the timebox
  help, quit"""


class PlainFacilitator:
    def __init__(self, room: Room, out: TextIO) -> None:
        self.room = room
        self.out = out

    def status(self) -> None:
        status = self.room.status()
        element = self.room.element(status.current.item.element_id if status.current else None)
        for line in words.status_lines(status, element, self.room.clock(), named=True):
            say(self.out, line)

    def agenda(self) -> None:
        status = self.room.status()
        titles = self.room.titles()
        now = self.room.clock()
        for position in range(len(status.agenda)):
            say(self.out, words.agenda_line(status, position, titles, now))

    def steps(self) -> dict[str, Callable[[str], object]]:
        room = self.room
        return {
            "open": lambda rest: room.open_item(rest.strip()),
            "vote": lambda rest: room.open_voting(),
            "reveal": lambda rest: room.reveal(),
            "revote": lambda rest: room.revote(),
            "next": lambda rest: room.next_item(),
            "park": lambda rest: room.park(),
            "extend": lambda rest: room.extend(minutes(rest) * MINUTE),
            "cut": lambda rest: room.extend(-minutes(rest) * MINUTE),
            "tally": lambda rest: room.tally(parse_tally(rest)),
            "agree": self.agree,
        }

    def agree(self, rest: str) -> None:
        level_text, _bar, more = rest.partition("|")
        reason, _bar, dissent = more.partition("|")
        level = parse_level(level_text)
        if level is None:
            raise ValueError("an agreed rating is a level, not an abstention")
        self.room.agree(level, reason.strip(), [parse_dissent(part) for part in dissent.split(";") if part.strip()])

    def handle(self, line: str) -> bool:
        """One command; False when the facilitator is done."""
        command, _space, rest = line.strip().partition(" ")
        command = command.lower()
        if command in ("quit", "exit", "/quit"):
            return False
        if command in ("", "status"):
            self.status()
        elif command == "agenda":
            self.agenda()
        elif command == "help":
            say(self.out, HELP)
        elif command in (steps := self.steps()):
            try:
                steps[command](rest)
            except (ValueError, ServiceError) as exc:
                say(self.out, f"Not done: {exc}")
            else:
                say(self.out, "Done.")
                self.status()
        else:
            say(self.out, f"Not a command: {command}. Type help for the list.")
        self.out.flush()
        return True


def minutes(text: str) -> int:
    """``2`` (minutes) for extend and cut; one minute when none is given."""
    text = text.strip() or "1"
    if not text.isdigit() or int(text) == 0:
        raise ValueError(f"say how many whole minutes, as in \"extend 2\", not {text!r}")
    return int(text)


def run(room: Room, stdin: TextIO, stdout: TextIO) -> int:
    """Read commands until quit or the end of input; every step is saved as it is done."""
    forgiving(stdin)
    facilitator = PlainFacilitator(room, stdout)
    say(stdout, "Workshop facilitator (plain). Type help for the commands.")
    facilitator.status()
    stdout.flush()
    for line in stdin:
        if not facilitator.handle(line):
            break
    return 0
