"""Monthly cost of running a model for a workload, with a breakdown and the assumptions made."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .catalog import Catalog, Model
from .units import money as _money

HOURS_PER_MONTH = 730
# Peak traffic is bursty: size self-hosted capacity for three times the average rate.
PEAK_FACTOR = 3
RAG_CONTEXT_TOKENS = 1500
TOKENS_PER_DOCUMENT = 1000
CHARS_PER_TOKEN = 4
FINE_TUNING_EPOCHS = 3
TRAINING_TOKENS_PER_GPU_SECOND = 2500
# Small-scale experiments, restarts after divergence and evaluation roughly double a final run.
PRETRAINING_OVERHEAD = 2
# Share of the corpus re-embedded each month, by how often the documents change.
REEMBED_SHARE = {
    "static": 0.0,
    "yearly": 0.1,
    "monthly": 0.3,
    "weekly": 0.6,
    "daily": 1.0,
    "realtime": 2.0,
}
EMBEDDER_ID = "text-embedding-3-small"


DEPLOYMENT_NOTES = {
    "cloud-api": "deployment: the provider's cloud API, paid per use",
    "self-hosted": "deployment: self-hosted on rented cloud machines",
    "on-device": "deployment: on your own device or machine",
}


@dataclass
class Workload:
    task: str
    requests: int
    input_tokens: int
    output_tokens: int
    images: int = 0
    audio_minutes: float = 0.0
    latency: str = "interactive"
    rag: bool = False
    fine_tune_examples: int = 0
    documents: int = 0
    update_frequency: str = "static"
    corpus_tokens: int = 0
    pretrain: bool = False


@dataclass
class Estimate:
    monthly_usd: float
    mode: str  # cloud-api | self-hosted | on-device
    breakdown: dict[str, float] = field(default_factory=dict)
    one_off: dict[str, float] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)

    def contract(self) -> dict:
        breakdown = {key: round(value, 2) for key, value in self.breakdown.items()}
        breakdown.update({f"one_off_{key}": round(value, 2) for key, value in self.one_off.items()})
        return {
            "monthly_usd": round(self.monthly_usd, 2),
            "breakdown": breakdown,
            "assumptions": [DEPLOYMENT_NOTES[self.mode], *self.assumptions],
        }


def api_usage_cost(model: Model, work: Workload) -> tuple[dict[str, float], list[str]] | None:
    """Pay-per-use cost of the model's hosted API, or None when it has no usable price."""
    parts: dict[str, float] = {}
    notes: list[str] = []
    tuned = work.fine_tune_examples > 0
    if work.task == "image-generation":
        price = model.price("per_image")
        if price is None:
            return None
        parts["images"] = work.images * price
        notes.append(f"{work.images:,} images a month at {_money(price)} each")
    elif work.task == "speech-to-text":
        price = model.price("per_audio_minute")
        if price is None:
            return None
        parts["audio"] = work.audio_minutes * price
        notes.append(f"{work.audio_minutes:,.0f} audio minutes a month at ${price:.4f} a minute")
    elif work.task == "text-to-speech" and model.price("per_1m_characters") is not None:
        price = model.price("per_1m_characters")
        chars = work.requests * work.input_tokens * CHARS_PER_TOKEN
        parts["characters"] = chars / 1e6 * price
        notes.append(
            f"{chars:,.0f} characters a month (about {CHARS_PER_TOKEN} per token) at {_money(price)} per 1M"
        )
    else:
        price_in = model.price("fine_tuned_input_per_1m") if tuned else None
        price_out = model.price("fine_tuned_output_per_1m") if tuned else None
        price_in = price_in if price_in is not None else model.price("input_per_1m")
        price_out = price_out if price_out is not None else model.price("output_per_1m")
        if price_in is None:
            return None
        input_tokens = work.input_tokens + (
            RAG_CONTEXT_TOKENS if work.rag and work.task != "embeddings" else 0
        )
        parts["input_tokens"] = work.requests * input_tokens / 1e6 * price_in
        parts["output_tokens"] = work.requests * work.output_tokens / 1e6 * (price_out or 0.0)
        label = (
            "fine-tuned " if tuned and model.price("fine_tuned_input_per_1m") is not None else ""
        )
        notes.append(
            f"{work.requests:,} requests a month x {input_tokens:,} input + {work.output_tokens:,} output "
            f"tokens at {label}${price_in:g} / ${price_out or 0:g} per 1M tokens"
        )
    return parts, notes


def self_hosting_cost(
    model: Model, work: Workload, catalog: Catalog
) -> tuple[dict[str, float], list[str]] | None:
    hosting = model.self_hosting
    if hosting is None:
        return None
    gpu = hosting.gpu or "cpu"
    rate = catalog.gpu_rate(gpu) * max(1, hosting.gpus)
    if rate <= 0:
        return None
    throughput = hosting.tokens_per_second or 50.0
    monthly_tokens = work.requests * (
        work.input_tokens + work.output_tokens + (RAG_CONTEXT_TOKENS if work.rag else 0)
    )
    if work.task == "image-generation":
        monthly_tokens = work.images * 1000  # about 1,000 "token-equivalents" of work per image
    if work.task == "speech-to-text":
        monthly_tokens = work.audio_minutes * 60 * 50
    busy_hours = monthly_tokens / throughput / 3600
    if work.latency == "batch":
        hours = max(1.0, busy_hours)
        notes = [f"batch jobs: about {hours:,.0f} {gpu} hours a month at {_money(rate)}/h"]
    else:
        instances = max(1, math.ceil(busy_hours * PEAK_FACTOR / HOURS_PER_MONTH))
        hours = HOURS_PER_MONTH * instances
        notes = [
            f"always on: {instances} x {max(1, hosting.gpus)} {gpu} for {HOURS_PER_MONTH} h a month at "
            f"{_money(catalog.gpu_rate(gpu))}/h each (sized for {PEAK_FACTOR}x the average load)"
        ]
    return {"hosting_hours": hours * rate}, notes


def rag_costs(
    work: Workload, catalog: Catalog
) -> tuple[dict[str, float], dict[str, float], list[str]]:
    embedder = catalog.find(EMBEDDER_ID)
    price = embedder.price("input_per_1m") if embedder else 0.02
    corpus = work.documents * TOKENS_PER_DOCUMENT
    share = REEMBED_SHARE.get(work.update_frequency, 0.3)
    monthly = {
        "rag_query_embeddings": work.requests * work.input_tokens / 1e6 * price,
        "rag_reindexing": corpus * share / 1e6 * price,
    }
    one_off = {"rag_initial_embedding": corpus / 1e6 * price}
    notes = [
        f"RAG adds about {RAG_CONTEXT_TOKENS:,} tokens of retrieved passages to each request",
        f"{work.documents:,} documents of about {TOKENS_PER_DOCUMENT:,} tokens embedded with {EMBEDDER_ID} "
        f"(${price:g} per 1M); {int(share * 100)}% re-embedded a month ({work.update_frequency} updates)",
        "vector store: Chroma on your own infrastructure (no licence cost)",
    ]
    return monthly, one_off, notes


def fine_tuning_cost(
    model: Model, work: Workload, catalog: Catalog
) -> tuple[dict[str, float], list[str]]:
    tokens = work.fine_tune_examples * (work.input_tokens + work.output_tokens) * FINE_TUNING_EPOCHS
    price = model.price("fine_tuning_per_1m_training_tokens")
    if price is not None:
        cost = tokens / 1e6 * price
        note = f"fine-tuning: {work.fine_tune_examples:,} examples x {FINE_TUNING_EPOCHS} epochs = {tokens:,.0f} training tokens at ${price:g} per 1M (one-off)"
    else:
        rate = catalog.gpu_rate("A100-80GB") or 2.0
        hours = max(1.0, tokens / TRAINING_TOKENS_PER_GPU_SECOND / 3600)
        cost = hours * rate
        note = f"fine-tuning (LoRA) on rented A100-80GB: about {hours:,.1f} h at {_money(rate)}/h for {tokens:,.0f} training tokens (one-off)"
    return {"fine_tuning": cost}, [note]


def pretraining_cost(work: Workload, catalog: Catalog) -> tuple[dict[str, float], list[str]]:
    tokens = max(work.corpus_tokens, 1)
    # Chinchilla-style: about 20 training tokens per parameter; 6 * params * tokens FLOPs
    params = tokens / 20
    flops = 6 * params * tokens
    effective_flops_per_gpu_second = 989e12 * 0.4
    gpu_hours = flops / effective_flops_per_gpu_second / 3600
    rate = catalog.gpu_rate("H100-80GB") or 4.0
    notes = [
        f"pretraining: {tokens:,.0f} corpus tokens, a model of about {params / 1e9:,.1f}B parameters (20 tokens "
        f"per parameter), 6·N·D = {flops:.2e} FLOPs, H100 at 40% utilisation = {gpu_hours:,.0f} GPU hours "
        f"at {_money(rate)}/h, doubled for experiments and restarts (one-off)"
    ]
    return {"pretraining": gpu_hours * PRETRAINING_OVERHEAD * rate}, notes


def estimate(model: Model, work: Workload, catalog: Catalog, modes: list[str]) -> Estimate | None:
    """The cheapest way to run `model` among the allowed deployment `modes`, or None if none fits."""
    options: list[Estimate] = []
    for mode in modes:
        if mode not in model.deployment:
            continue
        if mode == "cloud-api":
            usage = api_usage_cost(model, work)
            if usage is None:
                continue
            parts, notes = usage
        elif mode == "self-hosted":
            hosted = self_hosting_cost(model, work, catalog)
            if hosted is None:
                continue
            parts, notes = hosted
        else:
            parts, notes = (
                {"hosting": 0.0},
                ["runs on your own device or machine: no per-use charges"],
            )
        options.append(Estimate(sum(parts.values()), mode, dict(parts), {}, list(notes)))
    if not options:
        return None
    best = min(options, key=lambda option: option.monthly_usd)
    if work.rag:
        monthly, one_off, notes = rag_costs(work, catalog)
        best.breakdown.update(monthly)
        best.one_off.update(one_off)
        best.assumptions.extend(notes)
        best.monthly_usd += sum(monthly.values())
    if work.fine_tune_examples:
        one_off, notes = fine_tuning_cost(model, work, catalog)
        best.one_off.update(one_off)
        best.assumptions.extend(notes)
    if work.pretrain:
        one_off, notes = pretraining_cost(work, catalog)
        best.one_off.update(one_off)
        best.assumptions.extend(notes)
    if best.one_off:
        best.assumptions.append(
            "one-off costs are listed in the breakdown and not included in monthly_usd"
        )
    return best
