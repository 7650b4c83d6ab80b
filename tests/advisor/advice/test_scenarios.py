"""The public advice scenarios: every check their `expect` names, through the path the CLI takes."""

from __future__ import annotations

import pytest
from paths import DATA

from advisor.advice.scenarios import check, load
from advisor.advice.service import advise
from advisor.catalog.catalog import load_catalog

SCENARIOS = load(DATA / "advice.jsonl")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_public_scenario(scenario):
    result = advise(scenario["input"], source="cli")
    assert check(scenario, result) == []


def test_reasons_quote_the_answers_that_drove_them():
    result = advise(SCENARIOS[0]["input"], source="cli")
    reasons = " ".join(result.approach.reasons)
    assert "data.private_knowledge: true" in reasons
    assert 'data.update_frequency: "daily"' in reasons


def test_inferred_fields_are_marked():
    result = advise(
        {"use_case": "Summarise 5k support calls a month, budget $100/month"}, source="cli"
    )
    q = result.questionnaire
    assert q["task"] == "summarization"
    assert q["requests_per_month"] == 5000
    assert q["monthly_budget_usd"] == 100
    assert {"task", "requests_per_month", "monthly_budget_usd"} <= set(q["inferred"])


def test_assumed_defaults_are_stated():
    result = advise({"task": "chat"}, source="cli")
    assert any(entry.startswith("requests_per_month") for entry in result.assumed)


def test_nothing_fits_the_budget_says_so():
    answers = {
        "task": "chat",
        "requests_per_month": 10_000_000,
        "input_tokens": 4000,
        "output_tokens": 1000,
        "monthly_budget_usd": 1,
        "deployment": "cloud-api",
    }
    result = advise(answers, source="cli")
    assert any("budget" in warning for warning in result.warnings)
    assert len(result.alternatives) >= 2


def test_training_from_scratch_costs_the_pretraining():
    scenario = next(s for s in SCENARIOS if s["id"] == "p10")
    result = advise(scenario["input"], source="cli")
    assert result.cost.breakdown["one_off_pretraining"] > 1_000
    assert any("pretraining" in assumption for assumption in result.cost.assumptions)


def test_recommendation_is_saved():
    from advisor.store import Store

    result = advise({"task": "translation", "languages": ["sv", "en"]}, source="ui", user="U1")
    saved = Store().get_recommendation(result.id)
    assert saved["source"] == "ui" and saved["user"] == "U1"
    assert saved["result"]["model"]["id"] == result.model.id


def test_long_inputs_are_priced_at_their_length():
    result = advise(
        {"task": "summarization", "context_tokens": 200_000, "requests_per_month": 2000},
        source="cli",
    )
    assert result.model.context_window >= 200_000
    assert result.questionnaire["input_tokens"] == 200_000
    assert any(entry.startswith("input_tokens: 200,000") for entry in result.assumed)
    prices = result.model.pricing
    assert result.cost.monthly_usd >= 2000 * 200_000 / 1e6 * prices["input_per_1m"]


def test_no_model_fits_says_which_constraint():
    result = advise({"task": "summarization", "context_tokens": 5_000_000}, source="cli")
    warning = next(w for w in result.warnings if "hard constraint" in w)
    assert "context window" in warning
    assert result.model.context_window >= 1_000_000  # the closest, not a tiny model


def test_encoders_are_only_picked_when_fine_tuning():
    prompted = advise(
        {"task": "classification", "requests_per_month": 10_000_000, "input_tokens": 200},
        source="cli",
    )
    assert prompted.approach.primary == "prompt-engineering"
    assert load_catalog().get(prompted.model.id).architecture != "encoder-only"
    assert any("fine-tuned" in entry.reason for entry in prompted.why_not)


def test_zero_budget_warns_that_serving_users_needs_a_machine():
    result = advise(
        {
            "use_case": "Support chatbot for our webshop, 50k conversations a month",
            "monthly_budget_usd": 0,
        },
        source="cli",
    )
    assert result.model.open_weights
    assert any("$0" in warning for warning in result.warnings)


def test_fresh_facts_call_for_retrieval_even_without_own_documents():
    result = advise(
        {"task": "question-answering", "data": {"update_frequency": "daily"}}, source="cli"
    )
    assert result.approach.primary == "rag"
    assert 'data.update_frequency: "daily"' in result.approach.reasons[0]


# -- retirements: advice never rests on a model about to go --------------------------------------


def _retires_within(model: dict, today: str, days: int) -> bool:
    import datetime as dt

    date = load_catalog().get(model.id).deprecation_date
    if not date:
        return False
    return (dt.date.fromisoformat(date) - dt.date.fromisoformat(today)).days <= days


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_no_scenario_picks_a_model_retired_or_retiring_within_90_days(scenario):
    import datetime as dt

    today = dt.date.today().isoformat()
    result = advise(scenario["input"], source="cli")
    for model in [result.model, *result.alternatives]:
        assert not _retires_within(model, today, 90), (model.id, "retires within 90 days")


def test_a_pick_is_dropped_once_its_retirement_comes_within_90_days(tmp_path):
    """A catalog whose dates move: the same answers, judged on two days."""
    import json

    from advisor.advice.recommender import recommend
    from knowledge import catalog_data

    answers = {"task": "chat", "requests_per_month": 1000, "monthly_budget_usd": 1000}
    first = recommend(answers, today="2026-12-01").model.id
    data = catalog_data.read()
    picked = next(m for m in data["models"] if m["id"] == first)
    picked["deprecation_date"] = "2027-04-01"  # 121 days after 2026-12-01
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data))
    catalog = load_catalog(path)

    assert recommend(answers, catalog, today="2026-12-01").model.id == first
    later = recommend(answers, catalog, today="2027-01-15")  # 76 days before it goes
    assert later.model.id != first
    reasons = {entry.id: entry.reason for entry in later.why_not}
    assert first not in {m.id for m in later.alternatives}
    if first in reasons:
        assert "2027-04-01" in reasons[first] and "within 90 days" in reasons[first]


def test_what_matters_most_moves_the_pick_along_quality_and_cost():
    from advisor.advice.recommender import recommend

    answers = {"task": "chat", "requests_per_month": 50_000, "monthly_budget_usd": 5000}
    best = recommend({**answers, "priority": "quality"})
    cheap = recommend({**answers, "priority": "cost"})
    catalog = load_catalog()

    def quality(rec):
        return catalog.get(rec.model.id).quality_for("chat")

    assert quality(best) > quality(cheap)
    assert best.cost.monthly_usd > cheap.cost.monthly_usd
    assert (
        recommend({**answers, "priority": "balanced"}).model.id == recommend(answers).model.id
    )  # balanced is the default


def test_a_fine_tuning_plan_rests_on_a_model_that_can_be_fine_tuned():
    catalog = load_catalog()
    for scenario in SCENARIOS:
        result = advise(scenario["input"], source="cli")
        if result.approach.primary == "fine-tuning":
            for model in [result.model, *result.alternatives]:
                assert "fine-tunable" in catalog.get(model.id).capabilities, model.id


def test_a_large_budget_buys_the_best_quality_within_it():
    """Cheapest-first is wrong when money is not the constraint: with room to spare the pick is
    the strongest model for the task that fits the budget."""
    from advisor.advice.recommender import recommend

    answers = {"task": "chat", "requests_per_month": 20_000, "deployment": "cloud-api"}
    tight = recommend({**answers, "monthly_budget_usd": 100})
    ample = recommend({**answers, "monthly_budget_usd": 5_000})
    best = max(ample.candidates, key=lambda c: (c.quality or 0, -c.monthly_usd))
    assert ample.model.id == best.id
    assert (best.quality or 0) >= max(
        c.quality or 0 for c in tight.candidates if c.monthly_usd <= 100
    )
    assert tight.cost.monthly_usd <= 100
