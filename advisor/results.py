"""The core's results as types: what `recommend`, `advise`, `ask` and the playground return.

The JSON the CLI prints (`--format json`) and the store keeps is these models' dumps (`.to_json()`;
docs/architecture.md, "What the faces call"), so the CLI's output and the stored history keep
their shape while the faces read attributes instead of dict keys. Stored JSON comes back through
`model_validate`; fields a later version added get their defaults.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog.catalog import Model, Speed


# Every model builds its validator on first use (defer_build): a cold command pays only for the
# models it touches (`ask` uses two of this module's).
class ModelInfo(BaseModel):
    """A catalog model as a recommendation shows it (DESIGN's `Model`, plus speed and lifecycle)."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    id: str
    name: str = ""
    provider: str = "?"
    tasks: list[str] = Field(default_factory=list)
    capabilities: list[str] = Field(default_factory=list)
    open_weights: bool = False
    context_window: int = 0
    pricing: dict[str, Any] = Field(default_factory=dict)
    license: str = "?"
    deployment: list[str] = Field(default_factory=list)
    speed: Speed | None = None
    deprecation_date: str | None = None
    successor: str | None = None

    @classmethod
    def of(cls, model: Model) -> ModelInfo:
        return cls.model_validate(model.contract())

    @property
    def label(self) -> str:
        return self.name or self.id


class ApproachPlan(BaseModel):
    model_config = ConfigDict(defer_build=True)

    primary: Literal["prompt-engineering", "rag", "fine-tuning", "training-from-scratch"]
    techniques: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


class CostEstimate(BaseModel):
    """Monthly cost; `breakdown` keys starting with "one_off_" are one-off, not monthly."""

    model_config = ConfigDict(defer_build=True)

    monthly_usd: float
    breakdown: dict[str, float | str] = Field(default_factory=dict)
    assumptions: list[str] = Field(default_factory=list)


class Citation(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)

    id: str
    title: str = ""
    topic: str = ""
    excerpt: str = ""
    score: float | None = None


class WhyNot(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    reason: str


class Contender(BaseModel):
    """A model that passed the hard constraints, as the pick is weighed against it: its quality
    for the task (with the figure's source and date) and its monthly cost for this workload."""

    model_config = ConfigDict(defer_build=True)

    id: str
    name: str = ""
    provider: str = "?"
    quality: float | None = None  # 0..1 for the task; None when the catalog has no figure
    quality_source: str = ""
    quality_as_of: str = ""
    # the figure as published (index points, Elo, WER %) and whether it was measured; an
    # estimate names the sibling whose figure it shows
    quality_points: float | None = None
    quality_metric: str = ""
    quality_measured: bool = False
    quality_sibling: str | None = None
    monthly_usd: float
    open_weights: bool = False
    self_hostable: bool = False

    @classmethod
    def of(cls, model: Model, task: str, monthly_usd: float) -> Contender:
        figure = model.quality.get(task)
        return _built(
            cls,
            id=model.id,
            name=model.name,
            provider=model.provider,
            quality=figure.score if figure else None,
            quality_source=figure.source if figure else "",
            quality_as_of=figure.as_of if figure else "",
            quality_points=figure.points if figure else None,
            quality_metric=figure.metric if figure else "",
            quality_measured=bool(figure and figure.measured),
            quality_sibling=figure.sibling if figure else None,
            monthly_usd=round(monthly_usd, 2),
            open_weights=model.open_weights,
            self_hostable="self-hosted" in model.deployment or "on-device" in model.deployment,
        )

    @property
    def label(self) -> str:
        return self.name or self.id


def _built(cls: type[BaseModel], **values: Any) -> Any:
    """An instance of `cls` from values that are already valid and complete (every field given),
    as `model_construct` makes it without its per-field defaults pass: recommend builds one for
    every model that passes, from the catalog's validated data (measured: 1.4 us instead of 4.2
    with model_construct and 3.1 validating)."""
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Component(BaseModel):
    """One part of a pipeline (speech-to-text, the LLM, an embedder, a vector store, ...), chosen
    from the catalog under the same constraints as the pick and priced for this workload; the
    components' `monthly_usd` add up to the recommendation's `cost.monthly_usd`."""

    model_config = ConfigDict(defer_build=True)

    role: Literal[
        "llm",
        "embedder",
        "reranker",
        "vector-store",
        "speech-to-text",
        "text-to-speech",
        "realtime-speech",
        "vision",
        "ocr",
    ]
    model: ModelInfo
    monthly_usd: float
    alternatives: list[ModelInfo] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Understood(BaseModel):
    """One value the advice rests on, as the "I understood" line shows it: read from the text,
    given in the form, or a default the cost assumes. `confirm` marks a reading to ask about
    (a second reader disagreed, or the words were vague)."""

    model_config = ConfigDict(defer_build=True)

    field: str  # the questionnaire path, e.g. "requests_per_month", "data.document_count"
    label: str
    value: Any = None
    shown: str  # the value as a person reads it ("20,000 a month", "EU only")
    source: Literal["read", "given", "default"]
    evidence: str = ""  # the words it was read from
    note: str = ""  # how it was worked out
    confirm: bool = False


class Recommendation(BaseModel):
    """DESIGN's recommendation contract. `id` is set once the service has saved it."""

    model_config = ConfigDict(validate_assignment=True, defer_build=True)

    model: ModelInfo
    alternatives: list[ModelInfo] = Field(default_factory=list)
    approach: ApproachPlan
    cost: CostEstimate
    warnings: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    questionnaire: dict[str, Any] = Field(default_factory=dict)
    assumed: list[str] = Field(default_factory=list)
    why_not: list[WhyNot] = Field(default_factory=list)
    alternative_costs: dict[str, float] = Field(default_factory=dict)
    catalog_as_of: str | None = None
    # Every model that passed the constraints, the recommender's order (the pick first); empty in
    # decisions stored before it was recorded.
    candidates: list[Contender] = Field(default_factory=list)
    # Where the job is a pipeline (RAG, a voice agent, scanned documents); empty for one model.
    # `model` stays the main component.
    components: list[Component] = Field(default_factory=list)
    # What the advice read from the text and every default its cost rests on, in the order the
    # "I understood" line shows them; empty in decisions stored before it was recorded.
    understood: list[Understood] = Field(default_factory=list)
    # The task whose benchmark figure ranked the candidates (their `quality_*` fields): the task
    # itself, or "function-calling" (the agentic index) for a text job that must call tools; None
    # in decisions stored before it was recorded (they were ranked by their task).
    quality_task: str | None = None
    id: int | None = None

    @classmethod
    def from_stored(cls, row: dict | None) -> Recommendation | None:
        """A saved recommendation (a store row), or None when the row holds none it can read."""
        result = (row or {}).get("result")
        if not isinstance(result, dict):
            return None
        try:
            return cls.model_validate({**result, "id": row.get("id")})
        except ValueError:
            return None

    def to_json(self) -> dict:
        """The contract JSON (no `id` until it is saved)."""
        return self.model_dump(mode="json", exclude={"id"} if self.id is None else None)


class Answer(BaseModel):
    """DESIGN's knowledge-answer contract (`ask --format json`)."""

    model_config = ConfigDict(defer_build=True)

    answer: str
    mode: Literal["extractive", "generative"] = "extractive"
    citations: list[Citation] = Field(default_factory=list)

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


class RunResult(BaseModel):
    """One playground run, finished or failed (`error` set)."""

    model_config = ConfigDict(defer_build=True)

    text: str = ""
    model: str
    provider: str | None = None
    latency_s: float | None = None
    ttft_s: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost_usd: float | None = None
    passages: list[dict[str, Any]] = Field(default_factory=list)
    tokens_counted: bool = False
    run_id: int | None = None
    error: str | None = None

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


class Finding(BaseModel):
    """A stored decision that went stale: its pick retires, retired or left the catalog, or a
    current model now does the same job for much less, or clearly better within the budget."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    key: str  # one finding is reported once: recommendation, kind, old and new model
    recommendation_id: int
    kind: Literal["retired", "retiring", "gone", "cheaper", "better"]
    old_model: str
    old_name: str
    new_model: str | None = None
    new_name: str | None = None
    reason: str  # dated: the catalog facts it rests on
    old_monthly_usd: float | None = None
    new_monthly_usd: float | None = None
    catalog_as_of: str  # the catalog the finding was judged with
    made_with: str | None = None  # the catalog the decision was made with
    id: int | None = None
    status: str = "open"
    posted: str | None = None

    @property
    def monthly_difference_usd(self) -> float | None:
        """New minus old monthly cost (negative: the new pick saves money)."""
        if self.old_monthly_usd is None or self.new_monthly_usd is None:
            return None
        return round(self.new_monthly_usd - self.old_monthly_usd, 2)

    def to_json(self) -> dict:
        return {
            **self.model_dump(mode="json"),
            "monthly_difference_usd": self.monthly_difference_usd,
        }
