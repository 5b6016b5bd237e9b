"""A vote on the projector within a second (issue 15): measured on what the projector shows.

The real projector (``selfeval workshop project``) runs on an 80x24 pty over a
workshop with voting open on 1.1 and 101 invited names (so 100 votes never
reveal by themselves). This process, another connection to the same database,
casts 100 votes one by one and times each from just before its commit to
``N of 101 have voted`` in what the projector has written to the terminal.

The baseline, measured the same way in the same run and interleaved with the
votes, is the chat app's live update (``bench_live.py``'s measure): another
session's answer note appearing in the chat on a second pty. Both ride the
same poller, so the ratio says what the projector's own reading and drawing
add to the path every live view shares.

    python benchmarks/bench_workshop_live.py [--votes 100]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_live import change_latency, percentile, seen_since
from bench_startup import JUMP, PARTNERSHIP, YEAR, Pty

from selfeval_tui.bank import load_framework
from selfeval_tui.domain.framework import Level
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.messages import POLL_INTERVAL
from selfeval_tui.store import Store

OWNER = Actor("bench")
INVITED = [f"voter{n:03d}" for n in range(101)]


def vote_latency(projector: Pty, services: Services, workshop_id: int, n: int) -> float:
    """Seconds from just before vote ``n`` is committed to ``n+1 of 101 have voted`` on the projector."""
    projector.drain(0.05)
    time.sleep(random.uniform(0, POLL_INTERVAL))  # land at every phase of the projector's poll
    since = len(projector.received)
    started = time.monotonic()
    services.vote(OWNER, workshop_id, "1.1", Level(n % 5), f"reason {n}", voter=INVITED[n])
    return seen_since(projector, since, f" {n + 1} of {len(INVITED)} ha") - started  # "has" or "have" voted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=100)
    args = parser.parse_args()
    if args.votes >= len(INVITED):
        raise SystemExit(f"at most {len(INVITED) - 1} votes: the last would reveal the round")
    framework = load_framework()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "workshop.sqlite3"
        with Services.open(db) as setup:
            evaluation = setup.create(OWNER, framework, PARTNERSHIP, YEAR)
            workshop = setup.new_workshop(OWNER, framework, evaluation.id, "Bench", date(2026, 11, 30),
                                          agenda=["1.1"], invitees=INVITED)  # fmt: skip
            setup.open_item(OWNER, workshop.id, "1.1")
            setup.open_voting(OWNER, workshop.id)
        run = [sys.executable, "-m", "selfeval_tui", "--db", str(db)]
        projector = Pty([*run, "workshop", "project", "--workshop", str(workshop.id)])
        chat = Pty([*run, "--partnership", PARTNERSHIP, "--year", YEAR])
        try:
            projector.wait_for(f"0 of {len(INVITED)} have voted", 0)
            chat.wait_for("membership", 0)
            chat.drain()
            since = len(chat.received)
            os.write(chat.master, (JUMP + "\r").encode())
            chat.wait_for("1.1 Developing 1/8", since)
            votes: list[float] = []
            baseline: list[float] = []
            with Services.open(db) as voters, Store.open(db) as other:
                for n in range(args.votes):
                    votes.append(vote_latency(projector, voters, workshop.id, n))
                    baseline.append(change_latency(chat, other, evaluation.id, n))
        finally:
            for terminal in (projector, chat):
                terminal.process.kill()
                terminal.process.wait()
                os.close(terminal.master)

    vote_median, base_median = statistics.median(votes), statistics.median(baseline)
    print(f"vote on the projector (n={len(votes)}): median {vote_median * 1000:.0f} ms,"
          f" p99 {percentile(votes, 0.99) * 1000:.0f} ms, max {max(votes) * 1000:.0f} ms (target < 1000 ms)")
    print(f"baseline, an answer in the chat, same run (n={len(baseline)}): median {base_median * 1000:.0f} ms,"
          f" p99 {percentile(baseline, 0.99) * 1000:.0f} ms")
    print(f"ratio vote / baseline (medians): {vote_median / base_median:.2f}x;"
          f" vote median / poll interval ({POLL_INTERVAL * 1000:.0f} ms): {vote_median / POLL_INTERVAL:.2f}")


if __name__ == "__main__":
    main()
