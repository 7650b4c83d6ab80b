"""Integrity of the catalog data (knowledge/data/catalog/, one file per provider), its prices
against genai-prices, its quality rule, and `catalog sync` on fixtures."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter

import pytest

from advisor import questionnaire
from advisor.catalog import sync as catalog_sync
from advisor.catalog.catalog import COMPONENT_TASKS, load_catalog
from knowledge import benchmarks, catalog_data

TODAY = dt.date.today().isoformat()
TASKS = list(questionnaire.TASKS)
# Text tasks every chat model serves; code-generation only where fit.
TEXT_TASKS = [task for task in questionnaire.TEXT_TASKS if task != "code-generation"]
CAPABILITIES = {"function-calling", "json-output", "vision-input", "fine-tunable"}
RUNTIMES = {"openai", "anthropic", "google", "api", "local", "open", "none"}
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
    "per_1k_searches",  # rerankers: one search re-scores up to 100 passages
    "per_1k_pages",  # OCR
    "cached_input_per_1m",  # a repeated prompt prefix read from the cache (genai-prices)
}
PRICE_NOTES = {"source", "as_of", "litellm_key", "genai_prices"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The providers whose lineup the catalog tracks (each says so in its own file): each has a current
# flagship, workhorse and cheap text model.
TRACKED = list(catalog_data.tracked())


@pytest.fixture(scope="module")
def catalog() -> dict:
    return catalog_data.read()


@pytest.fixture(scope="module")
def models(catalog) -> list[dict]:
    return catalog["models"]


def _priced(pricing: dict) -> bool:
    return any(isinstance(pricing.get(field), int | float) for field in PRICE_FIELDS)


def _current(model: dict, days: int = 0) -> bool:
    cutoff = (dt.date.today() + dt.timedelta(days=days)).isoformat()
    return not model.get("deprecation_date") or model["deprecation_date"] > cutoff


# ----------------------------------------------------------------------------- layout


def test_files_are_per_provider_and_canonical():
    files = catalog_data.catalog_files()
    assert catalog_data.CATALOG_DIR / catalog_data.META_FILE in files
    for file in files:
        text = file.read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == catalog_data.dump(data), f"{file.name} is not in canonical format"
        if file.name != catalog_data.META_FILE:
            assert file.stem == catalog_data.provider_slug(data["provider"])
            assert {m["provider"] for m in data["models"]} == {data["provider"]}, file.name
            assert set(data) <= {"provider", "tracked", "models"}, file.name
            tracked = data.get("tracked", {"genai_prices": [], "benchmark_publishers": []})
            assert set(tracked) == {"genai_prices", "benchmark_publishers"}, file.name
            assert all(isinstance(v, list) for v in tracked.values()), file.name


def test_tracked_providers_are_data_once_in_their_own_files():
    """Catalog sync, the benchmark review and the lineup test all read each provider's file."""
    from advisor.catalog import benchmark_review

    following = catalog_data.tracked()
    assert len(following) >= 10 and set(following) <= {
        m["provider"] for m in catalog_data.read()["models"]
    }
    assert set(catalog_sync.tracked_providers().values()) <= set(following)
    assert catalog_sync.tracked_providers()["zhipuai"] == "Zhipu AI (Z.ai)"
    assert {"qwen", "meta-llama", "openai"} <= benchmark_review.tracked_publishers()


@pytest.mark.parametrize(
    "name, table", [("residency.json", "eu"), ("batch_apis.json", "providers")]
)
def test_facts_by_provider_name_catalog_providers_with_source_and_date(name, table):
    """The data kept per provider beside the catalog (EU-only offers, batch discounts) names
    providers as the catalog does, each fact with its source and date."""
    data = json.loads((catalog_data.CATALOG_DIR.parent / name).read_text(encoding="utf-8"))
    providers = {m["provider"] for m in catalog_data.read()["models"]}
    assert data[table] and set(data[table]) <= providers, set(data[table]) - providers
    for provider, fact in data[table].items():
        assert fact["source"] and DATE.match(fact["as_of"]), provider
        assert 0 < fact.get("discount", 0.5) < 1, provider


def test_top_level(catalog):
    assert DATE.match(catalog["as_of"])
    assert set(catalog["gpu_hourly_usd"]) == GPUS
    for name, rate in catalog["gpu_hourly_usd"].items():
        assert rate["usd"] > 0, name
        assert rate["source"] and DATE.match(rate["as_of"]), name


def test_catalog_date_is_the_newest_verified_fact():
    loaded = load_catalog()
    assert DATE.match(loaded.facts_as_of) and loaded.facts_as_of <= TODAY
    assert loaded.facts_as_of >= max(str(m.pricing.get("as_of")) for m in loaded.models)


def test_enough_models_and_unique_ids(models):
    ids = [model["id"] for model in models]
    assert len(ids) >= 120
    duplicates = [model_id for model_id, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_every_task_has_three_current_models_one_open(models):
    for task in TASKS:
        serving = [m for m in models if task in m["tasks"] and _current(m, 90)]
        assert len(serving) >= 3, f"{task}: only {len(serving)} current models"
        assert any(model["open_weights"] for model in serving), f"{task}: no open-weights model"


def test_fields_and_enumerations(models):
    for model in models:
        name = model["id"]
        assert model["name"] and model["provider"] and model["license"], name
        assert model["runtime"] in RUNTIMES, name
        assert model["architecture"] in ARCHITECTURES, name
        assert model["tasks"] and set(model["tasks"]) <= {*TASKS, *COMPONENT_TASKS}, name
        assert set(model["capabilities"]) <= CAPABILITIES, name
        assert model["deployment"] and set(model["deployment"]) <= DEPLOYMENTS, name
        assert model["latency_class"] in LATENCIES, name
        assert isinstance(model["context_window"], int) and model["context_window"] >= 0, name
        assert isinstance(model["max_output_tokens"], int) and model["max_output_tokens"] >= 0
        assert model["languages"], name
        assert 20 <= len(model["description"]) <= 400, name
        for field in ("deprecation_date", "released"):
            assert model.get(field) is None or DATE.match(model[field]), f"{name} {field}"


def test_every_model_price_figure_and_speed_has_source_and_date(models):
    for model in models:
        name = model["id"]
        assert model["source"] and DATE.match(model["as_of"]), name
        pricing = model["pricing"]
        assert pricing["source"] and DATE.match(pricing["as_of"]), name
        for field in set(pricing) - PRICE_NOTES:
            assert field in PRICE_FIELDS, f"{name}: unknown price field {field}"
            value = pricing[field]
            assert value is None or value >= 0, f"{name}: {field}={value}"
        for task, entry in model["quality"].items():
            assert 0 <= entry["score"] <= 1, f"{name} {task}"
            assert entry["source"] and DATE.match(entry["as_of"]), f"{name} {task}"
        speed = model.get("speed")
        if speed:
            assert speed["output_tokens_per_s"] or speed["ttft_s"], name
            assert speed["source"] and DATE.match(speed["as_of"]), name


def test_every_quality_figure_names_its_snapshot():
    """Every figure, for every task, comes from a committed snapshot as published; a model none
    lists is not measured (at most its sibling's figure, labelled), never a converted,
    approximated or placeholder number."""
    snapshots = benchmarks.snapshots()
    for model in load_catalog().models:
        for task, entry in model.quality.items():
            assert entry.snapshot, f"{model.id} {task}: {entry.source[:60]} names no snapshot"
            assert entry.snapshot in snapshots, (model.id, task)
            assert entry.points is not None and entry.metric, (model.id, task)
            assert entry.measured == (entry.sibling is None), (model.id, task)
            published = snapshots[entry.snapshot]
            assert entry.as_of == published["published"], (model.id, task)
            assert published["copied_from"] in entry.source, (model.id, task)


def test_every_committed_snapshot_is_where_some_catalog_figure_comes_from():
    """A snapshot nobody reads is a figure nobody checks: each one gives at least one catalog
    model its figure (its own, or a sibling's labelled as an estimate)."""
    used = {entry.snapshot for model in load_catalog().models for entry in model.quality.values()}
    assert used == set(benchmarks.snapshots())


def test_every_catalog_model_a_snapshot_lists_is_held_to_that_figure():
    checked = 0
    held = Counter()
    for model in load_catalog().models:
        for snapshot_id, slug in model.benchmarks.items():
            snapshot = benchmarks.snapshots()[snapshot_id]
            assert slug in snapshot["models"], (model.id, slug)
            for metric, about in snapshot["metrics"].items():
                published = snapshot["models"][slug].get(metric)
                for task in about["tasks"]:
                    entry = model.quality.get(task)
                    if entry is None or published is None:
                        continue
                    newer = [
                        other
                        for other in model.benchmarks
                        if benchmarks.snapshots()[other]["published"] > snapshot["published"]
                        and task
                        in {
                            t
                            for about in benchmarks.snapshots()[other]["metrics"].values()
                            for t in about["tasks"]
                        }
                    ]
                    if newer:
                        continue  # a newer snapshot's figure replaces this one
                    checked += 1
                    held[snapshot_id] += 1
                    assert entry.snapshot == snapshot_id, (model.id, task)
                    assert entry.measured and entry.points == published, (model.id, task)
        for snapshot_id, slug in model.benchmark_sibling.items():
            assert slug in benchmarks.snapshots()[snapshot_id]["models"], (model.id, slug)
            # a sibling fills only what the model's own slug does not measure, as an estimate
            for task, entry in model.quality.items():
                if entry.snapshot == snapshot_id and not entry.measured:
                    assert entry.sibling == slug, (model.id, task)
    assert checked >= 300
    # every committed snapshot a catalog model is listed in (the speech, image, embedding, OCR
    # and GLUE ones too) holds its figures
    listed = {snapshot for model in load_catalog().models for snapshot in model.benchmarks}
    assert set(held) == listed, listed - set(held)


def test_an_index_a_snapshot_does_not_publish_for_a_model_is_its_siblings_estimate():
    """Measured on one index, not on another: the model keeps its own figure where it has one
    and shows its closest sibling's for the rest, marked as an estimate (never left to rank as
    if it were measured, never blank where a sibling is measured)."""
    catalog = load_catalog()
    opus = catalog.get("claude-opus-5-5")
    assert opus.quality["chat"].measured and opus.quality["chat"].points == 57.6
    for task, points in (("function-calling", 56.5), ("code-generation", 78)):
        entry = opus.quality[task]
        assert not entry.measured and entry.points == points, task
        assert entry.sibling == "anthropic/claude-opus-5"
    snapshot = benchmarks.snapshots()["aa-openrouter-2026-10-05"]
    gaps = []
    for model in catalog.models:
        slug = model.benchmarks.get(snapshot["id"])
        if slug is None or "function-calling" not in model.capabilities:
            continue
        if (
            "agentic_index" not in snapshot["models"][slug]
            and model.released
            and (model.released >= "2026-09")
        ):
            if "function-calling" not in model.quality:
                gaps.append(model.id)
    assert not gaps, f"current models with no agentic figure or estimate: {gaps}"


def test_current_models_the_snapshot_measures_are_in_the_catalog():
    """The snapshot's current models of tracked makers that a team would weigh: measured on all
    three indices, each with its price from genai-prices."""
    catalog = load_catalog()
    for model_id, slug in (
        ("claude-opus-5", "anthropic/claude-opus-5"),
        ("grok-4.6", "x-ai/grok-4.6"),
        ("muse-spark-1.2", "meta/muse-spark-1.2"),
        ("deepseek-v4-pro-0813", "deepseek/deepseek-v4-pro-0813"),
        ("deepseek-v4-flash-0731", "deepseek/deepseek-v4-flash-0731"),
    ):
        model = catalog.get(model_id)
        assert model.benchmarks["aa-openrouter-2026-10-05"] == slug
        assert {"chat", "code-generation", "function-calling"} <= {
            task for task, entry in model.quality.items() if entry.measured
        }, model_id
        assert model.pricing["genai_prices"] and model.pricing["as_of"], model_id


def test_no_snapshot_slug_is_claimed_by_two_catalog_models_as_measured():
    seen: dict[tuple[str, str], str] = {}
    for model in load_catalog().models:
        for snapshot_id, slug in model.benchmarks.items():
            assert (snapshot_id, slug) not in seen, (model.id, seen.get((snapshot_id, slug)))
            seen[(snapshot_id, slug)] = model.id


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
            # cloud-api is offered exactly where we carry a hosted price
            assert ("cloud-api" in model["deployment"]) == _priced(model["pricing"]), name
        else:
            assert hosting is None, name
            assert model["license"] == "proprietary", name
            assert model["deployment"] == ["cloud-api"], name


def test_retired_and_retiring_models_name_a_successor_in_the_catalog(models):
    ids = {model["id"] for model in models}
    for model in models:
        if model.get("successor"):
            assert model["successor"] in ids, f"{model['id']} -> {model['successor']}"
            assert model["successor"] != model["id"]
    retiring = [m for m in models if not _current(m, 90) and not m["open_weights"]]
    named = [m for m in retiring if m.get("successor")]
    assert len(named) >= 0.8 * len(retiring), "most retired hosted models name their successor"


def test_builtin_local_model(models):
    by_id = {model["id"]: model for model in models}
    local = by_id["smollm2-135m-instruct"]
    assert local["runtime"] == "local"
    assert local["open_weights"] and "on-device" in local["deployment"]
    assert not load_catalog().get("smollm2-135m-instruct").measured("chat")


# ----------------------------------------------------------------------------- the 2026 lineup


def test_every_tracked_provider_has_a_current_flagship_workhorse_and_cheap_model(models):
    for provider in TRACKED:
        current = [m for m in models if m["provider"] == provider and _current(m, 90)]
        roles = {m.get("role") for m in current if "chat" in m["tasks"]}
        assert current, provider
        assert "flagship" in roles, f"{provider}: no current flagship"
        assert roles & {"workhorse", "cheap", "open-single-gpu", "open-laptop"}, provider


def test_current_open_weights_sizes_for_a_laptop_one_gpu_and_a_cluster(models):
    current_open = [m for m in models if m["open_weights"] and _current(m, 90)]
    roles = {m.get("role") for m in current_open}
    assert {"open-laptop", "open-single-gpu", "open-cluster"} <= roles


def test_current_flagships_outrank_every_2024_model_on_chat_and_code(models):
    """Without conversions: each side at its own snapshot figure (or its labelled estimate)."""
    loaded = load_catalog()
    flagships = [
        loaded.get(m["id"]) for m in models if m.get("role") == "flagship" and _current(m, 90)
    ]
    old = [loaded.get(m["id"]) for m in models if _from_2024_or_before(m)]
    old = [m for m in old if "chat" in m.tasks or "code-generation" in m.tasks]
    assert len(flagships) >= 8 and len(old) >= 10
    for task in ("chat", "code-generation"):
        best_old = max(m.quality_for(task) for m in old)
        for flagship in flagships:
            if flagship.measured(task):
                assert flagship.quality_for(task) > best_old, (flagship.id, task)


def _from_2024_or_before(model: dict) -> bool:
    released = model.get("released")
    if released:
        return released < "2025"
    return "2024" in model.get("description", "") + model.get("source", "")


def test_quality_is_not_one_number_copied_across_task_kinds():
    """Text, embedding, speech and image scores come from different benchmarks."""
    loaded = load_catalog().models
    metrics = {
        task: {
            m.quality[task].metric for m in loaded if m.measured(task) and m.quality[task].metric
        }
        for task in ("chat", "code-generation", "embeddings", "speech-to-text", "text-to-speech")
    }
    assert metrics["chat"] == {"AA Intelligence Index"}
    assert metrics["code-generation"] == {"AA Coding Index"}
    assert metrics["embeddings"] == {"MTEB average (v1)"}
    assert metrics["speech-to-text"] and metrics["text-to-speech"]


# ----------------------------------------------------------------------------- prices


def test_first_party_prices_are_within_5_percent_of_genai_prices(models, genai):
    failures, checked = [], 0
    for model in models:
        key = catalog_sync.genai_key(model, genai)
        if not key or genai[key].provider_id not in catalog_sync.tracked_providers():
            continue
        for field, theirs in genai[key].prices.items():
            ours = model["pricing"].get(field)
            if ours is None and field == "output_per_1m":
                continue
            checked += 1
            if ours is None or abs(ours - theirs) > 0.05 * abs(theirs):
                failures.append(
                    f"{model['id']} {field}: ours {ours} vs genai-prices {theirs} ({key})"
                )
    assert checked >= 80
    assert not failures, "\n".join(failures)


def test_the_catalog_is_in_step_with_its_sources(catalog, genai, price_map):
    assert catalog_sync.diff(catalog, genai, price_map) == []


# ----------------------------------------------------------------------------- catalog_sync units


def _genai(key, name="X", context=None, deprecated=False, **prices):
    provider = key.split("/")[0]
    return catalog_sync.GenaiModel(key, provider, name, context, deprecated, prices)


FAKE_MAP = {
    "chat-key": {
        "mode": "chat",
        "input_cost_per_token": 1.5e-07,
        "output_cost_per_token": 6e-07,
        "deprecation_date": "2027-03-01",
    },
    "stt-key": {"mode": "audio_transcription", "input_cost_per_second": 0.0001},
    "tts-key": {"mode": "audio_speech", "input_cost_per_character": 1.5e-05},
}


def _entry(model_id="m1", provider="OpenAI", **pricing):
    return {
        "id": model_id,
        "provider": provider,
        "open_weights": False,
        "context_window": 100_000,
        "deployment": ["cloud-api"],
        "pricing": {"source": "s", "as_of": "2026-01-01", **pricing},
    }


def test_litellm_conversions():
    expect = catalog_sync.litellm_expected
    assert expect(_entry(litellm_key="chat-key"), FAKE_MAP) == {
        "input_per_1m": 0.15,
        "output_per_1m": 0.6,
        "deprecation_date": "2027-03-01",
    }
    assert expect(_entry(litellm_key="stt-key"), FAKE_MAP) == {"per_audio_minute": 0.006}
    assert expect(_entry(litellm_key="tts-key"), FAKE_MAP) == {"per_1m_characters": 15.0}
    assert expect(_entry(litellm_key="missing"), FAKE_MAP) == {}


def test_genai_prices_in_catalog_units_on_a_given_day(genai):
    tts = genai["openai/tts-1"]
    assert tts.prices == {"per_1m_characters": 15.0}
    stt = genai["openai/gpt-transcribe"]
    assert stt.prices["per_audio_minute"] == pytest.approx(0.27 / 60, rel=1e-4)
    # A price that changes on a date: the one in force on the day asked for.
    before = catalog_sync.genai_models("2026-11-15")["google/gemini-4-argon"].prices
    after = catalog_sync.genai_models("2026-12-01")["google/gemini-4-argon"].prices
    assert after["input_per_1m"] == 2 * before["input_per_1m"]


def test_diff_links_updates_prices_and_fills_missing_retirement_dates():
    genai = {"openai/m1": _genai("openai/m1", context=200_000, input_per_1m=0.2, output_per_1m=0.8)}
    catalog = {"models": [_entry(input_per_1m=0.2005, output_per_1m=0.5, litellm_key="chat-key")]}
    changes = {(c.field, c.theirs) for c in catalog_sync.diff(catalog, genai, FAKE_MAP)}
    assert changes == {
        ("genai_prices", "openai/m1"),  # linked by provider and id
        ("output_per_1m", 0.8),  # 0.2005 vs 0.2 is within the 1% tolerance
        ("context_window", 200_000),
        ("deprecation_date", "2027-03-01"),
    }
    catalog["models"][0]["deprecation_date"] = "2027-02-01"  # a provider's own date is kept
    fields = {c.field for c in catalog_sync.diff(catalog, genai, FAKE_MAP)}
    assert "deprecation_date" not in fields


def test_disagreements_over_5_percent_are_reported():
    genai = {"openai/m1": _genai("openai/m1", input_per_1m=0.15, output_per_1m=0.9)}
    catalog = {"models": [_entry(litellm_key="chat-key", genai_prices="openai/m1")]}
    found = catalog_sync.disagreements(catalog, genai, FAKE_MAP)
    assert [(d.field, d.genai, d.litellm) for d in found] == [("output_per_1m", 0.9, 0.6)]
    assert "33% apart" in str(found[0])


def test_candidates_are_current_models_of_tracked_providers_the_catalog_lacks():
    genai = {
        "openai/m1": _genai("openai/m1", input_per_1m=1),
        "openai/m2": _genai("openai/m2", name="New", context=1000, input_per_1m=2),
        "openai/old": _genai("openai/old", deprecated=True),
        "someone/m3": _genai("someone/m3"),
    }
    catalog = {"models": [_entry("m1")]}
    found = catalog_sync.candidates(catalog, genai)
    assert [c.key for c in found] == ["openai/m2"]
    assert str(found[0]) == "OpenAI: openai/m2 (New; input_per_1m 2, 1,000 tokens)"


def test_sync_writes_per_provider_files_only_when_asked(tmp_path, genai, price_map):
    folder = tmp_path / "catalog"
    shutil.copytree(catalog_data.CATALOG_DIR, folder)
    assert catalog_sync.sync(folder, write=False, models=genai, price_map=price_map).changes == []

    openai_file = folder / "openai.json"
    data = json.loads(openai_file.read_text())
    model = next(m for m in data["models"] if m["id"] == "gpt-6-luna")
    model["pricing"]["input_per_1m"] = 9.99
    openai_file.write_text(catalog_data.dump(data))
    before = {f.name: f.read_text() for f in folder.iterdir()}

    dry = catalog_sync.sync(folder, write=False, models=genai, price_map=price_map)
    assert [(c.model, c.field, c.ours) for c in dry.changes] == [
        ("gpt-6-luna", "input_per_1m", 9.99)
    ]
    assert {f.name: f.read_text() for f in folder.iterdir()} == before

    done = catalog_sync.sync(folder, models=genai, price_map=price_map, today="2099-01-01")
    assert len(done.changes) == 1
    fixed = next(m for m in catalog_data.read(folder)["models"] if m["id"] == "gpt-6-luna")
    assert fixed["pricing"]["input_per_1m"] == done.changes[0].theirs
    assert fixed["pricing"]["as_of"] == "2099-01-01"
    changed = [name for name, text in before.items() if (folder / name).read_text() != text]
    assert sorted(changed) == ["_catalog.json", "openai.json"]  # the date, and the one provider
    assert catalog_sync.sync(folder, write=False, models=genai, price_map=price_map).changes == []


def test_catalog_sync_never_imports_litellm_or_fetches_prices():
    source = open(catalog_sync.__file__, encoding="utf-8").read()
    assert "import litellm" not in source and "from litellm" not in source
    assert "update_prices" not in source.split('"""', 2)[2]


def test_tool_use_is_a_task_the_catalog_ranks_and_filters_by():
    """The recommender ranks a job that must call tools by the agentic index; the catalog offers
    the same ranking task, and filtering by it keeps exactly the models that call tools."""
    catalog = load_catalog()
    assert "function-calling" in catalog.ranking_tasks
    assert "function-calling" not in catalog.tasks  # a capability, not a job people ask for
    calling = catalog.filter(task="function-calling")
    assert {m.id for m in calling} == {
        m.id for m in catalog.models if "function-calling" in m.capabilities
    }
    ranked = [m for m in catalog.models if "function-calling" in m.quality]
    assert ranked and all(m in calling for m in ranked)
