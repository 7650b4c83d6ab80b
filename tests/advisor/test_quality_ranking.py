"""Ranking (issue 12, class 6): by the task's own quality figure, with quality weighing more when
the user puts quality first or the budget is large; the answer names a cheaper and a better
alternative and what each trades (money against quality points)."""

from __future__ import annotations

import pytest

from advisor.present import explain_pick
from advisor.recommender import recommend

TODAY = "2026-12-02"
WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
}


def _quality(rec) -> float:
    return next(c.quality for c in rec.candidates if c.id == rec.model.id)


def test_the_pick_is_ranked_by_the_tasks_own_quality_figure():
    for task in ("question-answering", "code-generation"):
        rec = recommend({**WIKI, "task": task, "monthly_budget_usd": 100_000}, today=TODAY)
        best = max(c.quality or 0 for c in rec.candidates)
        assert _quality(rec) == best, task  # a large budget buys the best on this task's score


@pytest.mark.parametrize("budget", [20, 200, 2_000, 100_000])
def test_quality_first_never_picks_a_weaker_model_than_balanced(budget):
    balanced = recommend({**WIKI, "monthly_budget_usd": budget}, today=TODAY)
    quality = recommend({**WIKI, "monthly_budget_usd": budget, "priority": "quality"}, today=TODAY)
    cost = recommend({**WIKI, "monthly_budget_usd": budget, "priority": "cost"}, today=TODAY)
    assert _quality(cost) <= _quality(balanced) <= _quality(quality)


def test_a_larger_budget_never_buys_a_weaker_model():
    picks = [
        _quality(recommend({**WIKI, "monthly_budget_usd": budget}, today=TODAY))
        for budget in (10, 50, 200, 1_000, 100_000)
    ]
    assert picks == sorted(picks)


def test_the_answer_names_a_cheaper_and_a_better_alternative_and_what_each_trades():
    rec = recommend({**WIKI, "monthly_budget_usd": 200, "priority": "cost"}, today=TODAY)
    lines = explain_pick(rec).lines()
    cheaper = [line for line in lines if "(cheaper" in line]
    better = [line for line in lines if "higher quality" in line]
    assert cheaper and better
    assert "saves $" in cheaper[0] and " against " in cheaper[0]
    assert "more a month" in better[0] and " against " in better[0]
