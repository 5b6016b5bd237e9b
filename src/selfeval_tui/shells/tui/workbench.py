"""What every screen works with: the services, who is acting, the bank, the question mode and today's date.

Kept free of Textual so that ``cli/tui.py`` can decide what to open before the
UI (and its imports) start. ``today`` is injected rather than read, so tests and
snapshots see a fixed academic year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode
from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services


@dataclass(frozen=True)
class Workbench:
    """``actor``: who every call is made as; ``sections``: ask membership and key outcomes first, as plain mode does."""

    services: Services
    actor: Actor
    framework: Framework
    mode: Mode = Mode.ADAPTIVE
    today: date = field(default_factory=date.today)
    sections: bool = True
    writes_files: bool = True
    """Whether the export screen may write a file here. Not through the SSH gateway: the server's files
    are the service account's (its ``authorized_keys`` among them), and a person's exports belong on their
    own machine, by ``ssh ... export KIND > FILE`` (docs/deploy-ssh.md)."""


@dataclass(frozen=True)
class NewEvaluation:
    """A form to prefill on the start screen: what ``--partnership``/``--year`` named but the database lacks."""

    name: str = ""
    year: str = ""
    local_authority: str = ""
    carry_forward: bool = False


Opening = Evaluation | NewEvaluation
"""Where the app starts: straight into an evaluation's chat, or on the start screen."""
