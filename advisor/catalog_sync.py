"""Check and refresh catalog prices against LiteLLM's bundled price map, offline.

LiteLLM ships ``model_prices_and_context_window_backup.json`` inside its package. We read that file
directly (litellm is never imported, so nothing reaches the network) and compare it with the
``pricing`` blocks of ``knowledge/data/catalog.json``. Each catalog model names the LiteLLM key its
price is checked against in ``pricing.litellm_key``.

Unit conversions (LiteLLM -> catalog):

- ``input_cost_per_token`` / ``output_cost_per_token`` x 1e6 -> ``input_per_1m`` / ``output_per_1m``
  (embeddings: input only)
- ``input_cost_per_second`` x 60 -> ``per_audio_minute`` (speech-to-text)
- ``input_cost_per_character`` x 1e6 -> ``per_1m_characters`` (text-to-speech)
- ``output_cost_per_image``, else ``input_cost_per_image``, else ``input_cost_per_pixel`` x 1024 x 1024
  -> ``per_image`` (keys are chosen for one standard 1024x1024 image)
- OpenAI fine-tuned inference prices come from the ``ft:<snapshot>`` keys in ``FINE_TUNED_KEYS``.

Retirement dates (``deprecation_date``) of hosted models are synced too; the recommender skips a
model once its date has passed. Context windows (``max_input_tokens``) are synced for closed text models only: for an open-weights
model the LiteLLM key describes one host's deployment, which may cap the model's native window.

Run ``python -m advisor.catalog_sync`` to list differences, ``--write`` to apply them.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOG_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "catalog.json"
PRICE_FILE = "model_prices_and_context_window_backup.json"
TOLERANCE = 0.01  # relative difference below which two prices count as equal

# Our model id -> LiteLLM key of its fine-tuned snapshot (OpenAI bills fine-tuned models apart).
FINE_TUNED_KEYS = {
    "gpt-4o": "ft:gpt-4o-2024-08-06",
    "gpt-4o-mini": "ft:gpt-4o-mini-2024-07-18",
    "gpt-4.1": "ft:gpt-4.1-2025-04-14",
    "gpt-4.1-mini": "ft:gpt-4.1-mini-2025-04-14",
    "gpt-4.1-nano": "ft:gpt-4.1-nano-2025-04-14",
}

TEXT_MODES = {"chat", "completion", "responses", "embedding"}
# Synced fields that sit on the model entry itself rather than in its pricing block.
TOP_LEVEL_FIELDS = ("context_window", "deprecation_date")


@dataclass(frozen=True)
class Change:
    model: str
    field: str
    ours: Any
    theirs: Any

    def __str__(self) -> str:
        return f"{self.model}: {self.field} {self.ours!r} -> {self.theirs!r}"


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


def litellm_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("litellm")
    except PackageNotFoundError:
        return None


def litellm_prices(path: str | Path | None = None) -> dict:
    """LiteLLM's price map as a dict keyed by model key; raises FileNotFoundError without it."""
    path = Path(path) if path else litellm_price_file()
    if path is None or not Path(path).is_file():
        raise FileNotFoundError("litellm is not installed; `pip install litellm` to check prices")
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("sample_spec", None)
    return data


def _num(value: float) -> float:
    """Round away float noise (1.5e-07 * 1e6 = 0.15000000000000002) to 6 significant digits."""
    return float(f"{value:.6g}")


def _per_image(info: dict) -> float | None:
    for key in ("output_cost_per_image", "input_cost_per_image"):
        if info.get(key):
            return _num(info[key])
    if info.get("input_cost_per_pixel"):
        return _num(info["input_cost_per_pixel"] * 1024 * 1024)
    return None


def expected_pricing(entry: dict, price_map: dict) -> dict:
    """The prices (catalog units) and context window LiteLLM gives for this entry's keys.

    Returns only the fields LiteLLM knows; ``{}`` when the entry has no known key.
    """
    out: dict[str, Any] = {}
    pricing = entry.get("pricing") or {}
    info = price_map.get(pricing.get("litellm_key") or "")
    if info:
        mode = info.get("mode", "chat")
        if mode == "audio_transcription":
            if info.get("input_cost_per_second") is not None:
                out["per_audio_minute"] = _num(info["input_cost_per_second"] * 60)
        elif mode == "audio_speech":
            if info.get("input_cost_per_character") is not None:
                out["per_1m_characters"] = _num(info["input_cost_per_character"] * 1e6)
        elif mode == "image_generation":
            per_image = _per_image(info)
            if per_image is not None:
                out["per_image"] = per_image
        else:
            if info.get("input_cost_per_token") is not None:
                out["input_per_1m"] = _num(info["input_cost_per_token"] * 1e6)
            if mode != "embedding" and info.get("output_cost_per_token") is not None:
                out["output_per_1m"] = _num(info["output_cost_per_token"] * 1e6)
        if mode in TEXT_MODES and not entry.get("open_weights") and info.get("max_input_tokens"):
            out["context_window"] = int(info["max_input_tokens"])
        if info.get("deprecation_date") and not entry.get("open_weights"):
            out["deprecation_date"] = str(info["deprecation_date"])
    tuned = price_map.get(FINE_TUNED_KEYS.get(entry.get("id", ""), ""))
    if tuned:
        out["fine_tuned_input_per_1m"] = _num(tuned["input_cost_per_token"] * 1e6)
        out["fine_tuned_output_per_1m"] = _num(tuned["output_cost_per_token"] * 1e6)
    return out


def _differs(ours: Any, theirs: Any) -> bool:
    if not isinstance(ours, int | float) or isinstance(ours, bool):
        return True
    if theirs == 0:
        return ours != 0
    return abs(ours - theirs) / abs(theirs) > TOLERANCE


def diff(catalog: dict, price_map: dict) -> list[Change]:
    """Where our prices or context windows differ from LiteLLM's (beyond 1% for prices)."""
    changes = []
    for entry in catalog.get("models", []):
        pricing = entry.get("pricing") or {}
        for field, theirs in expected_pricing(entry, price_map).items():
            if field in TOP_LEVEL_FIELDS:
                ours = entry.get(field)
                changed = ours != theirs
            else:
                ours = pricing.get(field)
                changed = _differs(ours, theirs)
            if changed:
                changes.append(Change(entry["id"], field, ours, theirs))
    return changes


def sync(
    path: str | Path | None = None, write: bool = True, price_map: dict | None = None
) -> list[Change]:
    """Update catalog.json from LiteLLM's price map; returns what changed (or would change)."""
    path = Path(path) if path else CATALOG_PATH
    catalog = json.loads(path.read_text(encoding="utf-8"))
    changes = diff(catalog, litellm_prices() if price_map is None else price_map)
    if write and changes:
        today = _dt.date.today().isoformat()
        by_id = {entry["id"]: entry for entry in catalog["models"]}
        for change in changes:
            entry = by_id[change.model]
            if change.field in TOP_LEVEL_FIELDS:
                entry[change.field] = change.theirs
            else:
                entry["pricing"][change.field] = change.theirs
                entry["pricing"]["as_of"] = today
        catalog["as_of"] = today
        text = json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
    return changes


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    changes = sync(write="--write" in args)
    for change in changes:
        print(change)
    print(f"{len(changes)} difference(s) against litellm {litellm_version() or '?'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
