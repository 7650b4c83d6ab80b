"""One settings object (advisor/settings.py): every variable the code reads is declared there and
read through it, keys only through `config.get_key`; `llm-advisor config` lists the effective
settings with secrets hidden; the README's table of variables is generated from it."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import api, config, settings
from advisor.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("advisor", "bot", "ui", "knowledge", "scripts")
# Calls whose first argument is a variable's name.
READERS = {"env", "get_key", "value", "raw", "require", "secret"}


def _sources():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_only_the_settings_module_touches_the_environment():
    offenders = []
    for path in _sources():
        if path == ROOT / "advisor" / "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(
                r"\bos\.(environ|getenv|putenv)\b|\bgetenv\(|from os import environ", line
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "read settings through advisor/settings.py:\n" + "\n".join(offenders)


def test_every_variable_named_in_a_read_is_declared():
    declared = settings.registry()
    named = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name in READERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                if re.fullmatch(r"[A-Z][A-Z0-9_]{2,}", first.value):
                    named.add(first.value)
    assert len(named) >= 30, sorted(named)  # the scan finds the reads
    assert named <= set(declared), sorted(named - set(declared))


def test_every_hosted_route_declares_its_key_and_base_url():
    routes = json.loads((ROOT / "knowledge/data/routes.json").read_text())["routes"]
    for route in routes.values():
        key, url = settings.get(route["key_env"]), settings.get(route["base_url_env"])
        assert key.secret and not url.secret
        # OPENAI_BASE_URL has no default value: set at all, it sends OpenAI ids to that server
        assert url.default == route["base_url"] or route["base_url"] in url.default_text


def test_every_setting_has_a_one_line_description_and_a_known_group():
    for setting in settings.registry().values():
        assert setting.group in settings.GROUPS, setting.name
        assert setting.description and "\n" not in setting.description, setting.name
        assert len(setting.description) <= 160, setting.name  # more goes in `details` (docs)


def test_the_readme_table_is_generated_from_the_settings():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from settings_table import README, with_table
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    text = README.read_text(encoding="utf-8")
    assert with_table(text) == text, "README.md is stale: run python scripts/settings_table.py"
    for setting in settings.registry().values():
        assert (f"`{setting.name}`" in text) != setting.internal, setting.name


def test_keys_are_read_only_as_keys(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "fake-key-from-the-environment")
    monkeypatch.setenv("MY_OWN_ENDPOINT_KEY", "own-key")
    assert config.get_key("OPENAI_API_KEY") == "fake-key-from-the-environment"
    assert config.get_key("OPENAI_API_KEY", " fake-session-key ") == "fake-session-key"
    assert config.get_key("MY_OWN_ENDPOINT_KEY") == "own-key"  # named in endpoints.yaml
    with pytest.raises(KeyError, match="get_key"):
        config.env("OPENAI_API_KEY")
    with pytest.raises(KeyError, match="get_key"):
        settings.value("SLACK_BOT_TOKEN")
    with pytest.raises(KeyError, match="not a secret"):
        config.get_key("ADVISOR_HOME")
    with pytest.raises(KeyError, match="not declared"):
        config.env("ADVISOR_NO_SUCH_SETTING")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("ADVISOR_PROVIDER_RETRIES", "0", 0),
        ("ADVISOR_PROVIDER_TIMEOUT", " 2.5 ", 2.5),
        ("ADVISOR_TASK_MEANING", "OFF", False),
        ("ADVISOR_HISTORY_ALL", "yes", True),
        ("ADVISOR_BOT_PLACEHOLDER_AFTER", "never", None),
        ("ADVISOR_BOT_PLACEHOLDER_AFTER", "", 0.6),
        ("CHROMA_PORT", "8001", 8001),
        ("ADVISOR_UI_URL", "", "http://localhost:8501"),
    ],
)
def test_values_are_typed_with_their_defaults(monkeypatch, name, text, expected):
    monkeypatch.setenv(name, text)
    assert settings.value(name) == expected


@pytest.mark.parametrize(
    ("name", "text", "allowed"),
    [
        ("ADVISOR_PROVIDER_TIMEOUT", "soon", "a number of seconds above 0"),
        ("ADVISOR_PROVIDER_TIMEOUT", "0", "a number of seconds above 0"),
        ("ADVISOR_BOT_WORKERS", "0", "a whole number from 1"),
        ("CHROMA_PORT", "eighty", "a port number from 1 to 65535"),
        ("CHROMA_PORT", "70000", "a port number from 1 to 65535"),
        ("ADVISOR_BOT_MAX_CONNECTIONS", "nan", "a positive whole number"),
        ("ADVISOR_WATCH_INTERVAL_S", "daily", "a number of seconds (0 turns it off)"),
        ("ADVISOR_UI_WARM_UP", "maybe", "1 or 0"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch, name, text, allowed):
    monkeypatch.setenv(name, text)
    with pytest.raises(InputError) as err:
        settings.value(name)
    assert err.value.field == name
    assert str(err.value).startswith(f"{name}: {allowed}") and "\n" not in str(err.value)


def test_redaction_covers_every_declared_secret(monkeypatch):
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-secret-value")
    monkeypatch.setenv("OPENROUTER_API_KEY", "or-key-value")
    monkeypatch.setenv("ADVISOR_UI_URL", "http://not-a-secret.example")
    found = api.secrets()
    assert {"signing-secret-value", "or-key-value"} <= set(found)
    assert "http://not-a-secret.example" not in found


# -- `llm-advisor config`, run as a real subprocess -------------------------------------------------


def _config(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


SECRETS = {
    "OPENAI_API_KEY": "fake-openai-key-do-not-print-me",
    "SLACK_BOT_TOKEN": "fake-slack-token-do-not-print-me",
}


@pytest.mark.subprocess
def test_config_lists_the_effective_settings_with_secrets_hidden():
    done = _config(**SECRETS, ADVISOR_PROVIDER_RETRIES="5", ADVISOR_UI_URL="")
    assert done.returncode == 0, done.stderr
    assert "do-not-print-me" not in done.stdout + done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.startswith("  ")}
    assert set(lines) == {s.name for s in settings.registry().values() if not s.internal}
    assert "(hidden)" in lines["OPENAI_API_KEY"] and "(set)" in lines["OPENAI_API_KEY"]
    assert re.search(r"\b5\b.*\(set\)", lines["ADVISOR_PROVIDER_RETRIES"])
    assert (
        "http://localhost:8501" in lines["ADVISOR_UI_URL"]
        and "(default)" in lines["ADVISOR_UI_URL"]
    )
    assert "(not set)" in lines["ANTHROPIC_API_KEY"]


@pytest.mark.subprocess
def test_config_json_and_markdown():
    done = _config("--format", "json", **SECRETS)
    assert done.returncode == 0, done.stderr
    assert "do-not-print-me" not in done.stdout
    rows = {row["name"]: row for row in json.loads(done.stdout)["settings"]}
    assert rows["OPENAI_API_KEY"] == {**rows["OPENAI_API_KEY"], "value": None, "set": True}
    assert rows["ADVISOR_PROVIDER_TIMEOUT"]["value"] == 30.0
    assert rows["ADVISOR_PROVIDER_TIMEOUT"]["source"] == "default"
    markdown = _config("--markdown", **SECRETS)
    assert markdown.returncode == 0 and markdown.stdout == settings.markdown()


@pytest.mark.subprocess
def test_config_with_a_bad_value_lists_it_and_exits_2():
    done = _config(ADVISOR_BOT_WORKERS="many")
    assert done.returncode == 2
    assert "ADVISOR_BOT_WORKERS" in done.stdout and "INVALID" in done.stdout
    assert done.stderr.strip() == "Error: ADVISOR_BOT_WORKERS: a whole number from 1, got 'many'"
