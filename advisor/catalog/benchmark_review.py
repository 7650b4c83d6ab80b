"""What a benchmark snapshot says that the catalog does not: models it lists that the catalog
lacks, and catalog models it scores differently (or measures where the catalog only estimates).

For `catalog sync --candidates`: a maintainer reviews each line and edits the catalog by hand
(a model's `benchmarks` names the slug it is measured under). Nothing here writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge import benchmarks, catalog_data

from .catalog import Catalog, load_catalog

SAME = 0.05  # index points: closer than this is the same figure


@dataclass(frozen=True)
class BenchmarkCandidate:
    snapshot: str
    slug: str
    figures: dict
    model: str | None = None  # the catalog id, when the catalog holds the model
    ours: str = ""  # what the catalog shows for it now

    def __str__(self) -> str:
        figures = ", ".join(f"{metric} {value:g}" for metric, value in self.figures.items())
        if self.model is None:
            return f"{self.snapshot}: {self.slug} ({figures}) is not in the catalog"
        return f"{self.snapshot}: {self.slug} has {figures}; the catalog has {self.model} at {self.ours}"


@lru_cache(maxsize=1)
def tracked_publishers() -> frozenset[str]:
    """Publisher prefixes (OpenRouter-style slugs) of the providers whose lineup the catalog
    tracks, from each one's catalog file (`tracked.benchmark_publishers`); a snapshot row of
    another maker is not a candidate unless the catalog already holds the model."""
    return frozenset(
        prefix
        for block in catalog_data.tracked().values()
        for prefix in block.get("benchmark_publishers", [])
    )


def _base(slug: str) -> str:
    return slug.split(":", 1)[0]  # ':batch', ':free' are routes of the same model


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _owner(catalog: Catalog, slug: str) -> str | None:
    """The catalog model a slug stands for: the one measured (or estimated) under it, else the
    one whose id is the slug's model name."""
    for model in catalog.models:
        if slug in model.benchmarks.values():
            return model.id
    name = _norm(slug.split("/", 1)[-1])
    found = [model.id for model in catalog.models if _norm(model.id) == name]
    return found[0] if len(found) == 1 else None


def review(catalog: Catalog | None = None, path: str | None = None) -> list[BenchmarkCandidate]:
    """Every row of every committed snapshot that the catalog lacks or scores differently."""
    catalog = catalog or load_catalog()
    out: list[BenchmarkCandidate] = []
    for snapshot_id, snapshot in benchmarks.snapshots(path).items():
        slugged = any("/" in slug for slug in snapshot["models"])
        seen: set[str] = set()
        for slug, figures in snapshot["models"].items():
            base = _base(slug)
            if base in seen:
                continue
            seen.add(base)
            owner = _owner(catalog, base)
            if owner is None:
                if not slugged or base.split("/", 1)[0] in tracked_publishers():
                    out.append(BenchmarkCandidate(snapshot_id, base, dict(figures)))
                continue
            differs = _differs(catalog, owner, snapshot, figures)
            if differs:
                out.append(BenchmarkCandidate(snapshot_id, base, dict(figures), owner, differs))
    return out


def _differs(catalog: Catalog, model_id: str, snapshot: dict, figures: dict) -> str:
    """What the catalog shows where it differs from the snapshot's figures, or ""."""
    model = catalog.get(model_id)
    shown = []
    for metric, value in figures.items():
        tasks = snapshot["metrics"].get(metric, {}).get("tasks", [])
        entry = next((model.quality[t] for t in tasks if t in model.quality), None)
        newer = entry is not None and entry.snapshot and entry.as_of > snapshot["published"]
        if newer:
            continue  # the catalog already holds a newer snapshot's figure
        if entry is None:
            if any(t in model.tasks for t in tasks):
                shown.append(f"{metric}: not measured")
            continue
        if not entry.measured:
            shown.append(f"{metric}: an estimate ({entry.points:g} from {entry.sibling})")
        elif entry.points is None or abs(entry.points - float(value)) > SAME:
            points = "no published figure" if entry.points is None else f"{entry.points:g}"
            shown.append(f"{metric}: {points} ({entry.snapshot or 'hand-recorded'})")
    return "; ".join(shown)
