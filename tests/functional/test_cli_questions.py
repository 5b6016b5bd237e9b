"""``selfeval questions check|show`` on the bundled bank."""

from __future__ import annotations

import json

from selfeval_tui.bank import LEVEL_NAMES, Framework
from selfeval_tui.shells.cli import main


def test_check_prints_a_one_screen_summary(capsys, framework: Framework) -> None:
    assert main(["questions", "check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Question bank OK: Self-evaluation framework for B&A partnerships (annex-a-2010, version 2010)"
    assert len(lines) <= 22
    assert "  Strand 2: Quality first provision in schools - 8 elements" in lines
    total = sum(len(lv.criteria) for e in framework.elements for lv in e.levels)
    assert any(l.startswith("Elements: 21. Criteria: Developing ") and f"(total {total})" in l for l in lines)
    assert "Measures: 1.4 percent x3, 2.4 checklist of 9, 2.5 percent, 3.1 success rate." in lines


def test_show_json_lists_all_elements_with_four_descriptors(capsys, framework: Framework) -> None:
    assert main(["questions", "show", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    assert data["id"] == "annex-a-2010" and data["hash"] == framework.hash
    elements = [e for s in data["strands"] for e in s["elements"]]
    assert len(elements) == 21
    for element in elements:
        assert [lv["name"] for lv in element["levels"]] == list(LEVEL_NAMES)
        assert all(lv["descriptor"] and lv["criteria"] for lv in element["levels"])
    rate = next(e for e in elements if e["id"] == "3.1")["measures"][0]
    assert rate["kind"] == "success_rate"
    assert len(data["outcomes"]) == 8 and len(data["glossary"]) >= 20


def test_options_may_come_before_the_subcommand(capsys, bank_dir) -> None:
    assert main(["--questions", str(bank_dir), "questions", "check"]) == 0
    assert capsys.readouterr().out.startswith("Question bank OK")


def test_bad_option_is_one_line_and_exit_2(capsys) -> None:
    assert main(["questions", "show", "--format", "yaml"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "invalid choice: 'yaml'" in err[0]
