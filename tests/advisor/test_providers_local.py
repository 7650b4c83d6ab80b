"""The built-in local model for real: SmolLM2-135M-Instruct run in-process by llama.cpp."""

from __future__ import annotations

import threading

import pytest

from advisor import playground, providers
from advisor.providers.base import Usage

pytest.importorskip("llama_cpp")
MODEL = "smollm2-135m-instruct"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def local():
    provider, upstream = providers.resolve(MODEL)
    assert provider.name == "local"
    return provider


def test_routes_to_the_in_process_model():
    found = providers.route(MODEL)
    assert found.runnable and found.provider == "local" and found.upstream == MODEL


def test_streams_text_then_one_usage_counted_with_the_models_own_tokenizer(local):
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    items = list(local.stream(MODEL, messages, temperature=0.0, max_tokens=12))
    *chunks, usage = items
    assert chunks and all(isinstance(c, str) for c in chunks)
    assert isinstance(usage, Usage) and usage.counted
    # The same call without streaming reports llama.cpp's own usage: our count must match it.
    reference = local.loaded().create_chat_completion(messages, temperature=0.0, max_tokens=12)
    assert usage.input_tokens == reference["usage"]["prompt_tokens"]
    assert 1 <= usage.output_tokens <= 12


def test_system_prompt_and_few_shot_examples_reach_the_model(local):
    shaped = playground.build_messages(
        "Hi", system="Answer in French.", examples=[{"input": "Hello", "output": "Bonjour"}]
    )
    assert [m["role"] for m in shaped] == ["system", "user", "assistant", "user"]
    result = playground.run(
        MODEL,
        "Hi",
        system="Answer in French.",
        examples=[{"input": "Hello", "output": "Bonjour"}],
        temperature=0.0,
        max_tokens=8,
    ).result
    plain = playground.run(MODEL, "Hi", system="Answer in French.", max_tokens=1).result
    # The example turns arrive as prompt tokens, counted from the rendered chat template.
    assert result["input_tokens"] >= plain["input_tokens"] + 8 and result["text"]


def test_run_reports_timings_tokens_and_zero_cost():
    stream = playground.run(MODEL, "Say hello.", temperature=0.0, max_tokens=10)
    chunks = list(stream)
    result = stream.result
    assert "".join(chunks) == result["text"] and result["text"]
    assert result["provider"] == "local" and result["model"] == MODEL
    assert 0 < result["ttft_s"] <= result["latency_s"]
    assert result["input_tokens"] > 0 and 0 < result["output_tokens"] <= 10
    assert result["cost_usd"] == 0.0 and result["run_id"]


def test_stopping_early_releases_the_model(local):
    stream = playground.run(MODEL, "Count from one to fifty.", temperature=0.0, max_tokens=64)
    iterator = iter(stream)
    next(iterator)
    iterator.close()  # the caller walks away mid-answer
    assert stream.outcome["error"] == "cancelled"
    # The lock is free again: another run completes (a leaked lock would hang here).
    done = playground.run(MODEL, "Say yes.", temperature=0.0, max_tokens=4).result
    assert done["text"]


def test_ten_parallel_runs_give_complete_separate_answers():
    prompts = [f"Write one sentence about the number {n}." for n in range(10)]
    # Greedy decoding is deterministic, so each parallel answer must equal the one the same
    # prompt gets alone; interleaved generations on the shared context would not.
    alone = {
        p: playground.run(MODEL, p, temperature=0.0, max_tokens=16).result["text"] for p in prompts
    }
    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def worker(prompt: str) -> None:
        try:
            results[prompt] = playground.run(
                MODEL, prompt, temperature=0.0, max_tokens=16, source="test"
            ).result
        except BaseException as exc:  # surfaced below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(p,)) for p in prompts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors and len(results) == 10
    for prompt in prompts:
        assert results[prompt]["text"] == alone[prompt]
        assert results[prompt]["output_tokens"] >= 1
    assert len({r["run_id"] for r in results.values()}) == 10
