"""Run one ``selfeval`` command as a person, as the SSH gateway's forced command does (``args.person``).

``python workshop_child.py NAME workshop vote 1.1 established`` runs the real
command line (its parser, handler and one-line errors) with ``person`` set to
NAME, the only way the gateway tells a command who is acting. There is no
option for it: a person cannot choose who they are on the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from selfeval_tui.shells import cli


def main(person: str, argv: Sequence[str]) -> int:
    build = cli.build_parser

    def as_person(names: Sequence[str] | None = None) -> argparse.ArgumentParser:
        parser = build(names)
        parser.set_defaults(person=person)
        return parser

    cli.build_parser = as_person  # type: ignore[assignment]
    return cli.main(list(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
