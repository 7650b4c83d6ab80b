"""The questionnaire modal's submission: field errors in the modal, else the recommendation is posted."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from advisor import api

from .. import blocks, modal, relay
from ..logs import describe, handled

log = logging.getLogger("bot")


def register(app: App) -> None:
    app.view(modal.CALLBACK_ID)(ack=_validate, lazy=[handled(post_recommendation)])


def _validate(ack: Ack, view: dict) -> None:
    """Runs before the response: bad values go back to the modal as errors on their fields."""
    _, _, errors = modal.validate(view)
    if errors:
        ack(response_action="errors", errors=errors)
    else:
        ack()


def post_recommendation(view: dict, body: dict, client: WebClient) -> None:
    answers, channel, errors = modal.validate(view)
    if errors:
        return  # already shown in the modal
    user = body["user"]["id"]
    meta = modal.metadata(view)
    thread_ts = meta.get("thread_ts") if channel and channel == meta.get("channel") else None
    language = meta.get("language") or relay.language_for(user)
    _ = blocks.tr(language)
    try:
        rec = api.advise(answers, source="slack", user=user, channel=channel)
    except api.AdvisorError as exc:
        relay.post(
            client,
            relay.open_dm(client, user),
            blocks.escape(_("I could not use that questionnaire: {error}").format(error=exc)),
        )
        return
    except Exception as exc:  # noqa: BLE001
        log.error("questionnaire from the modal failed: %s", describe(exc))
        relay.post(client, relay.open_dm(client, user), _(relay.SORRY))
        return
    text, rec_blocks = (
        blocks.recommendation_text(rec, language),
        blocks.recommendation_blocks(rec, requested_by=user, language=language),
    )
    posted = channel and relay.post(client, channel, text, rec_blocks, thread_ts=thread_ts)
    if posted:
        relay.remember_where(rec, channel, thread_ts or posted.get("ts"))
        return
    dm = relay.open_dm(client, user)
    if channel:
        note = _(
            "I could not post in {channel} (invite me with `/invite @LLM Advisor`), so here it is."
        ).format(channel=f"<#{channel}>")
        rec_blocks = [blocks.context(note), *rec_blocks]
    posted = relay.post(client, dm, text, rec_blocks)
    if posted:
        relay.remember_where(rec, dm, posted.get("ts"))
