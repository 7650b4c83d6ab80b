"""Conversation state lives in the store: a restart of the bot between question and reply keeps it."""

from __future__ import annotations

import time

import pytest
from fake_slack import BOT_USER, Bot, new_ts

pytestmark = [pytest.mark.slow, pytest.mark.subprocess]  # the bot or the CLI in a process
# this test needs no knowledge index, and counts posts (no "working on it" placeholder)
NO_WARM_UP = {"ADVISOR_BOT_WARM_UP": "0", "ADVISOR_BOT_PLACEHOLDER_AFTER": "off"}


def test_restart_between_question_and_reply_keeps_the_conversation(fake, bot_home):
    channel = "CRESTART"
    first = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        # volume and budget given: the one question left (own documents?) is asked
        ts, (status, _, _) = first.mention(
            "We need a chatbot for our support team, about 10k chats a month, budget $100",
            channel=channel,
        )
        assert status == 200
        question = fake.wait_for("chat.postMessage", channel=channel, thread_ts=ts, timeout=120)[0][
            "body"
        ]
        assert "?" in question["text"]
    finally:
        first.stop()
    assert not first.alive()

    second = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        second.message("No, general knowledge is fine.", channel=channel, thread_ts=ts)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            posts = [
                c["body"] for c in fake.find("chat.postMessage", channel=channel, thread_ts=ts)
            ]
            if any("I recommend" in p["text"] for p in posts):
                break
            time.sleep(0.3)
        posts = [c["body"] for c in fake.find("chat.postMessage", channel=channel, thread_ts=ts)]
        assert "I recommend" in posts[-1]["text"], [p["text"] for p in posts]
        # The answers given before the restart were used: the task came from the first message.
        assert "GREETING" not in posts[-1]["text"]
    finally:
        second.stop()


def test_restart_between_dm_question_and_top_level_reply_keeps_the_conversation(fake, bot_home):
    channel = "DRESTART"
    first = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        ts, (status, _, _) = first.message(
            "We need a chatbot for our support team", channel=channel, channel_type="im"
        )
        assert status == 200
        question = fake.wait_for("chat.postMessage", channel=channel, thread_ts=ts, timeout=120)[0][
            "body"
        ]
        assert "?" in question["text"]
    finally:
        first.stop()

    second = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        # Answered at the top level of the DM, not in the bot's thread.
        reply_ts, _ = second.message(
            "No, general knowledge is fine. About 10k chats a month, budget $100.",
            channel=channel,
            channel_type="im",
        )
        post = fake.wait_for(
            "chat.postMessage", count=2, channel=channel, thread_ts=ts, timeout=120
        )[1]["body"]
        assert "Describe your use case" not in post["text"], post["text"]
        assert "I recommend" in post["text"] or "?" in post["text"], post["text"]
        assert not fake.find("chat.postMessage", channel=channel, thread_ts=reply_ts)
    finally:
        second.stop()


def test_retry_after_a_restart_is_not_answered_again(fake, bot_home):
    channel = "CRETRYRESTART"
    ts = new_ts()
    event = {
        "type": "app_mention",
        "user": "U0001",
        "text": f"<@{BOT_USER}> We want to summarise 2k support calls a month, budget $50",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    first = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        assert first.event(event, event_id=f"EvRestart{ts}")[0] == 200
        fake.wait_for("chat.postMessage", channel=channel, thread_ts=ts, timeout=120)
    finally:
        first.stop()
    second = Bot(fake, bot_home, extra_env=NO_WARM_UP).start()
    try:
        headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        assert second.event(event, event_id=f"EvRestart{ts}", headers=headers)[0] == 200
        second.wait_handled(f"EvRestart{ts}")  # found in the store as handled: nothing posted
        assert len(fake.find("chat.postMessage", channel=channel, thread_ts=ts)) == 1
    finally:
        second.stop()
