"""How much an answer would move the advice: the real recommender is run on the answers known so
far with each plausible value of a missing field, and the field whose values change the pick (the
model and the approach) or the monthly cost most is asked first.

The recommender is fast (tens of milliseconds a run on the bundled catalog), so the few fields the
bot may ask are weighed afresh for every reading; a run that fails leaves that field with no
measured impact, and the fixed order of `FALLBACK` breaks ties.

The recommender reads text through this package, so it is not imported from here: it hands itself
over with `use(recommend)` when it is loaded (advisor/advice/recommender.py; advisor.api loads it
with the intake). Whoever asks first, the question is weighed the same way: when nothing has
loaded the recommender yet, the first weighing loads it by its module name (RECOMMENDER), after
this package has loaded, so there is no import cycle and the order never depends on what
happened to be imported before. Only a recommender that cannot load leaves the fixed order.
"""

from __future__ import annotations

import copy
import importlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..questionnaire import set_answer

# Values a person might plausibly give, from small to large, for each field the bot may ask.
PLAUSIBLE: dict[str, tuple[Any, ...]] = {
    "data.private_knowledge": (False, True),
    "requests_per_month": (2_000, 20_000, 200_000),
    "images_per_month": (100, 1_000, 10_000),
    "audio_minutes_per_month": (1_000, 10_000, 100_000),
    "monthly_budget_usd": (20, 500, 20_000),
    "deployment": ("cloud-api", "self-hosted", "on-device"),
}
# When runs cannot tell fields apart (or fail), the order an adviser would ask in: the task
# first (everything rests on it), then what decides the approach, then what scales the cost.
FALLBACK = {
    "task": 100,
    "data.private_knowledge": 60,
    "requests_per_month": 50,
    "images_per_month": 50,
    "audio_minutes_per_month": 50,
    "monthly_budget_usd": 40,
    "deployment": 30,
}
# A tenfold spread in the monthly cost counts as much as a different pick.
COST_DECADES_FOR_A_PICK = 1.0
_CACHE_SIZE = 64

# The module that hands over the recommender as it loads (an upper layer: named, not imported).
RECOMMENDER = "advisor.advice.recommender"

_lock = threading.Lock()
_cache: OrderedDict[str, float] = OrderedDict()
_recommend: Callable[[dict], Any] | None = None


def use(recommend: Callable[[dict], Any]) -> None:
    """The recommender that weighs the answers (answers dict -> Recommendation)."""
    global _recommend
    _recommend = recommend


def recommender() -> Callable[[dict], Any] | None:
    """The recommender that weighs the answers, loading it on first use (it hands itself over
    through `use` as it loads); None only when it cannot load."""
    if _recommend is None:
        try:
            importlib.import_module(RECOMMENDER)
        except ImportError:
            return None
    return _recommend


def impact(answers: dict, field: str) -> float:
    """How much the advice moves across the plausible values of `field`: the share of values that
    change the pick (model and approach), plus the spread of the monthly cost in decades (a
    tenfold spread counts as one pick change). 0.0 when it cannot be measured."""
    values = PLAUSIBLE.get(field)
    if not values:
        return 0.0
    key = json.dumps([field, answers], sort_keys=True, default=str)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    outcomes = [outcome for value in values if (outcome := _outcome(answers, field, value))]
    score = 0.0
    if len(outcomes) >= 2:
        picks = {pick for pick, _ in outcomes}
        costs = [max(cost, 1.0) for _, cost in outcomes]  # below $1 a month all is "free"
        spread = math.log10(max(costs) / min(costs)) / COST_DECADES_FOR_A_PICK
        score = round((len(picks) - 1) / (len(outcomes) - 1) + spread, 4)
    with _lock:
        _cache[key] = score
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return score


def by_impact(answers: dict, fields: list[str]) -> list[str]:
    """`fields` ordered by how much their answer would move the advice, most first; the task, when
    missing, always leads (without it nothing can be weighed)."""
    if "task" in fields or not answers.get("task") or recommender() is None:
        return sorted(fields, key=lambda field: -FALLBACK.get(field, 0))
    scores = {field: impact(answers, field) for field in fields}
    return sorted(fields, key=lambda field: (-scores[field], -FALLBACK.get(field, 0)))


def _outcome(answers: dict, field: str, value: Any) -> tuple[tuple[str, str], float] | None:
    """(pick, monthly cost) of the advice with `field` set to `value`; None when it fails."""
    from ..errors import AdvisorError

    recommend = recommender()
    if recommend is None:
        return None
    trial = copy.deepcopy(answers)
    trial.pop("inferred", None)
    set_answer(trial, field, value)
    try:
        rec = recommend(trial)
    except (AdvisorError, ValueError, LookupError):
        return None  # e.g. no model can serve it as stated: this value says nothing
    return (rec.model.id, rec.approach.primary), rec.cost.monthly_usd
