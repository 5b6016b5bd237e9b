"""Arbitrary notes, reasons, names, titles and focus labels through the overview, the report and their HTML.

Each example writes the texts into a copy of the sample database (and the labels
into a copy of the bank), exports, and compares with the same export made with
plain markers in their place: the block structure (every table's rows and cells
included) must be identical, every inline text must equal the marker version
with each marker replaced by its text and normalised as docs/exports.md says,
and the HTML must have exactly the same tags and attributes.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from functools import reduce
from pathlib import Path

import pytest
from export_support import (
    EXPORT_DATE,
    LOCAL_OUTCOME,
    PARTNERSHIP,
    YEAR,
    html_tags,
    parse,
    sample_db,
    shape,
    texts,
)
from hypothesis import HealthCheck, given, settings
from test_export_escape import nasty_text

from selfeval_tui.bank import Framework
from selfeval_tui.exports import (
    html,
    json_export,
    markdown_overview,
    markdown_report,
)
from selfeval_tui.exports.data import gather
from selfeval_tui.exports.escape import is_blank, normalise
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Status, Store

__all__ = ["sample_db"]

FIELDS = (
    "met_note", "focus_note", "reason", "member", "member2", "member3", "outcome_title", "label_partly",
    "label_not_met",
)  # fmt: skip
MARKERS = {field: f"qz{i}qz" for i, field in enumerate(FIELDS)}
STRIPPED_BY_STORE = {"reason", "member", "member2", "member3"}
"""The store trims these before saving, so the export shows the trimmed text."""


def relabel(framework: Framework, labels: dict[str, str]) -> Framework:
    """A copy of the bank with some criterion labels replaced (bypassing validation, as a test may)."""
    return replace(
        framework,
        strands=tuple(
            replace(
                s,
                elements=tuple(
                    replace(
                        e,
                        levels=tuple(
                            replace(
                                lv,
                                criteria=tuple(
                                    replace(c, label=labels[c.id]) if c.id in labels else c for c in lv.criteria
                                ),
                            )
                            for lv in e.levels
                        ),
                    )
                    for e in s.elements
                ),
            )
            for s in framework.strands
        ),
    )


@pytest.fixture(scope="module")
def scratch_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hypothesis") / "scratch.db"
    shutil.copy(sample_db, path)
    return path


def export_all(path: Path, framework: Framework, values: dict[str, str]) -> dict[str, str]:
    """Write the texts where a user (or a bank author) would, then export overview, report (md, html) and JSON.

    One gather feeds every renderer (as ``export_text`` would, once per kind) to keep examples quick.
    """
    framework = relabel(framework, {"1.1.enhancing.1": values["label_partly"], "1.1.enhancing.2": values["label_not_met"]})
    with Store.open(path) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        store.save_answer(evaluation.id, "1.1.developed.1", status=Status.MET, note=values["met_note"], by="coordinator")
        store.save_answer(evaluation.id, "1.1.enhancing.1", status=Status.PARTLY, note=values["focus_note"], by="coordinator")
        store.save_judgement(evaluation.id, "1.2", 3, values["reason"], by="coordinator")
        store.set_members(partnership.id, "special", [values["member"], values["member2"]])
        store.set_members(partnership.id, "ssp", [values["member3"]])
        # The sample's local outcome has values and a target, so its title is in the table and a progress line.
        store.save_outcome_target(
            partnership.id, LOCAL_OUTCOME, title=values["outcome_title"], direction="reduce", amount=6.0,
            unit="count", local=True, value_unit="count",
        )  # fmt: skip
        data = gather(Services(store).export_view(Actor("coordinator"), framework, evaluation), date=EXPORT_DATE)
    report = markdown_report.render(data)
    return {
        "overview.md": markdown_overview.render(data),
        "report.md": report,
        "report.html": html.page(report, markdown_report.title(data)),
        "json": json_export.render(data),
    }


def stored(field: str, text: str) -> str:
    return text.strip() if field in STRIPPED_BY_STORE else text


non_blank = nasty_text.filter(lambda t: not is_blank(t))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    met_note=nasty_text,
    focus_note=nasty_text,
    reason=non_blank,
    member=nasty_text,
    member2=nasty_text,
    member3=nasty_text,
    outcome_title=nasty_text.filter(bool),
    label_partly=nasty_text,
    label_not_met=nasty_text,
)
@pytest.mark.slow
def test_user_text_never_changes_structure_and_reads_back(
    scratch_db: Path, framework: Framework, **values: str
) -> None:
    # Blank text is left out or shown empty: its own marker would not be, so it stands for itself.
    plain = {f: MARKERS[f] if not is_blank(values[f]) else values[f] for f in FIELDS}
    expected_exports = export_all(scratch_db, framework, plain)
    exports = export_all(scratch_db, framework, values)

    def substitute(text: str) -> str:
        return normalise(reduce(lambda t, f: t.replace(MARKERS[f], stored(f, values[f])), FIELDS, text))

    if not is_blank(values["outcome_title"]):  # the outcomes table and its progress line
        assert sum(MARKERS["outcome_title"] in t for t in texts(parse(expected_exports["report.md"]))) == 2
    for name in ("overview.md", "report.md"):
        tokens, expected = parse(exports[name]), parse(expected_exports[name])
        assert shape(tokens) == shape(expected), name
        assert texts(tokens) == [substitute(t) for t in texts(expected)], name
    assert html_tags(exports["report.html"]) == html_tags(expected_exports["report.html"])
    exported = json.loads(exports["json"])
    element = next(e for e in exported["elements"] if e["id"] == "1.2")
    assert element["agreed"]["reason"] == values["reason"].strip()
    members = {g["category"]: g["members"] for g in exported["membership"]}
    typed = {"special": [values["member"], values["member2"]], "ssp": [values["member3"]]}
    assert members == {**members, **{c: [n.strip() for n in names if not is_blank(n)] for c, names in typed.items()}}
    assert exported["outcomes"][-1]["title"] == values["outcome_title"]
