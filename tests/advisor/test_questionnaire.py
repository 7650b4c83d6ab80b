"""Bad input is refused with one line naming the field and what is allowed."""

from __future__ import annotations

import pytest

from advisor.errors import InputError
from advisor.questionnaire import parse_questionnaire

BAD = [
    ({}, "use_case"),
    ({"use_case": ""}, "use_case"),
    ({"task": "dance"}, "task"),
    ({"task": 3}, "task"),
    ({"task": "chat", "requests_per_month": -1}, "requests_per_month"),
    ({"task": "chat", "requests_per_month": "lots"}, "requests_per_month"),
    ({"task": "chat", "requests_per_month": 1.5}, "requests_per_month"),
    ({"task": "chat", "input_tokens": -5}, "input_tokens"),
    ({"task": "chat", "output_tokens": "x"}, "output_tokens"),
    ({"task": "chat", "audio_minutes_per_month": -0.5}, "audio_minutes_per_month"),
    ({"task": "chat", "audio_minutes_per_month": float("nan")}, "audio_minutes_per_month"),
    ({"task": "chat", "images_per_month": -3}, "images_per_month"),
    ({"task": "chat", "monthly_budget_usd": -10}, "monthly_budget_usd"),
    ({"task": "chat", "monthly_budget_usd": float("inf")}, "monthly_budget_usd"),
    ({"task": "chat", "monthly_budget_usd": "cheap"}, "monthly_budget_usd"),
    ({"task": "chat", "latency": "slowish"}, "latency"),
    ({"task": "chat", "deployment": "moon"}, "deployment"),
    ({"task": "chat", "license": "gpl"}, "license"),
    ({"task": "chat", "languages": ["english"]}, "languages"),
    ({"task": "chat", "languages": "en"}, "languages"),
    ({"task": "chat", "context_tokens": -1}, "context_tokens"),
    ({"task": "chat", "needs": ["telepathy"]}, "needs"),
    ({"task": "chat", "needs": "json-output"}, "needs"),
    ({"task": "chat", "resources": "infinite"}, "resources"),
    ({"task": "chat", "data": "lots"}, "data"),
    ({"task": "chat", "data": {"private_knowledge": "maybe"}}, "data.private_knowledge"),
    ({"task": "chat", "data": {"document_count": -1}}, "data.document_count"),
    ({"task": "chat", "data": {"update_frequency": "hourly"}}, "data.update_frequency"),
    ({"task": "chat", "data": {"labeled_examples": "many"}}, "data.labeled_examples"),
    ({"task": "chat", "data": {"sensitive": "very"}}, "data.sensitive"),
    ({"task": "chat", "data": {"domain_corpus_tokens": -2}}, "data.domain_corpus_tokens"),
    ({"task": "chat", "data": {"colour": "red"}}, "data.colour"),
    ({"task": "chat", "budget": 5}, "budget"),
    ({"task": "chat", "requests_per_month": 10**30}, "requests_per_month"),
    ({"task": "chat", "requests_per_month": True}, "requests_per_month"),
    ({"task": "chat", "monthly_budget_usd": False}, "monthly_budget_usd"),
]


@pytest.mark.parametrize("answers,field", BAD, ids=[field for _, field in BAD])
def test_bad_field_is_named(answers, field):
    with pytest.raises(InputError) as caught:
        parse_questionnaire(answers)
    message = str(caught.value)
    assert caught.value.field == field
    assert message.startswith(f"{field}:")
    assert "\n" not in message


def test_not_an_object():
    with pytest.raises(InputError) as caught:
        parse_questionnaire(["chat"])
    assert caught.value.field == "questionnaire"


def test_valid_answers_are_normalised():
    q = parse_questionnaire(
        {"task": "chat", "languages": ["EN", "sv", "en"], "needs": ["json-output", "json-output"]}
    )
    assert q.languages == ["en", "sv"]
    assert q.needs == ["json-output"]


def test_huge_use_case_is_accepted_and_capped():
    q = parse_questionnaire({"use_case": "We need summaries. " * 120_000})
    assert len(q.use_case) <= 10_000


# -- the one number reader (form, modal, links, the bot's questions) --------------------------


@pytest.mark.parametrize(
    "text, integer, expected",
    [
        ("20k", True, 20000),
        ("1,500", True, 1500),
        ("25.000", True, 25000),
        ("25 000", True, 25000),
        ("$200", False, 200.0),
        ("$300/month", False, 300.0),
        ("300 usd", False, 300.0),
        ("2.5M", True, 2500000),
        ("1,2 miljoner", True, 1200000),
        ("0", False, 0.0),
    ],
)
def test_parse_number(text, integer, expected):
    from advisor.questionnaire import parse_number

    assert parse_number(text, integer=integer) == expected


@pytest.mark.parametrize("text", ["lots", "-5", "1.5", "", "k", "1e9", "20 bananas"])
def test_parse_number_rejects(text):
    from advisor.questionnaire import parse_number

    with pytest.raises(ValueError):
        parse_number(text, integer=True)


def test_every_field_carries_its_metadata_and_errors_use_it():
    from advisor.questionnaire import ALLOWED, FIELDS, KINDS, STEPS, Questionnaire

    contract = {*Questionnaire.model_fields} - {"data"}
    assert {p for p in FIELDS if "." not in p} == contract
    for path, spec in FIELDS.items():
        assert spec.label and spec.help and spec.allowed, path
        assert spec.kind in KINDS and spec.step in STEPS, path
        assert ALLOWED[path] == spec.allowed
        if spec.kind in ("choice", "multi"):
            assert spec.choices, path
    with pytest.raises(InputError) as bad:
        FIELDS["data.update_frequency"].read("hourly")
    assert str(bad.value) == f"data.update_frequency: {FIELDS['data.update_frequency'].allowed}"
