"""Buttons: open the playground, show alternatives, feedback, open the questionnaire, answer options."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App
from slack_sdk import WebClient

from advisor import api

from .. import blocks, modal, relay
from ..logs import describe

log = logging.getLogger("bot")
FEEDBACK_RE = re.compile(r"^feedback_(up|down)$")
ANSWER_RE = re.compile(r"^answer_option_")
PLAYGROUND_RE = re.compile(r"^open_playground")


def register(app: App) -> None:
    # A URL button opens the browser itself; Slack still sends the click, which needs an ack.
    app.action(PLAYGROUND_RE)(_ack)
    app.action("show_alternatives")(ack=_ack, lazy=[show_alternatives])
    app.action(FEEDBACK_RE)(ack=_ack, lazy=[feedback])
    app.action("open_questionnaire")(ack=_ack, lazy=[open_questionnaire])
    app.action(ANSWER_RE)(ack=_ack, lazy=[answer_option])


def _ack(ack: Ack) -> None:
    ack()


def _where(body: dict) -> tuple[str | None, str | None]:
    """The channel and thread of the message that holds the button (None for App Home)."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    message = body.get("message") or {}
    thread_ts = (
        message.get("thread_ts")
        or message.get("ts")
        or (body.get("container") or {}).get("message_ts")
    )
    return channel, thread_ts


def _action(body: dict) -> dict:
    return (body.get("actions") or [{}])[0]


def _ephemeral(
    client: WebClient, channel: str | None, user: str, text: str, thread_ts: str | None
) -> None:
    if not channel:
        return
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)
    except Exception as exc:  # noqa: BLE001
        log.warning("chat.postEphemeral failed: %s", describe(exc))


def _recommendation_id(action: dict) -> int | None:
    try:
        return int(action.get("value"))
    except (TypeError, ValueError):
        return None


def show_alternatives(body: dict, client: WebClient) -> None:
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    rec_id = _recommendation_id(_action(body))
    row = relay.store().get_recommendation(rec_id) if rec_id is not None else None
    rec = api.Recommendation.from_stored(row)
    if rec is None:
        _ephemeral(client, channel, user, "I no longer have that recommendation.", thread_ts)
        return
    text = f"Alternatives to {rec.model.label}"
    relay.post(
        client,
        channel or relay.open_dm(client, user),
        text,
        blocks.alternatives_blocks(rec),
        thread_ts=thread_ts if channel else None,
    )


def feedback(body: dict, client: WebClient) -> None:
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    action = _action(body)
    value = blocks.FEEDBACK_VALUES.get(action.get("action_id"), "up")
    rec_id = _recommendation_id(action)
    try:
        relay.store().save_feedback(rec_id, user, value)
    except Exception as exc:  # noqa: BLE001
        log.error("could not store feedback: %s", describe(exc))
        _ephemeral(
            client, channel, user, "Sorry, I could not save your feedback just now.", thread_ts
        )
        return
    thanks = (
        "Thanks! Glad it helped."
        if value == "up"
        else "Thanks for telling me. Reply in the thread with what is off and I will adjust."
    )
    _ephemeral(client, channel, user, thanks, thread_ts)


def open_questionnaire(body: dict, client: WebClient) -> None:
    channel, thread_ts = _where(body)
    prefill = None
    if channel and thread_ts:
        state = relay.store().get_conversation(relay.thread_key(channel, thread_ts)) or {}
        prefill = state.get("answers") or None
    view = modal.questionnaire_view(prefill=prefill, channel=channel, thread_ts=thread_ts)
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception as exc:  # noqa: BLE001
        log.warning("views.open failed: %s", describe(exc))


def answer_option(body: dict, client: WebClient) -> None:
    """A click on one of a question's options counts as the reply, if the question is still open."""
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    action = _action(body)
    raw = action.get("value") or (action.get("selected_option") or {}).get("value") or ""
    field, _, option = raw.partition("|")
    if not channel or not thread_ts or not option:
        return
    if relay.pending_field(channel, thread_ts) != field:
        _ephemeral(client, channel, user, "That question has already been answered.", thread_ts)
        return
    message = body.get("message") or {}
    question = next(
        (b for b in message.get("blocks") or [] if b.get("block_id") == "question"), None
    )
    if message.get("ts"):
        answered = [question] if question else []
        answered.append(
            blocks.context(f"<@{blocks.escape(user)}> answered: *{blocks.escape(option)}*")
        )
        try:
            client.chat_update(
                channel=channel,
                ts=message["ts"],
                text=message.get("text") or option,
                blocks=answered,
            )
        except Exception as exc:  # noqa: BLE001
            log.warning("chat.update failed: %s", describe(exc))
    relay.reply(
        client,
        channel=channel,
        thread_ts=thread_ts,
        text=option,
        user=user,
        dm=relay.is_dm(channel),
    )
