"""bench/intake_model.py: the intake model's reading measured from recorded replies, played back
over real HTTP by the local fake OpenAI-compatible server, on cases written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from unittest.mock import patch

import pytest
from paths import ROOT  # tests/paths.py
from tiers import needs  # tests/tiers.py

from advisor.intake import llm
from advisor.questionnaire import set_answer
from bench import intake_model
from bench.intake_scoring import load, read_jsonl
from tests import servers

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


def test_each_look_s_replies_answer_that_look_s_cases_with_valid_questionnaires():
    """A look's replies are written before the look, one per case drawn for it (`first_look`)."""
    drawn: dict[int, set[str]] = {}
    for case in load("tuning") + load("heldout"):
        if "first_look" in case:
            drawn.setdefault(case["first_look"], set()).add(case["id"])
    files = sorted(intake_model.MODEL_REPLIES.parent.glob("look*_model_replies.jsonl"))
    assert files
    for path in files:
        rows = read_jsonl(path)
        look = int(path.name.removeprefix("look").split("_")[0])
        assert {row["id"] for row in rows} == drawn[look], path.name
        for row in rows:
            llm.parse_reply(json.dumps(row["reply"]))


GOLD_REPLY = {"task": "summarization", "requests_per_month": 6000, "monthly_budget_usd": 300}


@pytest.fixture(scope="module")
@needs("server")
def live():
    """A provider that answers every text alike, or refuses."""
    replies = {"reads": json.dumps(GOLD_REPLY), "refuses": "I'm sorry, I can't help with that."}
    with servers.serving(servers.FakeChatServer(replies=replies)) as running:
        yield running


def test_a_configured_model_s_replies_are_recorded_once_each(live, tmp_path):
    out = tmp_path / "replies.jsonl"
    with patch.dict(os.environ, servers.intake_model_env(live, "reads")):
        assert intake_model.record(CASES[:2], out) == (2, 0)
        assert intake_model.record(CASES, out) == (1, 0)  # a run cut short resumes
    rows = read_jsonl(out)
    assert [row["id"] for row in rows] == ["t1", "t2", "t3"]
    assert rows[0]["reply"] == GOLD_REPLY
    # and they are what --replies plays back
    scores = intake_model.measure(CASES[:1], {row["id"]: row["reply"] for row in rows})
    assert scores["model alone"].overall().read_right == 3


def test_a_refused_case_is_reported_and_not_recorded(live, tmp_path, capsys):
    out = tmp_path / "replies.jsonl"
    with patch.dict(os.environ, servers.intake_model_env(live, "refuses")):
        assert intake_model.record(CASES[:2], out) == (0, 2)
    assert read_jsonl(out) == []
    assert "t1: no usable reply" in capsys.readouterr().out


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--record", "out.jsonl"], "--record: set ADVISOR_INTAKE_MODEL"),
        (
            ["--record", "out.jsonl", "--sample", "0"],
            "argument --sample: a whole number of cases, 1 or more",
        ),
    ],
)
def test_recording_needs_a_model_and_a_count(tmp_path, args, says):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_INTAKE")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "intake_model.py"), *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert not (tmp_path / "out.jsonl").exists()
