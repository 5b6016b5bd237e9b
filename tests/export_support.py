"""Shared by the export tests: the sample evaluation, a fixed clock, and Markdown/HTML readers.

The sample is built the way a partnership would build it (two years, carry
forward, two users, an agreed best fit, a provisional rating, measures, key and
local outcomes in every progress status) under a clock that ticks one minute per
call, so the database, and therefore every export of it, is the same on every
run. Its own tests (at the bottom) check that it still shows every case the
golden files are meant to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.domain.progress import level_questions
from selfeval_tui.exports.data import ExportData, gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store

EXPORT_DATE = dt.date(2027, 12, 1)
PARTNERSHIP = "North Leeds"
YEAR, PREVIOUS_YEAR = "2026/27", "2025/26"

CURRENT_LEVELS = {
    "1.1": 3, "1.2": 2, "1.3": 4, "1.4": 2, "1.5": 3, "1.6": 1,
    "2.1": 3, "2.2": 2, "2.3": 4, "2.4": 3, "2.5": 2, "2.6": 1, "2.7": 2, "2.8": 0,
    "3.1": 2, "3.2": 3, "3.3": 2,
    "4.1": 1, "4.3": 3, "4.4": 4,
}  # fmt: skip
"""This year's computed level per element; 4.2 is left as carried forward from last year."""
PREVIOUS_LEVELS = {
    "1.1": 2, "1.2": 2, "1.3": 3, "1.4": 1, "1.5": 2, "1.6": 1,
    "2.1": 2, "2.2": 2, "2.3": 3, "2.4": 2, "2.5": 1, "2.6": 1, "2.7": 1, "2.8": 0,
    "3.1": 1, "3.2": 2, "3.3": 3,
    "4.1": 1, "4.2": 2, "4.4": 3,
}  # fmt: skip
"""Last year's; 4.3 was not evaluated, 3.3 was higher than this year."""
MEASURE_VALUES: dict[str, dict[int, object]] = {
    "1.4.sessions-380": {1: 60.0, 2: 80.0},
    "1.4.sessions-360": {1: 80.0, 2: 92.0},
    "1.4.sessions-350": {1: 95.0, 2: 100.0},
    "2.4.indicators": {2: 5, 3: 7},
    "2.5.core-offer": {1: 20.0, 2: 60.0},
    "3.1.success-rate": {1: {"moves": 30, "successes": 18}, 2: {"moves": 30, "successes": 26}},
}
"""A value that secures exactly the given level (checklist: how many items are ticked)."""
PROVISIONAL = "2.6"
HOSTILE_NOTE = "Published on the LA site\nand in the *termly* newsletter | see `minutes` <script>alert(1)</script> & #12"
OVERRIDE_REASON = "Data | *shared* termly with every head; see [minutes](javascript:alert(1)) <3 March>"
NOTES = {
    "1.1.developing.1": HOSTILE_NOTE,
    "1.1.developed.1": "Chair rotates termly; attendance register kept",
    "1.3.developing.1": "- Report went to the Board in December\n# and was noted",
    "3.1.success-rate": "Figures from the managed moves log",
    "1.5.developed.2": "Protocol reviewed with parents' forum",
}
MEMBERS = {
    "secondary": ["Allerton High School", "Roundhay School", "Carr Manor Community School"],
    "primary": ["Moor Allerton Hall Primary", "Talbot Primary"],
    "sss-ap": ["North Leeds SILC | short stay"],
    "fe": ["Leeds City College"],
    "ssp": ["PC J. Smith (Safer Schools)"],
}

TARGETS = {
    "overall-absence": ("reduce", 10.0, "percent"),
    "persistent-absence": ("reduce", 1.5, "percentage_points"),
    "permanent-exclusions": ("reduce", 20.0, "percent"),
    "multiple-fixed-term-exclusions": ("reduce", None, "count"),
    "ofsted-behaviour": ("increase", 2.0, "count"),
}
"""Targets for some key outcomes: relative, in points, a count, and one whose amount is not set yet."""
LOCAL_OUTCOME, LOCAL_TITLE = "breaktime-incidents", "Breaktime incidents | *local* <b>"
OUTCOME_VALUES = {
    "overall-absence": {"baseline": 6.4, "term1": 6.1, "term2": 5.8},  # on track: 0.6 of 0.64 after term 2
    "persistent-absence": {"baseline": 4.2, "term1": 3.9},  # some progress: 0.3 of 1.5 after term 1
    "permanent-exclusions": {"baseline": 12.0, "term1": 10.0, "term2": 11.0, "term3": 13.0},  # off track
    "multiple-fixed-term-exclusions": {"baseline": 30.0, "term1": 27.0},  # some progress, no amount set
    "pupil-perceptions": {"baseline": 71.0},  # no data: no term yet, and no target
    LOCAL_OUTCOME: {"baseline": 40.0, "term1": 38.0, "term2": 36.0},  # on track: 4 of 6 after term 2
}
"""Values across the terms giving every status; ofsted-behaviour has a target but no values (no data)."""
PREVIOUS_OUTCOME_VALUES = {
    "overall-absence": {"baseline": 7.0, "term1": 6.8, "term3": 6.6},
    "persistent-absence": {"baseline": 4.6},
}
"""Last year's, which the report's trend pictures show before this year's (its latest value: 6.6, and 4.6)."""


@contextmanager
def fixed_clock() -> Iterator[None]:
    """The store stamps every write with ``datetime.now``: make that tick one minute per call from a fixed start."""
    start = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    ticks = iter(range(10**9))

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return start + dt.timedelta(minutes=next(ticks))

    with ExitStack() as patches:
        for table_group in ("partnerships", "evaluations", "answers", "judgements", "outcomes"):
            patches.enter_context(mock.patch(f"selfeval_tui.store.{table_group}.datetime", Clock))
        yield


def measure_value(measure_id: str, items: tuple[str, ...], level: int) -> object:
    value = MEASURE_VALUES[measure_id][level]
    return list(items[: int(value)]) if isinstance(value, int) else value  # type: ignore[call-overload]


def answer_to_level(
    store: Store, evaluation: Evaluation, element: Element, level: int, *, provisional: bool = False, by: str = "coordinator"
) -> None:
    """Secure ``level`` and block the next one (partly, then not met), or leave it open if ``provisional``; answered ``by``."""
    questions = [(i, q) for lv in element.levels for i, q in enumerate(level_questions(element, lv.level), start=1)]
    for index, step in questions:
        if step.measure is not None:
            store.save_answer(
                evaluation.id,
                step.question_id,
                status=None,
                value=measure_value(step.question_id, step.measure.items, level),  # type: ignore[arg-type]
                note=NOTES.get(step.question_id, ""),
                by=by,
            )
            continue
        if step.level <= level:
            status = Status.MET
        elif step.level == level + 1 and provisional:
            status = (Status.MET, Status.NOT_SURE, None)[min(index - 1, 2)]
        elif step.level == level + 1:
            status = (Status.PARTLY, Status.NOT_MET, Status.MET)[min(index - 1, 2)]
        else:
            continue
        if status is not None:
            note = NOTES.get(step.question_id, "Partly in place; see action plan" if status is Status.PARTLY else "")
            store.save_answer(evaluation.id, step.question_id, status=status, note=note, by=by)


def confirm(store: Store, evaluation: Evaluation, element: Element) -> None:
    """What the conversation stores when the coordinator agrees with the computed rating."""
    from selfeval_tui.domain.judgement import judge

    computed = judge(element, store.answers(evaluation.id)).computed
    store.save_answer(evaluation.id, f"{element.id}.judgement", status=Status.MET, value=float(computed), by="coordinator")


def build_sample(path: Path, framework: Framework) -> None:
    """The sample database: North Leeds, 2025/26 and 2026/27 (carried forward), with everything filled in."""
    with fixed_clock(), Store.open(path) as store:
        partnership = store.create_partnership(PARTNERSHIP, "Leeds")
        for category, names in MEMBERS.items():
            store.set_members(partnership.id, category, names)
        before = store.create_evaluation(partnership.id, PREVIOUS_YEAR, framework.id, framework.hash, by="coordinator")
        for element in framework.elements:
            if element.id in PREVIOUS_LEVELS:
                answer_to_level(store, before, element, PREVIOUS_LEVELS[element.id])
        now = store.create_evaluation(
            partnership.id, YEAR, framework.id, framework.hash, carry_forward_from=before.id, by="coordinator"
        )
        for element in framework.elements:
            if element.id not in CURRENT_LEVELS:
                continue
            by = "deputy" if element.id.startswith("3.") else "coordinator"
            answer_to_level(store, now, element, CURRENT_LEVELS[element.id], provisional=element.id == PROVISIONAL, by=by)
            if element.id not in ("3.3", "4.1"):
                confirm(store, now, element)
        store.save_answer(
            now.id, "3.2.developing.3", status=Status.NOT_APPLICABLE, note="No special schools in the partnership", by="coordinator"
        )
        store.save_judgement(now.id, "1.2", int(Level.ESTABLISHED), OVERRIDE_REASON, by="coordinator")
        store.save_judgement(now.id, "1.5", int(Level.ESTABLISHED), "Matches the evidence seen at the spring review", by="coordinator")
        titles = {o.id: o.title for o in framework.outcomes}
        for outcome_id, (direction, amount, unit) in TARGETS.items():
            store.save_outcome_target(
                partnership.id, outcome_id, title=titles[outcome_id], direction=direction, amount=amount, unit=unit,
            )  # fmt: skip
        store.save_outcome_target(
            partnership.id, LOCAL_OUTCOME, title=LOCAL_TITLE, direction="reduce", amount=6.0, unit="count", local=True,
            value_unit="count",
        )  # fmt: skip
        for evaluation, values in ((before, PREVIOUS_OUTCOME_VALUES), (now, OUTCOME_VALUES)):
            for outcome_id, periods in values.items():
                for period, value in periods.items():
                    store.save_outcome_value(evaluation.id, outcome_id, period, value, by="coordinator")
    with fixed_clock():
        Services.open(path, framework=framework).close()  # element_ratings, as the services keep it (docs/store.md)


def sample_data(path: Path, framework: Framework) -> ExportData:
    with Store.open(path) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        return gather(Services(store).export_view(Actor("reader"), framework, evaluation), date=EXPORT_DATE)


_BUILT: dict[str, Path] = {}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, framework: Framework) -> Path:
    """Built once per run however many test modules import it (pytest would build it once per module)."""
    if "path" not in _BUILT:
        path = tmp_path_factory.mktemp("sample") / "sample.db"
        build_sample(path, framework)
        _BUILT["path"] = path
    return _BUILT["path"]


# -- reading Markdown and HTML back -------------------------------------------

PARSER = MarkdownIt("commonmark").enable("table")
"""What the issue asks the tests to read exports with: CommonMark plus GFM tables."""

FORMATTING = {"strong_open", "strong_close", "em_open", "em_close"}


def parse(markdown: str) -> list[Token]:
    return PARSER.parse(markdown)


def inline_text(token: Token) -> str:
    """The plain text an inline token shows; fails on anything a user could have injected."""
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type not in FORMATTING:
            raise AssertionError(f"unexpected inline {child.type} in {token.content!r}")
    return "".join(parts)


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows (header first) of cell texts."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[index + 1]))
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def shape(tokens: list[Token]) -> list[tuple[str, str, int]]:
    """The block structure, without any text: what user text must never change."""
    return [(t.type, t.tag, t.nesting) for t in tokens]


def texts(tokens: list[Token]) -> list[str]:
    """The text of every inline token (cells, headings, paragraphs, list items), in order."""
    return [inline_text(t) for t in tokens if t.type == "inline"]


class TagCollector(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))


def html_tags(page: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    collector = TagCollector()
    collector.feed(page)
    collector.close()
    return collector.tags
