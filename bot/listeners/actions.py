"""Buttons: open the playground, show alternatives, feedback, open the questionnaire, answer options,
and the decision watch's "Show the new pick" and "Dismiss"."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from advisor import api

from .. import blocks, modal, relay
from ..logs import ack_only, describe, handled

log = logging.getLogger("bot")
FEEDBACK_RE = re.compile(r"^feedback_(up|down)$")
ANSWER_RE = re.compile(r"^answer_option_")
# Buttons that only open a page of the app (the playground, a decision's starter project).
URL_BUTTON_RE = re.compile(r"^open_(playground|starter)")


def register(app: App) -> None:
    # A URL button opens the browser itself; Slack still sends the click, which needs an ack.
    app.action(URL_BUTTON_RE)(ack_only)
    app.action("show_alternatives")(ack=_ack, lazy=[handled(show_alternatives)])
    app.action("show_details")(ack=_ack, lazy=[handled(show_details)])
    app.action(FEEDBACK_RE)(ack=_ack, lazy=[handled(feedback)])
    app.action("open_questionnaire")(ack=_ack, lazy=[handled(open_questionnaire)])
    app.action(ANSWER_RE)(ack=_ack, lazy=[handled(answer_option)])
    app.action("watch_show")(ack=_ack, lazy=[handled(show_new_pick)])
    app.action("watch_dismiss")(ack=_ack, lazy=[handled(dismiss_finding)])


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
    """A note only `user` sees, in the language of the thread (or of the person's latest
    conversation); `text` is a msgid of the bot's catalog, or already translated."""
    if not channel:
        return
    text = blocks.tr(relay.language_for(user, channel, thread_ts))(text)
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)
    except Exception as exc:  # noqa: BLE001
        log.warning("chat.postEphemeral failed: %s", describe(exc))


NOT_YOURS = (
    "That recommendation was made by someone else in another conversation; I only show it where "
    "it was made, or to the person who asked."
)


def _from_our_workspace(body: dict, context: BoltContext) -> bool:
    """The click comes from the workspace the bot is installed in (its token's team)."""
    own = getattr(context.authorize_result, "team_id", None) if context else None
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    if own and team != own:
        log.warning("ignored a click from workspace %s (installed in %s)", team, own)
        return False
    return True


def _may_act_on(body: dict, context: BoltContext, decision: dict | None) -> bool:
    """Whether this click may show or change `decision`: it comes from the bot's own workspace,
    and either from the person who asked or from the conversation the decision was posted in
    (everyone there has seen it). Anything else would carry a confidential use case, or act on
    someone's decision, somewhere it never was."""
    if decision is None or not _from_our_workspace(body, context):
        return False
    user = (body.get("user") or {}).get("id")
    channel, _ = _where(body)
    if decision.get("user") and decision.get("user") == user:
        return True
    return bool(channel) and decision.get("channel") == channel


def _number(action: dict) -> int | None:
    """The id a button carries (a recommendation or a finding), or None."""
    try:
        return int(action.get("value"))
    except (TypeError, ValueError):
        return None


def _stored(
    body: dict, client: WebClient, context: BoltContext
) -> tuple[api.Recommendation | None, str, str | None, str | None]:
    """The recommendation a button is about: None, after telling the user, when it is gone or
    the click may not act on it (another workspace, or not its owner nor its conversation)."""
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    if not _from_our_workspace(body, context):
        return None, user, channel, thread_ts
    rec_id = _number(_action(body))
    row = relay.store().get_recommendation(rec_id) if rec_id is not None else None
    if row is not None and not _may_act_on(body, context, row):
        _ephemeral(client, channel, user, NOT_YOURS, thread_ts)
        return None, user, channel, thread_ts
    rec = api.Recommendation.from_stored(row)
    if rec is None:
        _ephemeral(client, channel, user, "I no longer have that recommendation.", thread_ts)
    return rec, user, channel, thread_ts


def _post_beside(body: dict, client: WebClient, context: BoltContext, render) -> None:
    """Post `render(rec, user, language)` -> (text, blocks) for a stored recommendation's button,
    in the button's thread (or the user's DM when it sits in App Home), in the thread's language."""
    rec, user, channel, thread_ts = _stored(body, client, context)
    if rec is None:
        return
    text, blocks_ = render(rec, user, relay.language_for(user, channel, thread_ts))
    where = channel or relay.open_dm(client, user)
    relay.post(client, where, text, blocks_, thread_ts=thread_ts if channel else None)


def show_alternatives(body: dict, client: WebClient, context: BoltContext) -> None:
    _post_beside(
        body,
        client,
        context,
        lambda rec, _, language: (
            blocks.escape(blocks.alternatives_title(rec, language)),
            blocks.alternatives_blocks(rec, language),
        ),
    )


def show_details(body: dict, client: WebClient, context: BoltContext) -> None:
    """The "More" button: the whole recommendation (reasons, cost breakdown, assumptions,
    citations)."""
    _post_beside(
        body,
        client,
        context,
        lambda rec, user, language: (
            blocks.recommendation_text(rec, language),
            blocks.recommendation_blocks(rec, requested_by=user, language=language),
        ),
    )


def feedback(body: dict, client: WebClient, context: BoltContext) -> None:
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    action = _action(body)
    value = blocks.FEEDBACK_VALUES.get(action.get("action_id"), "up")
    rec_id = _number(action)
    if not _from_our_workspace(body, context):
        return
    row = relay.store().get_recommendation(rec_id) if rec_id is not None else None
    if row is not None and not _may_act_on(body, context, row):
        _ephemeral(client, channel, user, NOT_YOURS, thread_ts)
        return
    try:
        relay.store().save_feedback(rec_id, user, value)
    except Exception as exc:  # noqa: BLE001
        log.error("could not store feedback: %s", describe(exc))
        _ephemeral(
            client, channel, user, "Sorry, I could not save your feedback just now.", thread_ts
        )
        return
    if value == "down" and channel:
        relay.expect_reply(channel, thread_ts)
    thanks = (
        "Thanks! Glad it helped."
        if value == "up"
        else "Thanks for telling me. Reply in this thread with what is off (for example “the budget "
        "is $2,000” or “it must run on our own servers”) and I will re-plan from it."
    )
    _ephemeral(client, channel, user, thanks, thread_ts)


def open_questionnaire(body: dict, client: WebClient, context: BoltContext) -> None:
    if not _from_our_workspace(body, context):
        return
    channel, thread_ts = _where(body)
    prefill = None
    if channel and thread_ts:
        state = relay.store().get_conversation(relay.thread_key(channel, thread_ts)) or {}
        prefill = state.get("answers") or None
    user = (body.get("user") or {}).get("id")
    view = modal.questionnaire_view(
        prefill=prefill,
        channel=channel,
        thread_ts=thread_ts,
        language=relay.language_for(user, channel, thread_ts),
    )
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception as exc:  # noqa: BLE001
        log.warning("views.open failed: %s", describe(exc))


def answer_option(body: dict, client: WebClient, context: BoltContext) -> None:
    """A click on one of a question's options counts as the reply, if the question is still open."""
    if not _from_our_workspace(body, context):
        return
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
        _ = blocks.tr(relay.language_for(user, channel, thread_ts))
        label = blocks.escape(api.gettext_for(relay.language_for(user, channel, thread_ts))(option))
        answered.append(
            blocks.context(
                _("{user} answered: {option}").format(
                    user=f"<@{blocks.escape(user)}>", option=f"*{label}*"
                )
            )
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


def _finding(
    body: dict, client: WebClient, context: BoltContext
) -> tuple[api.Finding | None, str, str | None, str | None]:
    """The finding a watch button is about (None, after telling the user, when it is gone or is
    about someone else's decision from another conversation)."""
    user = body["user"]["id"]
    channel, thread_ts = _where(body)
    if not _from_our_workspace(body, context):
        return None, user, channel, thread_ts
    finding_id = _number(_action(body))
    row = relay.store().get_finding(finding_id) if finding_id is not None else None
    if row is None:
        _ephemeral(client, channel, user, "I no longer have that finding.", thread_ts)
        return None, user, channel, thread_ts
    decision = relay.store().get_recommendation(row.get("recommendation_id"))
    if not _may_act_on(body, context, decision):
        _ephemeral(client, channel, user, NOT_YOURS, thread_ts)
        return None, user, channel, thread_ts
    return api.Finding.model_validate(row), user, channel, thread_ts


def show_new_pick(body: dict, client: WebClient, context: BoltContext) -> None:
    """Recompute the stale decision with today's catalog and post it in the same thread."""
    finding, user, channel, thread_ts = _finding(body, client, context)
    if finding is None:
        return
    try:
        rec = api.renew(finding.recommendation_id, source="slack", user=user, channel=channel)
    except Exception as exc:  # noqa: BLE001
        log.error("renewing decision %s failed: %s", finding.recommendation_id, describe(exc))
        _ephemeral(client, channel, user, relay.SORRY, thread_ts)
        return
    if rec is None:
        _ephemeral(client, channel, user, "I no longer have that recommendation.", thread_ts)
        return
    where = channel or relay.open_dm(client, user)
    language = relay.language_for(user, channel, thread_ts)
    posted = relay.post(
        client,
        where,
        blocks.recommendation_text(rec, language),
        blocks.recommendation_blocks(rec, requested_by=user, language=language),
        thread_ts=thread_ts if channel else None,
    )
    if posted:
        relay.remember_where(rec, where, thread_ts if channel else posted.get("ts"))


def dismiss_finding(body: dict, client: WebClient, context: BoltContext) -> None:
    """Dismiss the finding for good and replace its buttons with who dismissed it."""
    finding, user, channel, thread_ts = _finding(body, client, context)
    if finding is None:
        return
    try:
        api.dismiss(finding.id, relay.store())
    except Exception as exc:  # noqa: BLE001
        log.error("could not dismiss finding %s: %s", finding.id, describe(exc))
        _ephemeral(client, channel, user, "Sorry, I could not dismiss that just now.", thread_ts)
        return
    message = body.get("message") or {}
    if not (channel and message.get("ts")):
        return
    kept = [b for b in message.get("blocks") or [] if b.get("block_id") != "watch_actions"]
    _ = blocks.tr(relay.language_for(user, channel, thread_ts))
    kept.append(
        blocks.context(
            _("Dismissed by {user}; I will not raise it again.").format(
                user=f"<@{blocks.escape(user)}>"
            )
        )
    )
    try:
        client.chat_update(
            channel=channel, ts=message["ts"], text=message.get("text") or "", blocks=kept
        )
    except Exception as exc:  # noqa: BLE001
        log.warning("chat.update failed: %s", describe(exc))
