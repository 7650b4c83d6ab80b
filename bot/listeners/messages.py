"""Mentions, direct messages and thread replies: each is one turn of a conversation in its thread.

In a DM, a top-level message while the bot waits for an answer continues that conversation in its
thread (see `relay.reply_in_dm`). In channels, a reply without a mention is a turn in any thread
whose conversation the bot holds (it is part of it); such a reply gets no "not sure" answer.
"""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from .. import relay
from ..logs import handled

# Message subtypes that carry a person's words; everything else (edits, joins, bot posts) is ignored.
USER_SUBTYPES = (None, "thread_broadcast", "file_share")


def register(app: App) -> None:
    app.event("app_mention")(ack=_ack, lazy=[handled(on_mention)])
    app.event("message")(ack=_ack, lazy=[handled(on_message)])


def _ack(ack: Ack) -> None:
    ack()


def on_mention(body: dict, event: dict, client: WebClient) -> None:
    """A mention starts a conversation in its own thread, or continues the thread it is in."""
    if event.get("bot_id") or event.get("subtype") not in USER_SUBTYPES:
        return
    if not event.get("user") or not event.get("channel") or not event.get("ts"):
        return
    if not relay.first_delivery(body):
        return
    thread_ts = event.get("thread_ts") or event["ts"]
    with relay.working(
        client, channel=event["channel"], ts=event["ts"], thread_ts=thread_ts,
        text=event.get("text", ""),
    ):  # fmt: skip
        relay.reply(
            client,
            channel=event["channel"],
            thread_ts=thread_ts,
            text=event.get("text", ""),
            user=event["user"],
        )


def on_message(body: dict, event: dict, client: WebClient, context: BoltContext) -> None:
    """DMs always get an answer (a top-level one may continue the DM's waiting conversation); in
    channels, replies in a thread the bot takes part in."""
    if event.get("bot_id") or event.get("subtype") not in USER_SUBTYPES:
        return
    user = event.get("user")
    if not user or user == context.bot_user_id or not event.get("channel") or not event.get("ts"):
        return
    channel = event["channel"]
    text = event.get("text", "")
    if event.get("channel_type") == "im":
        if not relay.first_delivery(body):
            return
        with relay.working(
            client, channel=channel, ts=event["ts"], thread_ts=event.get("thread_ts"), text=text
        ):
            relay.reply_in_dm(
                client,
                channel=channel,
                ts=event["ts"],
                thread_ts=event.get("thread_ts"),
                text=text,
                user=user,
            )
        return
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts"):
        return  # a top-level channel message without a mention is not for us
    if context.bot_user_id and f"<@{context.bot_user_id}" in text:
        return  # the app_mention event of the same message handles it
    if relay.in_conversation(channel, thread_ts) and relay.first_delivery(body):
        # a reply to the bot's question (or to its "what is off?") is addressed to it
        addressed = relay.is_awaiting_reply(channel, thread_ts)
        with relay.working(
            client, channel=channel, ts=event["ts"], thread_ts=thread_ts,
            text=event.get("text", ""),
        ):  # fmt: skip
            relay.reply(
                client,
                channel=channel,
                thread_ts=thread_ts,
                text=text,
                user=user,
                addressed=addressed,
            )
