"""Issue 12's own cases (tests/data/advice_expert.jsonl): free text as people type it, some in
Swedish, and structured answers, each with the properties an expert would check."""

from __future__ import annotations

import json

import pytest
from advice_checks import problems
from paths import DATA

from advisor.advice.recommender import recommend

CASES = [json.loads(line) for line in (DATA / "advice_expert.jsonl").open() if line.strip()]


def test_there_are_enough_cases_half_of_them_free_text_some_swedish():
    free = [case for case in CASES if "use_case" in case["input"] and "task" not in case["input"]]
    swedish = [
        case for case in free if any(w in case["input"]["use_case"] for w in ("å", "ä", "ö"))
    ]
    assert len(CASES) >= 20 and len(free) * 2 >= len(CASES) and len(swedish) >= 3


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_expert_case(case):
    assert problems(case, recommend(case["input"])) == []
