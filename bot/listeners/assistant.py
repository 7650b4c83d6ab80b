"""Slack's AI-app assistant threads, through Bolt's `Assistant` class: a greeting with suggested
prompts when a thread starts; for each message a status while working, a title for the thread,
and suggested prompts that fit where the conversation is (follow-ups once there is a pick).

The turn itself is the same as any DM thread's (`relay.reply_in_dm`).
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Assistant
from slack_sdk import WebClient

from .. import blocks, relay
from ..logs import ack_only, describe, handled

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


def opening_prompts(language: str | None) -> list[dict]:
    """The suggested prompts of a new assistant thread, in the person's language."""
    _ = blocks.tr(language)
    shown = []
    for prompt in PROMPTS:
        title, message = prompt["title"], prompt["message"]
        shown.append({"title": _(title), "message": _(message)})
    return shown


def follow_up_prompts(language: str | None) -> list[dict]:
    """What to ask once there is a pick, in the conversation's language."""
    _ = blocks.tr(language)
    return [
        {"title": _("Anything cheaper?"), "message": _("Anything cheaper?")},
        {"title": _("Cost per year?"), "message": _("What would it cost per year?")},
        {"title": _("Fine-tuning instead?"), "message": _("What would fine-tuning cost instead?")},
    ]


def register(app: App) -> None:
    assistant = Assistant(logger=logging.getLogger("slack_bolt.Assistant"))
    assistant.thread_started(lazy=[handled(thread_started)])(_ack)
    assistant.user_message(lazy=[handled(user_message)])(_ack)
    # Without a listener of our own, Bolt's default would store the context in message metadata.
    assistant.thread_context_changed(ack_only)
    app.assistant(assistant)


def _ack(ack: Ack) -> None:
    ack()


def _call(what: str, method, **kwargs) -> None:
    try:
        method(**kwargs)
    except Exception as exc:  # noqa: BLE001 - the answer matters more than the decoration
        log.info("could not %s: %s", what, describe(exc))


def thread_started(body: dict, event: dict, client: WebClient) -> None:
    thread = event.get("assistant_thread") or {}
    channel, thread_ts = thread.get("channel_id"), thread.get("thread_ts")
    if not channel or not thread_ts or not relay.first_delivery(body):
        return
    language = relay.language_for(thread.get("user_id") or (event.get("user") or None))
    relay.post(client, channel, blocks.tr(language)(GREETING), thread_ts=thread_ts)
    _call(
        "set suggested prompts",
        client.assistant_threads_setSuggestedPrompts,
        channel_id=channel,
        thread_ts=thread_ts,
        prompts=opening_prompts(language),
    )


def user_message(body: dict, event: dict, client: WebClient) -> None:
    """One message in an assistant thread: status first (within the second), then the turn."""
    channel, thread_ts, user = event.get("channel"), event.get("thread_ts"), event.get("user")
    if not channel or not thread_ts or not user or event.get("subtype") not in (None, "file_share"):
        return
    if not relay.first_delivery(body):
        return
    _call(
        "set the status",
        client.assistant_threads_setStatus,
        channel_id=channel,
        thread_ts=thread_ts,
        status=blocks.tr(
            relay.conversation_language(relay.thread_key(channel, thread_ts), event.get("text", ""))
        )("is working on it…"),
    )
    first = not relay.in_conversation(channel, thread_ts)
    result = relay.reply_in_dm(
        client, channel=channel, ts=event.get("ts") or thread_ts, thread_ts=thread_ts,
        text=event.get("text", ""), user=user,
    )  # fmt: skip
    language = result.get("language")
    if first and result.get("kind") in ("question", "recommendation"):
        title = blocks.clip(relay.clean_text(event.get("text", "")), 60)
        _call("set the title", client.assistant_threads_setTitle,
              channel_id=channel, thread_ts=thread_ts, title=title)  # fmt: skip
    if result.get("kind") == "recommendation":
        _call("set suggested prompts", client.assistant_threads_setSuggestedPrompts,
              channel_id=channel, thread_ts=thread_ts, prompts=follow_up_prompts(language))  # fmt: skip
