"""Integrity of knowledge/data/catalog.json and its prices against LiteLLM's bundled price map."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import warnings
from collections import Counter
from pathlib import Path

import pytest

from advisor import catalog_sync, questionnaire

CATALOG_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "catalog.json"

TASKS = list(questionnaire.TASKS)
# Text tasks every chat model serves; code-generation only where fit.
TEXT_TASKS = [task for task in questionnaire.TEXT_TASKS if task != "code-generation"]
CAPABILITIES = {"function-calling", "json-output", "vision-input", "fine-tunable"}
RUNTIMES = {"openai", "anthropic", "google", "local", "open", "none"}
ARCHITECTURES = {"decoder-only", "encoder-only", "encoder-decoder", "diffusion", "other"}
DEPLOYMENTS = {"cloud-api", "self-hosted", "on-device"}
LATENCIES = {"fast", "medium", "slow"}
GPUS = {"cpu", "L4", "A10G", "A100-80GB", "H100-80GB"}
PRICE_FIELDS = {
    "input_per_1m",
    "output_per_1m",
    "per_image",
    "per_audio_minute",
    "per_1m_characters",
    "fine_tuning_per_1m_training_tokens",
    "fine_tuned_input_per_1m",
    "fine_tuned_output_per_1m",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def catalog() -> dict:
    with open(CATALOG_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def models(catalog) -> list[dict]:
    return catalog["models"]


@pytest.fixture(scope="module")
def price_map() -> dict:
    if importlib.util.find_spec("litellm") is None or catalog_sync.litellm_price_file() is None:
        pytest.skip("litellm is not installed")
    return catalog_sync.litellm_prices()


def _priced(pricing: dict) -> bool:
    return any(isinstance(pricing.get(field), int | float) for field in PRICE_FIELDS)


# ----------------------------------------------------------------------------- integrity


def test_file_is_in_canonical_format():
    """sync() rewrites with indent=2, ensure_ascii=False and a trailing newline: keep diffs small."""
    text = CATALOG_PATH.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_top_level(catalog):
    assert DATE.match(catalog["as_of"])
    assert set(catalog["gpu_hourly_usd"]) == GPUS
    for name, rate in catalog["gpu_hourly_usd"].items():
        assert rate["usd"] > 0, name
        assert rate["source"] and DATE.match(rate["as_of"]), name


def test_enough_models_and_unique_ids(models):
    ids = [model["id"] for model in models]
    assert len(ids) >= 45
    duplicates = [model_id for model_id, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_every_task_has_three_models_one_open(models):
    for task in TASKS:
        serving = [model for model in models if task in model["tasks"]]
        assert len(serving) >= 3, f"{task}: only {len(serving)} models"
        assert any(model["open_weights"] for model in serving), f"{task}: no open-weights model"


def test_fields_and_enumerations(models):
    for model in models:
        name = model["id"]
        assert model["name"] and model["provider"] and model["license"], name
        assert model["runtime"] in RUNTIMES, name
        assert model["architecture"] in ARCHITECTURES, name
        assert model["tasks"] and set(model["tasks"]) <= set(TASKS), name
        assert set(model["capabilities"]) <= CAPABILITIES, name
        assert model["deployment"] and set(model["deployment"]) <= DEPLOYMENTS, name
        assert model["latency_class"] in LATENCIES, name
        assert isinstance(model["context_window"], int) and model["context_window"] >= 0, name
        assert isinstance(model["max_output_tokens"], int) and model["max_output_tokens"] >= 0
        assert model["languages"], name
        assert 20 <= len(model["description"]) <= 400, name


def test_every_model_and_price_has_source_and_date(models):
    for model in models:
        assert model["source"] and DATE.match(model["as_of"]), model["id"]
        pricing = model["pricing"]
        assert pricing["source"] and DATE.match(pricing["as_of"]), model["id"]
        assert "litellm_key" in pricing, model["id"]
        for field in set(pricing) - {"source", "as_of", "litellm_key"}:
            assert field in PRICE_FIELDS, f"{model['id']}: unknown price field {field}"
            value = pricing[field]
            assert value is None or value >= 0, f"{model['id']}: {field}={value}"


def test_quality_for_every_served_task(models):
    for model in models:
        quality = model["quality"]
        assert set(quality) == set(model["tasks"]), model["id"]
        for task, entry in quality.items():
            assert 0 <= entry["score"] <= 1, f"{model['id']} {task}"
            assert entry["source"], f"{model['id']} {task}"


def test_chat_models_list_all_text_tasks(models):
    for model in models:
        if "chat" in model["tasks"]:
            missing = [task for task in TEXT_TASKS if task not in model["tasks"]]
            assert not missing, f"{model['id']} lacks {missing}"


def test_open_and_closed_models(models):
    for model in models:
        name = model["id"]
        hosting = model["self_hosting"]
        if model["open_weights"]:
            assert "fine-tunable" in model["capabilities"], name
            assert "self-hosted" in model["deployment"], name
            assert hosting["parameters_b"] > 0 and hosting["gpu_memory_gb"] > 0, name
            assert hosting["gpu"] in GPUS and hosting["gpus"] >= 1, name
            if hosting["parameters_b"] > 8 and model["tasks"] != ["embeddings"]:
                assert "on-device" not in model["deployment"], name
        else:
            assert hosting is None, name
            assert model["license"] == "proprietary", name
            assert model["deployment"] == ["cloud-api"], name
        # cloud-api is offered exactly where we carry a hosted price
        assert ("cloud-api" in model["deployment"]) == _priced(model["pricing"]), name


def test_builtin_local_model(models):
    by_id = {model["id"]: model for model in models}
    local = by_id["smollm2-135m-instruct"]
    assert local["runtime"] == "local"
    assert local["open_weights"] and "on-device" in local["deployment"]
    assert local["quality"]["chat"]["score"] <= 0.3


def test_required_provider_ids(models):
    ids = {model["id"] for model in models}
    for model_id in (
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4.1-nano",
        "text-embedding-3-small",
        "text-embedding-3-large",
        "whisper-1",
        "tts-1",
        "tts-1-hd",
        "dall-e-3",
        "all-minilm-l6-v2",
        "llama-3.1-8b-instruct",
        "qwen2.5-7b-instruct",
    ):
        assert model_id in ids, model_id


def test_quality_ordering_is_sane(models):
    by_id = {model["id"]: model for model in models}

    def chat(model_id):
        return by_id[model_id]["quality"]["chat"]["score"]

    assert chat("gpt-4o") > chat("llama-3.1-70b-instruct") > chat("llama-3.1-8b-instruct")
    assert (
        chat("llama-3.1-8b-instruct")
        > chat("llama-3.2-1b-instruct")
        > chat("smollm2-135m-instruct")
    )


# ----------------------------------------------------------------------------- LiteLLM prices


def test_prices_match_litellm(models, price_map):
    failures, unknown = [], []
    for model in models:
        key = model["pricing"].get("litellm_key")
        if not key:
            continue
        if key not in price_map:
            unknown.append(f"{model['id']} ({key})")
            continue
        expected = catalog_sync.expected_pricing(model, price_map)
        assert expected, f"{model['id']}: LiteLLM key {key} yields no price"
        for field, theirs in expected.items():
            if field in catalog_sync.TOP_LEVEL_FIELDS:
                continue
            ours = model["pricing"].get(field)
            if ours is None or abs(ours - theirs) > 0.01 * abs(theirs):
                failures.append(f"{model['id']} {field}: ours {ours} vs LiteLLM {theirs} ({key})")
    if unknown:
        warnings.warn("LiteLLM no longer knows: " + ", ".join(unknown), stacklevel=1)
    assert not failures, "prices differ from LiteLLM by more than 1%:\n" + "\n".join(failures)


def test_context_windows_match_litellm_for_closed_models(models, price_map):
    failures = []
    for model in models:
        theirs = catalog_sync.expected_pricing(model, price_map).get("context_window")
        if theirs is not None and theirs != model["context_window"]:
            failures.append(f"{model['id']}: ours {model['context_window']} vs LiteLLM {theirs}")
    assert not failures, "\n".join(failures)


def test_diff_is_empty(catalog, price_map):
    assert catalog_sync.diff(catalog, price_map) == []


# ----------------------------------------------------------------------------- catalog_sync units


FAKE_MAP = {
    "chat-key": {
        "mode": "chat",
        "input_cost_per_token": 1.5e-07,
        "output_cost_per_token": 6e-07,
        "max_input_tokens": 128000,
    },
    "embed-key": {
        "mode": "embedding",
        "input_cost_per_token": 2e-08,
        "output_cost_per_token": 0.0,
        "max_input_tokens": 8191,
    },
    "stt-key": {"mode": "audio_transcription", "input_cost_per_second": 0.0001},
    "tts-key": {"mode": "audio_speech", "input_cost_per_character": 1.5e-05},
    "img-pixel": {"mode": "image_generation", "input_cost_per_pixel": 4.0054321e-08},
    "img-image": {"mode": "image_generation", "output_cost_per_image": 0.04},
    "ft:gpt-4o-mini-2024-07-18": {"input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06},
}


def _entry(key, model_id="x", open_weights=False):
    return {"id": model_id, "open_weights": open_weights, "pricing": {"litellm_key": key}}


def test_expected_pricing_conversions():
    expect = catalog_sync.expected_pricing
    assert expect(_entry("chat-key"), FAKE_MAP) == {
        "input_per_1m": 0.15,
        "output_per_1m": 0.6,
        "context_window": 128000,
    }
    assert expect(_entry("chat-key", open_weights=True), FAKE_MAP) == {
        "input_per_1m": 0.15,
        "output_per_1m": 0.6,
    }
    assert expect(_entry("embed-key"), FAKE_MAP) == {"input_per_1m": 0.02, "context_window": 8191}
    assert expect(_entry("stt-key"), FAKE_MAP) == {"per_audio_minute": 0.006}
    assert expect(_entry("tts-key"), FAKE_MAP) == {"per_1m_characters": 15.0}
    assert expect(_entry("img-pixel"), FAKE_MAP) == {"per_image": 0.042}
    assert expect(_entry("img-image"), FAKE_MAP) == {"per_image": 0.04}
    assert expect(_entry("missing"), FAKE_MAP) == {}
    assert expect(_entry(None), FAKE_MAP) == {}
    tuned = expect(_entry("chat-key", model_id="gpt-4o-mini"), FAKE_MAP)
    assert tuned["fine_tuned_input_per_1m"] == 0.3
    assert tuned["fine_tuned_output_per_1m"] == 1.2


def test_diff_tolerance():
    def catalog_with(price):
        entry = _entry("chat-key", open_weights=True)
        entry["pricing"].update(input_per_1m=price, output_per_1m=0.6)
        return {"models": [entry]}

    assert catalog_sync.diff(catalog_with(0.1505), FAKE_MAP) == []
    changes = catalog_sync.diff(catalog_with(0.2), FAKE_MAP)
    assert changes == [catalog_sync.Change("x", "input_per_1m", 0.2, 0.15)]
    missing = catalog_sync.diff(catalog_with(None), FAKE_MAP)
    assert [change.field for change in missing] == ["input_per_1m"]


def test_sync_rewrites_prices_and_keeps_format(tmp_path, price_map):
    path = tmp_path / "catalog.json"
    shutil.copy(CATALOG_PATH, path)
    assert catalog_sync.sync(path, write=False, price_map=price_map) == []

    data = json.loads(path.read_text(encoding="utf-8"))
    model = next(m for m in data["models"] if m["pricing"].get("litellm_key") == "gpt-4o-mini")
    model["pricing"]["input_per_1m"] = 9.99
    model["pricing"]["as_of"] = "2000-01-01"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    dry = catalog_sync.sync(path, write=False, price_map=price_map)
    assert [(c.model, c.field, c.ours) for c in dry] == [("gpt-4o-mini", "input_per_1m", 9.99)]
    assert "9.99" in path.read_text(encoding="utf-8")

    changes = catalog_sync.sync(path, write=True, price_map=price_map)
    assert len(changes) == 1
    text = path.read_text(encoding="utf-8")
    synced = json.loads(text)
    fixed = next(m for m in synced["models"] if m["id"] == "gpt-4o-mini")
    assert fixed["pricing"]["input_per_1m"] == changes[0].theirs
    assert fixed["pricing"]["as_of"] != "2000-01-01"
    assert text == json.dumps(synced, indent=2, ensure_ascii=False) + "\n"
    assert catalog_sync.sync(path, write=False, price_map=price_map) == []


def test_catalog_sync_never_imports_litellm():
    source = Path(catalog_sync.__file__).read_text(encoding="utf-8")
    assert "import litellm" not in source and "from litellm" not in source
