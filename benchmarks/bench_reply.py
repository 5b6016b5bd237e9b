"""Benchmark: from Enter to the next question on screen, over a whole evaluation, and the session's peak memory.

    .venv/bin/python benchmarks/bench_reply.py [--replies N]

Issue 13's targets, on a real 80x24 pseudo-terminal (TERM=xterm-256color, truecolour):

* *reply to next question on screen*: the real ``python -m selfeval_tui chat --thorough``
  answers a whole evaluation from ``/jump 1.1`` on (about 278 replies: every
  criterion ``yes``, every measure ``not sure``, every element's rating ``agree``, the plan questions
  thorough mode asks after it ``done``).
  Each reply is typed, the terminal is let go quiet, and the clock runs from
  writing Enter until the next question's tag has been written to the pty
  (escape sequences removed). Target: median at most 3x the baseline;
* the CPU time the app spends per reply against the echo's per key (``/proc/PID/stat``),
  a figure the machine's load does not stretch as it stretches the wall-clock ones;
* the baseline, in the same run and interleaved one for one: a bare Textual app
  (a ``Static`` it updates from ``on_key``) echoing a key, from writing the key
  until the new text has been written to the pty;
* *peak memory* of that whole session (``ru_maxrss`` of the app's process, read
  by ``wait4`` once ctrl+q has ended it), and its resident size just after the
  first question and after the first reply (``VmRSS``) to show what the session added. Target: < 60 MiB.

The replies the app will be asked are worked out first with a ``Session`` on a
scratch database, so the benchmark knows each next question's tag to wait for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench_startup import Pty

from selfeval_tui.bank import load_framework
from selfeval_tui.conversation import Mode, Session, Step
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

YEAR = "2026/27"
PARTNERSHIP = "Bench"
JUMP = "/jump 1.1"
STRAND_REPLIES = {"criterion": "yes", "measure": "not sure", "judgement": "agree", "plan": "done"}

ECHO_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Echo(App):
        presses = 0

        def compose(self):
            yield Static("pressed 0", id="echo")

        def on_key(self, event):
            self.presses += 1
            self.query_one(Static).update(f"pressed {self.presses}")

    Echo().run()
    """
)
"""The baseline: the least a Textual app does between a key and the screen."""


def reply_to(step: Step) -> str:
    return STRAND_REPLIES[step.kind]


def script(replies: int) -> tuple[str, list[tuple[str, str]]]:
    """The tag of 1.1's first question, and (reply, tag of the question it brings) for a whole evaluation from there."""
    framework = load_framework()
    steps: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch, Services.open(Path(scratch) / "s.db") as services:
        evaluation = services.create(Actor("bench"), framework, PARTNERSHIP, YEAR)
        session = Session(services, framework, evaluation, Mode.THOROUGH, actor=Actor("bench"), sections=True)
        session.start()
        question = session.handle(JUMP).question
        assert question is not None
        first = question.tag
        while question is not None and question.kind in STRAND_REPLIES and len(steps) < replies:
            reply = reply_to(question)
            question = session.handle(reply).question
            if question is None or question.kind not in STRAND_REPLIES:
                break  # the strands are done: the conversation goes back to the sections it skipped
            steps.append((reply, question.tag))
    return first, steps


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (``/proc/PID/stat``, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_until(terminal: Pty, data: bytes, needle: str) -> tuple[float, float]:
    """Seconds from writing ``data`` until ``needle`` is on the terminal, and the CPU seconds the app spent on
    it until the terminal went quiet again (too coarse for one reply; summed over many, exact enough)."""
    before = len(terminal.received)
    cpu = cpu_seconds(terminal.process.pid)
    started = time.monotonic()
    os.write(terminal.master, data)
    terminal.wait_for(needle, before)
    elapsed = time.monotonic() - started
    terminal.drain(0.05)
    return elapsed, cpu_seconds(terminal.process.pid) - cpu


def finish(terminal: Pty) -> int:
    """Quit with ctrl+q and return the process's peak RSS in KiB."""
    os.write(terminal.master, b"\x11")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pid, _status, usage = os.wait4(terminal.process.pid, os.WNOHANG)
        if pid:
            terminal.process.returncode = 0
            return usage.ru_maxrss
        terminal.read(0.05)
    raise SystemExit("the app did not exit after ctrl+q")


def close(terminal: Pty) -> None:
    if terminal.process.returncode is None:
        terminal.process.kill()
        terminal.process.wait()
    os.close(terminal.master)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=400, help="at most this many replies (a whole evaluation is ~278)")
    args = parser.parse_args(argv)
    first, steps = script(args.replies)
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-reply-") as folder:
        db = Path(folder) / "reply.sqlite3"
        with Services.open(db) as services:
            services.create(Actor("bench"), load_framework(), PARTNERSHIP, YEAR)
        echo_file = Path(folder) / "echo_app.py"
        echo_file.write_text(ECHO_APP)
        app = Pty(
            [sys.executable, "-m", "selfeval_tui", "chat", "--db", str(db), "--partnership", PARTNERSHIP]
            + ["--year", YEAR, "--thorough"]
        )
        echo = Pty([sys.executable, str(echo_file)])
        try:
            app.wait_for("membership", 0)
            echo.wait_for("pressed 0", 0)
            app.drain()
            echo.drain()
            started_kib = resident_kib(app.process.pid)
            os.write(app.master, JUMP.encode() + b"\r")
            app.wait_for(first, 0)
            app.drain()
            reply_times, echo_times, reply_cpu, echo_cpu = [], [], 0.0, 0.0
            for number, (reply, tag) in enumerate(steps, start=1):
                os.write(app.master, reply.encode())
                app.drain(0.05)  # the typed reply echoed: only Enter is timed
                seconds, cpu = timed_until(app, b"\r", tag)
                reply_times.append(seconds)
                reply_cpu += cpu
                seconds, cpu = timed_until(echo, b"x", f"pressed {number}")
                echo_times.append(seconds)
                echo_cpu += cpu
                if number == 1:
                    first_reply_kib = resident_kib(app.process.pid)
            peak_kib = finish(app)
        finally:
            close(app)
            close(echo)

    reply_ms, echo_ms = statistics.median(reply_times) * 1000, statistics.median(echo_times) * 1000
    p90 = statistics.quantiles(reply_times, n=10)[-1] * 1000
    echo_p90 = statistics.quantiles(echo_times, n=10)[-1] * 1000
    mib = 1024
    print(f"{len(reply_times)} replies, each interleaved with a key echo; Python {sys.version.split()[0]}; 80x24 pty")
    print("| figure | selfeval | bare Textual app | ratio | target | met |")
    print("|---|---:|---:|---:|---:|:-:|")
    ratio = reply_ms / echo_ms
    print(
        f"| Enter to the next question on screen / key to its echo (median ms) | {reply_ms:.1f} | {echo_ms:.1f}"
        f" | {ratio:.2f}x | <= 3x | {'yes' if ratio <= 3 else 'NO'} |"
    )
    print(f"| the same, 90th percentile (ms) | {p90:.1f} | {echo_p90:.1f} | {p90 / echo_p90:.2f}x | | |")
    cpu_ms, echo_cpu_ms = reply_cpu * 1000 / len(steps), echo_cpu * 1000 / len(steps)
    print(
        f"| CPU time per reply / per key echo (mean ms) | {cpu_ms:.1f} | {echo_cpu_ms:.1f}"
        f" | {cpu_ms / max(echo_cpu_ms, 0.001):.2f}x | | |"
    )
    print(f"| resident after the first question (MiB) | {started_kib / mib:.1f} | | | | |")
    print(f"| resident after the first reply (MiB) | {first_reply_kib / mib:.1f} | | | | |")
    print(
        f"| peak RSS after the whole evaluation (MiB) | {peak_kib / mib:.1f} | | | < 60 |"
        f" {'yes' if peak_kib / mib < 60 else 'NO'} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
