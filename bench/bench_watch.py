"""Decision watch benchmark: `watch` over 10,000 stored decisions (goal: under 10 s).

The decisions are the public scenarios with their volumes and budgets varied, so nearly every
stored questionnaire is distinct (no shortcut from repeats), saved as the advisor saves them. They
are checked against a catalog in which the most common pick retires in 40 days and another model's
prices fall by 90%, so the run finds work to report, then once more (nothing new: all reported).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_home  # noqa: E402

DECISIONS = 10_000
GOAL_S = 10.0


def main() -> None:
    scratch_home("advisor-bench-watch-", replace=True)
    sys.path.insert(0, str(ROOT))
    from advisor.advice import scenarios
    from advisor.advice.recommender import recommend
    from advisor.catalog.catalog import Catalog, load_catalog
    from advisor.history import watch
    from advisor.store import Store

    store = Store()
    base = [recommend(case["input"]) for case in scenarios.load(ROOT / "tests/data/advice.jsonl")]
    rng = random.Random(7)
    started = time.perf_counter()
    with store.db.conn:
        for number in range(DECISIONS):
            rec = base[number % len(base)]
            answers = dict(rec.questionnaire)
            if "requests_per_month" in answers:
                answers["requests_per_month"] = rng.randrange(1_000, 2_000_000)
            if answers.get("monthly_budget_usd"):
                answers["monthly_budget_usd"] = rng.randrange(10, 20_000)
            result = {**rec.to_json(), "questionnaire": answers}
            store.db["recommendations"].insert(
                {
                    "created": "2026-11-01T00:00:00+00:00", "source": "cli", "user": None,
                    "channel": None, "use_case": answers.get("use_case", "")[:500],
                    "model_id": rec.model.id, "approach": rec.approach.primary,
                    "monthly_usd": rec.cost.monthly_usd, "questionnaire": json.dumps(answers),
                    "result": json.dumps(result),
                }
            )  # fmt: skip
    seeded = time.perf_counter() - started

    catalog = load_catalog()
    common = Counter(rec.model.id for rec in base).most_common(1)[0][0]
    cut = next(rec.alternatives[0] for rec in base if rec.alternatives)
    soon = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    models = []
    for model in catalog.models:
        if model.id == common:
            model = model.model_copy(update={"deprecation_date": soon})
        elif model.id == cut.id:
            cheaper = {
                k: v * 0.1 if k.endswith("_per_1m") and v else v for k, v in model.pricing.items()
            }
            model = model.model_copy(update={"pricing": cheaper})
        models.append(model)
    moved = Catalog(as_of=catalog.as_of, gpu_hourly_usd=catalog.gpu_hourly_usd, models=models)

    first = watch.watch(store, moved)
    second = watch.watch(store, moved)
    kinds = Counter(finding.kind for finding in first.new)
    verdict = "within" if first.seconds < GOAL_S else "OVER"
    print(
        f"watch over {first.checked:,} stored decisions ({first.distinct:,} distinct "
        f"questionnaires, {os.cpu_count()} cores): {first.seconds:.2f} s ({verdict} the {GOAL_S:.0f} s "
        f"goal); {len(first.new):,} findings ({dict(kinds)}); second run {second.seconds:.2f} s, "
        f"{len(second.new)} new; seeding {seeded:.1f} s"
    )


if __name__ == "__main__":
    main()
