"""The decision watch against a catalog whose facts move: a pick that retires, a price cut, a
better model within budget, a decision still optimal; findings reported once, across restarts,
dismissals kept; the CLI and the exports."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import api
from advisor.advice.recommender import monthly_cost_of
from advisor.advice.service import advise
from advisor.catalog.catalog import Catalog, load_catalog
from advisor.history import watch
from advisor.store import Store

TODAY = dt.date.today().isoformat()
CHAT = {
    "task": "chat",
    "requests_per_month": 50_000,
    "input_tokens": 800,
    "output_tokens": 300,
    "monthly_budget_usd": 2_000,
    "deployment": "cloud-api",
}


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    return Store(tmp_path / "advisor.db")


def moved(**changes) -> Catalog:
    """Today's catalog with some models' facts changed: {model_id: {field: value}}."""
    catalog = load_catalog()
    models = [
        model.model_copy(update=changes[model.id]) if model.id in changes else model
        for model in catalog.models
    ]
    return Catalog(as_of=catalog.as_of, gpu_hourly_usd=catalog.gpu_hourly_usd, models=models)


def in_days(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def test_a_decision_still_optimal_is_not_flagged(store):
    advise(CHAT, source="ui", store=store)
    report = watch.watch(store)
    assert report.checked == 1 and report.new == [] and report.open == []


def test_a_pick_that_comes_to_retire_is_flagged_once_then_again_when_it_has_retired(store):
    decision = advise(CHAT, source="slack", channel="C1", store=store)
    pick = decision.model.id
    retiring = moved(**{pick: {"deprecation_date": in_days(40)}})

    (finding,) = watch.watch(store, retiring).new
    assert finding.kind == "retiring" and finding.recommendation_id == decision.id
    assert finding.old_model == pick and finding.new_model and finding.new_model != pick
    assert in_days(40) in finding.reason and "in 40 days" in finding.reason
    assert finding.made_with == decision.catalog_as_of
    assert finding.monthly_difference_usd is not None

    assert watch.watch(store, retiring).new == [], "reported once"
    restarted = Store(store.path)  # another process reading the same database
    again = watch.watch(restarted, retiring)
    assert again.new == [] and [f.id for f in again.open] == [finding.id]

    retired = moved(**{pick: {"deprecation_date": in_days(-1)}})
    (later,) = watch.watch(store, retired).new
    assert later.kind == "retired" and "was retired on" in later.reason


def test_a_dismissed_finding_stays_dismissed(store):
    decision = advise(CHAT, source="ui", store=store)
    retiring = moved(**{decision.model.id: {"deprecation_date": in_days(30)}})
    (finding,) = watch.watch(store, retiring).new
    watch.dismiss(finding.id, store)
    report = watch.watch(store, retiring)
    assert report.new == [] and report.open == []
    (kept,) = watch.findings_for(decision.id, store)
    assert kept.status == "dismissed"


def rival_at_a_tenth(decision, **changes) -> tuple:
    """A current alternative at least as good as the pick, and today's catalog with its price
    cut by 90% (and any other `changes` to it)."""
    catalog = load_catalog()
    pick = catalog.get(decision.model.id)
    rival = next(
        alt
        for alt in decision.alternatives
        if catalog.get(alt.id).quality_for("chat") >= pick.quality_for("chat")
    )
    cut = {k: v * 0.1 for k, v in rival.pricing.items() if k.endswith("_per_1m") and v}
    return rival, moved(**{rival.id: {"pricing": {**rival.pricing, **cut}, **changes}})


def test_a_model_as_good_for_a_fraction_of_the_cost_is_flagged_cheaper(store):
    decision = advise(CHAT, source="ui", store=store)
    rival, cheaper = rival_at_a_tenth(decision)

    (finding,) = watch.watch(store, cheaper).new
    assert finding.kind == "cheaper" and finding.new_model == rival.id
    assert finding.new_monthly_usd <= 0.7 * finding.old_monthly_usd
    assert finding.new_monthly_usd == monthly_cost_of(CHAT, rival.id, cheaper)
    assert finding.monthly_difference_usd < 0
    assert "less" in finding.reason and "catalog prices as of" in finding.reason


def test_clearly_better_quality_within_the_budget_is_flagged(store):
    decision = advise(CHAT, source="ui", store=store)
    catalog = load_catalog()
    old_quality = catalog.get(decision.model.id).quality_for("chat")
    # an alternative that costs more than 70% of the pick (so not "cheaper") but fits the budget
    other = next(
        alt
        for alt in decision.alternatives
        if decision.alternative_costs[alt.id] > 0.7 * decision.cost.monthly_usd
        and decision.alternative_costs[alt.id] <= CHAT["monthly_budget_usd"]
    )
    entry = catalog.get(other.id).quality["chat"]
    better = entry.model_copy(
        update={"score": old_quality + 0.1, "points": 61.2, "measured": True, "as_of": TODAY}
    )
    improved = moved(**{other.id: {"quality": {**catalog.get(other.id).quality, "chat": better}}})

    (finding,) = watch.watch(store, improved).new
    assert finding.kind == "better" and finding.new_model == other.id
    # the figure as published, with its snapshot and date
    assert "scores 61.2 (AA Intelligence Index)" in finding.reason and "budget" in finding.reason

    # the same gain resting on an estimate is no finding
    estimate = better.model_copy(update={"measured": False, "sibling": "someone/else"})
    guessed = moved(**{other.id: {"quality": {**catalog.get(other.id).quality, "chat": estimate}}})
    assert watch.watch(store, guessed).new == []


def test_an_estimate_is_never_the_evidence_that_a_cheaper_model_is_as_good(store):
    decision = advise(CHAT, source="ui", store=store)
    catalog = load_catalog()
    rival, _ = rival_at_a_tenth(decision)
    guessed = {
        task: entry.model_copy(update={"measured": False, "sibling": "someone/else"})
        for task, entry in catalog.get(rival.id).quality.items()
    }
    _, cheaper = rival_at_a_tenth(decision, quality=guessed)
    assert [f for f in watch.watch(store, cheaper).new if f.new_model == rival.id] == []


def test_findings_travel_with_the_export(store):
    decision = advise(CHAT, source="ui", store=store)
    watch.watch(store, moved(**{decision.model.id: {"deprecation_date": in_days(20)}}))
    findings = watch.findings_for(decision.id, store)
    markdown = api.to_markdown(decision, findings)
    assert f"Made with catalog facts as of {decision.catalog_as_of}" in markdown
    assert "## Since then" in markdown and "Retiring soon" in markdown


@pytest.mark.subprocess
def test_the_cli_reports_a_retired_pick_once(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "ADVISOR_HOME": str(home)}
    store = Store(home / "advisor.db")
    decision = advise(CHAT, source="cli", store=store)
    retired = next(  # a chat model the catalog lists as retired: the decision predates that
        m for m in load_catalog().models if "chat" in m.tasks and m.lifecycle(TODAY) == "retired"
    )
    result = {**decision.to_json(), "model": api.ModelInfo.of(retired).model_dump(mode="json")}
    with store.db.conn:
        store.db["recommendations"].update(
            decision.id, {"model_id": retired.id, "result": json.dumps(result)}
        )
    command = [str(Path(sys.executable).with_name("llm-advisor")), "watch", "--format", "json"]

    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    (finding,) = report["new"]
    assert finding["kind"] == "retired" and finding["old_model"] == retired.id
    assert finding["new_model"] and retired.deprecation_date in finding["reason"]
    assert "monthly_difference_usd" in finding

    second = json.loads(subprocess.run(command, env=env, capture_output=True, text=True).stdout)
    assert second["new"] == [] and [f["key"] for f in second["open"]] == [finding["key"]]

    text = subprocess.run(command[:-2], env=env, capture_output=True, text=True)
    assert (
        "nothing new went stale" in text.stdout and "1 earlier finding(s) still open" in text.stdout
    )


def test_a_job_that_calls_tools_is_watched_on_the_agentic_index(store):
    agent = {**CHAT, "needs": ["function-calling"]}
    decision = advise(agent, source="ui", store=store)
    catalog = load_catalog()
    old = catalog.get(decision.model.id).quality["function-calling"]
    other = next(
        alt
        for alt in decision.alternatives
        if decision.alternative_costs[alt.id] > 0.7 * decision.cost.monthly_usd
        and decision.alternative_costs[alt.id] <= agent["monthly_budget_usd"]
    )
    entry = catalog.get(other.id).quality["function-calling"]
    better = entry.model_copy(
        update={"score": old.score + 0.1, "points": 66.6, "measured": True, "sibling": None}
    )
    improved = moved(
        **{other.id: {"quality": {**catalog.get(other.id).quality, "function-calling": better}}}
    )
    (finding,) = watch.watch(store, improved).new
    assert finding.kind == "better" and finding.new_model == other.id
    assert "scores 66.6 (AA Agentic Index)" in finding.reason
    assert "for tool use (function calling) against" in finding.reason
