"""The two levers that cut an API bill without changing the model: prompt caching and batch APIs.

- Cached input: a prompt prefix that repeats (a system prompt, a manual every request carries) is
  read from the provider's cache at the cached-input price (`pricing.cached_input_per_1m`, synced
  from genai-prices' `cache_read_mtok`). Providers cache only prefixes of about 1,024 tokens or more
  (OpenAI's prompt caching guide; Anthropic's minimum is the same for most models).
- Batch: requests that may wait up to a day go through the provider's batch API at a discount.
  genai-prices does not list batch prices, so the discounts come from the providers' own pages,
  recorded per provider with source and date in knowledge/data/batch_apis.json.
"""

from __future__ import annotations

import json
import re
from functools import cache

from knowledge import catalog_data

from ..catalog.catalog import Model
from . import residency

MIN_CACHED_PREFIX = 1024
BATCH_FILE = catalog_data.CATALOG_DIR.parent / "batch_apis.json"


@cache
def batch_apis() -> dict[str, dict]:
    """Provider -> {discount (on input and output tokens), source, as_of}."""
    return json.loads(BATCH_FILE.read_text(encoding="utf-8"))["providers"]


# A prompt part every request repeats: "the same 40-page manual in every prompt", "a long fixed
# system prompt", "our style guide is sent with each request".
SHARED_PREFIX_RE = re.compile(
    r"\b(?:same|shared|fixed|common|identical|long)\s+(?:\w+\s+){0,3}?"
    r"(?:system prompt|prompt|instructions|manual|handbook|document|style guide|policy|context|prefix|"
    r"rules|guidelines|catalog(?:ue)?)\b|"
    r"\b(?:every|each)\s+(?:request|call|question|prompt|message)\s+(?:\w+\s+){0,2}"
    r"(?:includes?|contains?|carries|starts with|sends?)\b|"
    r"\b(?:sent|included|pasted|attached)\s+(?:with|in|into)\s+(?:every|each)\s+"
    r"(?:request|call|prompt|question|message)\b|"
    r"samma (?:\w+ ){0,2}(?:manual|instruktioner|dokument|prompt)",
    re.IGNORECASE,
)


def shared_prefix_tokens(use_case: str | None, input_tokens: int, context_tokens: int) -> int:
    """How many tokens of each request repeat, read from the use case; 0 when it says none do
    or the part is too short for any provider to cache."""
    if not use_case or not SHARED_PREFIX_RE.search(use_case):
        return 0
    # the document named is the largest input; else most of the prompt is the fixed part
    shared = min(context_tokens, input_tokens) if context_tokens else int(input_tokens * 0.8)
    return shared if shared >= MIN_CACHED_PREFIX else 0


def batch_discount(model: Model, latency: str) -> tuple[float, str] | None:
    """(discount, source note) when the work may wait and the provider sells a batch API."""
    if latency != "batch" or not residency.hosted_by_maker(model):
        return None
    found = batch_apis().get(model.provider)
    if found is None:
        return None
    return found["discount"], f"{found['source']}, read {found['as_of']}"


def cached_input_price(model: Model) -> float | None:
    return model.price("cached_input_per_1m")
