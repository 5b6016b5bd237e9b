"""The JSON export: the documented, versioned shape, with text exactly as stored."""

from __future__ import annotations

import json
from pathlib import Path

from export_support import (
    HOSTILE_NOTE,
    LOCAL_OUTCOME,
    LOCAL_TITLE,
    OVERRIDE_REASON,
    YEAR,
    sample_data,
    sample_db,
)

from selfeval_tui.bank import Framework
from selfeval_tui.exports import json_export

__all__ = ["sample_db"]

TOP_LEVEL = [
    "schema_version", "date", "prepared_by", "partnership", "year", "previous_year", "sign_off", "framework", "membership",
    "outcomes", "elements",
]  # fmt: skip
ELEMENT = [
    "id", "title", "strand", "started", "rating", "level", "computed_level", "computed_rating", "agreed", "overridden",
    "provisional", "confirmed", "previous_level", "previous_rating", "change", "explanation", "focus_labels", "focus",
    "criteria", "answers",
]  # fmt: skip
ANSWER = [
    "question_id", "kind", "label", "status", "value", "value_text", "note", "answered_by", "answered_at",
    "carried_forward",
]  # fmt: skip


def export(sample_db: Path, framework: Framework) -> dict:
    return json.loads(json_export.render(sample_data(sample_db, framework)))


def test_shape_is_the_documented_one(sample_db: Path, framework: Framework) -> None:
    data = export(sample_db, framework)
    assert list(data) == TOP_LEVEL
    assert data["schema_version"] == json_export.SCHEMA_VERSION == 4
    assert data["sign_off"] == {"state": "draft", "signed_off_by": None, "signed_off_on": None, "comment": None}
    assert data["year"] == YEAR and data["date"] == "2027-12-01"
    assert data["framework"] == {
        "id": framework.id, "version": framework.version, "hash": framework.hash, "evaluation_hash": framework.hash,
    }  # fmt: skip
    assert [e["id"] for e in data["elements"]] == [e.id for e in framework.elements]
    for element in data["elements"]:
        assert list(element) == ELEMENT
        assert all(list(a) == ANSWER for a in element["answers"])
        assert all(set(f) == {"criterion_id", "label", "status"} for f in element["focus"])


def test_ratings_levels_and_agreement(sample_db: Path, framework: Framework) -> None:
    elements = {e["id"]: e for e in export(sample_db, framework)["elements"]}
    agreed = elements["1.2"]
    assert (agreed["rating"], agreed["level"], agreed["computed_level"], agreed["overridden"]) == ("Established", 3, 2, True)
    assert agreed["agreed"] == {"level": 3, "rating": "Established", "reason": OVERRIDE_REASON, "agreed_by": "coordinator"}
    assert elements["2.6"]["provisional"] and not elements["1.1"]["provisional"]
    assert elements["4.4"]["focus"] == [] and elements["4.4"]["focus_labels"] == ["Sustain and share practice with other partnerships"]
    assert elements["1.1"]["focus"][0] == {
        "criterion_id": "1.1.enhancing.1",
        "label": "Full and sustainable engagement of all pupils supported by partners",
        "status": "partly",
    }
    assert (elements["3.3"]["previous_level"], elements["3.3"]["change"]) == (3, "down")


def test_answers_are_bank_answers_with_notes_exactly_as_typed(sample_db: Path, framework: Framework) -> None:
    elements = {e["id"]: e for e in export(sample_db, framework)["elements"]}
    first = elements["1.1"]["answers"][0]
    assert first["question_id"] == "1.1.developing.1" and first["note"] == HOSTILE_NOTE
    assert first["answered_at"].startswith("2026-09-01T") and first["answered_by"] == "coordinator"
    ids = [a["question_id"] for e in elements.values() for a in e["answers"]]
    assert not any(i.endswith(".judgement") for i in ids)  # the coordinator's confirmations are not answers
    rate = next(a for a in elements["3.1"]["answers"] if a["kind"] == "measure")
    assert rate["value"] == {"moves": 30, "successes": 26} and rate["value_text"] == "26 of 30 (87%)"
    assert all(a["carried_forward"] for a in elements["4.2"]["answers"])


OUTCOME = ["id", "title", "local", "direction", "value_unit", "target", "values", "change", "status"]


def test_membership_and_outcomes(sample_db: Path, framework: Framework) -> None:
    data = export(sample_db, framework)
    assert [g["category"] for g in data["membership"]] == [c.id for c in framework.membership]
    assert data["membership"][3]["members"] == ["North Leeds SILC | short stay"]
    assert data["membership"][2]["members"] == []
    outcomes = {o["id"]: o for o in data["outcomes"]}
    assert list(outcomes) == [*(o.id for o in framework.outcomes), LOCAL_OUTCOME]
    assert all(list(o) == OUTCOME for o in data["outcomes"])
    absence = outcomes["overall-absence"]
    assert (absence["local"], absence["direction"], absence["value_unit"]) == (False, "reduce", "percent")
    assert absence["target"] == {"amount": 10.0, "unit": "percent", "text": "reduce by 10%"}
    assert absence["values"] == {"baseline": 6.4, "term1": 6.1, "term2": 5.8, "term3": None}
    assert (absence["change"], absence["status"]) == (-0.6, "on track")
    assert outcomes["persistent-absence"]["change"] == -0.3  # rounded: 3.9 - 4.2 is -0.30000000000000027
    assert outcomes["multiple-fixed-term-exclusions"]["target"] == {"amount": None, "unit": "count", "text": "not set"}
    assert outcomes["parental-perceptions"]["target"] is None and outcomes["parental-perceptions"]["change"] is None
    assert {o["status"] for o in data["outcomes"]} == {"on track", "some progress", "off track", "no data"}
    local = outcomes[LOCAL_OUTCOME]
    assert (local["title"], local["local"], local["value_unit"]) == (LOCAL_TITLE, True, "count")
