"""Live updates between sessions (issue 13): how soon another process's change is on screen, and what idling costs.

Three figures, against the targets of the issue:

* latency: the real app (``python -m selfeval_tui``) runs on an 80x24 pty at
  the first question of 1.1; this process, a second connection as another user,
  saves 100 changes to that question, each with a note of its own, and times
  from just before the commit to the note's word appearing in what the app has
  written to the terminal (target: median and p99 under 1 s). Each write waits a
  random part of the poll interval first, so the changes land at every phase of
  the app's timer. The baseline, measured the same way in the same run and
  interleaved, is the app's own key echo: a word typed into the reply box
  until it is written back;
* idle CPU: the app's processor time (user + system, from /proc) over 10 s in
  which nobody writes, as a share of one core (target: under 1%);
* the poll itself: one idle ``ChangeWatch.poll`` (a ``PRAGMA data_version``)
  timed in this process, and as a share of one core at the app's poll rate.

    python benchmarks/bench_live.py [--changes 100] [--idle 10]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_startup import ESCAPES, JUMP, PARTNERSHIP, YEAR, Pty

from selfeval_tui.bank import load_framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.messages import POLL_INTERVAL
from selfeval_tui.store import Status, Store

QUESTION = "1.1.developing.1"
TICKS = os.sysconf("SC_CLK_TCK")


def seen_since(terminal: Pty, since: int, needle: str, timeout: float = 10.0) -> float:
    """The moment ``needle`` is in what the app wrote after byte ``since`` (escape sequences removed)."""
    deadline = time.monotonic() + timeout
    while True:
        if needle in ESCAPES.sub(b"", bytes(terminal.received[since:])).decode("utf-8", "replace"):
            return time.monotonic()
        if time.monotonic() > deadline:
            raise SystemExit(f"{needle!r} never appeared on the terminal")
        terminal.read(0.002)


def change_latency(terminal: Pty, store: Store, evaluation_id: int, n: int) -> float:
    """Seconds from just before the commit of change ``n`` to its note on the app's screen."""
    terminal.drain(0.05)
    time.sleep(random.uniform(0, POLL_INTERVAL))
    since = len(terminal.received)
    word = f"w{n:03d}x"
    started = time.monotonic()
    store.save_answer(evaluation_id, QUESTION, status=Status.MET if n % 2 else Status.PARTLY, note=word, by="other")
    return seen_since(terminal, since, word + ")") - started


def echo_latency(terminal: Pty, n: int) -> float:
    """Seconds from writing a word to the reply box to its echo on the terminal, then the box is cleared."""
    terminal.drain(0.05)
    time.sleep(random.uniform(0, POLL_INTERVAL))
    since = len(terminal.received)
    word = f"k{n:03d}q"
    started = time.monotonic()
    os.write(terminal.master, word.encode())
    took = seen_since(terminal, since, word) - started
    os.write(terminal.master, b"\x15")  # ctrl+u: empty the box again
    return took


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, fields 14 and 15 of the line


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    framework = load_framework()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "live.sqlite3"
        with Services.open(db) as setup:
            evaluation = setup.create(Actor("bench"), framework, PARTNERSHIP, YEAR)
        terminal = Pty([sys.executable, "-m", "selfeval_tui", "--db", str(db), "--partnership", PARTNERSHIP, "--year", YEAR])
        try:
            terminal.wait_for("membership", 0)
            terminal.drain()
            since = len(terminal.received)
            os.write(terminal.master, (JUMP + "\r").encode())
            terminal.wait_for("1.1 Developing 1/8", since)
            terminal.drain(0.5)

            before = cpu_seconds(terminal.process.pid)
            time.sleep(args.idle)
            idle_share = (cpu_seconds(terminal.process.pid) - before) / args.idle

            changes: list[float] = []
            echoes: list[float] = []
            with Store.open(db) as other:
                for n in range(args.changes):
                    echoes.append(echo_latency(terminal, n))
                    changes.append(change_latency(terminal, other, evaluation.id, n))
        finally:
            terminal.process.kill()
            terminal.process.wait()
            os.close(terminal.master)

        with Services.open(db) as reader:
            watch = reader.watch(Actor("bench"))
            runs = 20_000
            poll = min(timeit.repeat(watch.poll, number=runs, repeat=5)) / runs

    change_median, echo_median = statistics.median(changes), statistics.median(echoes)
    print(f"change on the other screen (n={len(changes)}): median {change_median * 1000:.0f} ms,"
          f" p99 {percentile(changes, 0.99) * 1000:.0f} ms, max {max(changes) * 1000:.0f} ms (target < 1000 ms)")
    print(f"key echo, same run (n={len(echoes)}): median {echo_median * 1000:.1f} ms,"
          f" p99 {percentile(echoes, 0.99) * 1000:.1f} ms")
    print(f"ratio change / key echo (medians): {change_median / echo_median:.1f}x;"
          f" change median / poll interval ({POLL_INTERVAL * 1000:.0f} ms): {change_median / POLL_INTERVAL:.2f}")
    print(f"idle app over {args.idle:.0f} s: {idle_share * 100:.2f}% of one core (target < 1%)")
    print(f"one idle poll: {poll * 1e6:.1f} us, {poll / POLL_INTERVAL * 100:.4f}% of one core at one poll per"
          f" {POLL_INTERVAL * 1000:.0f} ms")


if __name__ == "__main__":
    main()
