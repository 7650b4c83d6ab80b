"""Keep the catalog current from two price databases that ship inside their Python packages.

- **genai-prices** (pydantic's price database; `genai_prices.data`, read offline, never its
  `update_prices`): the source of prices and context windows. Each catalog model names its entry
  in `pricing.genai_prices` as `provider/model` (linked by id on the first sync). Units:
  `input_mtok`/`output_mtok` (base tier) -> `input_per_1m`/`output_per_1m`; `input_audio_hours`
  or `audio_hours` / 60 -> `per_audio_minute`; `input_mchars` -> `per_1m_characters`;
  `cache_read_mtok` -> `cached_input_per_1m` (a repeated prompt prefix read from the cache).
- **LiteLLM's bundled map** (`model_prices_and_context_window_backup.json`, read as a file, litellm
  never imported): retirement dates (`deprecation_date`) where the catalog has none yet, and a
  cross-check: where both databases price a model and disagree by more than 5%, sync says so.

`sync` never adds a model: `candidates()` lists what a tracked provider offers that the catalog
lacks, for a maintainer to review. Context windows are synced for closed text models only (for
an open model a price entry describes one host's deployment, which may cap its window).
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import json
import math
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge import catalog_data

CATALOG_PATH = catalog_data.CATALOG_DIR
PRICE_FILE = "model_prices_and_context_window_backup.json"
TOLERANCE = 0.01  # a price that moved by less than this is left alone
# Upstream data is checked before it is written: a price is a finite number >= 0 and below this
# (no model costs $100,000 per million tokens or per minute), a context window a whole number of
# tokens in this range, a retirement date a real ISO calendar date.
MAX_PRICE = 100_000.0
CONTEXT_RANGE = (128, 100_000_000)
DISAGREEMENT = 0.05  # the two databases disagree when their prices differ by more than this

PRICE_FIELDS = (
    "input_per_1m",
    "output_per_1m",
    "per_audio_minute",
    "per_1m_characters",
    "cached_input_per_1m",
)
# Synced beside a model's prices without replacing the source its base prices cite.
SIDE_PRICE_FIELDS = ("cached_input_per_1m",)
TEXT_MODES = {"chat", "completion", "responses", "embedding"}
_KEY_IN_SOURCE = re.compile(r"genai-prices [\d.]+ ([\w.-]+)/(\S+?)[;,)\s]")


@lru_cache(maxsize=1)
def tracked_providers() -> dict[str, str]:
    """genai-prices provider ids whose offer we track, and the catalog's name for each provider:
    from each tracked provider's own catalog file (`tracked.genai_prices`)."""
    return {
        provider_id: name
        for name, block in catalog_data.tracked(CATALOG_PATH).items()
        for provider_id in block.get("genai_prices", [])
    }


@dataclass(frozen=True)
class Change:
    model: str
    field: str
    ours: Any
    theirs: Any
    source: str = "genai-prices"

    def __str__(self) -> str:
        return f"{self.model}: {self.field} {self.ours!r} -> {self.theirs!r} ({self.source})"


@dataclass(frozen=True)
class Disagreement:
    model: str
    field: str
    genai: float
    litellm: float

    def __str__(self) -> str:
        gap = abs(self.genai - self.litellm) / max(self.genai, self.litellm)
        return (
            f"{self.model}: {self.field} genai-prices {self.genai:g} vs LiteLLM {self.litellm:g} "
            f"({gap:.0%} apart)"
        )


@dataclass(frozen=True)
class Candidate:
    key: str  # genai-prices provider/model
    provider: str
    name: str
    prices: dict
    context_window: int | None

    def __str__(self) -> str:
        price = ", ".join(f"{k} {v:g}" for k, v in self.prices.items()) or "no token price"
        context = f", {self.context_window:,} tokens" if self.context_window else ""
        return f"{self.provider}: {self.key} ({self.name}; {price}{context})"


# -- the two databases -----------------------------------------------------------------------------


def _num(value) -> float:
    """Round away float noise to 6 significant digits."""
    return float(f"{float(value):.6g}")


def _base(value) -> Decimal | None:
    return getattr(value, "base", value)


def _catalog_units(price) -> dict[str, float]:
    """One genai-prices ModelPrice in catalog units (base tiers)."""
    fields = vars(price)
    out = {}
    if fields.get("input_mtok") is not None:
        out["input_per_1m"] = _num(_base(fields["input_mtok"]))
    if fields.get("output_mtok") is not None:
        out["output_per_1m"] = _num(_base(fields["output_mtok"]))
    hours = fields.get("input_audio_hours") or fields.get("audio_hours")
    if hours is not None:
        out["per_audio_minute"] = _num(Decimal(_base(hours)) / 60)
    if fields.get("input_mchars") is not None:
        out["per_1m_characters"] = _num(_base(fields["input_mchars"]))
    if fields.get("cache_read_mtok") is not None:
        out["cached_input_per_1m"] = _num(_base(fields["cache_read_mtok"]))
    return out


def _prices_on(model, day: str) -> dict[str, float]:
    """The prices in force on `day`. Where a price depends on the hour (peak and off-peak), the
    day's highest, so that a monthly estimate is never understated."""
    out: dict[str, float] = {}
    for hour in (0, 3, 6, 9, 12, 15, 18, 21):
        moment = _dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")
        for field, value in _catalog_units(model.get_prices(moment)).items():
            out[field] = max(out.get(field, value), value)
    return out


@dataclass(frozen=True)
class GenaiModel:
    key: str
    provider_id: str
    name: str
    context_window: int | None
    deprecated: bool
    prices: dict


@lru_cache(maxsize=2)
def genai_models(day: str | None = None) -> dict[str, GenaiModel]:
    """Every model in the installed genai-prices with its prices on `day` (default today), keyed
    `provider/model`."""
    day = day or _dt.date.today().isoformat()
    try:
        from genai_prices import data
    except ImportError:
        raise FileNotFoundError(
            "genai-prices is not installed; `pip install 'llm-advisor[sync]'` to sync the catalog"
        ) from None
    out = {}
    for provider in data.providers:
        for model in provider.models:
            key = f"{provider.id}/{model.id}"
            out[key] = GenaiModel(
                key=key,
                provider_id=provider.id,
                name=model.name or model.id,
                context_window=model.context_window,
                deprecated=bool(model.deprecated),
                prices=_prices_on(model, day),
            )
    return out


def genai_version() -> str | None:
    return _version("genai-prices")


def litellm_version() -> str | None:
    return _version("litellm")


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def litellm_price_file() -> Path | None:
    """Where the installed litellm keeps its bundled price map (without importing litellm)."""
    spec = importlib.util.find_spec("litellm")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / PRICE_FILE
        if candidate.is_file():
            return candidate
    return None


def litellm_prices(path: str | Path | None = None) -> dict:
    """LiteLLM's price map keyed by model key; raises FileNotFoundError without it."""
    path = Path(path) if path else litellm_price_file()
    if path is None or not Path(path).is_file():
        raise FileNotFoundError("litellm is not installed; `pip install 'llm-advisor[sync]'`")
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("sample_spec", None)
    return data


def litellm_expected(entry: dict, price_map: dict) -> dict:
    """What LiteLLM's map gives for this entry's `litellm_key`, in catalog units."""
    info = price_map.get((entry.get("pricing") or {}).get("litellm_key") or "")
    if not info:
        return {}
    out: dict[str, Any] = {}
    mode = info.get("mode", "chat")
    if mode == "audio_transcription":
        if info.get("input_cost_per_second") is not None:
            out["per_audio_minute"] = _num(info["input_cost_per_second"] * 60)
    elif mode == "audio_speech":
        if info.get("input_cost_per_character") is not None:
            out["per_1m_characters"] = _num(info["input_cost_per_character"] * 1e6)
    elif mode in TEXT_MODES:
        if info.get("input_cost_per_token") is not None:
            out["input_per_1m"] = _num(info["input_cost_per_token"] * 1e6)
        if mode != "embedding" and info.get("output_cost_per_token") is not None:
            out["output_per_1m"] = _num(info["output_cost_per_token"] * 1e6)
    if info.get("deprecation_date") and not entry.get("open_weights"):
        out["deprecation_date"] = str(info["deprecation_date"])
    return out


# -- linking, differences, candidates --------------------------------------------------------------


def genai_key(entry: dict, models: dict[str, GenaiModel]) -> str | None:
    """The genai-prices entry for a catalog model: the one it names, the one its price source
    names, or the first-party one with the same id."""
    pricing = entry.get("pricing") or {}
    named = pricing.get("genai_prices")
    if named:
        return named if named in models else None
    found = _KEY_IN_SOURCE.search(str(pricing.get("source") or "") + " ")
    if found and f"{found.group(1)}/{found.group(2)}" in models:
        return f"{found.group(1)}/{found.group(2)}"
    for provider_id, name in tracked_providers().items():
        if name == entry.get("provider") and f"{provider_id}/{entry['id']}" in models:
            return f"{provider_id}/{entry['id']}"
    return None


def _differs(ours: Any, theirs: float, tolerance: float = TOLERANCE) -> bool:
    if not isinstance(ours, int | float) or isinstance(ours, bool):
        return True
    if theirs == 0:
        return ours != 0
    return abs(ours - theirs) / abs(theirs) > tolerance


def diff(catalog: dict, models: dict[str, GenaiModel], price_map: dict) -> list[Change]:
    """What sync would change: links, prices and context windows from genai-prices, missing
    retirement dates from LiteLLM."""
    changes = []
    for entry in catalog.get("models", []):
        pricing = entry.get("pricing") or {}
        key = genai_key(entry, models)
        if key and pricing.get("genai_prices") != key:
            changes.append(Change(entry["id"], "genai_prices", pricing.get("genai_prices"), key))
        if key:
            theirs = models[key]
            for field, value in theirs.prices.items():
                if field in PRICE_FIELDS and _differs(pricing.get(field), value):
                    if field == "output_per_1m" and "output_per_1m" not in pricing:
                        continue  # embeddings and speech bill input only
                    changes.append(Change(entry["id"], field, pricing.get(field), value))
            closed_text = not entry.get("open_weights") and entry.get("context_window")
            if (
                closed_text
                and theirs.context_window
                and theirs.context_window != entry.get("context_window")
            ):
                changes.append(
                    Change(
                        entry["id"],
                        "context_window",
                        entry["context_window"],
                        theirs.context_window,
                    )
                )
        retirement = litellm_expected(entry, price_map).get("deprecation_date")
        if retirement and not entry.get("deprecation_date"):
            changes.append(Change(entry["id"], "deprecation_date", None, retirement, "LiteLLM"))
    return changes


def disagreements(
    catalog: dict, models: dict[str, GenaiModel], price_map: dict
) -> list[Disagreement]:
    """Where genai-prices and LiteLLM price one catalog model more than 5% apart."""
    out = []
    for entry in catalog.get("models", []):
        key = genai_key(entry, models)
        if not key or models[key].provider_id not in tracked_providers():
            continue  # hosts of open models differ between the two databases: nothing to compare
        theirs = litellm_expected(entry, price_map)
        for field, genai in models[key].prices.items():
            litellm = theirs.get(field)
            if litellm is not None and _differs(litellm, genai, DISAGREEMENT):
                out.append(Disagreement(entry["id"], field, genai, litellm))
    return out


def candidates(catalog: dict, models: dict[str, GenaiModel]) -> list[Candidate]:
    """Current models of a tracked provider that the catalog lacks, for a maintainer to review."""
    known = {entry["id"].lower() for entry in catalog.get("models", [])}
    known |= {
        str((entry.get("pricing") or {}).get("genai_prices") or "").lower()
        for entry in catalog.get("models", [])
    }
    out = []
    for model in models.values():
        if model.provider_id not in tracked_providers() or model.deprecated:
            continue
        model_id = model.key.split("/", 1)[1]
        if model.key.lower() in known or model_id.lower() in known:
            continue
        out.append(
            Candidate(
                model.key,
                tracked_providers()[model.provider_id],
                model.name,
                model.prices,
                model.context_window,
            )
        )
    return sorted(out, key=lambda c: (c.provider, c.key))


# -- the command -----------------------------------------------------------------------------------


@dataclass
class SyncReport:
    changes: list[Change]
    disagreements: list[Disagreement]
    candidates: list[Candidate]
    sources: str
    refused: list[tuple[Change, str]] = dataclass_field(
        default_factory=list
    )  # upstream values not taken


class SyncError(ValueError):
    """The synced catalog would not be valid; nothing was written."""


def problem(field_name: str, value: Any) -> str | None:
    """Why an upstream value cannot go into the catalog, or None when it can."""
    if field_name in PRICE_FIELDS:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= MAX_PRICE
        ):
            return f"a price from 0 to {MAX_PRICE:,.0f}"
    elif field_name == "context_window":
        low, high = CONTEXT_RANGE
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"a whole number of tokens from {low:,} to {high:,}"
    elif field_name == "deprecation_date":
        try:
            _dt.date.fromisoformat(str(value))
        except ValueError:
            return "an ISO date (YYYY-MM-DD) that exists"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return "an ISO date (YYYY-MM-DD) that exists"
    elif field_name == "genai_prices" and not isinstance(value, str):
        return "a genai-prices key"
    return None


def catalog_problems(catalog: dict) -> list[str]:
    """Every value in the catalog that sync must never write: negative or absurd prices,
    impossible context windows, dates that do not exist."""
    out = []
    for entry in catalog.get("models", []):
        pricing = entry.get("pricing") or {}
        values = [(name, pricing[name]) for name in PRICE_FIELDS if pricing.get(name) is not None]
        for name in ("context_window", "deprecation_date"):
            if entry.get(name) not in (None, 0):
                values.append((name, entry[name]))
        for name, value in values:
            why = problem(name, value)
            if why:
                out.append(f"{entry.get('id')}: {name} {value!r} (allowed: {why})")
    try:
        _dt.date.fromisoformat(str(catalog.get("as_of")))
    except ValueError:
        out.append(f"as_of {catalog.get('as_of')!r} (allowed: an ISO date)")
    return out


def sync(
    path: str | Path | None = None,
    write: bool = True,
    models: dict[str, GenaiModel] | None = None,
    price_map: dict | None = None,
    today: str | None = None,
) -> SyncReport:
    """Update the catalog from genai-prices (and missing retirement dates from LiteLLM)."""
    path = Path(path) if path else CATALOG_PATH
    catalog = catalog_data.read(path)
    models = genai_models(today) if models is None else models
    price_map = litellm_prices() if price_map is None else price_map
    changes, refused = [], []
    for change in diff(catalog, models, price_map):
        why = problem(change.field, change.theirs)
        if why:  # malformed upstream data is reported, never written
            refused.append((change, why))
        else:
            changes.append(change)
    if write and changes:
        today = today or _dt.date.today().isoformat()
        by_id = {entry["id"]: entry for entry in catalog["models"]}
        for change in changes:
            entry = by_id[change.model]
            if change.field in ("context_window", "deprecation_date"):
                entry[change.field] = change.theirs
            elif change.field == "genai_prices":
                entry["pricing"]["genai_prices"] = change.theirs
            elif change.field in SIDE_PRICE_FIELDS:
                # its origin is the linked `genai_prices` key; the base prices keep their source
                entry["pricing"][change.field] = change.theirs
            else:
                entry["pricing"][change.field] = change.theirs
                entry["pricing"]["as_of"] = today
                if "cloud-api" not in entry.get("deployment", []):  # now priced as a hosted API
                    entry.setdefault("deployment", []).insert(0, "cloud-api")
                key = entry["pricing"].get("genai_prices") or change.model
                entry["pricing"]["source"] = f"genai-prices {genai_version() or '?'} {key}"
        catalog["as_of"] = today
        problems = catalog_problems(catalog)
        if problems:
            raise SyncError(
                "the synced catalog would not be valid, so nothing was written: "
                + "; ".join(problems[:5])
            )
        catalog_data.write(catalog, path)
    return SyncReport(
        changes=changes,
        disagreements=disagreements(catalog, models, price_map),
        candidates=candidates(catalog, models),
        sources=f"genai-prices {genai_version() or '?'}, LiteLLM {litellm_version() or '?'}",
        refused=refused,
    )
