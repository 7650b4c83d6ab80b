"""EU-only data residency (issue 12, item 1): read from text in English and Swedish, and a hard
rule in the plan: every hosted part keeps the data in the EU, everything else runs on the user's
own machines."""

from __future__ import annotations

import pytest

from advisor.advice import residency
from advisor.advice.recommender import recommend
from advisor.catalog.catalog import load_catalog
from advisor.intake import read_use_case

CATALOG = load_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "Summarise case files; the data must stay in the EU",
        "Patient letters, processed within the EEA only",
        "EU-hosted only, answer questions from our policies",
        "Datan måste stanna inom EU, sammanfatta våra avtal",
        "Personuppgifterna får bara behandlas inom EU",
        "All prompts must be processed in Europe",
    ],
)
def test_eu_only_is_read_from_text(text):
    read = read_use_case(text)
    assert read["answers"]["data_residency"] == "eu"
    assert "data_residency" in read["inferred"]


@pytest.mark.parametrize(
    "text",
    [
        "We sell shoes across the EU",
        "Translate Europe sales reports",
        "A support bot for our customers who live in Europe",
        "Chatbot for EU-based customers",
        "We keep costs low in Europe",
        "We do not need the data to stay in the EU",
        "Hosting in the EU is not required",
        "Vi är ett företag inom EU",
    ],
)
def test_mentioning_europe_is_not_a_residency_rule(text):
    assert "data_residency" not in read_use_case(text)["answers"]


def _assert_eu_only(rec):
    assert rec.questionnaire["data_residency"] == "eu"
    for info in [rec.model, *rec.alternatives, *(c.model for c in rec.components)]:
        model = CATALOG.find(info.id)
        if model is None:  # the vector store (Chroma) runs on the user's machines
            continue
        # closed weights can only be reached through an API: it must keep the data in the EU
        assert model.open_weights or residency.hosted_in(model, "eu"), (
            f"{info.id} ({model.provider}) is closed and not EU-hosted"
        )
    cloud = rec.cost.assumptions[0].startswith("deployment: the provider's cloud API")
    notes = " ".join(rec.cost.assumptions)
    if cloud:
        assert residency.hosted_in(CATALOG.get(rec.model.id), "eu")
        assert "EU-only processing:" in notes and "2026" in notes.split("EU-only processing:")[1]
    assert "text-embedding-3-small" not in notes or residency.hosted_in(
        CATALOG.get("text-embedding-3-small"), "eu"
    )


@pytest.mark.parametrize(
    "answers",
    [
        {"task": "speech-to-text", "audio_minutes_per_month": 20_000},
        {"task": "chat", "requests_per_month": 100_000, "priority": "cost"},
        {"use_case": "Voice agent for our support line, 5,000 calls a month of about 4 minutes"},
        {"use_case": "Answer staff questions from our 5,000-page wiki, 20k questions a month"},
    ],
)
def test_an_eu_only_plan_has_no_hosted_part_outside_the_eu(answers):
    _assert_eu_only(recommend({**answers, "data_residency": "eu"}))


def test_the_rule_changes_the_pick_where_the_best_host_is_outside_the_eu():
    answers = {"task": "speech-to-text", "audio_minutes_per_month": 20_000}
    anywhere = recommend(answers)
    model = CATALOG.get(anywhere.model.id)
    assert anywhere.cost.assumptions[0].startswith("deployment: the provider's cloud API")
    assert residency.hosted_in(model, "eu") is None  # else this case tests nothing
    in_eu = recommend({**answers, "data_residency": "eu"})
    assert in_eu.model.id != anywhere.model.id


def test_a_closed_model_without_an_eu_api_says_why_it_is_out():
    rec = recommend({"task": "chat", "requests_per_month": 10_000, "data_residency": "eu"})
    reasons = [entry.reason for entry in rec.why_not]
    closed_outside = [
        m for m in CATALOG.serving("chat")
        if not m.open_weights and residency.hosted_in(m, "eu") is None
    ]  # fmt: skip
    assert closed_outside
    assert any("keeps data in the EU (data_residency: eu)" in reason for reason in reasons)


def test_an_open_model_priced_at_another_host_is_not_eu_hosted_by_its_maker():
    whisper = CATALOG.get("whisper-large-v3-turbo")
    assert whisper.provider == "OpenAI" and "groq" in whisper.pricing["source"].lower()
    assert residency.hosted_in(whisper, "eu") is None
    assert residency.allowed_modes(whisper, "eu", ["cloud-api", "self-hosted"]) == ["self-hosted"]
    assert residency.allowed_modes(whisper, None, ["cloud-api"]) == ["cloud-api"]


def test_the_answer_says_it_understood_the_data_stays_in_the_eu():
    from advisor.present import understood_line

    rec = recommend({"use_case": "Summarise our case files; the data must stay in the EU"})
    assert "data stays in the EU" in understood_line(rec)
