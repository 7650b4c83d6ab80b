"""Model-card documents generated from the catalog data (``knowledge/data/catalog/``).

Each catalog model becomes one Markdown document with ``##`` sections so that the knowledge index
can chunk it like an article. Standard library only.
"""

from __future__ import annotations

from pathlib import Path

from . import catalog_data

CATALOG_PATH = catalog_data.CATALOG_DIR

_ARCHITECTURE_TEXT = {
    "decoder-only": "a decoder-only transformer (it generates output one token at a time, like GPT)",
    "encoder-only": "an encoder-only transformer (it reads and represents input, like BERT, "
    "rather than writing long text)",
    "encoder-decoder": "an encoder-decoder transformer (one part reads the input, another writes "
    "the output, like T5 or BART)",
    "diffusion": "a diffusion model (it builds an image by removing noise step by step)",
    "other": "a model with a specialised architecture",
}

_TASK_TEXT = {
    "chat": "chat",
    "text-generation": "text generation",
    "summarization": "summarization",
    "question-answering": "question answering",
    "classification": "classification",
    "extraction": "information extraction",
    "translation": "translation",
    "code-generation": "code generation",
    "embeddings": "embeddings (vectors for semantic search, clustering and RAG retrieval)",
    "image-generation": "image generation",
    "speech-to-text": "speech-to-text (transcription)",
    "text-to-speech": "text-to-speech",
    "vision": "vision (understanding images)",
}

_CAPABILITY_TEXT = {
    "function-calling": "function calling (tool use)",
    "json-output": "structured JSON output",
    "vision-input": "image input",
    "fine-tunable": "fine-tuning",
}

_DEPLOYMENT_TEXT = {
    "cloud-api": "a hosted cloud API (pay per use)",
    "self-hosted": "self-hosting on your own servers or cloud GPUs",
    "on-device": "running on a laptop, phone or other local device",
}

_RUNTIME_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic", "google": "Google"}

_PRICE_LABELS = (
    ("input_per_1m", "input tokens", "per 1M tokens"),
    ("output_per_1m", "output tokens", "per 1M tokens"),
    ("per_image", "each generated image", "per image"),
    ("per_audio_minute", "audio", "per minute"),
    ("per_1m_characters", "characters of input text", "per 1M characters"),
    ("fine_tuning_per_1m_training_tokens", "fine-tuning training", "per 1M training tokens"),
    ("fine_tuned_input_per_1m", "input to the fine-tuned model", "per 1M tokens"),
    ("fine_tuned_output_per_1m", "output from the fine-tuned model", "per 1M tokens"),
)


def load_catalog_data(path: str | Path | None = None) -> dict:
    """Read the catalog (default: the package's ``data/catalog/`` folder, or one JSON file)."""
    return catalog_data.read(path)


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _usd(value: float) -> str:
    """Format a dollar amount: $1,234 / $12.50 / $0.15 / $0.006 / $0.0075."""
    if value == 0:
        return "$0"
    if value >= 100:
        return f"${value:,.0f}"
    if value >= 1:
        return f"${value:,.2f}".replace(".00", "")
    if value >= 0.01:
        text = f"{value:.3f}".rstrip("0")
        return "$" + (text + "0" if len(text.split(".")[1]) < 2 else text)
    return "$" + f"{value:.6f}".rstrip("0")


def _as_of(value: object) -> str:
    return f" (as of {value})" if value else ""


def _sources(entry: dict, catalog: dict) -> list[str]:
    sources: list[str] = []

    def add(text: object, as_of: object = None) -> None:
        if text:
            item = f"{text}{_as_of(as_of)}"
            if item not in sources:
                sources.append(item)

    add(entry.get("source"), entry.get("as_of"))
    pricing = entry.get("pricing") or {}
    add(pricing.get("source"), pricing.get("as_of"))
    for quality in (entry.get("quality") or {}).values():
        if isinstance(quality, dict):
            add(quality.get("source"))
    if not sources:
        add("LLM Advisor model catalog", catalog.get("as_of"))
    return sources


def _overview(name: str, entry: dict) -> str:
    provider = entry.get("provider") or "an unnamed provider"
    arch = _ARCHITECTURE_TEXT.get(entry.get("architecture") or "other", "a model")
    tasks = [_TASK_TEXT.get(t, t) for t in entry.get("tasks") or []]
    caps = [_CAPABILITY_TEXT.get(c, c) for c in entry.get("capabilities") or []]
    lines = [f"{name} (catalog id `{entry['id']}`) is a model from {provider}. It is {arch}."]
    if entry.get("description"):
        lines.append(str(entry["description"]).strip())
    if tasks:
        lines.append(f"In this catalog {name} is listed for {_join(tasks)}.")
    if caps:
        lines.append(f"{name} supports {_join(caps)}.")
    else:
        lines.append(f"{name} has no extra capabilities (such as function calling) listed.")
    latency = entry.get("latency_class")
    if latency:
        lines.append(f"Its typical response speed is classed as {latency}.")
    return " ".join(lines)


def _licence(name: str, entry: dict) -> str:
    licence = entry.get("license") or "unspecified"
    if entry.get("open_weights"):
        first = (
            f"{name} has open weights under the {licence} licence: you can download the model, "
            "run it on your own hardware, inspect it and fine-tune it, within the licence terms. "
            "That gives control over data and versions, at the price of operating it yourself."
        )
    else:
        first = (
            f"{name} is a proprietary model"
            + (f" ({licence} licence)" if licence not in ("proprietary", "unspecified") else "")
            + ": the weights are not published, so it is used through the provider's service, "
            "which handles hosting, scaling and updates. Your inputs are sent to that provider, "
            "so check its data-handling terms."
        )
    ctx = int(entry.get("context_window") or 0)
    if ctx > 0:
        if "embeddings" in (entry.get("tasks") or []):
            ctx_line = (
                f"The input limit of {name} is {ctx:,} tokens, the longest passage it can embed "
                "in one call; longer texts must be split into chunks"
            )
        else:
            ctx_line = (
                f"The context window of {name} is {ctx:,} tokens, the most it can read in one "
                "request (prompt, examples and retrieved passages together)"
            )
        max_out = entry.get("max_output_tokens")
        ctx_line += f"; a single answer can be up to {int(max_out):,} tokens." if max_out else "."
    else:
        ctx_line = f"A token context window does not apply to {name}; it works on its own units."
    langs = entry.get("languages") or []
    if "*" in langs:
        lang_line = f"{name} is broadly multilingual."
    elif langs:
        lang_line = f"{name} is known to handle these languages: {', '.join(langs)}."
    else:
        lang_line = ""
    return " ".join(x for x in (first, ctx_line, lang_line) if x)


def _pricing(name: str, entry: dict) -> str:
    pricing = entry.get("pricing") or {}
    items = []
    for key, what, unit in _PRICE_LABELS:
        value = pricing.get(key)
        if isinstance(value, int | float):
            items.append(f"- {what}: {_usd(float(value))} {unit}")
    if not items:
        text = (
            f"{name} has no hosted pay-per-use price in the catalog. Its cost is the cost of the "
            "hardware you run it on (see the self-hosting section)."
        )
        return text
    head = (
        f"{name} hosted pricing, in US dollars. These are example list prices, which change "
        f"over time; check the provider before committing to a budget."
    )
    src = pricing.get("source")
    tail = f"Price source: {src}{_as_of(pricing.get('as_of'))}." if src else ""
    if pricing.get("input_per_1m") is not None and pricing.get("output_per_1m") is not None:
        one_k = (
            1000 * float(pricing["input_per_1m"]) + 500 * float(pricing["output_per_1m"])
        ) / 1e6
        example = (
            f"For example, one request with 1,000 input tokens and 500 output tokens costs about "
            f"{_usd(one_k)}, so 100,000 such requests a month cost about {_usd(one_k * 100000)}."
        )
    else:
        example = ""
    return "\n".join([head, "", *items, "", " ".join(x for x in (example, tail) if x)]).strip()


def _deployment(name: str, entry: dict, catalog: dict) -> str:
    options = [_DEPLOYMENT_TEXT.get(d, d) for d in entry.get("deployment") or []]
    lines = []
    if options:
        lines.append(f"Deployment options for {name}: {_join(options)}.")
    hosting = entry.get("self_hosting")
    if isinstance(hosting, dict) and hosting:
        parts = []
        if hosting.get("parameters_b"):
            parts.append(f"it has about {hosting['parameters_b']:g} billion parameters")
        gpu = hosting.get("gpu")
        gpus = hosting.get("gpus") or 1
        on_cpu = str(gpu).lower() == "cpu"
        if hosting.get("gpu_memory_gb"):
            memory = "memory" if on_cpu else "GPU memory"
            parts.append(f"needs roughly {hosting['gpu_memory_gb']:g} GB of {memory}")
        if on_cpu:
            parts.append("runs on an ordinary CPU machine without a GPU")
        elif gpu:
            parts.append(f"fits on {gpus} x {gpu} GPU" + ("s" if gpus > 1 else ""))
        if hosting.get("tokens_per_second"):
            parts.append(f"serves about {hosting['tokens_per_second']:,} tokens per second")
        if parts:
            lines.append(f"To self-host {name}: {_join(parts)}.")
        rate = (catalog.get("gpu_hourly_usd") or {}).get(gpu) if gpu else None
        if isinstance(rate, dict) and isinstance(rate.get("usd"), int | float):
            hourly = float(rate["usd"]) * gpus
            unit = "CPU machine" if on_cpu else gpu
            lines.append(
                f"At about {_usd(float(rate['usd']))} per {unit} hour"
                f"{' (' + str(rate['source']) + _as_of(rate.get('as_of')) + ')' if rate.get('source') else ''}, "
                f"keeping it running around the clock costs roughly {_usd(hourly * 730)} a month "
                "(730 hours), whatever the traffic."
            )
    elif not entry.get("open_weights"):
        lines.append(
            f"{name} cannot be self-hosted because its weights are not public; it runs only "
            "where the provider offers it."
        )
    runtime = entry.get("runtime")
    if runtime == "local":
        lines.append(f"{name} runs in the built-in playground without any API key.")
    elif runtime in _RUNTIME_NAMES:
        lines.append(
            f"The playground can call {name} through the {_RUNTIME_NAMES[runtime]} API "
            "when a key is configured."
        )
    elif runtime == "open":
        lines.append(
            f"The playground can call {name} on any OpenAI-compatible server that serves it "
            "(for example vLLM, Ollama or a llama.cpp server)."
        )
    if not lines:
        lines.append(f"No deployment options are recorded for {name}.")
    return " ".join(lines)


def _quality(name: str, entry: dict) -> str:
    quality = entry.get("quality") or {}
    groups: dict[tuple[str, str], list[str]] = {}
    for task, value in quality.items():
        if isinstance(value, dict) and isinstance(value.get("score"), int | float):
            key = (f"{value['score']:.2f}", str(value.get("source") or ""))
            groups.setdefault(key, []).append(_TASK_TEXT.get(task, task))
    items = []
    for (score, source), tasks in groups.items():
        src = f" (source: {source})" if source else ""
        items.append(f"- {_join(tasks)}: {score}{src}")
    if not items:
        return f"{name} has no quality score recorded in the catalog; test it on your own data."
    head = (
        f"{name} quality scores on a 0 to 1 scale, normalised from public benchmarks. They help "
        "to shortlist models; a test on your own data decides."
    )
    return "\n".join([head, "", *items])


def _lifecycle(name: str, entry: dict) -> str:
    """Release and retirement, with the successor the provider names."""
    parts = []
    if entry.get("released"):
        parts.append(f"{name} was released on {entry['released']}.")
    if entry.get("deprecation_date"):
        parts.append(f"Its provider retires it on {entry['deprecation_date']}.")
    if entry.get("successor"):
        parts.append(f"The provider names {entry['successor']} as its successor.")
    return (" " + " ".join(parts)) if parts else ""


def _speed(name: str, entry: dict) -> str:
    speed = entry.get("speed") or {}
    figures = []
    if speed.get("output_tokens_per_s"):
        figures.append(f"{speed['output_tokens_per_s']:g} output tokens per second")
    if speed.get("ttft_s"):
        figures.append(f"a first token after {speed['ttft_s']:g} s")
    if not figures:
        return ""
    return (
        f"\n\nMeasured hosted speed: {_join(figures)} "
        f"(source: {speed.get('source') or 'unnamed'}, {speed.get('as_of') or 'undated'})."
    )


def model_card(entry: dict, catalog: dict | None = None) -> dict:
    """One model-card document for a catalog entry."""
    catalog = catalog or {}
    name = entry.get("name") or entry["id"]
    # Three sections a card: each is one chunk to embed, and the catalog holds a few hundred
    # models, so fewer, fuller sections keep the index build short.
    sections = [
        (
            f"{name}: what it is, licence and context window",
            _overview(name, entry) + _lifecycle(name, entry) + "\n\n" + _licence(name, entry),
        ),
        (
            f"{name}: pricing, deployment and self-hosting",
            _pricing(name, entry) + "\n\n" + _deployment(name, entry, catalog),
        ),
        (f"{name}: quality scores and speed", _quality(name, entry) + _speed(name, entry)),
    ]
    text = f"# {name} model card\n\n" + "\n\n".join(
        f"## {heading}\n\n{body}" for heading, body in sections
    )
    return {
        "id": f"model-card-{entry['id']}",
        "title": f"{name} model card",
        "topic": "model-card",
        "sources": _sources(entry, catalog),
        "text": text + "\n",
    }


def model_cards(catalog: dict | None = None) -> list[dict]:
    """One model-card document per catalog model (reads the packaged catalog by default)."""
    catalog = catalog if catalog is not None else load_catalog_data()
    return [model_card(entry, catalog) for entry in catalog.get("models", [])]
