"""Benchmark: one report as Word and as PDF, in process, each as a ratio to the Markdown report in the same run.

    .venv/bin/python benchmarks/bench_board_exports.py [--repeat N] [--formats md,docx,pdf]

Uses the sample evaluation of the tests (tests/export_support.py: North Leeds,
two years, every case the golden files show), built in a temporary folder. The
formats are timed interleaved (Markdown, Word, PDF, Markdown, ...) after one
warm-up each, so imports and font loading are not counted and a burst of load
on the machine falls on all three alike; the medians and their ratios are
printed, with the processor time of each, of all threads and of the calling thread
alone (the Word export draws its pictures in a thread beside the text, so on two
free cores its wall time is about the calling thread's; on a loaded machine, more),
and the load average.
Issue 18's targets: Word < 300 ms, PDF < 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from export_support import EXPORT_DATE, PARTNERSHIP, YEAR, build_sample

from selfeval_tui.bank import load_framework
from selfeval_tui.exports import export_document
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

FORMATS = ("md", "docx", "pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--formats", default=",".join(FORMATS), help="which of md, docx, pdf (md is always timed, as the baseline)")
    args = parser.parse_args()
    formats = ("md", *(f for f in args.formats.split(",") if f in FORMATS and f != "md"))
    framework = load_framework()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sample.sqlite3"
        build_sample(db, framework)
        with Store.open(db) as store:
            partnership = store.partnership_by_name(PARTNERSHIP)
            assert partnership is not None
            evaluation = store.evaluation(partnership.id, YEAR)
            assert evaluation is not None
            times: dict[str, list[float]] = {fmt: [] for fmt in formats}
            cpu: dict[str, list[float]] = {fmt: [] for fmt in formats}
            own: dict[str, list[float]] = {fmt: [] for fmt in formats}
            sizes = {}
            load = os.getloadavg()[0]
            for round_ in range(args.repeat + 1):
                for fmt in formats:
                    start, start_cpu, start_own = time.perf_counter(), time.process_time(), time.thread_time()
                    document = export_document(Services(store), Actor("coordinator"), framework, evaluation, "report", fmt, EXPORT_DATE)
                    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
                    elapsed_own = time.thread_time() - start_own
                    sizes[fmt] = len(document)
                    if round_:
                        times[fmt].append(elapsed)
                        cpu[fmt].append(elapsed_cpu)
                        own[fmt].append(elapsed_own)
    markdown, markdown_cpu = statistics.median(times["md"]), statistics.median(cpu["md"])
    print(f"one report, median of {args.repeat} interleaved runs after a warm-up; load average {load:.1f} to {os.getloadavg()[0]:.1f}")
    print("| format | median | ratio to Markdown | processor time | ratio | of the calling thread | ratio | size | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    targets = {"md": "", "docx": "< 300 ms", "pdf": "< 2 s"}
    for fmt in formats:
        median, median_cpu, median_own = (statistics.median(v[fmt]) for v in (times, cpu, own))
        print(
            f"| {fmt} | {median * 1000:.0f} ms | {median / markdown:.1f}x | {median_cpu * 1000:.0f} ms | "
            f"{median_cpu / markdown_cpu:.1f}x | {median_own * 1000:.0f} ms | {median_own / markdown_cpu:.1f}x | "
            f"{sizes[fmt] / 1024:.0f} KiB | {targets[fmt]} |"
        )


if __name__ == "__main__":
    main()
