"""bot/listeners/assistant.py: an assistant thread gets a greeting and suggested prompts."""

from __future__ import annotations

import pytest
from bolt_fakes import Slack, new_ts, unique

from bot.listeners import assistant
from bot.logs import ack_only


@pytest.fixture
def app(registered):
    return registered(assistant)


def started(channel: str, thread_ts: str, event_id: str | None = None) -> dict:
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": "U1", "channel_id": channel, "thread_ts": thread_ts},
    }
    return {"event_id": event_id or unique("Ev"), "event": event}


def test_registered_as_ack_then_lazy(app):
    listener = app.listener("event", "assistant_thread_started")
    assert listener.ack is assistant._ack and listener.work == [assistant.thread_started]
    changed = app.listener("event", "assistant_thread_context_changed")
    assert changed.ack is ack_only and changed.work == []  # ends in a "handled" line too


def test_a_new_thread_gets_the_greeting_then_the_prompts(app, slack):
    channel, thread_ts = unique("D"), new_ts()
    body = started(channel, thread_ts)

    app.handle("event", "assistant_thread_started", slack, body=body, event=body["event"])

    slack.assert_acked_first()
    assert [name for name, _ in slack.client_calls()] == [
        "chat_postMessage",
        "assistant_threads_setSuggestedPrompts",
    ]
    slack.client.chat_postMessage.assert_called_once_with(
        channel=channel,
        text=assistant.GREETING,
        thread_ts=thread_ts,
        unfurl_links=False,
        unfurl_media=False,
    )
    slack.client.assistant_threads_setSuggestedPrompts.assert_called_once_with(
        channel_id=channel, thread_ts=thread_ts, prompts=assistant.PROMPTS
    )


def test_a_retried_event_is_greeted_once(app, slack):
    body = started(unique("D"), new_ts())
    app.handle("event", "assistant_thread_started", slack, body=body, event=body["event"])
    assert len(slack.called("chat_postMessage")) == 1

    again = Slack()
    app.handle("event", "assistant_thread_started", again, body=body, event=body["event"])
    again.assert_only_acked()


def test_prompts_that_fail_do_not_undo_the_greeting(app, slack):
    slack.client.assistant_threads_setSuggestedPrompts.side_effect = RuntimeError("no scope")
    body = started(unique("D"), new_ts())
    app.handle("event", "assistant_thread_started", slack, body=body, event=body["event"])
    slack.assert_acked_first()
    assert len(slack.called("chat_postMessage")) == 1


def test_an_event_without_a_thread_is_only_acked(app, slack):
    body = {"event_id": unique("Ev"), "event": {"type": "assistant_thread_started"}}
    app.handle("event", "assistant_thread_started", slack, body=body, event=body["event"])
    slack.assert_only_acked()


def test_a_context_change_is_only_acked(app, slack):
    body = started(unique("D"), new_ts())
    body["event"]["type"] = "assistant_thread_context_changed"
    app.handle("event", "assistant_thread_context_changed", slack, body=body, event=body["event"])
    slack.assert_only_acked()
