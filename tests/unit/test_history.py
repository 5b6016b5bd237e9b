"""One partnership across years: the services' read model and ``selfeval export history`` in its four formats."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest

from selfeval_tui.bank import Framework, Level
from selfeval_tui.exports import export_text
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import Refused
from selfeval_tui.services.history import PartnershipHistory
from selfeval_tui.services.open import Services

ACTOR = Actor("coordinator")
DATE = datetime.date(2027, 7, 1)
YEARS = ("2024/25", "2025/26", "2026/27")


@pytest.fixture
def three_years(store, framework: Framework) -> tuple[Services, list]:  # type: ignore[no-untyped-def]
    """4.4 goes Developing, Developed (up), Developing (down); 2.3 is first rated in 2025/26, then the same."""
    services = Services(store, framework)
    evaluations = [services.create(ACTOR, framework, "North Leeds", y, local_authority="Leeds") for y in YEARS]
    for evaluation, level in zip(evaluations, (1, 2, 1), strict=True):
        services.save_judgement(ACTOR, evaluation.id, "4.4", level, "agreed at the review")
    for evaluation in evaluations[1:]:
        services.save_judgement(ACTOR, evaluation.id, "2.3", 3, "agreed at the review")
    outcome = framework.outcomes[0].id
    services.save_outcome_value(ACTOR, evaluations[0].id, outcome, "baseline", 9.0)
    services.save_outcome_value(ACTOR, evaluations[2].id, outcome, "term2", 7.5)
    return services, evaluations


def test_each_year_has_the_rating_and_the_change_from_the_year_before(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    history = services.partnership_history(ACTOR, framework, evaluations[0].partnership_id)
    assert history.year_names == YEARS
    rows = {h.element.id: [(r.level, r.change) for r in h.years] for h in history.elements}
    assert rows["4.4"] == [(Level.DEVELOPING, None), (Level.DEVELOPED, "up"), (Level.DEVELOPING, "down")]
    assert rows["2.3"] == [(None, None), (Level.ESTABLISHED, None), (Level.ESTABLISHED, "same")]
    assert rows["1.1"] == [(None, None)] * 3
    outcome = history.outcomes[0]
    assert outcome.points == [9.0, 7.5]
    assert history.up_to("2025/26").year_names == YEARS[:2]


def test_reading_the_history_needs_the_right_to_read(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    nobody = Actor("visitor", rights=frozenset({Right.ANSWER}))
    with pytest.raises(Refused, match="may not see the partnership's history"):
        services.partnership_history(nobody, framework, evaluations[0].partnership_id)
    with pytest.raises(Refused, match="may not export the partnership's history"):
        services.export_history(Actor("reader", rights=frozenset({Right.READ})), framework, evaluations[0].partnership_id)


def history_in(services: Services, framework: Framework, evaluation, fmt: str) -> str:  # type: ignore[no-untyped-def]
    return export_text(services, ACTOR, framework, evaluation, "history", fmt, DATE)


def test_markdown_says_each_change_in_words_and_symbols(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    text = history_in(services, framework, evaluations[-1], "md")
    assert "| Element | 2024/25 | 2025/26 | 2026/27 |" in text
    row = next(line for line in text.splitlines() if line.startswith("| 4.4 "))
    assert row.endswith("| Developing | Developed ↑ up | Developing ↓ down |")
    assert "2026/27: 0 up, 1 down, 1 same" in text
    outcome_rows = [line for line in text.splitlines() if "| 2024/25 | 9 |" in line or "| 2026/27 | – | – | 7.5 |" in line]
    assert len(outcome_rows) == 2
    earlier = history_in(services, framework, evaluations[1], "md")
    assert "2026/27" not in earlier  # --year is where the history stops


def test_csv_and_json_carry_the_same_facts(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    rows = list(csv.DictReader(io.StringIO(history_in(services, framework, evaluations[-1], "csv"))))
    mine = [(r["year"], r["rating"], r["level"], r["change"]) for r in rows if r["record"] == "element" and r["id"] == "4.4"]
    assert mine == [("2024/25", "Developing", "1", ""), ("2025/26", "Developed", "2", "up"), ("2026/27", "Developing", "1", "down")]
    assert [(r["year"], r["period"], r["value"]) for r in rows if r["record"] == "outcome"] == [
        ("2024/25", "baseline", "9.0"), ("2026/27", "term2", "7.5"),
    ]  # fmt: skip
    data = json.loads(history_in(services, framework, evaluations[-1], "json"))
    assert data["kind"] == "history" and data["years"] == list(YEARS)
    element = next(e for e in data["elements"] if e["id"] == "2.3")
    assert [y["change"] for y in element["years"]] == [None, None, "same"]
    assert data["outcomes"][0]["years"][0] == {"year": "2024/25", "baseline": 9.0, "term1": None, "term2": None, "term3": None}


def test_html_is_a_page_of_the_same_table(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    page = history_in(services, framework, evaluations[-1], "html")
    assert page.startswith("<!DOCTYPE html>") and "<td>Developed ↑ up</td>" in page


def test_the_report_gains_a_multi_year_table_from_the_third_year(three_years, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services, evaluations = three_years
    report = export_text(services, ACTOR, framework, evaluations[-1], "report", "md", DATE)
    changes = report.split("3.3 Changes since 2025/26")[1].split("###")[0]
    assert "Ratings in every year on record (2024/25 to 2026/27)" in changes
    assert "| Developing | Developed ↑ up | Developing ↓ down |" in changes
    two_years = export_text(services, ACTOR, framework, evaluations[1], "report", "md", DATE)
    assert "Ratings in every year on record" not in two_years


def test_a_partnership_with_no_years_has_an_empty_history(store, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    services = Services(store, framework)
    partnership = store.create_partnership("Empty", "")
    history = services.partnership_history(ACTOR, framework, partnership.id)
    assert isinstance(history, PartnershipHistory) and history.years == () and history.outcomes[0].points == []


def test_a_year_without_rows_is_judged_afresh(store, framework: Framework) -> None:  # type: ignore[no-untyped-def]
    """A file the services could not rate (read-only, or written without them) still gives the rule's ratings."""
    services = Services(store, framework)
    evaluation = services.create(ACTOR, framework, "North Leeds", "2026/27")
    store.save_judgement(evaluation.id, "4.4", 3, "written without the services", by="someone")  # no row written
    assert store.element_ratings(evaluation.id) == {}
    history = services.partnership_history(ACTOR, framework, evaluation.partnership_id)
    assert next(h for h in history.elements if h.element.id == "4.4").years[0].level is Level.ESTABLISHED
