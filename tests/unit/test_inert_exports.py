"""Exports carry no control character or bidi control: dropped from the papers, escaped in JSON, shown in CSV.

A right-to-left override in a note would reorder the rest of its line in the
board paper; an escape sequence in a name would act on the terminal the export
is printed to (``selfeval export`` writes to standard output by default).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from export_support import EXPORT_DATE, PARTNERSHIP, YEAR, sample_db
from hypothesis import HealthCheck, given, settings
from inert_support import hazards, named, stored_text
from test_export_hypothesis import export_all, relabel

from selfeval_tui.bank import Framework
from selfeval_tui.domain.inert import inert
from selfeval_tui.exports import csv_export
from selfeval_tui.exports.data import gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

__all__ = ["sample_db"]

RLO_NOTE = "paid by \u202eLA not\u202c school"


def strings(data: object) -> set[str]:
    """Every string value in decoded JSON."""
    if isinstance(data, str):
        return {data}
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return set().union(*(strings(item) for item in items))


@pytest.fixture(scope="module")
def scratch_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inert") / "scratch.db"
    shutil.copy(sample_db, path)
    return path


def values(note: str, member: str, title: str) -> dict[str, str]:
    return {
        "met_note": note, "focus_note": note, "reason": member, "member": member, "member2": "", "member3": member,
        "outcome_title": title, "label_partly": title, "label_not_met": note,
    }  # fmt: skip


def test_a_right_to_left_override_is_dropped_from_the_papers(scratch_db: Path, framework: Framework) -> None:
    exports = export_all(scratch_db, framework, values(RLO_NOTE, "Allerton \u2066High\u2069", "Breaktime \u200fincidents"))
    for kind in ("overview.md", "report.md", "report.html"):
        assert hazards(exports[kind]) == [], kind
    assert "paid by LA not school" in exports["report.md"]
    assert "Allerton High" in exports["report.md"]
    assert "paid by LA not school" in exports["report.html"]


def test_json_escapes_them_and_reads_back_exactly(scratch_db: Path, framework: Framework) -> None:
    note = "\x1b]0;x\x07 \x9b2J \x7f" + RLO_NOTE
    text = export_all(scratch_db, framework, values(note, "Allerton", "Breaktime"))["json"]
    assert hazards(text.replace("\n", "")) == []
    assert "\\u001b]0;x\\u0007 \\u009b2J \\u007fpaid by \\u202eLA not\\u202c school" in text
    assert note in strings(json.loads(text))  # the data is exactly as stored


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(note=stored_text, member=named, title=named)
def test_no_stored_text_puts_a_control_in_any_export(
    scratch_db: Path, framework: Framework, note: str, member: str, title: str
) -> None:
    exports = export_all(scratch_db, framework, values(note, member, title))
    for kind, text in exports.items():
        assert hazards(text.replace("\n", "")) == [], kind  # JSON's own newlines are indentation
    assert {note, member.strip(), title} <= strings(json.loads(exports["json"]))


def test_csv_shows_controls_in_bank_text_as_symbols(sample_db: Path, framework: Framework) -> None:
    from selfeval_tui.store import Store

    label = "Basic \x1b[2Jtargets \u202eare identified"
    edited = relabel(framework, {"1.1.enhancing.1": label})
    with Store.open(sample_db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        text = csv_export.render(gather(Services(store).export_view(Actor("coordinator"), edited, evaluation), date=EXPORT_DATE))
    assert hazards(text.replace("\r\n", "")) == []
    assert inert(label) in text
