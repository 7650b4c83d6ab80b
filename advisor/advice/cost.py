"""Monthly cost of running a model for a workload, with a breakdown and the assumptions made."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import hardware
from ..catalog.catalog import Catalog, Model
from ..units import money as _money
from . import devices, price_levers, residency

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
TUNING_GPU = "A100-80GB"
# A reranker pays in RAG once the collection is large enough that vector search alone returns
# near-misses among its top passages (1,000 documents of about 1,000 tokens are some 5,000
# passages), or when the user puts quality first: a cross-encoder re-scores the top
# RERANK_CANDIDATES passages against the question, for a typical +10 nDCG@10 on BEIR (BGE's
# reranker report). It must also be cheap next to the rest of the plan: at most
# RERANK_MAX_SHARE of it, or it is left out and the answer says what it would cost.
RERANK_MIN_DOCUMENTS = 1000
RERANK_CANDIDATES = 50
RERANK_MAX_SHARE = 0.2
# A RAG search embeds the user's question, not the prompt around it: a question is a sentence or
# two, so at most this many tokens of each request are embedded.
QUESTION_TOKENS = 100
# Below this share of its capacity an always-on machine mostly waits: hosted open weights billed
# per token, GPUs rented per hour for a batch window, or one small box serve such a load for less.
LOW_UTILISATION = 0.10
# An embedder or reranker beside the model on a device: 8-bit weights and a passage of context,
# in at most a quarter of the device's usable memory.
SIDE_PART_SHARE = 0.25
SIDE_PART_CONTEXT = 512
# Machines a self-hosted plan may already have: owned GPUs, a CPU-only server.
OWNED_KINDS = ("gpus", "cpu server")
# A batch window is rented by the hour; a working day's window a day at the least.
BATCH_WINDOWS_PER_MONTH = 22


DEPLOYMENT_NOTES = {
    "cloud-api": "deployment: the provider's cloud API, paid per use",
    "self-hosted": "deployment: self-hosted on rented cloud machines",
    "on-device": "deployment: on your own device or machine",
    "own-hardware": "deployment: self-hosted on your own machines",
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
    owned_gpus: str | None = None  # "2x A100-80GB": hardware that costs no rent
    own_machines: bool = False  # air-gapped: self-hosting means the user's own machines
    languages: tuple[str, ...] = ()
    open_weights_only: bool = False  # the user asked for open weights: every component has them
    region: str | None = None  # "eu": every hosted component keeps the data in the EU
    quality_first: bool = False  # "accuracy matters more than cost": a reranker pays sooner
    continued_pretraining: bool = False  # the open model is first trained on corpus_tokens
    device: devices.Device | None = None  # the machine an on-device or owned plan must fit
    context_tokens: int = 0  # the largest single input: the KV cache a device must hold
    shared_prefix_tokens: int = 0  # the part of each prompt that repeats (cacheable)


# Notes as text, or a function that writes them. `recommend` prices every model in the catalog
# and shows the notes of a few: writing them all out was a third of its time.
Notes = list[str] | Callable[[], list[str]]


@dataclass
class Estimate:
    monthly_usd: float
    mode: str  # cloud-api | self-hosted | on-device
    breakdown: dict[str, float] = field(default_factory=dict)
    one_off: dict[str, float] = field(default_factory=dict)
    # the assumptions, in order: texts, and functions that write some (see `assumptions`)
    notes: list[str | Callable[[], list[str]]] = field(default_factory=list)
    where: str = ""  # the deployment note when it is not the mode's usual one
    gpus: int = 0  # GPUs kept on for a self-hosted plan
    utilisation: float | None = None  # the share of that capacity the load uses

    @property
    def assumptions(self) -> list[str]:
        """The notes as text, written out when first read (the list can be added to)."""
        if any(callable(note) for note in self.notes):
            self.notes = [text for note in self.notes for text in _written(note)]
        return self.notes  # type: ignore[return-value]

    def contract(self) -> dict:
        breakdown = {key: round(value, 2) for key, value in self.breakdown.items()}
        breakdown.update({f"one_off_{key}": round(value, 2) for key, value in self.one_off.items()})
        return {
            "monthly_usd": round(self.monthly_usd, 2),
            "breakdown": breakdown,
            "assumptions": [self.where or DEPLOYMENT_NOTES[self.mode], *self.assumptions],
        }


def _written(notes: str | Notes) -> list[str]:
    if isinstance(notes, str):
        return [notes]
    return notes() if callable(notes) else list(notes)


def api_usage_cost(model: Model, work: Workload) -> tuple[dict[str, float], Notes] | None:
    """Pay-per-use cost of the model's hosted API, or None when it has no usable price."""
    parts: dict[str, float] = {}
    notes: list[str] = []
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
        return token_usage_cost(model, work)
    return parts, notes


def token_usage_cost(model: Model, work: Workload) -> tuple[dict[str, float], Notes] | None:
    """Per-token API cost, with the levers that apply: the provider's fine-tuned price for tuned
    weights, cached input for a repeated prefix, the batch discount when the work may wait."""
    tuned = work.fine_tune_examples > 0
    if tuned and model.price("fine_tuned_input_per_1m") is None:
        # tuned open weights are new weights: no per-token API serves them at the base model's
        # price, so they are priced where they run (hosting them)
        return None
    price_in = model.price("fine_tuned_input_per_1m" if tuned else "input_per_1m")
    price_out = model.price("fine_tuned_output_per_1m" if tuned else "output_per_1m")
    if price_in is None:
        return None
    price_out = price_out or 0.0
    input_tokens = work.input_tokens + (
        RAG_CONTEXT_TOKENS if work.rag and work.task != "embeddings" else 0
    )
    listed_in, listed_out = price_in, price_out
    batch = price_levers.batch_discount(model, work.latency)
    if batch:
        discount = batch[0]
        price_in, price_out = price_in * (1 - discount), price_out * (1 - discount)
    cached_price = price_levers.cached_input_price(model)
    shared = min(work.shared_prefix_tokens, input_tokens) if cached_price is not None else 0
    parts = {
        "input_tokens": work.requests * (input_tokens - shared) / 1e6 * price_in,
        "output_tokens": work.requests * work.output_tokens / 1e6 * price_out,
    }
    if shared:
        # the cache is written once per window and read by every later request; batch and cache
        # discounts are not stacked
        parts["cached_input_tokens"] = work.requests * shared / 1e6 * cached_price

    def notes() -> list[str]:
        label = "fine-tuned " if tuned else ""
        written = [
            f"{work.requests:,} requests a month x {input_tokens:,} input + {work.output_tokens:,} output "
            f"tokens at {label}${listed_in:g} / ${listed_out:g} per 1M tokens"
        ]
        if batch:
            written.append(
                f"batch API (latency: batch): {batch[0]:.0%} off input and output ({batch[1]})"
            )
        if shared:
            source = model.pricing.get("genai_prices") or model.pricing.get("source", "?")
            written.append(
                f"prompt caching: the {shared:,} tokens every request repeats are read from the cache at "
                f"${cached_price:g} per 1M instead of ${price_in:g} (genai-prices {source})"
            )
        return written

    return parts, notes


def self_hosting_cost(
    model: Model, work: Workload, catalog: Catalog
) -> tuple[dict[str, float], Notes] | None:
    hosting = model.self_hosting
    if hosting is None or not model.open_weights:
        return None  # only open weights can run on machines the user controls
    owned = _on_owned_machine(model, work)
    if owned is not None:
        return owned
    if work.own_machines and work.device is not None and work.device.kind == "cpu server":
        return None  # no GPU to rent inside an air gap, and it does not fit the server's memory
    gpu = hosting.gpu or "cpu"
    gpus = max(1, hosting.gpus)
    rate = catalog.gpu_rate(gpu) * gpus
    if rate <= 0:
        return None
    load = _load(model, work)
    batch = work.latency == "batch"
    hours = max(1.0, load.busy_hours) if batch else HOURS_PER_MONTH * load.instances

    def notes() -> list[str]:
        if batch:
            written = [f"batch jobs: about {hours:,.0f} {gpu} hours a month at {_money(rate)}/h"]
        else:
            written = [
                f"always on: {load.instances} x {gpus} {gpu} for {HOURS_PER_MONTH} h a month at "
                f"{_money(catalog.gpu_rate(gpu))}/h each (sized for {PEAK_FACTOR}x the average load)"
            ]
        if work.own_machines:
            written.append(
                "on your own machines: priced at the cloud rental rate as a stand-in for buying "
                "and running the same GPUs"
            )
        return written

    return {"hosting_hours": hours * rate}, notes


def share(fraction: float) -> str:
    """A utilisation as people read it: "12.5%", or "under 0.1%" rather than "0.0%"."""
    return f"{fraction:.1%}" if fraction >= 0.001 else "under 0.1%"


@dataclass
class Load:
    """The load a self-hosted model must carry, against the throughput the catalog gives for it
    on its GPUs (`self_hosting.tokens_per_second`)."""

    average_tps: float
    peak_tps: float
    throughput: float
    instances: int
    busy_hours: float

    @property
    def utilisation(self) -> float:
        return self.average_tps / (self.instances * self.throughput)

    def note(self, gpus: int, gpu: str) -> str:
        return (
            f"load: peak about {self.peak_tps:,.1f} tokens/s ({PEAK_FACTOR}x the average "
            f"{self.average_tps:,.2f}) against {self.throughput:,.0f} tokens/s for this model on "
            f"{gpus} x {gpu} (the catalog's throughput figure): utilisation {share(self.utilisation)}"
        )


def _load(model: Model, work: Workload) -> Load:
    throughput = (model.self_hosting.tokens_per_second if model.self_hosting else None) or 50.0
    monthly_tokens = work.requests * (
        work.input_tokens + work.output_tokens + (RAG_CONTEXT_TOKENS if work.rag else 0)
    )
    if work.task == "image-generation":
        monthly_tokens = work.images * 1000  # about 1,000 "token-equivalents" of work per image
    if work.task == "speech-to-text":
        monthly_tokens = work.audio_minutes * 60 * 50
    average = monthly_tokens / (HOURS_PER_MONTH * 3600)
    peak = average * PEAK_FACTOR
    instances = max(1, math.ceil(peak / throughput))
    return Load(average, peak, throughput, instances, monthly_tokens / throughput / 3600)


def _explain_load(model: Model, work: Workload, catalog: Catalog, best: Estimate) -> None:
    """The load against the throughput, and below LOW_UTILISATION the cheaper ways: worked out
    for the cheapest way to run the model only, since these notes are read for the plan shown."""
    hosting = model.self_hosting
    gpu, gpus = hosting.gpu or "cpu", max(1, hosting.gpus)
    load = _load(model, work)
    monthly, first = best.monthly_usd, best.notes  # the deployment's notes alone, so far

    def explained() -> list[str]:
        notes = [text for note in first for text in _written(note)]
        extra = [load.note(gpus, gpu)]
        if load.utilisation < LOW_UTILISATION:
            rate = catalog.gpu_rate(gpu) * gpus
            extra += _idle_options(model, work, monthly, rate, load)
        return [*notes[:1], *extra, *notes[1:]]  # after the first note

    best.notes = [explained]


def _idle_options(
    model: Model, work: Workload, monthly: float, rate: float, load: Load
) -> list[str]:
    """What serves a light load for less than an always-on machine that mostly waits."""
    notes = []
    if work.requests:
        notes.append(
            f"at {share(load.utilisation)} utilisation the machine mostly waits: "
            f"{_money(monthly / work.requests, 2)} per request"
        )
    hosted = token_usage_cost(model, work) if "cloud-api" in model.deployment else None
    if hosted is not None and not work.own_machines:
        notes.append(
            f"the same open weights billed per token by a host: about "
            f"{_money(sum(hosted[0].values()), 2)}/month"
        )
    if work.own_machines:
        # no host and no hourly rental inside an air gap: the machine is bought for the model
        notes.append(
            "inside an air gap there is no host to bill per token and no GPU to rent by the "
            "hour: the machine is sized by the model, not the load, and other internal jobs can "
            "share it"
        )
        return notes
    window = max(load.busy_hours * PEAK_FACTOR, float(BATCH_WINDOWS_PER_MONTH))
    notes.append(
        f"or GPUs rented per hour for a daily batch window (if answers may wait): about "
        f"{window:,.0f} h at {_money(rate)}/h = {_money(window * rate)}/month"
    )
    return notes


def _on_owned_machine(model: Model, work: Workload) -> tuple[dict[str, float], list[str]] | None:
    """The plan on machines the user has (owned GPUs, a CPU-only server): no rent when the model
    fits them by the memory rule; None when it does not, or none is named."""
    device = work.device
    if device is None or device.kind not in OWNED_KINDS:
        return None
    params, _ = _parameters_b(model)
    fit = devices.fit(params, device, work_context(work))
    if fit is None:
        return None
    return {"hosting_hours": 0.0}, [
        fit.note(device, model.name, work_context(work)),
        "on machines you own: no rent (power and upkeep not counted)",
    ]


def work_context(work: Workload) -> int:
    """The tokens one request holds in memory at once: the KV cache a machine must keep."""
    rag = RAG_CONTEXT_TOKENS if work.rag else 0
    return max(work.context_tokens, work.input_tokens + rag) + work.output_tokens


def on_device_cost(
    model: Model, work: Workload, catalog: Catalog
) -> tuple[dict[str, float], list[str]] | None:
    """Running on the user's own device: free per use, if it fits the device by the memory rule
    (with the pipeline's local embedder and reranker beside it)."""
    if work.device is None:
        return {"hosting": 0.0}, ["runs on your own device or machine: no per-use charges"]
    params, known = _parameters_b(model)
    extra = _side_memory(work, catalog)
    fit = devices.fit(params, work.device, work_context(work), extra)
    if fit is None:
        return None
    notes = [fit.note(work.device, model.name, work_context(work))]
    if extra:
        notes.append(
            f"includes about {extra:,.1f} GB for the local RAG parts (embedder, reranker) beside it"
        )
    if not known:
        notes.append("its size is not published: 7B assumed")
    notes.append("runs on your own device or machine: no per-use charges")
    return {"hosting": 0.0}, notes


def fits_device(model: Model, work: Workload, catalog: Catalog) -> bool:
    """Whether `model` runs on the device the plan names (always True when none is named)."""
    if work.device is None:
        return True
    params, _ = _parameters_b(model)
    return (
        devices.fit(params, work.device, work_context(work), _side_memory(work, catalog))
        is not None
    )


def _side_memory(work: Workload, catalog: Catalog) -> float:
    """The memory the RAG parts beside the model take on the same device (8-bit weights)."""
    if not work.rag:
        return 0.0
    parts = rag_embedder(work, catalog, "on-device")[:1]
    if reranker_wanted(work):
        parts += reranker_for(work, catalog, "on-device")[:1]
    return sum(_part_memory(part) for part in parts if part.open_weights)


def _parameters_b(model: Model) -> tuple[float, bool]:
    """Billions of parameters, and whether that is the catalog's figure (else a 7B guess)."""
    hosting = model.self_hosting
    if hosting and hosting.parameters_b:
        return hosting.parameters_b, True
    return hardware.DEFAULT_PARAMETERS_B, False


def _fits_owned(model: Model, work: Workload, memory_gb: float) -> bool:
    """Whether `memory_gb` (for training or tuning `model`) fits the GPUs the team owns."""
    owned = hardware.owned_memory_gb(work.owned_gpus)
    return owned > 0 and memory_gb <= owned


def local_embedder(catalog: Catalog, languages: tuple[str, ...] = ()) -> Model | None:
    """The best open embedder that runs on the user's own machines and speaks `languages`."""
    found = rag_embedders(catalog, "self-hosted", languages)
    return found[0] if found else None


_SIDE_PARTS: dict[tuple, tuple[Catalog, list[Model]]] = {}


def side_parts(
    catalog: Catalog,
    task: str,
    price_key: str,
    mode: str,
    languages: tuple[str, ...] = (),
    open_only: bool = False,
    region: str | None = None,
) -> list[Model]:
    """The models that can serve `task` as a part beside the chat model, best first. They follow
    the chat model: a cloud API plan uses a cloud API priced by `price_key` (where the residency
    allows it); a self-hosted, air-gapped or $0 plan an open model on the same machines, so no
    text leaves and nothing is billed. Models with a retirement date are left out: re-embedding a
    corpus when the embedder retires is the expensive kind of migration. A part costs cents next
    to the chat model, so quality decides and the price breaks ties.

    Asked once per candidate LLM with the same arguments, so the answer is kept per catalog (the
    catalog object is held with it, so a new catalog never meets an old answer)."""
    key = (id(catalog), task, price_key, mode, languages, open_only, region)
    kept = _SIDE_PARTS.get(key)
    if kept is not None and kept[0] is catalog:
        return list(kept[1])
    if len(_SIDE_PARTS) > 256:
        _SIDE_PARTS.clear()
    cloud = mode == "cloud-api"
    fitting = [
        model
        for model in catalog.serving(task)
        if not model.deprecation_date
        and all(model.speaks(language) for language in languages)
        and (model.open_weights or not open_only)
        and (
            (
                "cloud-api" in residency.allowed_modes(model, region, list(model.deployment))
                and model.price(price_key) is not None
            )
            if cloud
            else model.open_weights and {"self-hosted", "on-device"} & set(model.deployment)
        )
    ]
    ranked = sorted(
        fitting, key=lambda model: (-model.quality_for(task), model.price(price_key) or 0.0)
    )
    _SIDE_PARTS[key] = (catalog, ranked)
    return list(ranked)


def rag_embedders(
    catalog: Catalog,
    mode: str,
    languages: tuple[str, ...] = (),
    open_only: bool = False,
    region: str | None = None,
) -> list[Model]:
    """The embedders a RAG plan can use, best first (`side_parts`)."""
    return side_parts(catalog, "embeddings", "input_per_1m", mode, languages, open_only, region)


def _for_work(
    task: str, price_key: str, work: Workload, catalog: Catalog, mode: str
) -> list[Model]:
    """`side_parts` for this workload's constraints; without its languages when none speaks
    them all (the chat model still answers in them)."""
    found = side_parts(
        catalog, task, price_key, mode, work.languages, work.open_weights_only, work.region
    ) or side_parts(catalog, task, price_key, mode, (), work.open_weights_only, work.region)
    device = work.device
    on_it = mode == "on-device" or (mode == "self-hosted" and device and device.kind in OWNED_KINDS)
    if device is not None and on_it:
        # a part beside the model on a named device gets at most a share of its memory
        room = device.usable_gb * SIDE_PART_SHARE
        found = [model for model in found if _part_memory(model) <= room]
    return found


def _part_memory(model: Model) -> float:
    return devices.memory_gb(_parameters_b(model)[0], "Q8", SIDE_PART_CONTEXT)


def rag_embedder(work: Workload, catalog: Catalog, mode: str) -> list[Model]:
    """The embedders for this workload, best first."""
    return _for_work("embeddings", "input_per_1m", work, catalog, mode)


def reranker_for(work: Workload, catalog: Catalog, mode: str) -> list[Model]:
    """The rerankers for this workload, best first: a cross-encoder re-scoring passages, priced
    per search of up to 100 passages in the cloud."""
    return _for_work("reranking", "per_1k_searches", work, catalog, mode)


def reranker_wanted(work: Workload) -> bool:
    """The rule for adding a reranker to RAG (see RERANK_MIN_DOCUMENTS)."""
    return (
        work.rag
        and work.task != "embeddings"
        and (work.documents >= RERANK_MIN_DOCUMENTS or work.quality_first)
    )


def rerank_costs(
    work: Workload, catalog: Catalog, mode: str, rest_usd: float
) -> tuple[dict[str, float], list[str]]:
    """The reranker's monthly cost and notes; empty when no reranker fits or it does not pay."""
    found = reranker_for(work, catalog, mode)
    if not found:
        return {}, []
    model = found[0]
    why = (
        f"{work.documents:,} documents"
        if work.documents >= RERANK_MIN_DOCUMENTS
        else "quality first"
    )
    if mode != "cloud-api":
        return {"rag_reranking": 0.0}, [
            f"reranker ({why}): {model.id} (open weights) re-scores the top {RERANK_CANDIDATES} "
            "passages of each question on the same machines: no per-search charge"
        ]
    price = model.price("per_1k_searches") or 0.0
    monthly = work.requests * price / 1000
    source = f"{model.pricing.get('source', '?')}, {model.pricing.get('as_of', '?')}"
    if monthly > RERANK_MAX_SHARE * rest_usd:
        return {}, [
            f"no reranker: {model.id} would add {_money(monthly)}/month, more than "
            f"{RERANK_MAX_SHARE:.0%} of the rest of the plan ({_money(rest_usd)})"
        ]
    return {"rag_reranking": monthly}, [
        f"reranker ({why}): {model.id} re-scores the top {RERANK_CANDIDATES} passages of each "
        f"question, one search per request: {work.requests:,} searches at ${price:g} per 1,000 "
        f"({source})"
    ]


def rag_costs(
    work: Workload, catalog: Catalog, mode: str = "cloud-api"
) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """Embedding and re-indexing costs, with the embedder `rag_embedder` chooses."""
    corpus = work.documents * TOKENS_PER_DOCUMENT
    share = REEMBED_SHARE.get(work.update_frequency, 0.3)
    store = "vector store: Chroma on your own infrastructure (open source, no licence cost)"
    context = f"RAG adds about {RAG_CONTEXT_TOKENS:,} tokens of retrieved passages to each request"
    found = rag_embedder(work, catalog, mode)
    embedder = found[0] if found else None
    if mode != "cloud-api" or embedder is None:
        name = embedder.id if embedder else "a local open embedder"
        notes = [
            context,
            f"{work.documents:,} documents of about {TOKENS_PER_DOCUMENT:,} tokens embedded locally "
            f"with {name} (open weights) on the same machines: no per-token charge; "
            f"{int(share * 100)}% re-embedded a month ({work.update_frequency} updates)",
            store,
        ]
        return {"rag_query_embeddings": 0.0, "rag_reindexing": 0.0}, {}, notes
    price = embedder.price("input_per_1m") or 0.0
    question = min(work.input_tokens, QUESTION_TOKENS)
    monthly = {
        "rag_query_embeddings": work.requests * question / 1e6 * price,
        "rag_reindexing": corpus * share / 1e6 * price,
    }
    one_off = {"rag_initial_embedding": corpus / 1e6 * price}
    notes = [
        context,
        f"{work.documents:,} documents of about {TOKENS_PER_DOCUMENT:,} tokens embedded with {embedder.id} "
        f"(${price:g} per 1M; {embedder.pricing.get('source', '?')}, {embedder.pricing.get('as_of', '?')}); "
        f"{int(share * 100)}% re-embedded a month ({work.update_frequency} updates)",
        f"each search embeds the question alone (about {question:,} tokens), not the whole prompt: "
        f"{work.requests:,} x {question:,} tokens",
        store,
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
        # LoRA on the open weights: compute scales with the parameter count (6 x N x D FLOPs);
        # an encoder is small enough to train whole, with its task head
        params, known = _parameters_b(model)
        memory = hardware.tuning_memory_gb(params)
        method = "LoRA"
        if model.architecture == "encoder-only":
            method, memory = "full, with a task head", hardware.full_training_memory_gb(params)
        elif memory > hardware.GPU_MEMORY_GB[TUNING_GPU] and _fits_owned(
            model, work, hardware.tuning_memory_gb(params, qlora=True)
        ):
            method, memory = "QLoRA", hardware.tuning_memory_gb(params, qlora=True)
        gpus = hardware.gpus_needed(memory, TUNING_GPU)
        hours = max(1.0, hardware.training_gpu_hours(params, tokens, TUNING_GPU))
        size = f"{params:,g}B parameters" + ("" if known else " (size not published; 7B assumed)")
        rule = (
            f"{size} x {tokens:,.0f} training tokens x 6 FLOPs at 40% of an A100's peak = about "
            f"{hours:,.1f} GPU hours; {memory:,.1f} GB of GPU memory ({gpus} x {TUNING_GPU})"
        )
        if _fits_owned(model, work, memory):
            cost = 0.0
            note = f"fine-tuning ({method}) on the GPUs you own ({work.owned_gpus}): {rule}; no rent (one-off)"
        else:
            rate = catalog.gpu_rate(TUNING_GPU) or 2.0
            cost = hours * rate
            note = f"fine-tuning ({method}) on rented {TUNING_GPU}: {rule}, at {_money(rate)}/h (one-off)"
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


PRETRAIN_GPU = "H100-80GB"


def continued_pretraining_cost(
    model: Model, work: Workload, catalog: Catalog
) -> tuple[dict[str, float], list[str]]:
    """One pass of the open model over the domain corpus. Compute is 6 x N x D FLOPs (N the
    model's parameters, D the corpus tokens; Kaplan et al. 2020) at 40% of an H100's dense 16-bit
    peak (989 TFLOP/s), at the catalog's dated H100 rental rate. Every weight changes, so memory is
    full training's 16 bytes per parameter plus activations. GPUs the team owns cost no rent when
    that memory fits them; the hours are then counted on their own GPUs."""
    params, known = _parameters_b(model)
    tokens = max(work.corpus_tokens, 1)
    memory = hardware.full_training_memory_gb(params)
    size = f"{params:,g}B parameters" + ("" if known else " (size not published; 7B assumed)")
    owned = hardware.parse_owned(work.owned_gpus)
    if owned and _fits_owned(model, work, memory):
        count, gpu = owned
        hours = hardware.training_gpu_hours(params, tokens, gpu)
        return {"continued_pretraining": 0.0}, [
            f"continued pretraining of {model.name} on the GPUs you own ({work.owned_gpus}): "
            f"{size} x {tokens:,.0f} corpus tokens x 6 FLOPs at 40% of the GPU's peak = about "
            f"{hours:,.0f} GPU hours ({hours / count / 24:,.1f} days on {count}); "
            f"{memory:,.0f} GB of GPU memory; no rent (power and upkeep not counted) (one-off)"
        ]
    hours = hardware.training_gpu_hours(params, tokens, PRETRAIN_GPU)
    gpus = hardware.gpus_needed(memory, PRETRAIN_GPU)
    rate = catalog.gpu_rate(PRETRAIN_GPU) or 4.0
    entry = catalog.gpu_hourly_usd.get(PRETRAIN_GPU) or {}
    source = f"{entry.get('source', 'no source')}, {entry.get('as_of', 'undated')}"
    return {"continued_pretraining": hours * rate}, [
        f"continued pretraining of {model.name}: {size} x {tokens:,.0f} corpus tokens x 6 FLOPs "
        f"= {6 * params * 1e9 * tokens:.2e} FLOPs at 40% of an H100's 989 TFLOP/s = about "
        f"{hours:,.0f} GPU hours on at least {gpus} x {PRETRAIN_GPU} ({memory:,.0f} GB for full "
        f"training), at {_money(rate)}/h ({source}) (one-off)"
    ]


def estimate(
    model: Model, work: Workload, catalog: Catalog, modes: list[str], memo: dict | None = None
) -> Estimate | None:
    """The cheapest way to run `model` among the allowed deployment `modes`, or None if none fits.

    `memo`, a dict kept for one `work` and `catalog`, keeps what is the same for every model
    (RAG's embedding costs per deployment): a recommendation prices every model in the catalog."""
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
        elif not model.open_weights:
            continue
        else:
            local = on_device_cost(model, work, catalog)
            if local is None:
                continue
            parts, notes = local
        where = ""
        owned = mode == "self-hosted" and parts.get("hosting_hours") == 0.0
        if mode == "self-hosted" and (work.own_machines or owned):
            where = DEPLOYMENT_NOTES["own-hardware"]
        written = [notes] if callable(notes) else list(notes)
        option = Estimate(sum(parts.values()), mode, dict(parts), {}, written, where)
        if mode == "self-hosted" and model.self_hosting and not owned and work.latency != "batch":
            load = _load(model, work)
            option.gpus = max(1, model.self_hosting.gpus) * load.instances
            option.utilisation = load.utilisation
        options.append(option)
    if not options:
        return None
    best = min(options, key=lambda option: option.monthly_usd)
    if best.utilisation is not None:
        _explain_load(model, work, catalog, best)
    if work.rag:
        key = ("rag", best.mode)
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = rag_costs(work, catalog, best.mode)
            if memo is not None:
                memo[key] = found
        monthly, one_off, notes = found  # read, never changed: the memo shares them
        best.breakdown.update(monthly)
        best.one_off.update(one_off)
        best.notes.extend(notes)
        best.monthly_usd += sum(monthly.values())
        if reranker_wanted(work):
            monthly, notes = rerank_costs(work, catalog, best.mode, best.monthly_usd)
            best.breakdown.update(monthly)
            best.notes.extend(notes)
            best.monthly_usd += sum(monthly.values())
    if work.fine_tune_examples:
        one_off, notes = fine_tuning_cost(model, work, catalog)
        best.one_off.update(one_off)
        best.notes.extend(notes)
    if work.continued_pretraining and work.corpus_tokens:
        one_off, notes = continued_pretraining_cost(model, work, catalog)
        best.one_off.update(one_off)
        best.notes.extend(notes)
    if work.pretrain:
        one_off, notes = pretraining_cost(work, catalog)
        best.one_off.update(one_off)
        best.notes.extend(notes)
    if best.one_off:
        best.notes.append(
            "one-off costs are listed in the breakdown and not included in monthly_usd; the ranking counts them spread over 12 months"
        )
    return best
