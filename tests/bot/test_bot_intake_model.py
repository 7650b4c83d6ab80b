"""Issue 21, item 5 in Slack: the bot process, run with ADVISOR_INTAKE_MODEL set (a local fake
OpenAI-compatible server stands in for the provider, the fake Slack Web API for Slack), asks back
in the thread a value the model read differently from the built-in readers, keeps it on "yes",
and recommends on the values the model filled in."""

from __future__ import annotations

import json

import pytest
from fake_slack import Bot
from tiers import needs  # tests/tiers.py

from tests import servers

TEXT = "Support chatbot for our shop, about 20k questions a month, budget $300 a month"
READING = {"requests_per_month": 200000, "deployment": "self-hosted", "languages": ["de"]}


def model(body: dict) -> str:
    """The description: the volume disputed, where it runs and the language filled in; a short
    reply in the thread ("yes", "no"): nothing."""
    return json.dumps(READING if TEXT in body["messages"][-1]["content"] else {})


@pytest.fixture(scope="module")
@needs("server")
def openai_server():
    with servers.serving(servers.FakeChatServer(replies={"intake": model})) as running:
        yield running


@pytest.fixture(scope="module")
@needs("subprocess", "server")
def intake_bot(fake, bot_home, openai_server):
    extra = {
        "ADVISOR_BOT_PLACEHOLDER_AFTER": "off",
        **servers.intake_model_env(openai_server, "intake"),
    }
    process = Bot(fake, bot_home, extra_env=extra).start()
    yield process
    process.stop()


def texts(message: dict) -> str:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks") or [])
    return "\n".join(found) or message.get("text") or ""


@pytest.mark.index
def test_the_bot_asks_back_the_disputed_value_and_uses_what_the_model_filled_in(intake_bot, fake):
    channel = "CINTAKE1"
    ts, (status, _, _) = intake_bot.mention(TEXT, channel=channel)
    assert status == 200
    question = fake.wait_messages(channel, ts, 1, timeout=240)[-1]
    asked = texts(question)
    assert "I read requests per month as 20,000; is that right?" in asked, asked
    seen, reply = 1, None
    for answer in ("yes", "no", "no"):  # the volume kept; then whatever else it asks
        assert intake_bot.message(answer, channel, thread_ts=ts)[1][0] == 200
        seen += 1
        reply = fake.wait_messages(channel, ts, seen, timeout=240)[-1]
        if "I recommend" in texts(reply) or "show_details" in json.dumps(reply.get("blocks")):
            break
        assert "is that right" not in texts(reply)  # asked once
    shown = texts(reply)
    assert "show_details" in json.dumps(reply.get("blocks")), shown
    assert "20,000" in shown and "200,000" not in shown
    assert "self-hosted" in shown  # filled in by the model, used by the advice
