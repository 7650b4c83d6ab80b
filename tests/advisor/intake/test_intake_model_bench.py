"""bench/intake_model.py: the intake model's reading measured from recorded replies, played back
over real HTTP by the local fake OpenAI-compatible server, on cases written for these tests."""

from __future__ import annotations

import json

import pytest
from tiers import needs  # tests/tiers.py

from advisor.intake import llm
from advisor.questionnaire import set_answer
from bench import intake_model
from bench.intake_scoring import load, read_jsonl

CASES = [
    {"id": "t1", "text": "Summarise our 200 support emails a day. Budget $300 a month.",
     "gold": {"task": "summarization", "requests_per_month": 6000, "monthly_budget_usd": 300}},
    {"id": "t2", "text": "Vi vill översätta ca 300 brev i månaden till arabiska, helst billigt.",
     "gold": {"task": "translation", "requests_per_month": 300, "languages": ["ar"]}},
    {"id": "t3", "text": "We run Ollama and our GPT-4 bill is too high. Any advice?", "gold": {}},
]  # fmt: skip


def nested(flat: dict) -> dict:
    answers: dict = {}
    for path, value in flat.items():
        set_answer(answers, path, value)
    return answers


@pytest.fixture(scope="module")
@needs("server")
def scores():
    return intake_model.measure(CASES, {case["id"]: nested(case["gold"]) for case in CASES})


def test_a_model_that_reads_the_gold_makes_the_cross_checked_reading_the_gold(scores):
    """Values only the readers found are left unset, the model's are used where the two differ
    or the readers found none: replies equal to the gold give the gold, but for t3, where the
    model read nothing at all and the readers did, which counts as no reading (the readers'
    values stand, with a warning)."""
    alone = scores["model alone"].overall()
    assert (alone.read_right, alone.read, alone.gold) == (6, 6, 6)
    checked = scores["cross-checked"].overall()
    assert (checked.read_right, checked.gold) == (6, 6)
    assert checked.read > 6 and set(scores["cross-checked"].fields) > {"task", "languages"}


def test_the_readers_alone_are_scored_on_the_same_cases(scores):
    total = scores["readers"].overall()
    assert total.gold == 6 and 0 < total.read_right <= total.read


def test_the_kept_replies_are_valid_and_read_only_tuning_cases():
    """Replying to held-out texts would be a look; every kept reply is one questionnaire."""
    tuning = {case["id"] for case in load("tuning")}
    rows = read_jsonl(intake_model.MODEL_REPLIES)
    assert len(rows) >= 100 and len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["id"] in tuning, row["id"]
        llm.parse_reply(json.dumps(row["reply"]))
