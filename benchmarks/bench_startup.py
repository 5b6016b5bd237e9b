"""TUI startup, memory and terminal traffic (issue 5).

Three figures, each against a target from the issue:

* time from process start to the first question painted, against a minimal
  Textual app (Header, Static, Input, Footer) measured the same way in the same
  run, runs interleaved (target: at most 1.3x the baseline), two ways: on a real
  80x24 pty until the question's text has been written to the terminal (what
  the user sees), and headless to the first frame holding it (what the app
  decides, without the terminal's share);
* peak memory (``ru_maxrss``) of the app's process, at startup and over a
  session of answers on a real pseudo-terminal (target: under 80 MiB);
* bytes written to the terminal per answered question, read from the master
  side of an 80x24 pty running the real ``python -m selfeval_tui`` (target:
  under 8 KB): after ``/jump 1.1``, each answer is the quick-reply key ``1``
  and the count runs until the next question has been drawn.

The startup child goes through the real entry point (``selfeval_tui.launch.main``,
the ``selfeval`` script) with ``App.run`` made headless, and records the time
at which the first frame whose text holds the first question's words is
composited and handed to the driver (``App._display``, where a real terminal is
written to): not merely a frame drawn once the question is chosen, which used to
be an empty transcript. The baseline child records its first frame holding its
question's words in the same way. Widgets mounted after that frame (the
outline) are not counted: the user is already reading the question.

    python benchmarks/bench_startup.py [--runs 9] [--answers 20]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

from selfeval_tui.bank import load_framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

YEAR = "2026/27"
PARTNERSHIP = "Bench"
JUMP = "/jump 1.1"

FRAME_TEXT = textwrap.dedent(
    """
    def frame_text(update):
        # The words a frame writes: its rows (a whole-screen frame) or the pieces of rows it changes.
        rows = getattr(update, "strips", None) or [chops.values() for chops in getattr(update, "chops", [])]
        return "\\n".join("".join(strip.text for strip in row if strip is not None) for row in rows)
    """
)
"""Shared by both headless children: they stop at the first frame whose text holds the question (``sys.argv[1]``)."""

APP_CHILD = FRAME_TEXT + textwrap.dedent(
    """
    import gc, sys, time
    gc.disable()  # what selfeval_tui.launch.main (the selfeval script) does first
    import selfeval_tui.shells.tui.app as tui_app

    question = sys.argv[1]
    display = tui_app.SelfEvalApp._display
    def first_frame(self, screen, update):
        display(self, screen, update)
        if update is not None and question in frame_text(update):
            print(repr(time.time()), flush=True)  # the first frame with the first question's text in it
            tui_app.SelfEvalApp._display = display
            self.exit()

    tui_app.SelfEvalApp._display = first_frame
    run = tui_app.SelfEvalApp.run
    tui_app.SelfEvalApp.run = lambda self, **kw: run(self, headless=True)
    from selfeval_tui.launch import main
    sys.exit(main(sys.argv[2:]))
    """
)

BASELINE_CHILD = FRAME_TEXT + textwrap.dedent(
    """
    import sys, time
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Are your partnership's details publicised?")
            yield Input(placeholder="reply")
            yield Footer()

        painted = False

        def _display(self, screen, update):
            super()._display(screen, update)
            if update is not None and not self.painted and sys.argv[1] in frame_text(update):
                self.painted = True
                print(repr(time.time()), flush=True)  # the first frame with the question's text in it
                self.exit()

    Minimal().run(headless=True)
    """
)

BASELINE_PTY_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Are your partnership's details publicised?")
            yield Input(placeholder="reply")
            yield Footer()

    Minimal().run()
    """
)
"""The baseline as a user runs it: on the terminal, until it is quit."""
BASELINE_TEXT = "Are your partnership's details"

CORE_CHILD = textwrap.dedent(
    """
    import gc, sys, time
    gc.disable()  # as the selfeval script does
    from pathlib import Path
    import selfeval_tui.shells.cli
    from selfeval_tui.conversation import Session
    from selfeval_tui.bank.cache import load_framework_cached
    from selfeval_tui.store import Store
    load_framework_cached()
    Store.open(Path(sys.argv[1])).close()
    print(repr(time.time()), flush=True)
    """
)
"""What the app needs before Textual is involved: the core's imports, the bank, the database."""


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""As installed: pip compiles every module to bytecode when it installs a package, so
a user's start never compiles source. An editable install under PYTHONDONTWRITEBYTECODE
(set on some CI and container images) would compile selfeval's modules from source on
every start while Textual's came precompiled; the warm-up run writes them instead."""


def timed_child(code: str, args: list[str]) -> tuple[float, int]:
    """Seconds from just before the fork to the child's timestamp, and the child's peak RSS in KiB."""
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=CHILD_ENV,
    )
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not out.strip():
        raise SystemExit(f"child failed ({process.returncode}):\n{err}")
    return float(out.split()[-1]) - started, usage.ru_maxrss


ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78DEHMNOZc])")


class Pty:
    def __init__(self, args: list[str], size: tuple[int, int] = (80, 24)) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {k: v for k, v in CHILD_ENV.items() if k != "NO_COLOR"} | {
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
        }
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.master = master
        self.received = bytearray()

    def read(self, timeout: float) -> int:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return 0
        self.received.extend(data)
        return len(data)

    def wait_for(self, needle: str, since: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in ESCAPES.sub(b"", bytes(self.received[since:])).decode("utf-8", "replace"):
            if time.monotonic() > deadline:
                raise SystemExit(f"{needle!r} never appeared on the terminal")
            self.read(0.05)

    def drain(self, quiet: float = 0.15) -> None:
        """Read until the app has written nothing for ``quiet`` seconds: its frame is complete."""
        while self.read(quiet):
            pass


def pty_start(args: list[str], needle: str) -> float:
    """Seconds from just before the process starts to ``needle`` written on an 80x24 pty (escape sequences removed)."""
    started = time.monotonic()
    terminal = Pty(args)
    try:
        terminal.wait_for(needle, 0)
        return time.monotonic() - started
    finally:
        terminal.process.kill()
        terminal.process.wait()
        os.close(terminal.master)


def first_question_text(db: Path) -> str:
    """The start of the first question's text, as the app wraps it at 80 columns (its first words suffice)."""
    framework = load_framework()
    with Store.open(db) as store:
        evaluation = Services(store).find(Actor("bench"), PARTNERSHIP, YEAR).evaluation
        assert evaluation is not None
        question = Session(Services(store), framework, evaluation, Mode.ADAPTIVE, sections=True, actor=Actor("bench")).start().question
    assert question is not None
    return " ".join(question.text.split()[:4])


def expected_tags(answers: int) -> list[str]:
    """The tags of the questions the app asks from 1.1 on when every answer is 'yes' (on a scratch database)."""
    framework = load_framework()
    with tempfile.TemporaryDirectory() as scratch:
        with Store.open(Path(scratch) / "s.db") as store:
            evaluation = Services(store).create(Actor("bench"), framework, PARTNERSHIP, YEAR)
            session = Session(Services(store), framework, evaluation, Mode.ADAPTIVE, sections=True, actor=Actor("bench"))
            session.start()
            tags = [session.handle(JUMP).question.tag]  # type: ignore[union-attr]
            for _ in range(answers):
                turn = session.handle("agree" if tags[-1].endswith("judgement") else "yes")
                tags.append(turn.question.tag)  # type: ignore[union-attr]
    return tags


def terminal_session(db: Path, answers: int) -> tuple[int, list[int], int]:
    """First-paint bytes, bytes per answer and peak RSS (KiB) of the real app answering on an 80x24 pty."""
    tags = expected_tags(answers)
    terminal = Pty(
        [sys.executable, "-m", "selfeval_tui", "--db", str(db), "--partnership", PARTNERSHIP, "--year", YEAR]
    )
    try:
        terminal.wait_for("membership", 0)  # the first question: the membership section
        terminal.drain()
        first_paint = len(terminal.received)
        os.write(terminal.master, JUMP.encode() + b"\r")  # then on to the strands, where most answers are given
        terminal.wait_for(tags[0], first_paint)
        terminal.drain()
        per_answer = []
        for tag in tags[1:]:
            before = len(terminal.received)
            os.write(terminal.master, b"1")
            terminal.wait_for(tag, before)
            terminal.drain()
            per_answer.append(len(terminal.received) - before)
        os.write(terminal.master, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            # wait4 rather than poll(): it reaps the child and returns its resource usage.
            pid, status, usage = os.wait4(terminal.process.pid, os.WNOHANG)
            if pid:
                terminal.process.returncode = os.waitstatus_to_exitcode(status)
                return first_paint, per_answer, usage.ru_maxrss
            terminal.read(0.05)
        raise SystemExit("the app did not exit after ctrl+q")
    finally:
        if terminal.process.returncode is None:
            terminal.process.kill()
            terminal.process.wait()
        os.close(terminal.master)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="startup runs of each app (interleaved)")
    parser.add_argument("--answers", type=int, default=20, help="questions answered on the pty")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        startup_db, session_db = Path(folder) / "startup.db", Path(folder) / "session.db"
        framework = load_framework()
        for db in (startup_db, session_db):
            with Store.open(db) as store:
                Services(store).create(Actor("bench"), framework, PARTNERSHIP, YEAR)
        app_args = ["--db", str(startup_db), "--partnership", PARTNERSHIP, "--year", YEAR]
        baseline_file = Path(folder) / "minimal_app.py"
        baseline_file.write_text(BASELINE_PTY_APP)
        question_text = first_question_text(startup_db)
        app_command = [sys.executable, "-m", "selfeval_tui", *app_args]

        base_args, app_child_args = [BASELINE_TEXT], [question_text, *app_args]
        timed_child(BASELINE_CHILD, base_args)  # warm the page cache and .pyc files for both
        timed_child(APP_CHILD, app_child_args)
        app_times, base_times, app_rss, base_rss, core_times = [], [], [], [], []
        pty_app_times, pty_base_times = [], []
        for _ in range(options.runs):
            pty_base_times.append(pty_start([sys.executable, str(baseline_file)], BASELINE_TEXT))
            pty_app_times.append(pty_start(app_command, question_text))
            core_times.append(timed_child(CORE_CHILD, [str(startup_db)])[0])
            seconds, rss = timed_child(BASELINE_CHILD, base_args)
            base_times.append(seconds)
            base_rss.append(rss)
            seconds, rss = timed_child(APP_CHILD, app_child_args)
            app_times.append(seconds)
            app_rss.append(rss)
        first_paint, per_answer, session_rss = terminal_session(session_db, options.answers)

    pty_app_ms, pty_base_ms = statistics.median(pty_app_times) * 1000, statistics.median(pty_base_times) * 1000
    pty_ratio = pty_app_ms / pty_base_ms
    app_ms, base_ms = statistics.median(app_times) * 1000, statistics.median(base_times) * 1000
    core_ms = statistics.median(core_times) * 1000
    ratio = app_ms / base_ms
    mib = 1024
    bytes_per_answer = statistics.mean(per_answer)
    rows = [
        (
            "start to the question's text on an 80x24 pty (median ms)",
            f"{pty_app_ms:.0f}",
            f"{pty_base_ms:.0f}",
            f"{pty_ratio:.2f}x",
            "<= 1.3x",
            pty_ratio <= 1.3,
        ),
        (
            "start to first frame holding the question, headless (median ms)",
            f"{app_ms:.0f}",
            f"{base_ms:.0f}",
            f"{ratio:.2f}x",
            "<= 1.3x",
            ratio <= 1.3,
        ),
        (
            "of which the core alone: imports, bank, database (median ms)",
            f"{core_ms:.0f}",
            "",
            f"{core_ms / base_ms:.2f}x",
            "",
            None,
        ),
        (
            "peak RSS at startup (MiB)",
            f"{max(app_rss) / mib:.1f}",
            f"{max(base_rss) / mib:.1f}",
            "",
            "< 80",
            max(app_rss) / mib < 80,
        ),
        (
            f"peak RSS over {len(per_answer)} answers on a pty (MiB)",
            f"{session_rss / mib:.1f}",
            "",
            "",
            "< 80",
            session_rss / mib < 80,
        ),
        ("bytes to the terminal, first screen", f"{first_paint}", "", "", "", None),
        (
            "bytes to the terminal per answer (mean)",
            f"{bytes_per_answer:.0f}",
            "",
            f"max {max(per_answer)}",
            "< 8192",
            bytes_per_answer < 8192,
        ),
    ]
    print(
        f"{options.runs} interleaved startup runs each; Python {sys.version.split()[0]}; 80x24 pty, TERM=xterm-256color"
    )
    print("| figure | selfeval | minimal Textual app | ratio / note | target | met |")
    print("|---|---:|---:|---:|---:|:-:|")
    for name, ours, base, note, target, met in rows:
        print(f"| {name} | {ours} | {base} | {note} | {target} | {'' if met is None else ('yes' if met else 'NO')} |")


if __name__ == "__main__":
    main()
