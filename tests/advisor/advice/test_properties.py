"""Property: any valid questionnaire gives a recommendation whose model serves the task."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.advice.recommender import recommend
from advisor.catalog.catalog import load_catalog
from advisor.questionnaire import (
    DEPLOYMENTS,
    LATENCIES,
    LICENSES,
    NEEDS,
    RESOURCES,
    TASKS,
    UPDATE_FREQUENCIES,
)

counts = st.integers(min_value=0, max_value=10**9)
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
optional = lambda strategy: st.none() | strategy  # noqa: E731

questionnaires = st.fixed_dictionaries(
    {"task": st.sampled_from(TASKS)},
    optional={
        "use_case": st.text(max_size=200),
        "requests_per_month": counts,
        "input_tokens": st.integers(0, 2_000_000),
        "output_tokens": st.integers(0, 100_000),
        "audio_minutes_per_month": amounts,
        "images_per_month": counts,
        "monthly_budget_usd": amounts,
        "latency": st.sampled_from(LATENCIES),
        "deployment": st.sampled_from(DEPLOYMENTS),
        "license": st.sampled_from(LICENSES),
        "languages": st.lists(st.sampled_from(["en", "sv", "de", "fi", "ja", "sw"]), max_size=3),
        "context_tokens": st.integers(0, 3_000_000),
        "needs": st.lists(st.sampled_from(NEEDS), max_size=4, unique=True),
        "resources": st.sampled_from(RESOURCES),
        "data": st.fixed_dictionaries(
            {},
            optional={
                "private_knowledge": st.booleans(),
                "document_count": counts,
                "update_frequency": st.sampled_from(UPDATE_FREQUENCIES),
                "labeled_examples": counts,
                "sensitive": st.booleans(),
                "domain_corpus_tokens": st.integers(0, 10**13),
            },
        ),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires)
def test_any_valid_questionnaire_gets_a_model_for_its_task(answers):
    result = recommend(answers)
    model = load_catalog().get(result.model.id)
    assert answers["task"] in model.tasks
    assert result.approach.primary in (
        "prompt-engineering",
        "rag",
        "fine-tuning",
        "training-from-scratch",
    )
    assert result.cost.monthly_usd >= 0
    assert result.approach.reasons
    budget = answers.get("monthly_budget_usd")
    if budget is not None and result.cost.monthly_usd > budget:
        assert any("budget" in warning for warning in result.warnings)
