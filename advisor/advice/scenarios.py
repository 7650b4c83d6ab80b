"""Check data for advice quality (tests/data/advice.jsonl): load it and judge a recommendation."""

from __future__ import annotations

import json
from pathlib import Path

from ..catalog.catalog import load_catalog
from ..results import Recommendation


def load(path: str | Path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def check(scenario: dict, recommendation: Recommendation | dict) -> list[str]:
    """What a good answer must satisfy (the `expect` of each case); returns the failures, empty
    when it passes.

    Takes the recommendation or its contract JSON (as `recommend --format json` prints it)."""
    result = (
        recommendation.to_json() if isinstance(recommendation, Recommendation) else recommendation
    )
    expect = scenario["expect"]
    model = load_catalog().get(result["model"]["id"])
    failures = []
    if result["approach"]["primary"] not in expect["approach"]:
        failures.append(f"approach {result['approach']['primary']} not in {expect['approach']}")
    if expect["task"] not in model.tasks:
        failures.append(f"{model.id} does not serve {expect['task']}")
    if expect.get("open_weights") and not model.open_weights:
        failures.append(f"{model.id} is not open-weights")
    if expect.get("min_context") and model.context_window < expect["min_context"]:
        failures.append(f"{model.id} context {model.context_window} < {expect['min_context']}")
    for need in expect.get("needs") or []:
        if need not in model.capabilities:
            failures.append(f"{model.id} lacks {need}")
    budget = scenario["input"].get("monthly_budget_usd")
    if expect.get("budget_check") and budget is not None:
        within = result["cost"]["monthly_usd"] <= budget
        warned = any("budget" in warning.lower() for warning in result["warnings"])
        if not (within or warned):
            failures.append(
                f"cost {result['cost']['monthly_usd']} over budget {budget} without a warning"
            )
    if len(result["alternatives"]) < 2:
        failures.append("fewer than 2 alternatives")
    if not result["citations"]:
        failures.append("no citations")
    for citation in result["citations"]:
        if not {"id", "title", "topic"} <= set(citation):
            failures.append(f"citation without id/title/topic: {citation}")
    if not all(reason.strip() for reason in result["approach"]["reasons"]):
        failures.append("empty reason")
    return failures
