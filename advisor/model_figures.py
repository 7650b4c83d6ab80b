"""What a catalog model shows in a table or beside others: its quality figure for a task, its
retirement status and note, the best value for money among priced models, and which of the
compared figures is best. The app's Catalog page draws these; nothing here draws anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog.catalog import Model, Quality
from .catalog.quality import quality_figure, task_label  # noqa: F401 (task_label: for the faces)
from .present import blended_price, successor_name

# Figures with a better end when models are compared: +1 higher is better, -1 lower is better.
BETTER = {
    "your $/month": -1,
    "blended $/1M": -1,
    "input $/1M": -1,
    "output $/1M": -1,
    "$/image": -1,
    "$/audio min": -1,
    "output tokens/s": 1,
    "first token s": -1,
    "context window": 1,
    "max output": 1,
}


def quality_entry(model: Model, task: str | None) -> Quality | None:
    """The quality figure shown for a model: the task's, or with no task chosen the measured
    figure of the first task it serves (never an estimate, never a mix of metrics by score)."""
    if task:
        return model.quality.get(task)
    return next(
        (model.quality[t] for t in model.tasks if t in model.quality and model.quality[t].measured),
        None,
    )


def measured_quality(model: Model, task: str | None) -> float | None:
    """The measured figure as published (index points, Elo, WER %), or the 0..1 score of a
    hand-recorded figure with no points; None for an estimate or no figure."""
    entry = quality_entry(model, task)
    if entry is None or not entry.measured:
        return None
    return entry.points if entry.points is not None else (entry.score or None)


def metric_of(models: list[Model], task: str | None) -> str:
    """The metric the measured figures for a task are published in, e.g. "AA Intelligence Index",
    or "quality" when they are in more than one (or none)."""
    metrics = {
        entry.metric
        for m in models
        if (entry := quality_entry(m, task)) is not None and entry.measured and entry.metric
    }
    return metrics.pop() if len(metrics) == 1 else "quality"


def quality_text(model: Model, task: str | None) -> str:
    """ "53.4 (AA Intelligence Index)", "~ (not measured; sibling X: 41)" or "not measured"."""
    entry = (
        quality_entry(model, task)
        if task
        else (quality_entry(model, None) or next(iter(model.quality.values()), None))
    )
    if entry is None:
        return "not measured"
    return quality_figure(entry.score, entry.points, entry.metric, entry.measured, entry.sibling)


def speed(model: Model, field: str) -> float | None:
    """A measured speed figure (`output_tokens_per_s`, `ttft_s`), or None."""
    return getattr(model.speed, field, None) if model.speed is not None else None


def retirement_status(model: Model | None, today: str) -> str:
    """For a table cell: "retired 2026-10-23", "retires 2027-01-14" or ""."""
    date = getattr(model, "deprecation_date", None) if model is not None else None
    if not date:
        return ""
    return f"retired {date}" if model.lifecycle(today) == "retired" else f"retires {date}"


def retirement_note(model: Model | None, today: str) -> str:
    """ "Retired: the provider retired this model on X; successor: Y." (or "Deprecated: ... retires
    this model on X"), "" when it has no retirement date."""
    date = getattr(model, "deprecation_date", None) if model is not None else None
    if not date:
        return ""
    successor = successor_name(model)
    then = f"; successor: {successor}" if successor else ""
    if model.lifecycle(today) == "retired":
        return f"Retired: the provider retired this model on {date}{then}."
    return f"Deprecated: the provider retires this model on {date}{then}."


def value_frontier(points: list[dict]) -> set[str]:
    """Ids of the points ({id, price, quality}) no cheaper point beats on quality: the best value
    for money."""
    best = -1.0
    out = set()
    for point in sorted(points, key=lambda p: (p["price"], -p["quality"])):
        if point["quality"] > best:
            out.add(point["id"])
            best = point["quality"]
    return out


def compared_figures(
    model: Model, task: str, costs: dict[str, float | None] | None = None
) -> dict[str, float | None]:
    """The figures of one model that have a better end (see BETTER), as numbers, in the order a
    comparison shows them; `costs` adds each model's monthly cost for a workload."""
    out = {f"quality ({task})": measured_quality(model, task)}
    if costs is not None:
        out["your $/month"] = costs.get(model.id)
    out.update(
        {
            "blended $/1M": blended_price(model),
            "input $/1M": model.price("input_per_1m"),
            "output $/1M": model.price("output_per_1m"),
            "$/image": model.price("per_image"),
            "$/audio min": model.price("per_audio_minute"),
            "output tokens/s": speed(model, "output_tokens_per_s"),
            "first token s": speed(model, "ttft_s"),
            "context window": model.context_window or None,
            "max output": model.max_output_tokens,
        }
    )
    return out


def best_of(values: list[float | None], direction: int) -> set[int]:
    """Positions of the best value (ties all win); none when fewer than two have a value."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return set()
    top = max(v * direction for _, v in known)
    return {i for i, v in known if v * direction == top}


@dataclass(frozen=True)
class ComparedRow:
    """One figure across the compared models: its values and the positions of the best."""

    label: str
    values: list[float | None]
    best: set[int]


def compare_models(
    models: list[Model], task: str, costs: dict[str, float | None] | None = None
) -> list[ComparedRow]:
    """The figures of up to three models side by side, the best of each row marked; rows none of
    them has a value for are left out (no $/image row when none makes images), except quality,
    which then says that no figure is measured."""
    numbers = [compared_figures(m, task, costs) for m in models]
    rows = []
    for label in numbers[0]:
        values = [n[label] for n in numbers]
        if all(v is None for v in values) and not label.startswith("quality"):
            continue
        rows.append(ComparedRow(label, values, best_of(values, BETTER.get(label, 1))))
    return rows
