"""The bundled bank has the published shape of Annex A."""

from __future__ import annotations

import re

from selfeval_tui.bank import LEVEL_NAMES, Framework

PUBLISHED = {
    "1": ("Leadership and management of partnerships", {
        "1.1": "Engagement of all schools",
        "1.2": "Transparent use of data",
        "1.3": "Annual report requirement",
        "1.4": "Agreement on fair access protocols",
        "1.5": "Guidance on use of managed moves and the involvement of parents",
        "1.6": "Day 6 provision",
    }),
    "2": ("Quality first provision in schools", {
        "2.1": "Development of teaching and learning policies",
        "2.2": "Use of Securing Good framework",
        "2.3": "Use of Home School Agreement",
        "2.4": "Strategies for early intervention",
        "2.5": "Use of Extended Schools provision",
        "2.6": "Liaison with officer from Safer School Partnerships",
        "2.7": "Links to primary schools",
        "2.8": "Links to FE",
    }),
    "3": ("Access to additional or alternative provision", {
        "3.1": "Use and impact of managed moves",
        "3.2": "Quality of pupil referral units/short stay schools and alternative provision",
        "3.3": "Swift and easy access to support services",
    }),
    "4": ("Opportunities to share skills and expertise and the provision of ongoing CPD", {
        "4.1": "Joint appointments",
        "4.2": "Shared resources",
        "4.3": "Networked training opportunities",
        "4.4": "Sharing what works",
    }),
}


def test_four_strands_with_published_titles(framework: Framework) -> None:
    assert [(s.id, s.title) for s in framework.strands] == [(k, v[0]) for k, v in PUBLISHED.items()]


def test_twenty_one_elements_with_published_ids_and_titles(framework: Framework) -> None:
    expected = {eid: title for _, elements in PUBLISHED.values() for eid, title in elements.items()}
    assert {e.id: e.title for e in framework.elements} == expected
    assert len(framework.elements) == 21


def test_every_element_has_four_levels_in_order_each_with_criteria(framework: Framework) -> None:
    for element in framework.elements:
        assert tuple(level.name for level in element.levels) == LEVEL_NAMES, element.id
        for level in element.levels:
            assert level.criteria, (element.id, level.name)
            assert level.descriptor.strip(), (element.id, level.name)


MOVED = {"1.1.established.3": "Developed"}
"""Criteria moved to another level with the same sentence and question: their ids are kept (stored answers)."""


def test_criterion_ids_follow_the_convention_and_labels_are_short(framework: Framework) -> None:
    """Ids name the element and level and are never renumbered, so a retired criterion leaves a gap."""
    for element in framework.elements:
        for level in element.levels:
            for criterion in level.criteria:
                if MOVED.get(criterion.id) != level.name:
                    assert re.fullmatch(rf"{re.escape(element.id)}\.{level.name.lower()}\.[1-9]\d*", criterion.id)
                assert len(criterion.label) <= 70, criterion.id
                assert criterion.question.endswith("?"), criterion.id


def test_the_measures_have_the_published_minimums(framework: Framework) -> None:
    def minimums(measure_id: str) -> dict[str, float]:
        return {
            lv.name: c.minimum  # type: ignore[misc]
            for e in framework.elements
            for lv in e.levels
            for c in lv.criteria
            if c.measure == measure_id
        }

    assert minimums("1.4.sessions-380") == {"Developed": 75, "Established": 90, "Enhancing": 100}
    assert minimums("1.4.sessions-360") == {"Developed": 90, "Established": 95}
    assert minimums("1.4.sessions-350") == {"Developed": 100}
    assert minimums("2.4.indicators") == {"Developed": 50, "Established": 75, "Enhancing": 100}
    assert minimums("2.5.core-offer") == {"Developing": 1, "Developed": 50, "Established": 100}
    assert minimums("3.1.success-rate") == {"Developing": 50, "Developed": 85, "Established": 91, "Enhancing": 96}
    kinds = {e.id: [m.kind for m in e.measures] for e in framework.elements if e.measures}
    assert kinds == {"1.4": ["percent"] * 3, "2.4": ["checklist"], "2.5": ["percent"], "3.1": ["success_rate"]}
    checklist = framework.element("2.4").measures[0]  # type: ignore[union-attr]
    assert len(checklist.items) == 9
    assert checklist.items[0] == "Absence from school" and checklist.items[-1] == "Vandalism"


def test_outcomes_membership_and_glossary(framework: Framework) -> None:
    assert len(framework.outcomes) == 8
    assert {o.direction for o in framework.outcomes} == {"reduce", "increase"}
    assert len(framework.local_outcomes) == 3
    assert [c.title for c in framework.membership] == [
        "Secondary schools",
        "Primary schools",
        "Special schools",
        "Short stay schools (pupil referral units) and alternative provision",
        "FE",
        "Safer School Partnership",
    ]
    terms = {t.term for t in framework.glossary}
    assert {"PA", "FAP", "CAF", "SSS", "NEET", "NPSLBA", "PRU", "AP", "SSP", "FE"} <= terms


def test_bank_hash_changes_with_content(bank, framework: Framework) -> None:
    from selfeval_tui.bank import load_framework

    assert load_framework(bank).hash == framework.hash
    glossary = bank / "glossary.toml"
    glossary.write_text(glossary.read_text().replace("Half a school day", "Half a day"))
    assert load_framework(bank).hash != framework.hash
