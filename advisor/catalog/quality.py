"""Quality per task, straight from the committed benchmark snapshots (knowledge/benchmarks.py).

A catalog model names the slug a snapshot lists it under (`benchmarks: {snapshot: slug}`); each
metric of that snapshot stands for the tasks it names (the intelligence index for text tasks, the
coding index for code, the agentic index for function calling, MTEB for embeddings, ...). The
figure is used as published; the 0..1 score the recommender weighs is that figure on one fixed
scale per metric (below), never a conversion from another index version.

A model no snapshot lists for a task is *not measured*. It may carry its closest sibling's figure
(`benchmark_sibling: {snapshot: slug}`), shown as such and ranked as an estimate: `Quality.measured`
is False. Every figure of the committed catalog comes from a snapshot (a test holds it); a figure
recorded by hand (an old catalog file, a fixture) is measured unless its source says it is an
estimate or an approximation.
"""

from __future__ import annotations

from typing import Any

from knowledge import benchmarks

from ..questionnaire import TEXT_TASKS

# The fixed 0..1 scale of each metric: where its leaders sat when the snapshot was taken, so that
# one metric's scores compare across all models it lists. Not a conversion between versions.
_SCALES = {
    "intelligence_index": lambda v: v / 60.0,
    "agentic_index": lambda v: v / 60.0,
    "coding_index": lambda v: v / 80.0,
    "mteb": lambda v: v / 100.0,
    "elo": lambda v: (v - 600.0) / 650.0,
    "image_elo": lambda v: (v - 700.0) / 700.0,
    "omnidocbench": lambda v: v / 100.0,
    "glue_dev": lambda v: v / 100.0,
    "mean_wer": lambda v: 1.0 - 2.25 * v / 100.0,
}
# Where a snapshot's metric stands for a capability rather than a task.
CAPABILITY_TASKS = {"function-calling"}
# The text tasks an agent's tool use decides: a job that must call tools (needs function-calling)
# is ranked by the figure for that (the agentic index), not by general intelligence. Code keeps the
# coding index, which already measures coding agents at work.
AGENT_TASKS = tuple(task for task in TEXT_TASKS if task != "code-generation")
# How a ranking task reads in a sentence ("Quality for tool use (function calling): ...").
TASK_LABELS = {"function-calling": "tool use (function calling)"}


def ranking_task(task: str, needs: list[str] | tuple[str, ...] | None = None) -> str:
    """The task whose figure ranks models for a job: "function-calling" (the agentic index) for
    a text job that must call tools, else the task itself (the intelligence index for text, the
    coding index for code, each leaderboard for speech, images and embeddings)."""
    if task in AGENT_TASKS and "function-calling" in (needs or ()):
        return "function-calling"
    return task


def task_label(task: str) -> str:
    return TASK_LABELS.get(task, task)


def score_of(metric: str, value: float) -> float:
    scale = _SCALES.get(metric)
    return max(0.0, min(1.0, scale(value) if scale else value / 100.0))


def _points(value: float) -> str:
    return f"{value:g}"


def describe(figure: benchmarks.Figure) -> str:
    """ "AA Intelligence Index 53.4 (aa-openrouter-2026-10-05: ..., copied 2026-12-06 from URL)"."""
    return (
        f"{figure.metric_name} {_points(figure.value)} for {figure.slug} (snapshot {figure.snapshot}, "
        f"published {figure.published}, copied {figure.copied_on} from {figure.copied_from})"
    )


def _served(entry: dict, tasks: list[str]) -> list[str]:
    serves = set(entry.get("tasks") or []) | (
        set(entry.get("capabilities") or []) & CAPABILITY_TASKS
    )
    return [task for task in tasks if task in serves]


def derive(entry: dict) -> dict[str, dict[str, Any]]:
    """The quality entries a catalog model's snapshot slugs give it, by task (catalog JSON shape
    plus `measured`, `points`, `metric`, `snapshot` and, for an estimate, `sibling`)."""
    out: dict[str, dict[str, Any]] = {}
    # measured figures first: a sibling's figure only fills a task no snapshot measures
    # and a newer snapshot's figure wins over an older one's for the models it lists
    for field, measured in (("benchmarks", True), ("benchmark_sibling", False)):
        for snapshot_id, slug in _newest_first(entry.get(field) or {}):
            for metric, tasks in _metrics(snapshot_id):
                figure = benchmarks.figure(snapshot_id, slug, metric)
                if figure is None:
                    continue
                for task in _served(entry, tasks):
                    out.setdefault(task, _entry(figure, measured=measured))
    return out


def _newest_first(slugs: dict[str, str]) -> list[tuple[str, str]]:
    published = {key: (benchmarks.snapshots().get(key) or {}).get("published", "") for key in slugs}
    return sorted(slugs.items(), key=lambda item: published[item[0]], reverse=True)


def _metrics(snapshot_id: str) -> list[tuple[str, list[str]]]:
    snapshot = benchmarks.snapshots().get(snapshot_id)
    if snapshot is None:
        raise ValueError(f"unknown benchmark snapshot '{snapshot_id}'")
    return [(metric, about.get("tasks", [])) for metric, about in snapshot["metrics"].items()]


def _entry(figure: benchmarks.Figure, measured: bool) -> dict[str, Any]:
    source = describe(figure)
    if not measured:
        source = f"not measured; closest sibling {figure.slug}: {_points(figure.value)} ({source})"
    return {
        "score": round(score_of(figure.metric, figure.value), 4),
        "source": source,
        "as_of": figure.published,
        "measured": measured,
        "points": figure.value,
        "metric": figure.metric_name,
        "snapshot": figure.snapshot,
        "sibling": None if measured else figure.slug,
    }


def quality_figure(
    score: float | None,
    points: float | None = None,
    metric: str = "",
    measured: bool = True,
    sibling: str | None = None,
    language: str | None = None,
) -> str:
    """A quality figure as people know it: "53.4 (AA Intelligence Index)" where measured, an
    estimate marked as one ("~ (not measured; sibling openai/gpt-5.5: 38.4)"), or "not measured";
    in `language` (English by default)."""
    from .. import i18n

    _ = i18n.gettext_for(language)
    if score is None:
        return _("not measured")
    if not measured:
        if sibling and points is not None:
            return _("~ (not measured; sibling {sibling}: {points})").format(
                sibling=sibling, points=i18n.short(points, language)
            )
        return _("~{score}/100 (an estimate, not measured)").format(score=f"{score * 100:.0f}")
    if points is not None:
        shown = i18n.short(points, language)
        return f"{shown} ({metric})" if metric else shown
    return f"{score * 100:.0f}/100"


def hand_recorded_is_measured(source: str) -> bool:
    """A hand-recorded figure counts as measured unless its source calls it an estimate."""
    return not source.strip().lower().startswith(("estimate", "approx", "not measured"))


def measured_before_estimates(ranked: list, task: str, model_of, cost_of) -> list:
    """Quality first: an estimate never outranks a measured model of equal or higher cost.

    `ranked` is best first; each not-measured entry moves down to just after the last measured
    one that costs at least as much and sits below it. Everything else keeps its order."""
    out = list(ranked)
    # (measured, cost) of each entry, looked up once: recommend ranks every model that passes
    seen = {id(entry): (model_of(entry).measured(task), cost_of(entry)) for entry in ranked}
    for item in [entry for entry in ranked if not seen[id(entry)][0]]:
        at = next(index for index, entry in enumerate(out) if entry is item)
        least = seen[id(item)][1] - 1e-9
        for index in range(len(out) - 1, at, -1):  # the last one below that qualifies
            measured, cost = seen[id(out[index])]
            if measured and cost >= least:
                out.insert(index, out.pop(at))
                break
    return out
