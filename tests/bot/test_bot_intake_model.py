"""Issue 21, item 5 in Slack: the bot process, run with ADVISOR_INTAKE_MODEL set (a local fake
OpenAI-compatible server stands in for the provider, the fake Slack Web API for Slack), asks back
in the thread a value the model read differently from the built-in readers, keeps it on "yes",
and recommends on the values the model filled in."""

from __future__ import annotations

import json

import pytest
from fake_slack import Bot, shown
from tiers import needs  # tests/tiers.py

from tests import servers

TEXT = servers.INTAKE_TEXT
model = servers.intake_reading


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


@pytest.mark.index
def test_the_bot_asks_back_the_disputed_value_and_uses_what_the_model_filled_in(intake_bot, fake):
    channel = "CINTAKE1"
    ts, (status, _, _) = intake_bot.mention(TEXT, channel=channel)
    assert status == 200
    question = fake.wait_messages(channel, ts, 1, timeout=240)[-1]
    asked = shown(question)
    assert "I read requests per month as 200,000; is that right?" in asked, asked
    seen, reply = 1, None
    for answer in ("yes", "no", "no"):  # the volume kept; then whatever else it asks
        assert intake_bot.message(answer, channel, thread_ts=ts)[1][0] == 200
        seen += 1
        reply = fake.wait_messages(channel, ts, seen, timeout=240)[-1]
        if "I recommend" in shown(reply) or "show_details" in json.dumps(reply.get("blocks")):
            break
        assert "is that right" not in shown(reply)  # asked once
    seen_text = shown(reply)
    assert "show_details" in json.dumps(reply.get("blocks")), seen_text
    assert "200,000" in seen_text
    assert "self-hosted" in seen_text  # filled in by the model, used by the advice
