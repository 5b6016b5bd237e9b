"""Gathering an export judges each element once, even where a confirmed rating asks for the computed one again."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_support import EXPORT_DATE, PARTNERSHIP, YEAR, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.domain.judgement import rule
from selfeval_tui.exports.data import gather
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

__all__ = ["sample_db"]


def test_each_element_is_judged_once(sample_db: Path, framework: Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(sample_db) as store:
        partnership = store.partnership_by_name(PARTNERSHIP)
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, YEAR)
        assert evaluation is not None
        view = Services(store).export_view(Actor("reader"), framework, evaluation)
    judged: list[str] = []
    explain = rule._with_explanation  # every judgement ends here

    def counted(judgement: rule.ElementJudgement, answers: object) -> rule.ElementJudgement:
        judged.append(judgement.element.id)
        return explain(judgement, answers)  # type: ignore[arg-type]

    monkeypatch.setattr(rule, "_with_explanation", counted)
    data = gather(view, date=EXPORT_DATE)
    assert sum(report.confirmed for report in data.elements) >= 3  # confirmations that once meant judging again
    assert sorted(judged) == sorted(element.id for element in framework.elements)
