"""Continued pretraining is priced (issue 12, class 3): one pass of the open model over the domain
corpus costs 6 x N x D FLOPs at 40% of an H100's peak at the catalog's dated rental rate, so the
one-off scales with parameters and corpus tokens; GPUs the team owns cost no rent."""

from __future__ import annotations

import pytest

from advisor import hardware
from advisor.advice import cost
from advisor.advice.recommender import recommend
from advisor.catalog.catalog import load_catalog
from advisor.present import to_markdown

TODAY = "2026-12-02"
CORPUS = {
    "use_case": "A legal drafting assistant for our lawyers",
    "task": "text-generation",
    "resources": "high",
    "data": {"domain_corpus_tokens": 20_000_000_000},
}


def _work(tokens: int, owned: str | None = None) -> cost.Workload:
    return cost.Workload(
        "text-generation", 1000, 500, 300, corpus_tokens=tokens, continued_pretraining=True,
        owned_gpus=owned,
    )  # fmt: skip


def test_a_continued_pretraining_plan_prices_the_one_off_training():
    rec = recommend(CORPUS, today=TODAY)
    assert "continued pretraining" in " ".join(rec.approach.techniques)
    catalog = load_catalog()
    model = catalog.find(rec.model.id)
    params = model.self_hosting.parameters_b
    expected = hardware.training_gpu_hours(params, 20e9, "H100-80GB") * catalog.gpu_rate(
        "H100-80GB"
    )
    assert rec.cost.breakdown["one_off_continued_pretraining"] == pytest.approx(expected, rel=1e-3)
    note = next(a for a in rec.cost.assumptions if a.startswith("continued pretraining"))
    assert "6 FLOPs" in note and "40%" in note
    # the rental rate is quoted with its source and date
    assert catalog.gpu_hourly_usd["H100-80GB"]["as_of"] in note
    assert "Continued pretraining" in to_markdown(rec)


def test_the_one_off_scales_with_parameters_and_corpus_tokens():
    catalog = load_catalog()
    small, large = catalog.find("ministral-8b-2512"), catalog.find("llama-3.1-70b-instruct")
    price = lambda model, tokens: cost.continued_pretraining_cost(model, _work(tokens), catalog)[0][  # noqa: E731
        "continued_pretraining"
    ]
    ratio = large.self_hosting.parameters_b / small.self_hosting.parameters_b
    assert price(large, 10e9) / price(small, 10e9) == pytest.approx(ratio, rel=1e-6)
    assert price(small, 20e9) == pytest.approx(2 * price(small, 10e9), rel=1e-6)
    # 8B parameters x 10B tokens: 4.8e20 FLOPs / (989e12 x 0.4) / 3600 = about 337 H100 hours
    hours = 6 * 8e9 * 10e9 / (989e12 * 0.4) / 3600
    assert price(small, 10e9) == pytest.approx(hours * catalog.gpu_rate("H100-80GB"), rel=1e-6)


def test_owned_gpus_that_hold_full_training_cost_no_rent():
    catalog = load_catalog()
    model = catalog.find("ministral-8b-2512")  # 8B x 19.2 GB = 154 GB of GPU memory
    one_off, notes = cost.continued_pretraining_cost(model, _work(10e9, "2x A100-80GB"), catalog)
    assert one_off["continued_pretraining"] == 0
    assert "no rent" in notes[0] and "2x A100-80GB" in notes[0]
    # GPUs too small for full training: rented, and said so
    one_off, notes = cost.continued_pretraining_cost(model, _work(10e9, "1x A100-80GB"), catalog)
    assert one_off["continued_pretraining"] > 0 and "H100-80GB" in notes[0]


def test_continued_pretrained_weights_are_self_hosted_and_sized_to_the_budget():
    """The new weights run only where the team hosts them, and the training is ranked spread over
    a year, so a $2,000/month team is not told to retrain a model of hundreds of billions."""
    rec = recommend(
        {**CORPUS, "requests_per_month": 20_000, "monthly_budget_usd": 2000}, today=TODAY
    )
    assert rec.cost.assumptions[0].startswith("deployment: self-hosted")
    one_off = rec.cost.breakdown["one_off_continued_pretraining"]
    assert one_off / 12 + rec.cost.monthly_usd <= 2000
    assert not [w for w in rec.why_not if "cannot run on your own machines" in w.reason]


@pytest.mark.parametrize("extra", [{}, {"deployment": "cloud-api"}, {"data_residency": "eu"}])
def test_continued_pretraining_stays_within_one_training_node_and_off_cloud_apis(extra):
    """Even with no budget, or when nothing meets every constraint, the retrained model is one a
    team can retrain on one 8-GPU node, and it is self-hosted."""
    rec = recommend({**CORPUS, **extra}, today=TODAY)
    model = load_catalog().get(rec.model.id)
    memory = hardware.full_training_memory_gb(model.self_hosting.parameters_b)
    assert hardware.gpus_needed(memory, "H100-80GB") <= 8
    assert rec.cost.assumptions[0].startswith("deployment: self-hosted")
