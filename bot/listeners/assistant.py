"""Slack's AI-app assistant threads: a greeting with suggested prompts when a thread starts.

The user's messages in an assistant thread arrive as DMs in a thread, which `messages` handles.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from .. import relay
from ..logs import describe

log = logging.getLogger("bot")
GREETING = (
    "Hi! Describe your use case (what the model should do, roughly how much, your budget, and whether "
    "it needs your own documents) and I will recommend a model, an approach and a monthly cost. "
    "You can also ask me about concepts such as RAG or fine-tuning."
)
PROMPTS = [
    {
        "title": "Recommend for a support bot",
        "message": "We want a chatbot that answers customer questions from our help centre, about 30k chats a month, budget $300.",
    },
    {
        "title": "Summarise meeting notes",
        "message": "Summarise internal meeting notes, 2,000 a month, the data is sensitive and must stay on our servers.",
    },
    {"title": "What is RAG?", "message": "What is RAG and when is it better than fine-tuning?"},
]


def register(app: App) -> None:
    app.event("assistant_thread_started")(ack=_ack, lazy=[thread_started])
    app.event("assistant_thread_context_changed")(_ack)


def _ack(ack: Ack) -> None:
    ack()


def thread_started(body: dict, event: dict, client: WebClient) -> None:
    thread = event.get("assistant_thread") or {}
    channel, thread_ts = thread.get("channel_id"), thread.get("thread_ts")
    if not channel or not thread_ts or not relay.first_delivery(body):
        return
    relay.post(client, channel, GREETING, thread_ts=thread_ts)
    try:
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, thread_ts=thread_ts, prompts=PROMPTS
        )
    except Exception as exc:  # noqa: BLE001
        log.info("could not set suggested prompts: %s", describe(exc))
