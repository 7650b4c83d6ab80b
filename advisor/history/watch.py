"""Decision watch: re-check stored recommendations against the current catalog.

Each stored decision's recorded answers (the normalised questionnaire, not its free text, which is
not read again) go through the recommender with today's catalog. A decision is flagged when

- its pick has left the catalog, has been retired, or retires within RETIRING_SOON_DAYS;
- a current model that passes the same constraints gives at least the same task quality for at
  most CHEAPER_SHARE of the pick's monthly cost (both priced today); or
- one gives clearly better task quality (by BETTER_BY or more) within the decision's budget (or,
  without a budget, for no more than the pick costs).

Each finding names the old pick, the suggested one, the dated reason and the monthly difference.
Nothing is changed: findings are stored once each (a finding seen before, or dismissed, is never
reported again) for the CLI, the app's History and the bot to show.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import NamedTuple

from ..advice.recommender import monthly_cost_of, recommend, recommend_with_costs
from ..catalog.catalog import Catalog, load_catalog
from ..catalog.quality import quality_figure, ranking_task, task_label
from ..results import Finding, Recommendation
from ..store import Store, default_store
from ..units import money, source_label

CHEAPER_SHARE = 0.7
# On the catalog's 0..1 task-quality scale (docs/catalog.md), 0.05 is 3 points of the Artificial
# Analysis Intelligence Index (/60): more than the spread between runs of one model.
BETTER_BY = 0.05
# Below this many distinct questionnaires one process is quicker than starting a pool.
POOL_FROM = 1500


@dataclass
class WatchReport:
    checked: int  # stored decisions looked at
    distinct: int  # distinct questionnaires among them (each recommended once)
    catalog_as_of: str
    new: list[Finding] = field(default_factory=list)  # reported for the first time now
    open: list[Finding] = field(default_factory=list)  # every finding not dismissed
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "checked": self.checked,
            "catalog_as_of": self.catalog_as_of,
            "new": [f.to_json() for f in self.new],
            "open": [f.to_json() for f in self.open],
        }


class Decision(NamedTuple):
    """What the watch reads of a stored recommendation (no full validation: 10,000 of them)."""

    id: int
    model_id: str
    model_name: str
    monthly_usd: float | None
    catalog_as_of: str | None
    answers: dict

    @classmethod
    def of(cls, row: dict) -> Decision | None:
        """From a `Store.decision_rows` row; None for one the watch cannot read."""
        questionnaire = row.get("questionnaire")
        if not isinstance(questionnaire, dict) or not row.get("model_id"):
            return None
        return cls(
            id=row["id"],
            model_id=row["model_id"],
            model_name=row.get("model_name") or row["model_id"],
            monthly_usd=row.get("monthly_usd"),
            catalog_as_of=row.get("catalog_as_of"),
            answers=recorded_answers(questionnaire),
        )


class Option(NamedTuple):
    id: str
    label: str
    monthly_usd: float | None


class Fresh(NamedTuple):
    """What the recommender says today for a questionnaire: its pick, its alternatives, and the
    monthly cost of every model it weighed. Small on purpose: thousands cross process pipes."""

    pick: Option
    alternatives: list[Option]
    costs: dict[str, float]

    @classmethod
    def of(cls, answers: dict, catalog: Catalog, today: str) -> Fresh:
        rec, costs = recommend_with_costs(answers, catalog, today)
        return cls(
            Option(rec.model.id, rec.model.label, rec.cost.monthly_usd),
            [Option(a.id, a.label, rec.alternative_costs.get(a.id)) for a in rec.alternatives],
            costs,
        )


def recorded_answers(questionnaire: dict) -> dict:
    """A decision's answers as the recommender reads them again: the recorded fields only."""
    return {k: v for k, v in questionnaire.items() if k not in ("inferred", "use_case")}


def _quality(model_id: str, task: str, catalog: Catalog) -> tuple[float, str, bool]:
    """The model's quality for the task, that figure as published with where it comes from
    (dated), and whether it was measured: an estimate is never the evidence that another model
    is as good or better."""
    model = catalog.find(model_id)
    entry = model.quality.get(task) if model else None
    if entry is None:
        return 0.0, "not measured", False
    figure = quality_figure(entry.score, entry.points, entry.metric, entry.measured, entry.sibling)
    where = f"snapshot {entry.snapshot}" if entry.snapshot else source_label(entry.source)
    cited = ", ".join(part for part in (where, entry.as_of) if part)
    return entry.score, f"{figure}, {cited}" if cited else figure, entry.measured


def check(decision: Decision, fresh: Fresh, catalog: Catalog, today: str) -> list[Finding]:
    """The findings for one stored decision, given what the recommender says for its answers now."""
    # the figure the recommender ranks this job by (the agentic index where it calls tools)
    ranked = ranking_task(decision.answers.get("task") or "chat", decision.answers.get("needs"))
    task = task_label(ranked)
    old_id = decision.model_id
    old = catalog.find(old_id)
    as_of = catalog.facts_as_of
    old_cost = fresh.costs.get(old_id)
    if old_cost is None and old is not None:  # not weighed today (its constraints ruled it out)
        old_cost = monthly_cost_of(decision.answers, old_id, catalog)
    if old_cost is None:
        old_cost = decision.monthly_usd
    pick = fresh.pick

    def finding(kind: str, reason: str, new: Option | None, new_cost: float | None) -> Finding:
        return Finding(
            key=f"{decision.id}:{kind}:{old_id}:{new.id if new else '-'}",
            recommendation_id=decision.id,
            kind=kind,
            old_model=old_id,
            old_name=decision.model_name,
            new_model=new.id if new else None,
            new_name=new.label if new else None,
            reason=reason,
            old_monthly_usd=round(old_cost, 2) if old_cost is not None else None,
            new_monthly_usd=round(new_cost, 2) if new_cost is not None else None,
            catalog_as_of=as_of,
            made_with=decision.catalog_as_of,
        )

    replacement = pick if pick.id != old_id else None
    new_cost = pick.monthly_usd if replacement else None
    if old is None:
        reason = f"{decision.model_name} is no longer in the catalog (facts as of {as_of})"
        return [finding("gone", reason, replacement, new_cost)]
    stage = catalog.stage(old, today)
    if stage != "current":
        when = "was retired" if stage == "retired" else "retires"
        days = (dt.date.fromisoformat(old.deprecation_date) - dt.date.fromisoformat(today)).days
        left = f", in {days} days" if stage == "retiring" else ""
        reason = (
            f"{old.name} {when} on {old.deprecation_date}{left} (the provider's date; "
            f"catalog facts as of {as_of})"
        )
        return [finding(stage, reason, replacement, new_cost)]

    old_quality, old_source, _ = _quality(old_id, ranked, catalog)
    options = [
        (option, option.monthly_usd)
        for option in (pick, *fresh.alternatives)
        if option.id != old_id and option.monthly_usd is not None
    ]
    scored = [(m, c, *_quality(m.id, ranked, catalog)) for m, c in options]

    cheaper = [
        s
        for s in scored
        if s[4] and s[2] >= old_quality and old_cost and s[1] <= CHEAPER_SHARE * old_cost
    ]
    if cheaper:
        # the recommender's own pick when it qualifies, so "show the new pick" shows this one
        model, cost, quality, source, _ = min(
            cheaper, key=lambda s: (s[0].id != pick.id, s[1], -s[2])
        )
        saving = 1 - cost / old_cost
        reason = (
            f"{model.label} scores {source} for {task} against {old_source} and costs about "
            f"{money(cost)} a month instead of "
            f"{money(old_cost)}, {saving:.0%} less (catalog prices as of {as_of})"
        )
        return [finding("cheaper", reason, model, cost)]

    budget = decision.answers.get("monthly_budget_usd")
    limit = budget if budget is not None else old_cost
    better = [
        s for s in scored if s[4] and s[2] >= old_quality + BETTER_BY and s[1] <= limit + 1e-9
    ]
    if better:
        model, cost, quality, source, _ = max(
            better, key=lambda s: (s[0].id == pick.id, s[2], -s[1])
        )
        within = f"the budget of {money(budget)}" if budget is not None else "the current cost"
        reason = (
            f"{model.label} scores {source} for {task} against {old_source} at about "
            f"{money(cost)} a month, within {within} "
            f"(catalog facts as of {as_of})"
        )
        return [finding("better", reason, model, cost)]
    return []


_pool_catalog: Catalog | None = None


def _fresh_in_pool(batch: list[tuple[str, dict]], today: str) -> list[tuple[str, Fresh]]:
    return [(key, Fresh.of(answers, _pool_catalog, today)) for key, answers in batch]


def _recommend_all(
    questionnaires: dict[str, dict], catalog: Catalog, today: str
) -> dict[str, Fresh]:
    """One fresh recommendation per distinct questionnaire; a process per core for large sets
    (the recommender is pure Python: threads would not run it in parallel)."""
    items = list(questionnaires.items())
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < POOL_FROM or workers < 2:
        return {key: Fresh.of(answers, catalog, today) for key, answers in items}
    global _pool_catalog
    _pool_catalog = catalog  # inherited by the forked workers, never pickled
    size = max(50, len(items) // (workers * 4))
    batches = [items[start : start + size] for start in range(0, len(items), size)]
    fresh: dict[str, Fresh] = {}
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for done in pool.map(_fresh_in_pool, batches, [today] * len(batches)):
            fresh.update(done)
    return fresh


def watch(
    store: Store | None = None, catalog: Catalog | None = None, today: str | None = None
) -> WatchReport:
    """Check every stored decision; store the findings not reported before; return them."""
    started = time.perf_counter()
    store = store or default_store()
    catalog = catalog or load_catalog()
    today = today or dt.date.today().isoformat()
    decisions = []
    questionnaires: dict[str, dict] = {}
    for row in store.decision_rows():
        decision = Decision.of(row)
        if decision is None:
            continue
        key = json.dumps(decision.answers, sort_keys=True)
        questionnaires.setdefault(key, decision.answers)
        decisions.append((decision, key))
    fresh = _recommend_all(questionnaires, catalog, today)
    findings = [
        found
        for decision, key in decisions
        for found in check(decision, fresh[key], catalog, today)
    ]
    new = store.add_findings(f.model_dump(mode="json") for f in findings)
    return WatchReport(
        checked=len(decisions),
        distinct=len(questionnaires),
        catalog_as_of=catalog.facts_as_of,
        new=[Finding.model_validate(f) for f in new],
        open=[Finding.model_validate(f) for f in store.list_findings(status="open")],
        seconds=time.perf_counter() - started,
    )


def recheck(stored: Recommendation, catalog: Catalog | None = None) -> Recommendation:
    """What the advisor recommends today for a stored decision's recorded answers (not saved)."""
    from ..advice.service import citations_for

    fresh = recommend(recorded_answers(stored.questionnaire), catalog)
    fresh.citations = citations_for(fresh)
    return fresh


def renew(
    recommendation_id: int,
    *,
    source: str,
    user: str | None = None,
    channel: str | None = None,
    store: Store | None = None,
) -> Recommendation | None:
    """Today's pick for a stored decision's recorded answers, saved as a new decision (its use
    case kept for History); None when the decision is no longer stored."""
    from ..advice.service import advise

    store = store or default_store()
    stored = Recommendation.from_stored(store.get_recommendation(recommendation_id))
    if stored is None:
        return None
    answers = recorded_answers(stored.questionnaire)
    if stored.questionnaire.get("use_case"):
        answers["use_case"] = stored.questionnaire["use_case"]
    return advise(answers, source=source, user=user, channel=channel, store=store)


def dismiss(finding_id: int, store: Store | None = None) -> None:
    """Mark a finding dismissed: it is not shown as open again, and never reported again."""
    (store or default_store()).set_finding_status(finding_id, "dismissed")


def findings_for(recommendation_id: int, store: Store | None = None) -> list[Finding]:
    """Every finding about one decision (open and dismissed), oldest first."""
    rows = (store or default_store()).list_findings(recommendation_id=recommendation_id)
    return [Finding.model_validate(row) for row in rows]
