"""Ranking (issue 12, class 6): by the task's own quality figure, with quality weighing more when
the user puts quality first or the budget is large; the answer names a cheaper and a better
alternative and what each trades (money against quality points)."""

from __future__ import annotations

import pytest

from advisor.advice.recommender import recommend
from advisor.present import explain_pick

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


# -- which index ranks which job (issue 23): text from the intelligence index, code from the
# coding index, a job that calls tools from the agentic index

AGENT = {
    "use_case": "A travel assistant that books trips through our reservation API",
    "task": "chat",
    "requests_per_month": 30_000,
    "needs": ["function-calling"],
}


def _metrics(rec) -> set[str]:
    return {c.quality_metric for c in rec.candidates if c.quality is not None}


def test_a_job_that_calls_tools_is_ranked_by_the_agentic_index():
    rec = recommend({**AGENT, "monthly_budget_usd": 100_000, "priority": "quality"}, today=TODAY)
    assert rec.quality_task == "function-calling"
    assert _metrics(rec) == {"AA Agentic Index"}
    pick = next(c for c in rec.candidates if c.id == rec.model.id)
    measured = [c.quality_points for c in rec.candidates if c.quality_measured]
    assert pick.quality_measured and pick.quality_points == max(measured)
    line = explain_pick(rec).quality_line()
    assert line.startswith("Quality for tool use (function calling): ")
    assert "(AA Agentic Index)" in line


def test_tool_use_read_from_the_text_ranks_by_the_agentic_index_too():
    rec = recommend(
        {"use_case": "An agent that uses our tools to look up orders and issue refunds"},
        today=TODAY,
    )
    assert "function-calling" in rec.questionnaire["needs"]
    assert rec.quality_task == "function-calling" and _metrics(rec) == {"AA Agentic Index"}


@pytest.mark.parametrize(
    ("task", "needs", "metric"),
    [
        ("chat", [], "AA Intelligence Index"),
        ("summarization", ["json-output"], "AA Intelligence Index"),
        ("code-generation", [], "AA Coding Index"),
        ("code-generation", ["function-calling"], "AA Coding Index"),
    ],
)
def test_other_jobs_keep_their_tasks_own_index(task, needs, metric):
    rec = recommend(
        {**WIKI, "task": task, "needs": needs, "monthly_budget_usd": 5_000}, today=TODAY
    )
    assert rec.quality_task == task and _metrics(rec) == {metric}
