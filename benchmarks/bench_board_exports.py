"""Benchmark: one report as Word and as PDF, in process, each as a ratio to the Markdown report in the same run.

    .venv/bin/python benchmarks/bench_board_exports.py [--repeat N]

Uses the sample evaluation of the tests (tests/export_support.py: North Leeds,
two years, every case the golden files show), built in a temporary folder. The
formats are timed interleaved (Markdown, Word, PDF, Markdown, ...) after one
warm-up each, so imports and font loading are not counted and a burst of load
on the machine falls on all three alike; the medians and their ratios are
printed. Issue 18's targets: Word < 300 ms, PDF < 2 s.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    framework = load_framework()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sample.sqlite3"
        build_sample(db, framework)
        with Store.open(db) as store:
            partnership = store.partnership_by_name(PARTNERSHIP)
            assert partnership is not None
            evaluation = store.evaluation(partnership.id, YEAR)
            assert evaluation is not None
            times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
            sizes = {}
            for round_ in range(args.repeat + 1):
                for fmt in FORMATS:
                    start = time.perf_counter()
                    document = export_document(Services(store), Actor("coordinator"), framework, evaluation, "report", fmt, EXPORT_DATE)
                    elapsed = time.perf_counter() - start
                    sizes[fmt] = len(document)
                    if round_:
                        times[fmt].append(elapsed)
    markdown = statistics.median(times["md"])
    print(f"one report, median of {args.repeat} interleaved runs after a warm-up")
    print("| format | median | size | ratio to Markdown | target |")
    print("|---|---|---|---|---|")
    targets = {"md": "", "docx": "< 300 ms", "pdf": "< 2 s"}
    for fmt in FORMATS:
        median = statistics.median(times[fmt])
        print(f"| {fmt} | {median * 1000:.0f} ms | {sizes[fmt] / 1024:.0f} KiB | {median / markdown:.1f}x | {targets[fmt]} |")


if __name__ == "__main__":
    main()
