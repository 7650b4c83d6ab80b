"""Issue 12, class 3: a plan is one that can be carried out. Fine-tuning only where the weights are
open or the provider sells it; GPU hours scale with the model; air-gapped and $0 plans hold no
cloud part; GPUs the team owns cost no rent."""

from __future__ import annotations

import re

import pytest
from advice_checks import CLOUD_MARKS

from advisor.advice.cost import Workload, estimate, fine_tuning_cost
from advisor.advice.recommender import recommend
from advisor.catalog.catalog import load_catalog

CATALOG = load_catalog()
RAG = {"private_knowledge": True, "document_count": 5000, "update_frequency": "weekly"}


def _cloud_parts(rec) -> list[str]:
    notes = " ".join(rec.cost.assumptions)
    return [part for part in CLOUD_MARKS if part in notes]


def test_air_gapped_rag_has_no_cloud_component_anywhere():
    rec = recommend(
        {"task": "question-answering", "deployment": "air-gapped", "requests_per_month": 20_000,
         "data": RAG}
    )  # fmt: skip
    assert rec.approach.primary == "rag"
    assert CATALOG.get(rec.model.id).open_weights
    for model in [rec.model, *rec.alternatives]:
        assert CATALOG.get(model.id).open_weights, model.id
    assert _cloud_parts(rec) == []
    assert re.search(r"embedded locally with \S+ \(open weights\)", " ".join(rec.cost.assumptions))
    assert rec.cost.breakdown["rag_query_embeddings"] == 0


def test_a_zero_dollar_rag_plan_never_bills_cloud_embeddings():
    rec = recommend(
        {"task": "chat", "monthly_budget_usd": 0, "requests_per_month": 5000, "data": RAG}
    )
    assert rec.cost.monthly_usd == 0
    assert not any(key.startswith("one_off_rag") for key in rec.cost.breakdown)
    assert "text-embedding-3-small" not in " ".join(rec.cost.assumptions)


def test_owned_gpus_cost_no_rent():
    answers = {"task": "summarization", "deployment": "self-hosted", "requests_per_month": 50_000}
    rented = recommend(answers)
    owned = recommend({**answers, "owned_gpus": "2x A100-80GB"})
    assert rented.cost.breakdown["hosting_hours"] > 0
    assert owned.cost.breakdown["hosting_hours"] == 0
    assert any("GPUs you own" in note for note in owned.cost.assumptions)
    assert "rented" not in owned.cost.assumptions[0]


def test_owned_gpus_do_not_host_a_model_too_big_for_them():
    model = next(
        m for m in CATALOG.models if m.self_hosting and (m.self_hosting.gpu_memory_gb or 0) > 500
    )
    work = Workload("chat", 10_000, 500, 300, owned_gpus="1x L4")
    cost = estimate(model, work, CATALOG, ["self-hosted"])
    assert cost is not None and cost.monthly_usd > 0


def _open_tunable(size_low: float, size_high: float):
    return next(
        m
        for m in CATALOG.models
        if m.open_weights
        and "fine-tunable" in m.capabilities
        and m.self_hosting
        and m.self_hosting.parameters_b
        and size_low <= m.self_hosting.parameters_b <= size_high
        and m.price("fine_tuning_per_1m_training_tokens") is None
    )


def test_fine_tuning_hours_scale_with_parameter_count():
    small, large = _open_tunable(1, 9), _open_tunable(60, 500)
    work = Workload("classification", 0, 500, 5, fine_tune_examples=20_000)
    small_cost = fine_tuning_cost(small, work, CATALOG)[0]["fine_tuning"]
    large_cost = fine_tuning_cost(large, work, CATALOG)[0]["fine_tuning"]
    ratio = large.self_hosting.parameters_b / small.self_hosting.parameters_b
    assert large_cost > small_cost * ratio * 0.5
    note = fine_tuning_cost(large, work, CATALOG)[1][0]
    assert "GPU hours" in note and "GB of GPU memory" in note


def test_fine_tuning_on_owned_gpus_costs_no_rent():
    model = _open_tunable(1, 9)
    work = Workload(
        "classification", 0, 500, 5, fine_tune_examples=20_000, owned_gpus="2x A100-80GB"
    )
    cost, notes = fine_tuning_cost(model, work, CATALOG)
    assert cost["fine_tuning"] == 0 and "GPUs you own" in notes[0]


@pytest.mark.parametrize("license", [None, "proprietary", "open-weights"])
def test_lora_only_for_open_weights_and_tuned_models_priced_as_tuned(license):
    answers = {"task": "classification", "requests_per_month": 300_000, "input_tokens": 400,
               "output_tokens": 5, "data": {"labeled_examples": 5000}}  # fmt: skip
    if license:
        answers["license"] = license
    rec = recommend(answers)
    assert rec.approach.primary == "fine-tuning"
    model = CATALOG.get(rec.model.id)
    assert "fine-tunable" in model.capabilities
    techniques = " ".join(rec.approach.techniques)
    if model.architecture == "encoder-only":
        assert "classification head" in techniques and "LoRA" not in techniques
        assert not [note for note in rec.cost.assumptions if "LoRA" in note]
    elif model.open_weights:
        assert "LoRA" in techniques
    else:
        assert "no LoRA" in techniques and "fine-tuning API" in techniques
        if model.price("fine_tuned_input_per_1m") is not None:
            assert any("fine-tuned $" in note for note in rec.cost.assumptions)


def test_closed_models_are_never_self_hosted():
    closed = next(m for m in CATALOG.models if not m.open_weights and m.price("input_per_1m"))
    forced = closed.model_copy(update={"deployment": [*closed.deployment, "self-hosted"]})
    work = Workload("chat", 1000, 500, 300)
    assert estimate(forced, work, CATALOG, ["self-hosted", "on-device"]) is None


def test_free_text_air_gapped_with_owned_gpus_is_priced_at_no_rent():
    rec = recommend(
        {"use_case": "Answer questions from our internal contract archive, 300 contracts a "
         "year, ~40 questions each. No data may leave the building; we already have two A100s."}
    )  # fmt: skip
    assert rec.questionnaire["deployment"] == "air-gapped"
    assert rec.questionnaire["owned_gpus"] == "2x A100-80GB"
    assert rec.cost.monthly_usd == 0
    assert _cloud_parts(rec) == []


def test_a_fine_tuned_encoder_classifier_meets_json_output():
    """Class 6: a classifier head returns a label and a score, which its endpoint returns as JSON;
    asking for JSON must not rule the encoders out of a fine-tuning plan."""
    rec = recommend(
        {"use_case": "Assign each support ticket one of 14 queue labels, returned as JSON",
         "task": "classification", "requests_per_month": 2_000_000, "input_tokens": 300,
         "output_tokens": 10, "monthly_budget_usd": 200, "needs": ["json-output"],
         "resources": "high", "data": {"labeled_examples": 40_000}}
    )  # fmt: skip
    assert rec.approach.primary == "fine-tuning"
    assert not [entry for entry in rec.why_not if "lacks json-output" in entry.reason]
    encoders = [
        m for m in [rec.model, *rec.alternatives]
        if CATALOG.get(m.id).architecture == "encoder-only"
    ]  # fmt: skip
    assert encoders, "no encoder among the pick and its alternatives"
    for model in [rec.model, *rec.alternatives]:
        assert "json-output" in CATALOG.get(model.id).capabilities, model.id
    if CATALOG.get(rec.model.id).architecture == "encoder-only":
        steps = " ".join(rec.approach.techniques)
        assert "classification head" in steps and "LoRA" not in steps, steps


def test_only_encoders_with_a_task_head_claim_json_output():
    for model in CATALOG.models:
        if model.architecture == "encoder-only" and "json-output" in model.capabilities:
            assert {"classification", "extraction"} & set(model.tasks), model.id


def test_the_closest_match_is_not_put_on_a_device_nobody_asked_for():
    """When nothing meets every constraint, the fallback may relax the deployment, but a server-
    sized model is never priced as a free on-device app unless on-device was asked for."""
    rec = recommend(
        {"task": "chat", "deployment": "cloud-api", "data_residency": "eu",
         "context_tokens": 50_000_000}
    )  # fmt: skip
    assert any("No model meets every hard constraint" in w for w in rec.warnings)
    assert not rec.cost.assumptions[0].startswith("deployment: on your own device")
    assert all(cost > 0 for cost in rec.alternative_costs.values()), rec.alternative_costs
