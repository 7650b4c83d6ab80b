"""CI re-derives the catalog's facts from the packages they were copied from (genai-prices 0.2.3,
LiteLLM 1.110.2, both read offline): prices and context windows by each model's recorded key,
the host behind each key, retirement dates per platform, OpenRouter route ids, and the model
counts the docs state."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.catalog import sync as catalog_sync
from advisor.providers.routes import HOSTED_RUNTIMES
from knowledge import catalog_data

ROOT = Path(__file__).resolve().parents[2]
TOLERANCE = 0.05
# One name per host: genai-prices provider ids and LiteLLM providers for the same platform.
HOSTS = {
    "google": "google", "gemini": "google", "vertex_ai": "google",
    "aws": "aws", "bedrock": "aws", "bedrock_converse": "aws",
    "together": "together", "together_ai": "together",
    "fireworks": "fireworks", "fireworks_ai": "fireworks",
    "x-ai": "xai", "xai": "xai", "zai": "zai", "zhipuai": "zai",
    "moonshotai": "moonshot", "moonshot": "moonshot",
    "azure": "azure", "azure_ai": "azure",
}  # fmt: skip


def host(name: str) -> str:
    name = name.lower()
    return HOSTS.get(name) or HOSTS.get(name.split("-")[0]) or name


@pytest.fixture(scope="module")
def models() -> list[dict]:
    return catalog_data.read()["models"]


def test_every_price_is_re_derived_from_genai_prices_by_its_recorded_key(models, genai):
    failures, checked = [], 0
    for model in models:
        pricing = model["pricing"]
        key = pricing.get("genai_prices")
        if not key:
            continue
        if key not in genai:
            failures.append(f"{model['id']}: genai-prices has no {key}")
            continue
        for field, theirs in genai[key].prices.items():
            ours = pricing.get(field)
            if ours is None and field == "output_per_1m":
                continue  # embeddings and speech bill input only
            checked += 1
            if ours is None or abs(ours - theirs) > TOLERANCE * abs(theirs):
                failures.append(f"{model['id']} {field}: {ours} vs {theirs} ({key})")
    assert checked >= 200
    assert not failures, "\n".join(failures)


def test_a_litellm_key_names_the_host_the_price_comes_from(models, genai, price_map):
    """Where genai-prices gives the price, the LiteLLM key must be for the same host; where
    LiteLLM alone gives it, its price must agree within 5%."""
    failures = []
    for model in models:
        pricing = model["pricing"]
        key = pricing.get("litellm_key")
        if not key:
            continue
        info = price_map.get(key)
        if info is None:
            failures.append(f"{model['id']}: LiteLLM has no {key}")
            continue
        genai_key = pricing.get("genai_prices")
        if genai_key:
            ours, theirs = host(genai[genai_key].provider_id), host(info["litellm_provider"])
            if ours != theirs and ours != "openrouter":
                failures.append(f"{model['id']}: price from {ours}, LiteLLM key {key} is {theirs}")
            continue
        for field, value in catalog_sync.litellm_expected(model, price_map).items():
            ours = pricing.get(field)
            if field != "deprecation_date" and ours is not None:
                if abs(ours - value) > TOLERANCE * max(abs(value), 1e-9):
                    failures.append(f"{model['id']} {field}: {ours} vs LiteLLM {value} ({key})")
    assert not failures, "\n".join(failures)


def test_context_windows_match_genai_prices_for_closed_text_models(models, genai):
    failures = []
    for model in models:
        key = model["pricing"].get("genai_prices")
        if not key or model["open_weights"] or not model.get("context_window"):
            continue  # an open model's window depends on its host's deployment
        theirs = genai[key].context_window
        if theirs and theirs != model["context_window"]:
            failures.append(f"{model['id']}: {model['context_window']} vs {theirs} ({key})")
    assert not failures, "\n".join(failures)


def test_retirement_dates_come_per_platform_from_litellm(models, price_map):
    """A closed model's date is LiteLLM's for the platform its key names, where LiteLLM has one.
    Open weights are never retired as such: only on a named host, with that host's date."""
    failures = []
    for model in models:
        key = model["pricing"].get("litellm_key")
        theirs = (price_map.get(key or "") or {}).get("deprecation_date")
        ours = model.get("deprecation_date")
        if model["open_weights"]:
            if ours and not (model.get("deprecation_host") and theirs == ours):
                failures.append(f"{model['id']}: open weights retired {ours} without a host's date")
        elif theirs and ours != theirs:
            failures.append(f"{model['id']}: {ours} vs LiteLLM {theirs} ({key})")
    assert not failures, "\n".join(failures)


def test_openrouter_route_ids_are_in_genai_prices_openrouter_list(genai):
    listed = {key.split("/", 1)[1] for key in genai if key.startswith("openrouter/")}
    routes = json.loads(catalog_data.CATALOG_DIR.parent.joinpath("routes.json").read_text())
    catalog = {model["id"]: model for model in catalog_data.read()["models"]}
    failures = []
    for model_id, model in catalog.items():
        entry = routes["models"].get(model_id)
        if isinstance(entry, dict) and "openrouter" in entry:
            route = entry["openrouter"]
        else:
            prefix = (routes["providers"].get(model["provider"]) or {}).get("openrouter")
            if not prefix or model["runtime"] not in HOSTED_RUNTIMES:
                continue
            route = prefix + model_id
        if route is not None and route not in listed:
            failures.append(f"{model_id}: {route}")
    assert not failures, "\n".join(failures)


def test_model_counts_in_the_docs_are_the_datas(models):
    count = len(models)
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for stated in re.findall(r"\b(\d{3}) (?:catalog )?models\b", doc.read_text()):
            assert int(stated) == count, f"{doc.name} says {stated} models; the data holds {count}"


def test_retirements_recorded_per_platform_are_litellms(models, price_map):
    recorded = [(m["id"], row) for m in models for row in m.get("retirements") or []]
    assert recorded
    for model_id, row in recorded:
        info = price_map.get(row["litellm_key"]) or {}
        assert row["platform"] and info.get("deprecation_date") == row["date"], (model_id, row)
