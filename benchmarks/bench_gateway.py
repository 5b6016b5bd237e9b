"""The SSH gateway under load (issue 14): N people in plain mode over ssh on loopback, one reply a second each.

    .venv/bin/python benchmarks/bench_gateway.py [--sessions 10 50 100] [--replies 20]

Starts a real sshd (tests/sshd_support.py) on 127.0.0.1 with authorized_keys
written by ``selfeval ssh install``; each of N people is the coordinator of their
own partnership (one database) with their own ed25519 key. Each session is
``ssh KEY chat --plain``: once every session shows its first question, each
jumps to element 1.1 at a random moment of the first ``--ramp`` seconds (people
do not all press Enter in the same second) and then answers one question a
second. Reported per N:

* reply -> next question: from writing the reply line to reading the next
  question's line, p50 and p99 over every reply of every session;
* the baseline, in the same run and under the same load: a line echoed by
  ``cat`` through its own ssh session (a key forced to ``cat`` outside the
  managed block), one a second; the ratio of the two medians;
* errors: sessions that did not start, replies not saved or never answered (5 s);
* memory per session: the proportional set size (PSS: shared pages split
  between the processes sharing them) and the RSS of each ``selfeval ssh-shell``
  process, median; plus sshd's own processes per session;
* CPU: the whole machine's busy share over the reply phase (all cores), and the
  ssh-shell processes' processor time per reply.

And once, before the load: a whole session's cost (``ssh KEY whoami``, median of
5) against ``ssh`` to ``cat`` with no input, interleaved; and one app session (``ssh -tt``, 80x24 pty) at its first
question, its ssh-shell process's PSS and RSS (target under 60 MiB).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_startup import Pty
from sshd_support import Gateway, keygen, missing

from selfeval_tui.bank import load_framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.services.people import Scope

YEAR = "2026/27"
OWNER = Actor.os_user()
TICKS = os.sysconf("SC_CLK_TCK")
TIMEOUT = 5.0
STARTING_AT_ONCE = 10
"""Sessions connecting at the same moment: people arrive over minutes, not in one instant."""


@dataclass
class Lines:
    """Lines read from a process's output by a thread of their own, with the moment each arrived."""

    process: subprocess.Popen[bytes]
    lines: list[tuple[float, str]] = field(default_factory=list)
    ready: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            with self.ready:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace")))
                self.ready.notify_all()
        with self.ready:
            self.lines.append((time.perf_counter(), ""))
            self.ready.notify_all()

    def wait(self, since: int, test: str, timeout: float = TIMEOUT) -> tuple[int, float, list[str]] | None:
        """The first line from index ``since`` starting with ``test``: (its index, its time, the lines before it)."""
        deadline = time.monotonic() + timeout
        with self.ready:
            while True:
                for index in range(since, len(self.lines)):
                    moment, line = self.lines[index]
                    if line.startswith(test) or line == "":
                        return (index, moment, [text for _, text in self.lines[since:index]]) if line else None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.ready.wait(remaining)

    def send(self, line: str) -> float:
        assert self.process.stdin is not None
        moment = time.perf_counter()
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()
        return moment


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def converse(
    session: Lines, replies: int, start: float, ramp: float, result: Result, first: str = "/jump 1.1", reply: str = "yes, over ssh"
) -> None:
    """``first`` at a random moment within ``ramp`` seconds of ``start``, then ``reply`` once a second.

    Each latency but the first's (a jump, a different step) is timed to the next question.
    """
    question = "["
    phase = random.uniform(0, ramp)
    seen = session.wait(0, question, timeout=120)
    if seen is None:
        result.errors.append("no first question")
        return
    index = seen[0] + 1
    for number in range(replies + 1):
        due = start + number + phase
        time.sleep(max(0.0, due - time.perf_counter()))
        sent = session.send(first if number == 0 else reply)
        seen = session.wait(index, question)
        if seen is None:
            result.errors.append(f"reply {number}: no next question within {TIMEOUT:.0f} s")
            return
        index, moment, before = seen
        index += 1
        if any("Not saved" in line or "may not" in line for line in before):
            result.errors.append(f"reply {number}: {' '.join(before).strip()[:100]}")
        if number:  # the jump is a different kind of step
            result.latencies.append(moment - sent)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def processes(word: str) -> list[int]:
    """Process ids whose command line holds ``word`` (ssh-shell's Python processes, or sshd's session processes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if word in command and "python" in command.split(" ")[0]:
                found.append(int(entry.name))
    return found


def memory(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of one process in MiB, from smaps_rollup."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Pss", "Rss"):
                values[name] = int(rest.split()[0]) / 1024
    except OSError:
        return 0.0, 0.0
    return values.get("Pss", 0.0), values.get("Rss", 0.0)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    numbers = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = numbers[3] + numbers[4]
    return sum(numbers) - idle, sum(numbers)


def sshd_children(gateway: Gateway) -> list[int]:
    assert gateway.process is not None
    parent = str(gateway.process.pid)
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status:
                found.append(int(entry.name))
    return found


def build(folder: Path, people: int) -> tuple[Gateway, list[Path], Path]:
    framework = load_framework()
    db = folder / "selfeval.sqlite3"
    keys = []
    with Services.open(db) as services:
        for number in range(people):
            name = f"p{number:03d}"
            services.create(OWNER, framework, f"Partnership {number}", YEAR, local_authority="Benchshire")
            key = folder / f"{name}_ed25519"
            services.add_person(OWNER, name, f"Person {number}", [keygen(key)])
            services.grant(OWNER, name, "coordinator", Scope(partnership=f"Partnership {number}"))
            keys.append(key)
    gateway = Gateway(folder, db, environment={"SELFEVAL_CACHE_DIR": str(folder / "cache")})
    gateway.start(max_sessions=people + 20)
    echo = folder / "echo_ed25519"
    gateway.authorized_keys.write_text(f'restrict,command="cat" {keygen(echo)}\n')
    gateway.install()
    return gateway, keys, echo


def tui_memory(gateway: Gateway, key: Path) -> tuple[float, float, float]:
    """(seconds to the first question, PSS, RSS) of one app session over ``ssh -tt`` at 80x24."""
    before = set(processes("ssh-shell"))
    started = time.monotonic()
    terminal = Pty(gateway.ssh_command(key, "chat", options=("-tt",)))
    try:
        terminal.wait_for("Which secondary schools", 0, timeout=60)
        elapsed = time.monotonic() - started
        terminal.drain(0.5)
        [pid] = set(processes("ssh-shell")) - before
        pss, rss = memory(pid)
    finally:
        terminal.process.kill()
        terminal.process.wait()
        os.close(terminal.master)
    return elapsed, pss, rss


def connect_times(gateway: Gateway, key: Path, echo: Path, repeat: int = 5) -> tuple[float, float]:
    """Medians, interleaved: ``ssh KEY whoami`` through the gateway, and ``ssh ECHO`` (``cat`` at end of input)."""
    gateway_times, bare_times = [], []
    for _ in range(repeat):
        for command, times in ((gateway.ssh_command(key, "whoami"), gateway_times), (gateway.ssh_command(echo), bare_times)):
            started = time.perf_counter()
            subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
    return statistics.median(gateway_times), statistics.median(bare_times)


def run(gateway: Gateway, keys: list[Path], echo: Path, sessions: int, replies: int, ramp: float) -> dict[str, float | str]:
    result, baseline = Result(), Result()
    opened: list[Lines] = []
    for batch in range(0, sessions, STARTING_AT_ONCE):
        for key in keys[batch : batch + STARTING_AT_ONCE]:
            command = gateway.ssh_command(key, "chat", "--plain", options=("-T",))
            opened.append(Lines(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)))
        for session in opened[batch:]:
            session.wait(0, "[", timeout=120)
    echoing = Lines(
        subprocess.Popen(gateway.ssh_command(echo, options=("-T",)), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    )
    echoing.send("[ready")
    shells = processes("ssh-shell")
    cpu_before = sum(cpu_seconds(pid) for pid in shells)
    busy_before = machine_busy()
    start = time.perf_counter() + 1
    threads = [threading.Thread(target=converse, args=(session, replies, start, ramp, result)) for session in opened]
    threads.append(threading.Thread(target=converse, args=(echoing, replies, start, 1.0, baseline, "[echo", "[echo")))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    busy_after = machine_busy()
    pss_rss = [memory(pid) for pid in shells]
    cpu = sum(cpu_seconds(pid) for pid in shells) - cpu_before
    sshd_pss = sum(memory(pid)[0] for pid in sshd_children(gateway))
    for session in [*opened, echoing]:
        assert session.process.stdin is not None
        session.process.stdin.close()
    for session in [*opened, echoing]:
        try:
            session.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            session.process.kill()
            result.errors.append("session did not end")
    started = len(shells)
    if started < sessions:
        result.errors.append(f"{sessions - started} sessions did not start")
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    p50 = statistics.median(result.latencies) * 1000 if result.latencies else float("nan")
    echo_p50 = statistics.median(baseline.latencies) * 1000 if baseline.latencies else float("nan")
    return {
        "sessions": sessions,
        "p50": p50,
        "p99": percentile(result.latencies, 0.99) * 1000 if result.latencies else float("nan"),
        "echo p50": echo_p50,
        "echo p99": percentile(baseline.latencies, 0.99) * 1000 if baseline.latencies else float("nan"),
        "ratio": p50 / echo_p50,
        "replies": len(result.latencies),
        "errors": len(result.errors) + len(baseline.errors),
        "first error": (result.errors + baseline.errors + [""])[0],
        "pss": statistics.median(p for p, _ in pss_rss) if pss_rss else float("nan"),
        "rss": statistics.median(r for _, r in pss_rss) if pss_rss else float("nan"),
        "sshd pss": sshd_pss / max(1, sessions),
        "busy": busy * 100,
        "cpu per reply": cpu / max(1, len(result.latencies)) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--replies", type=int, default=20)
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds over which the sessions' first replies are spread (default 10)"
    )
    args = parser.parse_args()
    reason = missing()
    if reason:
        raise SystemExit(f"bench_gateway: {reason}")
    with tempfile.TemporaryDirectory() as name:
        gateway, keys, echo = build(Path(name), max(args.sessions))
        try:
            seconds, pss, rss = tui_memory(gateway, keys[0])
            print(f"app over ssh -tt at 80x24: first question after {seconds:.2f} s; ssh-shell process PSS {pss:.1f} MiB, RSS {rss:.1f} MiB")
            whoami, bare = connect_times(gateway, keys[0], echo)
            print(f"a session's start and end: ssh whoami {whoami * 1000:.0f} ms; ssh to cat {bare * 1000:.0f} ms ({whoami / bare:.1f}x)")
            print(
                f"load: {os.getloadavg()[0]:.1f}; cores: {os.cpu_count()}; {args.replies} replies a session, one a second,"
                f" the first at a random moment in the first {args.ramp:.0f} s"
            )
            print("| sessions | reply -> next question p50 / p99 | echo over ssh p50 / p99 | ratio (p50) | errors | PSS / RSS per session | sshd per session | machine busy | CPU per reply |")
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for sessions in args.sessions:
                row = run(gateway, keys, echo, sessions, args.replies, args.ramp)
                print(
                    f"| {sessions} | {row['p50']:.1f} / {row['p99']:.1f} ms | {row['echo p50']:.1f} / {row['echo p99']:.1f} ms"
                    f" | {row['ratio']:.1f}x | {row['errors']} | {row['pss']:.1f} / {row['rss']:.1f} MiB"
                    f" | {row['sshd pss']:.1f} MiB | {row['busy']:.0f}% | {row['cpu per reply']:.1f} ms |",
                    flush=True,
                )
                if row["errors"]:
                    print(f"  first error: {row['first error']}", flush=True)
        finally:
            gateway.stop()


if __name__ == "__main__":
    main()
