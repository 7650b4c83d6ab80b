"""One judge for the advice cases in tests/data (advice_expert.jsonl, advice_approach.jsonl): what
in a recommendation breaks a case's `expect` (an empty list when it passes).

Keys: task, approach (acceptable primaries), answers (field -> value, numbers within 1%; a value
read from free text must be listed as inferred), open_weights / fine_tunable (the pick and every
alternative), no_cloud, max_monthly_usd, max_hosting_usd, within_budget, and text checks:
assumed_contains, assumptions_contain, techniques_contain, reasons_contain, reasons_lack."""

from __future__ import annotations

from advisor.catalog.catalog import load_catalog
from advisor.questionnaire import get_answer

CATALOG = load_catalog()
# what a plan with a cloud part says in its cost notes
CLOUD_MARKS = ("text-embedding-3-small", "cloud API", "rented cloud")
TEXT_CHECKS = (
    ("assumed_contains", "assumed lacks", lambda rec: rec.assumed, True),
    ("assumptions_contain", "cost notes lack", lambda rec: rec.cost.assumptions, True),
    ("techniques_contain", "techniques lack", lambda rec: rec.approach.techniques, True),
    ("reasons_contain", "reasons lack", lambda rec: rec.approach.reasons, True),
    ("reasons_lack", "reasons say", lambda rec: rec.approach.reasons, False),
)


def _answer_problems(case: dict, q: dict) -> list[str]:
    out = []
    for field, value in case["expect"].get("answers", {}).items():
        got = get_answer(q, field)
        if isinstance(value, float | int) and not isinstance(value, bool):
            if got is None or abs(got - value) > 0.01 * max(1, abs(value)):
                out.append(f"{field} {got} != {value}")
        elif got != value:
            out.append(f"{field} {got!r} != {value!r}")
        elif get_answer(case["input"], field) is None and field not in q.get("inferred", []):
            out.append(f"{field} not listed as inferred")
    return out


def problems(case: dict, rec) -> list[str]:
    """What in `rec` breaks the case's expectations (empty when it passes)."""
    expect, q = case["expect"], rec.questionnaire
    out = []
    if "task" in expect and q["task"] != expect["task"]:
        out.append(f"task {q['task']} != {expect['task']}")
    if "approach" in expect and rec.approach.primary not in expect["approach"]:
        out.append(f"approach {rec.approach.primary} not in {expect['approach']}")
    out += _answer_problems(case, q)
    models = [CATALOG.get(m.id) for m in [rec.model, *rec.alternatives]]
    if expect.get("open_weights"):
        out += [f"{m.id} is not open" for m in models if not m.open_weights]
    if expect.get("fine_tunable"):
        out += [
            f"{m.id} cannot be fine-tuned" for m in models if "fine-tunable" not in m.capabilities
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
    for key, complaint, texts, wanted in TEXT_CHECKS:
        joined = " ".join(texts(rec))
        out += [
            f"{complaint} {text!r}" for text in expect.get(key, []) if (text in joined) != wanted
        ]
    return out
