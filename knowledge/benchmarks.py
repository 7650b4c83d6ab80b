"""Benchmark snapshots as published: one JSON file per snapshot under ``knowledge/data/benchmarks/``.

Each file names where it was copied from and when (``copied_from``, ``copied_on``), the date its
publisher gave it (``published``), what each metric measures and which tasks it stands for
(``metrics``), and the figures as the publisher wrote them, keyed by the publisher's own slug
(``models``). Nothing here is converted: a figure is read back exactly as it was copied.
Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BENCHMARKS_DIR = Path(__file__).parent / "data" / "benchmarks"


@dataclass(frozen=True)
class Figure:
    """One published figure: which snapshot, which metric, which slug, and the number."""

    snapshot: str
    metric: str
    metric_name: str
    slug: str
    value: float
    higher_is_better: bool
    published: str
    copied_from: str
    copied_on: str


def snapshot_files(path: str | Path | None = None) -> list[Path]:
    """The snapshot files of a folder (the committed ones by default), or one file."""
    path = Path(path or BENCHMARKS_DIR)
    if path.is_file():
        return [path]
    return sorted(path.glob("*.json"))


def read_snapshot(file: str | Path) -> dict:
    """One snapshot file, checked for the fields every snapshot has; ValueError names what is
    wrong (not JSON, a field missing, a metric no figure can be read from)."""
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{file}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{file}: a benchmark snapshot is a JSON object")
    for field in ("id", "published", "copied_from", "copied_on", "metrics", "models"):
        if field not in data:
            raise ValueError(f"{file}: benchmark snapshot lacks '{field}'")
    if not isinstance(data["models"], dict) or not isinstance(data["metrics"], dict):
        raise ValueError(f"{file}: 'models' and 'metrics' are objects keyed by slug and metric")
    for slug, row in data["models"].items():
        if not isinstance(row, dict) or not all(
            metric in data["metrics"] and isinstance(value, int | float)
            for metric, value in row.items()
        ):
            raise ValueError(f"{file}: {slug[:80]!r} needs numbers for the snapshot's metrics")
    return data


@lru_cache(maxsize=4)
def snapshots(path: str | None = None) -> dict[str, dict]:
    """Every snapshot by id."""
    found = {}
    for file in snapshot_files(path):
        data = read_snapshot(file)
        found[data["id"]] = data
    return found


def figure(snapshot_id: str, slug: str, metric: str, path: str | None = None) -> Figure | None:
    """The figure a snapshot publishes for a slug and metric, or None when it lists none."""
    snapshot = snapshots(path).get(snapshot_id)
    if snapshot is None:
        return None
    value = snapshot["models"].get(slug, {}).get(metric)
    if value is None:
        return None
    about = snapshot["metrics"][metric]
    return Figure(
        snapshot=snapshot_id,
        metric=metric,
        metric_name=about["name"],
        slug=slug,
        value=float(value),
        higher_is_better=bool(about.get("higher_is_better", True)),
        published=snapshot["published"],
        copied_from=snapshot["copied_from"],
        copied_on=snapshot["copied_on"],
    )


def metric_for_task(snapshot_id: str, task: str, path: str | None = None) -> str | None:
    """The metric of a snapshot that stands for a task, or None."""
    snapshot = snapshots(path).get(snapshot_id) or {}
    for metric, about in snapshot.get("metrics", {}).items():
        if task in about.get("tasks", []):
            return metric
    return None


def best(snapshot_id: str, metric: str, path: str | None = None) -> float | None:
    """The leading figure of a metric in its snapshot (the lowest where lower is better)."""
    snapshot = snapshots(path).get(snapshot_id)
    if snapshot is None:
        return None
    values = [row[metric] for row in snapshot["models"].values() if metric in row]
    if not values:
        return None
    higher = snapshot["metrics"][metric].get("higher_is_better", True)
    return max(values) if higher else min(values)
