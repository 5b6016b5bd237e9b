"""Benchmark: exporting the board paper of one evaluation, and of all 100 in one database.

    .venv/bin/python benchmarks/bench_exports.py [--repeat N] [--keep DIR]

Builds a database of 10 partnerships x 10 academic years in which every bank
question of every evaluation is answered with an evidence note (the first year is
answered question by question; each later year is carried forward and then has a
tenth of its answers changed, as a real year would). It then times:

* one report (Markdown, and HTML), target < 100 ms;
* the reports of all 100 evaluations (HTML, the heavier format), target < 5 s.

Each figure is also printed as a ratio to two baselines measured in the same run
on the same machine, so results from different machines compare: the bare
gathering of the evaluation's data (store reads and judging), and markdown-it
rendering a plain document of the same size as the report.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from selfeval_tui.bank import Framework, load_framework
from selfeval_tui.domain.progress import bank_questions
from selfeval_tui.exports import export_text
from selfeval_tui.exports.data import gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import AnswerValue, Evaluation, Status, Store

PARTNERSHIPS, YEARS = 10, 10
DATE = datetime.date(2036, 12, 1)
STATUSES = (Status.MET, Status.MET, Status.MET, Status.PARTLY, Status.NOT_MET, Status.NOT_SURE)
NOTE = "Evidence {n}: minutes of the {i} meeting | termly review, *see* the action plan (item #{n}) & data pack."


def answer_everything(store: Store, framework: Framework, evaluation: Evaluation, seed: int, every: int = 1) -> None:
    """Answer every ``every``-th bank question of every element, each with a note."""
    n = 0
    for element in framework.elements:
        for step in bank_questions(element):
            n += 1
            if (n + seed) % every:
                continue
            note = NOTE.format(n=n, i=seed)
            status: Status | None = None
            value: AnswerValue | None = None
            if step.measure is None:
                status = STATUSES[(n + seed) % len(STATUSES)]
            elif step.measure.kind == "checklist":
                value = list(step.measure.items[: 3 + seed % 6])
            elif step.measure.kind == "success_rate":
                value = {"moves": 40, "successes": 30 + seed % 10}
            else:
                value = float(60 + (n + seed) % 41)
            store.save_answer(evaluation.id, step.question_id, status=status, value=value, note=note, by="bench")


def build(path: Path, framework: Framework) -> list[Evaluation]:
    evaluations = []
    with Store.open(path) as store:
        for p in range(PARTNERSHIPS):
            partnership = store.create_partnership(f"Partnership {p + 1}", "Benchshire")
            store.set_members(partnership.id, "secondary", [f"School {p}-{i}" for i in range(8)])
            previous = None
            for y in range(YEARS):
                year = f"{2026 + y}/{(27 + y) % 100:02d}"
                evaluation = store.create_evaluation(
                    partnership.id, year, framework.id, framework.hash,
                    carry_forward_from=previous.id if previous else None, by="bench",
                )  # fmt: skip
                answer_everything(store, framework, evaluation, seed=p + y, every=1 if previous is None else 10)
                evaluations.append(evaluation)
                previous = evaluation
    return evaluations


def median_of(repeat: int, action: Callable[[], object]) -> float:
    """Median seconds over ``repeat`` runs after one warm-up (the median resists a noisy neighbour)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per single-report figure (median)")
    parser.add_argument("--keep", type=Path, help="build the database in this (existing) folder and keep it")
    args = parser.parse_args(argv)
    framework = load_framework()
    if args.keep:
        return run(args.keep, framework, args.repeat)
    # tmpfs where there is one: building pays an fsync per answer, which says nothing about exporting.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="bench-exports-", dir=shm if shm.is_dir() else None) as folder:
        return run(Path(folder), framework, args.repeat)


def run(folder: Path, framework: Framework, repeat: int) -> int:
    path = folder / "bench.db"
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    evaluations = build(path, framework)
    print(f"built {len(evaluations)} evaluations in {time.perf_counter() - start:.1f} s")

    with Store.open(path) as store:
        latest = evaluations[YEARS - 1]
        answers = store.answers(latest.id)
        assert all(a.note for a in answers.values()), "every answer should carry a note"
        report_md = export_text(Services(store), Actor("bench"), framework, latest, "report", "md", DATE)
        plain = "\n\n".join(("Plain text paragraph " * 8).strip() for _ in range(len(report_md) // 168 + 1))
        plain_md = MarkdownIt("commonmark", {"html": False}).enable("table")

        base_gather = median_of(repeat, lambda: gather(Services(store).export_view(Actor("bench"), framework, latest), date=DATE))
        base_render = median_of(repeat, lambda: plain_md.render(plain[: len(report_md)]))
        one_md = median_of(repeat, lambda: export_text(Services(store), Actor("bench"), framework, latest, "report", "md", DATE))
        one_html = median_of(repeat, lambda: export_text(Services(store), Actor("bench"), framework, latest, "report", "html", DATE))
        start = time.perf_counter()
        for evaluation in evaluations:
            export_text(Services(store), Actor("bench"), framework, evaluation, "report", "html", DATE)
        all_html = time.perf_counter() - start

    print(f"answers in one evaluation: {len(answers)}, all with notes; report: {len(report_md):,} characters of Markdown")
    print(f"baseline gather (store reads + judging): {base_gather * 1000:.1f} ms")
    print(f"baseline markdown-it on same-size plain text: {base_render * 1000:.1f} ms")
    rows = [
        ("one report, Markdown", one_md, 0.100, 1),
        ("one report, HTML", one_html, 0.100, 1),
        (f"all {len(evaluations)} reports, HTML", all_html, 5.0, len(evaluations)),
    ]
    failed = False
    for label, seconds, target, count in rows:
        ok = seconds < target
        failed |= not ok
        print(
            f"{label}: {seconds * 1000:.1f} ms (target < {target * 1000:.0f} ms, {'ok' if ok else 'MISSED'}); "
            f"{seconds / count / base_gather:.1f}x gather, {seconds / count / base_render:.1f}x markdown-it per report"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
