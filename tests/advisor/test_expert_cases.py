"""Issue 12's own cases (tests/data/advice_expert.jsonl): free text as people type it, some in
Swedish, and structured answers, each with the properties an expert would check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.catalog import load_catalog
from advisor.recommender import recommend

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent.parent / "data" / "advice_expert.jsonl").open()
    if line.strip()
]
CATALOG = load_catalog()
CLOUD_MARKS = ("text-embedding-3-small", "cloud API", "rented cloud")


def problems(case: dict, rec) -> list[str]:
    """What in `rec` breaks the case's expectations (empty when it passes)."""
    expect, q, out = case["expect"], rec.questionnaire, []
    if "task" in expect and q["task"] != expect["task"]:
        out.append(f"task {q['task']} != {expect['task']}")
    if "approach" in expect and rec.approach.primary not in expect["approach"]:
        out.append(f"approach {rec.approach.primary} not in {expect['approach']}")
    for field, value in expect.get("answers", {}).items():
        got = q.get(field)
        if isinstance(value, float | int) and not isinstance(value, bool):
            if got is None or abs(got - value) > 0.01 * max(1, abs(value)):
                out.append(f"{field} {got} != {value}")
        elif got != value:
            out.append(f"{field} {got!r} != {value!r}")
        elif field in {key for key in case["input"]} or field in q.get("inferred", []):
            continue
        else:
            out.append(f"{field} not listed as inferred")
    models = [rec.model, *rec.alternatives]
    if expect.get("open_weights"):
        out += [f"{m.id} is not open" for m in models if not CATALOG.get(m.id).open_weights]
    if expect.get("fine_tunable"):
        out += [
            f"{m.id} cannot be fine-tuned"
            for m in models
            if "fine-tunable" not in CATALOG.get(m.id).capabilities
        ]
    notes = " ".join(rec.cost.assumptions)
    if expect.get("no_cloud"):
        out += [f"cloud part: {mark}" for mark in CLOUD_MARKS if mark in notes]
    if "max_monthly_usd" in expect and rec.cost.monthly_usd > expect["max_monthly_usd"]:
        out.append(f"monthly {rec.cost.monthly_usd} > {expect['max_monthly_usd']}")
    if "max_hosting_usd" in expect:
        hosting = rec.cost.breakdown.get("hosting_hours", rec.cost.breakdown.get("hosting", 0))
        if hosting > expect["max_hosting_usd"]:
            out.append(f"hosting {hosting} > {expect['max_hosting_usd']}")
    if expect.get("within_budget"):
        budget = q.get("monthly_budget_usd")
        if budget is None or rec.cost.monthly_usd > budget:
            out.append(f"monthly {rec.cost.monthly_usd} over budget {budget}")
    assumed = " ".join(rec.assumed)
    out += [
        f"assumed lacks {text!r}"
        for text in expect.get("assumed_contains", [])
        if text not in assumed
    ]
    out += [
        f"cost notes lack {text!r}"
        for text in expect.get("assumptions_contain", [])
        if text not in notes
    ]
    techniques = " ".join(rec.approach.techniques)
    out += [
        f"techniques lack {text!r}"
        for text in expect.get("techniques_contain", [])
        if text not in techniques
    ]
    return out


def test_there_are_enough_cases_half_of_them_free_text_some_swedish():
    free = [case for case in CASES if "use_case" in case["input"] and "task" not in case["input"]]
    swedish = [
        case for case in free if any(w in case["input"]["use_case"] for w in ("å", "ä", "ö"))
    ]
    assert len(CASES) >= 20 and len(free) * 2 >= len(CASES) and len(swedish) >= 3


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_expert_case(case):
    assert problems(case, recommend(case["input"])) == []
