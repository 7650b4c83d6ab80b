"""Fault paths of the OpenAI-compatible providers against a small HTTP server of our own on
127.0.0.1: 429 with Retry-After, 500 then 200, 401, a stall past the timeout, a stream that
breaks off, a closed port, and Azure's URL shape. Nothing is patched: the real SDK talks HTTP."""

from __future__ import annotations

import json

import pytest
import servers  # tests/servers.py
from click.testing import CliRunner
from tiers import needs  # tests/tiers.py

from advisor.errors import ProviderError
from advisor.playground import engine as playground
from advisor.store import Store

pytest.importorskip("openai")

SECRET = "sk-test-secret-0123456789abcdef"
MODEL = "gpt-4o-mini"


@pytest.fixture(scope="module")
@needs("server")
def server():
    with servers.serving(servers.FakeChatServer(echo_secret=SECRET)) as fake:
        yield fake
        fake.release.set()  # let stalled handlers finish before the shutdown


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch, server):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("ADVISOR_PROVIDER_TIMEOUT", "1")
    monkeypatch.setenv("ADVISOR_PROVIDER_RETRIES", "2")
    server.requests.clear()
    return monkeypatch


def use(monkeypatch, server, scenario: str) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.base}/{scenario}/v1")


def test_usage_sent_by_the_server_is_used_as_is(server, env):
    use(env, server, "ok")
    result = playground.run(MODEL, "Hi", max_tokens=5).result
    assert result.text == "Hello there"
    assert (result.input_tokens, result.output_tokens) == (11, 2)
    assert not result.tokens_counted
    request = server.requests["ok"][0]
    assert request["body"]["stream"] is True
    assert request["body"]["stream_options"] == {"include_usage": True}
    assert request["headers"]["authorization"] == f"Bearer {SECRET}"


def test_compare_sends_the_models_at_once(server, env):
    """Three models compared are asked at the same time: the server answers only when all three
    requests are held together, so runs one after another would each end in an error."""
    from advisor.catalog.catalog import load_catalog

    use(env, server, "together")
    env.setenv("ADVISOR_PROVIDER_TIMEOUT", "30")  # the server holds each request until all came
    chat = [m.id for m in load_catalog().models if m.runtime == "openai" and "chat" in m.tasks]
    results = playground.compare(chat[:3], "Hi", max_tokens=5)
    assert [r.error for r in results] == [None, None, None]
    assert [r.text for r in results] == ["Hello there"] * 3
    assert len(server.requests["together"]) == 3


def test_429_is_retried_after_the_servers_retry_after(server, env):
    use(env, server, "429")
    result = playground.run(MODEL, "Hi", max_tokens=5).result
    assert result.text == "after waiting"
    first, second = server.requests["429"]
    assert second["at"] - first["at"] >= 0.95  # Retry-After: 1 was honoured


def test_429_that_persists_says_so_after_the_retries(server, env):
    use(env, server, "429-always")
    with pytest.raises(ProviderError, match="rate limited by 127.0.0.1") as caught:
        playground.run(MODEL, "Hi", max_tokens=5).result  # noqa: B018
    assert str(caught.value).startswith("openai: ")
    assert len(server.requests["429-always"]) == 3  # the first try and two retries


def test_500_then_200_succeeds(server, env):
    use(env, server, "500")
    result = playground.run(MODEL, "Hi", max_tokens=5).result
    assert result.text == "recovered" and result.error is None
    assert len(server.requests["500"]) == 2


def test_401_is_one_clear_line_that_never_shows_the_key(server, env):
    use(env, server, "401")
    with pytest.raises(ProviderError) as caught:
        playground.run(MODEL, "Hi", max_tokens=5).result  # noqa: B018
    message = str(caught.value)
    assert message == "openai: the API key was refused; check OPENAI_API_KEY"
    assert len(server.requests["401"]) == 1  # a refused key is not retried
    logged = Store().list_runs(limit=1)[0]
    assert logged["error"] == message and SECRET not in json.dumps(logged)


def test_401_through_the_cli_exits_1_with_one_line(server, env):
    from advisor.cli.main import cli
    from advisor.cli.playground import register

    register(cli)
    use(env, server, "401")
    outcome = CliRunner().invoke(cli, ["try", MODEL, "Hi"])
    assert outcome.exit_code == 1
    assert outcome.stderr.strip().splitlines() == [
        "Error: openai: the API key was refused; check OPENAI_API_KEY"
    ]
    assert SECRET not in outcome.output


def test_a_stall_past_the_timeout_fails_in_bounded_time(server, env):
    use(env, server, "stall")
    env.setenv("ADVISOR_PROVIDER_TIMEOUT", "0.5")
    env.setenv("ADVISOR_PROVIDER_RETRIES", "1")
    with pytest.raises(ProviderError, match="no answer from 127.0.0.1:.* within 0.5s"):
        playground.run(MODEL, "Hi", max_tokens=5).result  # noqa: B018
    # how long the two timed-out attempts take in all: bench/bench_limits.py
    assert len(server.requests["stall"]) == 2  # timed out, retried once, timed out again


def test_a_stream_that_stalls_midway_reports_the_break(server, env):
    use(env, server, "break")
    env.setenv("ADVISOR_PROVIDER_TIMEOUT", "0.5")
    stream = playground.run(MODEL, "Hi", max_tokens=5)
    received = []
    with pytest.raises(ProviderError, match="broke off after 1 chunks"):
        for chunk in stream:
            received.append(chunk)
    assert received == ["partial"]
    assert stream.outcome.text == "partial" and "broke off" in stream.outcome.error


def test_connection_refused_names_the_host_and_what_to_do(env):
    port = servers.free_port()  # nothing listens on it
    env.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    env.setenv("ADVISOR_PROVIDER_RETRIES", "0")
    with pytest.raises(ProviderError) as caught:
        playground.run(MODEL, "Hi", max_tokens=5).result  # noqa: B018
    assert str(caught.value) == (
        f"openai: cannot connect to 127.0.0.1:{port}; start the server or fix OPENAI_BASE_URL"
    )


def test_azure_uses_the_mapped_deployment_version_and_key_header(server, env, tmp_path):
    env.delenv("OPENAI_BASE_URL", raising=False)
    env.delenv("OPENAI_API_KEY", raising=False)
    (tmp_path / "endpoints.yaml").write_text("azure:\n  deployments:\n    gpt-4o-mini: team-mini\n")
    before = playground.availability()
    row = next(r for r in before if r["model_id"] == MODEL)
    assert not row["runnable"] and "AZURE_OPENAI_ENDPOINT" in row["reason"]

    env.setenv("AZURE_OPENAI_ENDPOINT", f"{server.base}/azure")
    env.setenv("AZURE_OPENAI_API_KEY", "azure-secret")
    env.setenv("OPENAI_API_VERSION", "2024-10-21")
    result = playground.run(MODEL, "Hi", max_tokens=5).result
    assert result.provider == "azure" and result.text == "from azure"
    request = server.requests["azure"][0]
    assert request["path"] == (
        "/azure/openai/deployments/team-mini/chat/completions?api-version=2024-10-21"
    )
    assert request["headers"]["api-key"] == "azure-secret"


def test_a_session_key_is_used_for_that_run_only_and_never_logged(server, env):
    env.delenv("OPENAI_API_KEY")
    use(env, server, "ok")
    session_key = "sk-session-typed-in-the-app-42"
    result = playground.run(MODEL, "Hi", max_tokens=5, api_key=session_key).result
    assert result.text == "Hello there"
    assert server.requests["ok"][-1]["headers"]["authorization"] == f"Bearer {session_key}"
    playground.run(MODEL, "Hi", max_tokens=5).result  # noqa: B018 - the next run goes without it
    assert server.requests["ok"][-1]["headers"]["authorization"] != f"Bearer {session_key}"
    assert session_key not in json.dumps(Store().list_runs(limit=5))


def test_a_session_key_makes_openai_models_runnable(env):
    env.delenv("OPENAI_API_KEY")
    env.delenv("OPENAI_BASE_URL", raising=False)
    assert not next(r for r in playground.availability() if r["model_id"] == MODEL)["runnable"]
    rows = playground.availability(api_key="sk-session")
    assert next(r for r in rows if r["model_id"] == MODEL)["runnable"]


def test_openai_tokens_are_counted_offline_with_the_real_vocabulary():
    from advisor.providers.openai_compat import count_tokens

    # o200k_base, the vocabulary of the gpt-4o family, splits this into exactly 7 tokens
    assert count_tokens("gpt-4o-mini", "Hello world, how are you?") == 7
    assert count_tokens("gpt-4o-mini", "") == 0
