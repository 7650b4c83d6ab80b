"""Fixtures for the Slack bot tests: one fake Slack and one bot process per test module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tiers import needs  # tests/tiers.py

pytest.importorskip("slack_bolt")

sys.path.insert(0, str(Path(__file__).parent))

from fake_slack import Bot, FakeSlack  # noqa: E402


@pytest.fixture(scope="module")
@needs("server")
def fake():
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture(scope="module")
def bot_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bot-home")


@pytest.fixture(scope="module")
@needs("subprocess", "server")
def bot(fake, bot_home):
    # These modules count posts: a slow turn's "working on it" placeholder (replaced by the answer)
    # is switched off here; tests/bot/test_conversations.py runs with it on.
    process = Bot(fake, bot_home, extra_env={"ADVISOR_BOT_PLACEHOLDER_AFTER": "off"}).start()
    yield process
    process.stop()
