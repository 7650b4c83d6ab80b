"""bot/listeners/messages.py: mentions, DMs and thread replies are acked at once; each is then one
turn of the conversation in its thread."""

from __future__ import annotations

import pytest
from bolt_fakes import BOT_USER, Slack, new_ts, unique
from fake_slack import mention_event, message_event

from bot import relay
from bot.listeners import messages

COMPLETE = "We want to summarise 2k support calls a month, budget $50"
VAGUE = "We need a chatbot for our support team"


@pytest.fixture
def app(registered):
    return registered(messages)


def payload(event: dict) -> dict:
    return {"event_id": unique("Ev"), "event": event}


def mention(text: str, channel: str, user: str, thread_ts: str | None = None) -> dict:
    return payload(mention_event(text, channel, user, thread_ts=thread_ts))


def message(text: str, channel: str, user: str, *, thread_ts=None, channel_type="channel", **extra):
    return payload(
        message_event(text, channel, user, thread_ts=thread_ts, channel_type=channel_type, **extra)
    )


def handle(app, slack, kind: str, body: dict) -> None:
    app.handle("event", kind, slack, body=body, event=body["event"])


def test_registered_as_ack_then_lazy(app):
    on_mention = app.listener("event", "app_mention")
    assert on_mention.ack is messages._ack and on_mention.work == [messages.on_mention]
    on_message = app.listener("event", "message")
    assert on_message.ack is messages._ack and on_message.work == [messages.on_message]


def test_a_complete_mention_gets_a_recommendation_in_its_own_thread(app, slack):
    channel, user = unique("C"), unique("U")
    body = mention(COMPLETE, channel, user)
    handle(app, slack, "app_mention", body)
    slack.assert_acked_first()
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == channel and post["thread_ts"] == body["event"]["ts"]
    assert "I recommend" in post["text"] and post["blocks"]
    assert post["unfurl_links"] is False and "reply_broadcast" not in post


def test_a_vague_mention_asks_and_a_thread_reply_continues_it(app, slack):
    channel, user = unique("C"), unique("U")
    body = mention(VAGUE, channel, user)
    handle(app, slack, "app_mention", body)
    slack.assert_acked_first()
    thread_ts = body["event"]["ts"]
    (question,) = slack.called("chat_postMessage")
    assert question["thread_ts"] == thread_ts and "?" in question["text"]
    assert relay.is_awaiting_reply(channel, thread_ts)

    reply = Slack()
    text = "No, general knowledge is fine. About 10k chats a month, budget $100."
    handle(app, reply, "message", message(text, channel, user, thread_ts=thread_ts))
    reply.assert_acked_first()
    (answer,) = reply.called("chat_postMessage")
    assert answer["channel"] == channel and answer["thread_ts"] == thread_ts


def test_a_mention_in_a_thread_continues_that_thread(app, slack):
    channel, user, thread_ts = unique("C"), unique("U"), new_ts()
    handle(app, slack, "app_mention", mention(COMPLETE, channel, user, thread_ts=thread_ts))
    slack.assert_acked_first()
    (post,) = slack.called("chat_postMessage")
    assert post["thread_ts"] == thread_ts


def test_a_direct_message_gets_an_answer_in_its_thread(app, slack):
    channel, user = unique("D"), unique("U")
    body = message(COMPLETE, channel, user, channel_type="im")
    handle(app, slack, "message", body)
    slack.assert_acked_first()
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == channel and post["thread_ts"] == body["event"]["ts"]
    assert "I recommend" in post["text"]


def test_a_top_level_dm_reply_continues_the_waiting_conversation(app, slack):
    channel, user = unique("D"), unique("U")
    first = message(VAGUE, channel, user, channel_type="im")
    handle(app, slack, "message", first)
    thread_ts = first["event"]["ts"]

    reply = Slack()
    handle(
        app,
        reply,
        "message",
        message("No, general knowledge is fine.", channel, user, channel_type="im"),
    )
    reply.assert_acked_first()
    (post,) = reply.called("chat_postMessage")
    assert post["thread_ts"] == thread_ts and post["reply_broadcast"] is True


@pytest.mark.parametrize(
    "event",
    [
        {"text": "chatter at the top level of a channel"},
        {"text": "a reply in a thread nobody asked about", "thread_ts": "1600000000.000001"},
        {"text": "edited", "subtype": "message_changed", "channel_type": "im"},
        {"text": "from a bot", "bot_id": "BOTHER", "channel_type": "im"},
        {"text": "the bot's own", "user": BOT_USER, "channel_type": "im"},
    ],
    ids=["top-level", "unknown-thread", "edit", "bot", "own"],
)
def test_messages_not_for_the_bot_are_only_acked(app, slack, event):
    body = message("", unique("C"), unique("U"))
    body["event"].update(event)
    handle(app, slack, "message", body)
    slack.assert_only_acked()


def test_a_thread_reply_that_mentions_the_bot_is_left_to_the_mention(app, slack):
    channel, user = unique("C"), unique("U")
    first = mention(VAGUE, channel, user)
    handle(app, Slack(), "app_mention", first)
    thread_ts = first["event"]["ts"]
    body = message(f"<@{BOT_USER}> no", channel, user, thread_ts=thread_ts)
    handle(app, slack, "message", body)
    slack.assert_only_acked()


def test_a_retried_mention_is_answered_once(app, slack):
    body = mention(COMPLETE, unique("C"), unique("U"))
    handle(app, slack, "app_mention", body)
    assert len(slack.called("chat_postMessage")) == 1
    again = Slack()
    handle(app, again, "app_mention", body)
    again.assert_only_acked()


def test_the_bot_shows_it_is_working_before_it_answers(app, slack):
    """A reaction on the person's message comes first (a cold start or a long recommendation
    would otherwise leave the thread silent), and goes when the answer is posted."""
    channel, user = unique("C"), unique("U")
    body = mention(COMPLETE, channel, user)
    handle(app, slack, "app_mention", body)
    slack.assert_acked_first()
    names = [name for name, _ in slack.client_calls()]
    assert names[0] == "reactions_add" and names[-1] == "reactions_remove"
    assert names.index("chat_postMessage") < names.index("reactions_remove")
    (added,) = slack.called("reactions_add")
    assert added == {"channel": channel, "timestamp": body["event"]["ts"], "name": "eyes"}
    assert slack.called("assistant_threads_setStatus") == []  # only assistant (DM) threads


def test_a_dm_thread_gets_the_assistant_status(app, slack):
    channel, user, thread_ts = "D" + unique("X"), unique("U"), new_ts()
    body = message(COMPLETE, channel, user, thread_ts=thread_ts, channel_type="im")
    handle(app, slack, "message", body)
    (status,) = slack.called("assistant_threads_setStatus")
    assert status["channel_id"] == channel and status["thread_ts"] == thread_ts
    names = [name for name, _ in slack.client_calls()]
    assert names.index("assistant_threads_setStatus") < names.index("chat_postMessage")
