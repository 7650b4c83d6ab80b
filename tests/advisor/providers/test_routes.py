"""Hosted routes (knowledge/data/routes.json): one test per route kind against the fake
OpenAI-compatible server of tests/servers.py on 127.0.0.1, each route's base URL pointed at it by
its override variable. The real SDK speaks HTTP (streaming SSE with usage); nothing is patched."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
import servers  # tests/servers.py
from click.testing import CliRunner
from tiers import needs  # tests/tiers.py

from advisor import api
from advisor.catalog.catalog import load_catalog
from advisor.errors import ProviderError
from advisor.playground import engine as playground
from advisor.providers.routes import HOSTED_RUNTIMES, ROUTES_PATH, api_routes, routes_for
from advisor.questionnaire import TEXT_TASKS
from advisor.store import Store

pytest.importorskip("openai")

KEY = "sk-route-test-key-0123456789"


@pytest.fixture(scope="module")
@needs("server")
def server():
    with servers.serving(servers.FakeChatServer(echo_secret=KEY)) as fake:
        yield fake
        fake.release.set()


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch, server):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    monkeypatch.setenv("ADVISOR_PROVIDER_RETRIES", "0")
    # Every route points at the fake, under its own path, so a request shows which route it took.
    for name, route in api_routes().items():
        monkeypatch.setenv(route.base_url_env, f"{server.base}/ok/{name}/v1/")
    monkeypatch.delenv("OPENAI_BASE_URL")  # with it set, OpenAI ids run without a key (contract)
    server.requests.clear()
    return monkeypatch


def last_request(server) -> dict:
    return server.requests["ok"][-1]


def row(model_id: str, **keys) -> dict:
    return next(r for r in playground.availability(keys=keys) if r["model_id"] == model_id)


def test_openai_route_sends_the_catalog_id_with_the_key_as_bearer(server, env):
    assert row("gpt-4o-mini")["reason"] == (
        "set OPENAI_API_KEY or OPENROUTER_API_KEY (or OPENAI_BASE_URL)"
    )
    env.setenv("OPENAI_API_KEY", KEY)
    env.setenv("OPENAI_BASE_URL", f"{server.base}/ok/openai/v1")  # the route's override variable
    result = playground.run("gpt-4o-mini", "Hi", max_tokens=5).result
    assert (result.provider, result.text, result.output_tokens) == ("openai", "Hello there", 2)
    request = last_request(server)
    assert request["path"] == "/ok/openai/v1/chat/completions"
    assert request["body"]["model"] == "gpt-4o-mini" and request["body"]["stream"] is True
    assert request["headers"]["authorization"] == f"Bearer {KEY}"


def test_a_makers_own_compatible_api_runs_its_models(server, env):
    reason = "set ANTHROPIC_API_KEY or OPENROUTER_API_KEY"
    assert row("claude-sonnet-4-5")["reason"] == reason
    with pytest.raises(ProviderError, match=f"^anthropic: cannot run claude-sonnet-4-5: {reason}$"):
        playground.run("claude-sonnet-4-5", "Hi")
    env.setenv("ANTHROPIC_API_KEY", KEY)
    found = row("claude-sonnet-4-5")
    assert found["runnable"] and found["kind"] == "provider"
    assert found["reason"] == "Anthropic API (OpenAI-compatible layer) (ANTHROPIC_API_KEY)"
    result = playground.run("claude-sonnet-4-5", "Hi", max_tokens=5).result
    assert (result.provider, result.text, result.input_tokens) == ("anthropic", "Hello there", 11)
    assert result.cost_usd and result.cost_usd > 0  # priced at the catalog's per-token rates
    request = last_request(server)
    assert request["path"] == "/ok/anthropic/v1/chat/completions"
    assert request["body"]["model"] == "claude-sonnet-4-5"
    assert request["headers"]["authorization"] == f"Bearer {KEY}"


def test_an_aggregator_runs_many_makers_models_with_one_session_key(server, env):
    assert row("llama-3.1-8b-instruct")["reason"] == (
        "set OPENROUTER_API_KEY, or serve it from an endpoint in $ADVISOR_HOME/endpoints.yaml"
    )
    keys = {"OPENROUTER_API_KEY": KEY}
    for model_id, api_id in (
        ("claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"),
        ("llama-3.1-8b-instruct", "meta-llama/llama-3.1-8b-instruct"),
        ("gpt-4o-mini", "openai/gpt-4o-mini"),
    ):
        assert row(model_id, **keys)["reason"] == "OpenRouter with your session key"
        result = playground.run(model_id, "Hi", max_tokens=5, keys=keys).result
        assert (result.provider, result.text) == ("openrouter", "Hello there")
        request = last_request(server)
        assert request["path"] == "/ok/openrouter/v1/chat/completions"
        assert request["body"]["model"] == api_id
        assert request["headers"]["authorization"] == f"Bearer {KEY}"
    # the session key served those runs only, and is in no stored record
    assert not row("claude-sonnet-4-5")["runnable"]
    assert KEY not in json.dumps(Store().list_runs(limit=10))


def test_the_makers_own_key_is_tried_before_the_aggregator(server, env):
    env.setenv("OPENROUTER_API_KEY", "sk-or-env-key-0000")
    assert row("claude-sonnet-4-5")["provider"] == "openrouter"
    found = row("claude-sonnet-4-5", ANTHROPIC_API_KEY=KEY)
    assert (found["provider"], found["upstream"]) == ("anthropic", "claude-sonnet-4-5")


def test_a_named_endpoint_wins_over_a_route_and_may_share_its_name(server, env, tmp_path):
    env.setenv("ANTHROPIC_API_KEY", KEY)
    (tmp_path / "endpoints.yaml").write_text(
        f"endpoints:\n  - name: openrouter\n    base_url: {server.base}/ok/mine/v1\n"
        "    models:\n      - claude-sonnet-4-5: my-claude\n"
    )
    result = playground.run("claude-sonnet-4-5", "Hi", max_tokens=5).result
    assert result.provider == "openrouter"  # the endpoint, by its own name
    assert last_request(server)["path"] == "/ok/mine/v1/chat/completions"
    assert last_request(server)["body"]["model"] == "my-claude"
    # the route called openrouter is still the route for the models the endpoint does not list
    env.setenv("OPENROUTER_API_KEY", KEY)
    playground.run("llama-3.1-8b-instruct", "Hi", max_tokens=5).result  # noqa: B018
    assert last_request(server)["path"] == "/ok/openrouter/v1/chat/completions"


def test_the_built_in_model_needs_no_key_and_no_route():
    found = row("smollm2-135m-instruct", OPENROUTER_API_KEY=KEY)
    assert found["kind"] == "local" and found["key_vars"] == ()


def test_a_refused_key_is_one_line_naming_the_variable_and_never_the_key(server, env):
    env.setenv("XAI_BASE_URL", f"{server.base}/401/xai/v1")
    env.setenv("XAI_API_KEY", KEY)
    with pytest.raises(ProviderError) as caught:
        playground.run("grok-4.7", "Hi", max_tokens=5).result  # noqa: B018
    assert str(caught.value) == "xai: the API key was refused; check XAI_API_KEY"
    assert last_request_of(server, "401")["headers"]["authorization"] == f"Bearer {KEY}"


def last_request_of(server, scenario: str) -> dict:
    return server.requests[scenario][-1]


def test_route_keys_are_redacted_from_logs(env):
    env.setenv("GEMINI_API_KEY", "AIza-gemini-secret-value")
    env.setenv("OPENROUTER_API_KEY", "sk-or-v1-secret-value")
    assert {"AIza-gemini-secret-value", "sk-or-v1-secret-value"} <= set(api.secrets())


def test_cli_try_and_compare_use_the_routes(server, env):
    from advisor.cli.main import cli

    runner = CliRunner()
    no_key = runner.invoke(cli, ["try", "claude-sonnet-4-5", "Hi"])
    assert no_key.exit_code == 1
    assert no_key.stderr.strip() == (
        "Error: anthropic: cannot run claude-sonnet-4-5: set ANTHROPIC_API_KEY or "
        "OPENROUTER_API_KEY"
    )
    env.setenv("OPENROUTER_API_KEY", KEY)
    ran = runner.invoke(cli, ["try", "gemini-2.5-flash", "Hi", "--format", "json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["provider"] == "openrouter"
    assert last_request(server)["body"]["model"] == "google/gemini-2.5-flash"
    both = runner.invoke(
        cli, ["compare", "-m", "gemini-2.5-flash", "-m", "gpt-4o-mini", "Hi", "--format", "json"]
    )
    assert both.exit_code == 0, both.output
    assert [r["provider"] for r in json.loads(both.stdout)] == ["openrouter", "openrouter"]


# -- the data ----------------------------------------------------------------------------------------


def test_every_route_names_its_url_variables_and_source():
    for name, route in api_routes().items():
        assert urlparse(route.base_url).scheme == "https", name
        assert route.key_env.endswith("_API_KEY") and route.base_url_env.endswith("_BASE_URL")
        assert route.source and route.as_of, name


def test_routes_name_catalog_models_and_cover_every_hosted_chat_model():
    catalog = load_catalog()
    data = json.loads(ROUTES_PATH.read_text())
    known = {model.id for model in catalog.models}
    assert set(data["models"]) <= known, set(data["models"]) - known
    providers = {model.provider for model in catalog.models}
    assert set(data["providers"]) <= providers, set(data["providers"]) - providers
    hosted = [
        m for m in catalog.models if m.runtime in HOSTED_RUNTIMES and set(m.tasks) & set(TEXT_TASKS)
    ]
    # a model no verified route serves says so (null), rather than carrying a guessed API id
    unserved = {
        model_id
        for model_id, entry in data["models"].items()
        if isinstance(entry, dict) and entry and all(value is None for value in entry.values())
    }
    assert hosted and all(routes_for(m) or m.id in unserved for m in hosted), [
        m.id for m in hosted if not routes_for(m)
    ]


def test_the_provider_docs_list_every_route_and_its_variables():
    doc = (ROUTES_PATH.parents[2] / "docs" / "providers.md").read_text()
    for name, route in api_routes().items():
        row = f"| `{name}` | {route.kind} | {route.label} | `{route.base_url}` | `{route.key_env}` | `{route.base_url_env}` |"
        assert row in doc, row
