"""Not measured is not a number (issue 23): a model no benchmark snapshot lists carries at most
its sibling's figure, labelled; it never outranks a measured model of equal or higher cost when
quality comes first, is never the evidence that a cheaper model is good enough, and is shown
differently from a measured figure."""

from __future__ import annotations

import pytest

from advisor import api
from advisor.advice.recommender import recommend
from advisor.catalog.catalog import load_catalog
from advisor.catalog.quality import measured_before_estimates
from advisor.present import explain_pick, quality_figure

TODAY = "2026-12-06"
BASE = {"use_case": "Answer customer questions in chat", "requests_per_month": 20_000}


def test_a_sibling_figure_is_an_estimate_and_says_whose_figure_it_is():
    catalog = load_catalog()
    measured = catalog.get("claude-fable-5-1").quality["chat"]
    estimate = catalog.get("claude-fable-5-2").quality["chat"]
    assert measured.measured and measured.points == 53.4 and not measured.sibling
    assert not estimate.measured and estimate.sibling == "anthropic/claude-fable-5.1"
    assert estimate.source.startswith("not measured; closest sibling")
    assert quality_figure(measured.score, measured.points, measured.metric) == (
        "53.4 (AA Intelligence Index)"
    )
    shown = quality_figure(
        estimate.score, estimate.points, estimate.metric, False, estimate.sibling
    )
    assert shown == "~ (not measured; sibling anthropic/claude-fable-5.1: 53.4)"
    assert quality_figure(None) == "not measured"


def test_a_model_no_snapshot_lists_has_no_figure_at_all():
    gpt_4o = load_catalog().get("gpt-4o")
    assert not gpt_4o.measured("chat") and gpt_4o.quality_for("chat") == 0.0


@pytest.mark.parametrize("task", ["chat", "code-generation", "summarization"])
@pytest.mark.parametrize("budget", [50, 500, 5_000, 100_000])
def test_quality_first_never_ranks_an_estimate_above_a_measured_model_that_costs_as_much(
    task, budget
):
    rec = recommend(
        {**BASE, "task": task, "monthly_budget_usd": budget, "priority": "quality"}, today=TODAY
    )
    pick = next(c for c in rec.candidates if c.id == rec.model.id)
    if not pick.quality_measured:
        fitting = [c for c in rec.candidates if c.monthly_usd <= budget + 1e-9]
        assert not any(
            c.quality_measured and c.monthly_usd >= pick.monthly_usd - 1e-9 for c in fitting
        ), (task, budget, pick.id)


class _Model:
    def __init__(self, measured: bool):
        self._measured = measured

    def measured(self, task: str) -> bool:
        return self._measured


def test_the_reordering_moves_an_estimate_only_below_measured_models_that_cost_as_much():
    # (name, measured, cost), best score first
    ranked = [("estimate", False, 10.0), ("dear", True, 20.0), ("cheap", True, 5.0)]
    models = {name: _Model(measured) for name, measured, _ in ranked}
    costs = {name: cost for name, _, cost in ranked}
    order = measured_before_estimates(
        [name for name, _, _ in ranked], "chat", models.__getitem__, costs.__getitem__
    )
    assert order == ["dear", "estimate", "cheap"]


def test_no_rank_and_no_higher_quality_label_rests_on_an_estimate():
    for budget in (200, 100_000):
        rec = recommend(
            {**BASE, "task": "code-generation", "monthly_budget_usd": budget}, today=TODAY
        )
        explained = explain_pick(rec)
        if not explained.pick.quality_measured:
            assert explained.quality_rank is None
            assert "~ (not measured" in explained.quality_line()
        candidates = {c.id: c for c in rec.candidates}
        for alt in explained.alternatives:
            if "higher quality" in alt.labels:
                assert candidates[alt.model.id].quality_measured


def test_the_quality_line_names_the_snapshot_and_date():
    rec = recommend(
        {**BASE, "task": "chat", "monthly_budget_usd": 500, "priority": "quality"}, today=TODAY
    )
    line = api.quality_line(rec, rec.model.id)
    assert "AA Intelligence Index" in line and "snapshot aa-openrouter-2026-10-05" in line
    assert "as of 2026-10-05" in line


def test_conversation_follow_ups_show_index_points_and_never_rest_on_an_estimate():
    from advisor.dialogue import followups
    from advisor.dialogue.replies import delta_line

    rec = recommend({**BASE, "task": "code-generation", "monthly_budget_usd": 200}, today=TODAY)
    cheaper = " ".join(followups.cheaper(rec, "en"))
    assert "/100" not in cheaper
    cheaper_ones = [c for c in rec.candidates if c.monthly_usd < rec.cost.monthly_usd - 0.005]
    if any(c.quality_measured for c in cheaper_ones):
        assert "(AA Coding Index) against" in cheaper and "not measured" not in cheaper
    why_not = " ".join(followups.why_not(rec, "claude fable 5.2", "en"))
    assert "~81.6 (not measured; the figure of anthropic/claude-fable-5.1)" in why_not
    other = recommend({**BASE, "task": "chat", "monthly_budget_usd": 200}, today=TODAY)
    assert "/100" not in delta_line(rec, other, "sv")
