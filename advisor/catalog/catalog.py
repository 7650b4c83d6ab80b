"""The model catalog: the data in knowledge/data/catalog/ (one file per provider), typed and queried."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge import catalog_data

from ..errors import UnknownModelError
from . import quality as quality_rule

CATALOG_PATH = catalog_data.CATALOG_DIR

# A model its provider retires within this many days is "retiring": never recommended, and
# marked wherever it is shown. Advice must outlive a quarter.
RETIRING_SOON_DAYS = 90

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CONTRACT_FIELDS = (
    "id",
    "name",
    "provider",
    "tasks",
    "capabilities",
    "open_weights",
    "context_window",
    "pricing",
    "license",
)


# Every model builds its validator on first use (defer_build): a cold command pays only for the
# models it touches.
class Quality(BaseModel):
    model_config = ConfigDict(defer_build=True)

    score: float  # 0..1 on its metric's fixed scale (advisor/catalog/quality.py), for weighing only
    source: str = ""
    as_of: str = ""  # the date of the figure it rests on
    # False for an estimate (a sibling's figure, a hand approximation): shown as such, and it
    # never outranks a measured model of equal or higher cost when quality comes first
    measured: bool = True
    points: float | None = None  # the figure as published (index points, Elo, WER %)
    metric: str = ""  # what the points are, e.g. "AA Intelligence Index"
    snapshot: str = ""  # the committed snapshot the figure comes from
    sibling: str | None = None  # for an estimate: the slug whose figure it shows

    @model_validator(mode="before")
    @classmethod
    def _judge_hand_recorded(cls, data: Any) -> Any:
        if isinstance(data, dict) and "measured" not in data:
            data = {
                **data,
                "measured": quality_rule.hand_recorded_is_measured(data.get("source", "")),
            }
        return data


class Speed(BaseModel):
    model_config = ConfigDict(defer_build=True)

    output_tokens_per_s: float | None = None
    ttft_s: float | None = None
    source: str = ""
    as_of: str = ""


class SelfHosting(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)

    parameters_b: float | None = None
    gpu_memory_gb: float | None = None
    gpu: str | None = None
    gpus: int = 1
    tokens_per_second: float | None = None


# Tasks a model can serve only as a part of a pipeline, never asked for in the questionnaire:
# re-scoring retrieved passages in RAG, and reading scanned pages into text before an LLM.
COMPONENT_TASKS = ("reranking", "ocr")


class Model(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)

    id: str
    name: str
    provider: str
    runtime: str = "none"
    architecture: str = "decoder-only"
    tasks: list[str]
    capabilities: list[str] = Field(default_factory=list)
    open_weights: bool
    license: str
    context_window: int = 0
    max_output_tokens: int | None = None
    languages: list[str] = Field(default_factory=lambda: ["*"])
    pricing: dict[str, Any] = Field(default_factory=dict)
    self_hosting: SelfHosting | None = None
    deployment: list[str] = Field(default_factory=list)
    quality: dict[str, Quality] = Field(default_factory=dict)
    # the slug each committed benchmark snapshot lists this model under; its quality comes from there
    benchmarks: dict[str, str] = Field(default_factory=dict)
    # not measured: the snapshot slug of its closest sibling, whose figure it shows as an estimate
    benchmark_sibling: dict[str, str] = Field(default_factory=dict)
    latency_class: str = "medium"
    speed: Speed | None = None
    deprecation_date: str | None = None
    successor: str | None = None  # the catalog id its provider names in its place
    released: str | None = None
    role: str | None = None
    description: str = ""
    source: str = ""
    as_of: str = ""

    @model_validator(mode="before")
    @classmethod
    def _quality_from_snapshots(cls, data: Any) -> Any:
        """The one place quality figures are read: snapshot figures win over hand-recorded ones."""
        if isinstance(data, dict) and (data.get("benchmarks") or data.get("benchmark_sibling")):
            derived = quality_rule.derive(data)
            hand = {
                task: entry
                for task, entry in (data.get("quality") or {}).items()
                if task not in derived
            }
            data = {**data, "quality": {**hand, **derived}}
        return data

    def serves(self, task: str) -> bool:
        """True when the model does the task, or has the capability a ranking task stands for
        (tool use: "function-calling", ranked by the agentic index)."""
        return task in self.tasks or (
            task in quality_rule.CAPABILITY_TASKS and task in self.capabilities
        )

    def measured(self, task: str) -> bool:
        """True when the model's figure for the task is a measurement, not an estimate or absent."""
        entry = self.quality.get(task)
        return bool(entry and entry.measured)

    def price(self, key: str) -> float | None:
        value = self.pricing.get(key)
        return float(value) if isinstance(value, int | float) else None

    def quality_for(self, task: str) -> float:
        entry = self.quality.get(task)
        return entry.score if entry else 0.0

    def latency(self) -> str:
        """fast | medium | slow: from measured speed where a source gives it, else the class
        recorded by hand. Fast: >= 100 tokens/s and a first token within 1.5 s; slow: under
        40 tokens/s or a first token after 10 s."""
        speed = self.speed
        if speed is None or not speed.output_tokens_per_s:
            return self.latency_class
        if speed.output_tokens_per_s >= 100 and (speed.ttft_s is None or speed.ttft_s <= 1.5):
            return "fast"
        if speed.output_tokens_per_s < 40 or (speed.ttft_s is not None and speed.ttft_s > 10):
            return "slow"
        return "medium"

    def speaks(self, language: str) -> bool:
        return "*" in self.languages or language in self.languages

    def retired(self, today: str) -> bool:
        """True once the provider's retirement date (ISO) has passed."""
        return bool(self.deprecation_date) and self.deprecation_date <= today

    def lifecycle(self, today: str) -> str:
        """current | retiring (within RETIRING_SOON_DAYS) | retired, judged on `today` (ISO)."""
        if self.retired(today):
            return "retired"
        return "retiring" if self.retires_within(today, RETIRING_SOON_DAYS) else "current"

    def retires_within(self, today: str, days: int) -> bool:
        """True when the retirement date (ISO) falls within `days` of `today` (or has passed)."""
        if not self.deprecation_date:
            return False
        left = (dt.date.fromisoformat(self.deprecation_date) - dt.date.fromisoformat(today)).days
        return left <= days

    def contract(self) -> dict:
        """The Model shape of the recommendation contract, plus deployment options, measured
        speed and the provider's retirement date and named successor (null when unknown)."""
        data = self.model_dump(include=set(CONTRACT_FIELDS))
        data["deployment"] = list(self.deployment)
        out = {key: data[key] for key in (*CONTRACT_FIELDS, "deployment")}
        out["speed"] = self.speed.model_dump() if self.speed else None
        out["deprecation_date"] = self.deprecation_date
        out["successor"] = self.successor
        return out


class Catalog(BaseModel):
    model_config = ConfigDict(defer_build=True)

    as_of: str  # when the catalog was last reviewed as a whole
    gpu_hourly_usd: dict[str, dict[str, Any]] = Field(default_factory=dict)
    models: list[Model]

    def model_post_init(self, _context: Any) -> None:
        self._by_id = {model.id: model for model in self.models}
        self._facts_as_of: str | None = None
        # A loaded catalog never changes, so what the recommender asks of it for every model on
        # every call is worked out once: per task, and per day for the lifecycle stages.
        self._serving: dict[str, list[Model]] = {}
        self._stages: dict[str, dict[str, str]] = {}

    def get(self, model_id: str) -> Model:
        try:
            return self._by_id[model_id]
        except KeyError:
            raise UnknownModelError(model_id) from None

    def find(self, model_id: str) -> Model | None:
        return self._by_id.get(model_id)

    def name_of(self, model_id: str) -> str:
        """A model's display name, or its id when the catalog does not hold it."""
        found = self.find(model_id)
        return found.name if found is not None else model_id

    def serving(self, task: str) -> list[Model]:
        """The models that serve `task`, in catalog order."""
        if task not in self._serving:
            self._serving[task] = [model for model in self.models if task in model.tasks]
        return self._serving[task]

    def stage(self, model: Model, today: str) -> str:
        """`model.lifecycle(today)`, remembered per day."""
        stages = self._stages.get(today)
        if stages is None:
            if len(self._stages) > 8:  # a long-running process sees a new day now and then
                self._stages.clear()
            stages = self._stages[today] = {}
        stage = stages.get(model.id)
        if stage is None:
            stage = stages[model.id] = model.lifecycle(today)
        return stage

    @property
    def facts_as_of(self) -> str:
        """The date of the newest verified fact (a price, a benchmark figure, a speed)."""
        if self._facts_as_of is None:  # a loaded catalog never changes: work it out once
            self._facts_as_of = self._newest_fact()
        return self._facts_as_of

    def _newest_fact(self) -> str:
        dates = [self.as_of]
        for model in self.models:
            dates.append(str(model.pricing.get("as_of") or ""))
            dates.extend(quality.as_of for quality in model.quality.values())
            if model.speed:
                dates.append(model.speed.as_of)
        return max(date for date in dates if _ISO_DATE.match(date or ""))

    @property
    def tasks(self) -> list[str]:
        from ..questionnaire import TASKS

        return [task for task in TASKS if any(task in m.tasks for m in self.models)]

    @property
    def ranking_tasks(self) -> list[str]:
        """The tasks a model's quality can be judged on: each task served, then tool use
        ("function-calling", the agentic index) as the recommender ranks a job that calls tools."""
        return self.tasks + [
            task
            for task in sorted(quality_rule.CAPABILITY_TASKS)
            if any(task in m.capabilities for m in self.models)
        ]

    @property
    def providers(self) -> list[str]:
        return sorted({model.provider for model in self.models})

    @property
    def capabilities(self) -> list[str]:
        return sorted({capability for model in self.models for capability in model.capabilities})

    @property
    def deployments(self) -> list[str]:
        return sorted({way for model in self.models for way in model.deployment})

    @property
    def licenses(self) -> list[str]:
        """Every licence in the catalog, the most common first."""
        counts: dict[str, int] = {}
        for model in self.models:
            counts[model.license] = counts.get(model.license, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name.lower()))

    def gpu_rate(self, gpu: str | None) -> float:
        entry = self.gpu_hourly_usd.get(gpu or "") or {}
        return float(entry.get("usd", 0.0))

    def filter(
        self,
        task: str | None = None,
        open_weights: bool | None = None,
        provider: str | None = None,
        min_context: int | None = None,
        max_input_price: float | None = None,
        search: str = "",
        capabilities: Iterable[str] = (),
        deployment: Iterable[str] = (),
        licenses: Iterable[str] = (),
    ) -> list[Model]:
        """The models that pass every filter given: `search` words must all occur in the name,
        id or provider; every capability is needed; any one of the deployments or licences will
        do."""
        words = search.lower().split()
        needs, ways, allowed = set(capabilities), set(deployment), set(licenses)
        out = []
        for model in self.models:
            if words and any(
                word not in f"{model.name} {model.id} {model.provider}".lower() for word in words
            ):
                continue
            if not needs <= set(model.capabilities):
                continue
            if ways and not ways & set(model.deployment):
                continue
            if allowed and model.license not in allowed:
                continue
            if task and not model.serves(task):
                continue
            if open_weights is not None and model.open_weights != open_weights:
                continue
            if provider and model.provider != provider:
                continue
            if min_context and model.context_window < min_context:
                continue
            if max_input_price is not None:
                price = model.price("input_per_1m")
                if price is None or price > max_input_price:
                    continue
            out.append(model)
        return out


@lru_cache(maxsize=4)
def _load(path: str, version: tuple) -> Catalog:
    return Catalog.model_validate(catalog_data.read(path))


VERSION_TTL_S = 1.0  # look for changed files at most once a second, not on every call
_versions: dict[str, tuple[float, tuple]] = {}


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog (a folder of per-provider files, or one JSON file), cached per file version so
    that `catalog sync` is seen without a restart (within a second)."""
    key = str(Path(path) if path else CATALOG_PATH)
    now = time.monotonic()
    seen = _versions.get(key)
    if seen is None or now - seen[0] > VERSION_TTL_S:
        seen = _versions[key] = (now, catalog_data.version(Path(key)))
    return _load(key, seen[1])
