"""`llm-advisor bot`: its help, and one clear line when a setting is missing."""

from __future__ import annotations

import os
import subprocess

import pytest
import servers  # tests/servers.py
from fake_slack import BOT_TOKEN, Bot

pytestmark = pytest.mark.subprocess  # `llm-advisor bot` as a process

# Token-shaped, made at run time so that nothing token-like sits in the source.
APP_TOKEN = "xa" + "pp-1-A0001-refused"


def run(args: list[str], **env_changes) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(env_changes)
    return subprocess.run(
        [*Bot.command(), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_help_describes_the_command():
    result = run(["bot", "--help"])
    assert result.returncode == 0
    assert "Slack bot" in result.stdout and "--port" in result.stdout and "--http" in result.stdout


def test_missing_bot_token_is_one_line_naming_it():
    result = run(["bot", "--http", "--port", "0"], SLACK_SIGNING_SECRET="s")
    assert result.returncode == 1
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_signing_secret_is_one_line_naming_it():
    result = run(["bot", "--http", "--port", "0"], SLACK_BOT_TOKEN=BOT_TOKEN)
    assert result.returncode == 1
    assert "SLACK_SIGNING_SECRET" in result.stderr
    assert BOT_TOKEN not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_slack_is_one_line(tmp_path):
    result = run(
        ["bot", "--http", "--port", "0"],
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET="s",
        SLACK_API_URL="http://127.0.0.1:9/api",
        ADVISOR_HOME=str(tmp_path),
    )
    assert result.returncode == 1
    assert BOT_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error:")


def test_socket_mode_uses_the_app_token_through_slack_api_url(fake, tmp_path):
    """Without --http and with SLACK_APP_TOKEN, the bot opens a Socket Mode connection
    (apps.connections.open with the app token); the fake refuses it, which is one line."""
    result = run(
        ["bot"],
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=fake.api_url,
        ADVISOR_HOME=str(tmp_path),
        ADVISOR_BOT_WARM_UP="0",
    )
    opened = fake.find("apps.connections.open")
    assert opened and opened[-1]["auth"] == f"Bearer {APP_TOKEN}"
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: Socket Mode failed")
    assert APP_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_port_in_use_is_one_line(fake, tmp_path):
    with servers.occupied_port() as port:
        result = run(
            ["bot", "--http", "--host", "127.0.0.1", "--port", str(port)],
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET="s",
            SLACK_API_URL=fake.api_url,
            ADVISOR_HOME=str(tmp_path),
            ADVISOR_BOT_WARM_UP="0",
        )
    assert result.returncode == 1
    assert f"could not listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
