"""App Home: the user's recent recommendations and a button that opens the questionnaire."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from .. import blocks, relay
from ..logs import describe, handled

log = logging.getLogger("bot")


def register(app: App) -> None:
    app.event("app_home_opened")(ack=_ack, lazy=[handled(publish)])


def _ack(ack: Ack) -> None:
    ack()


def publish(body: dict, event: dict, client: WebClient) -> None:
    if event.get("tab", "home") != "home" or not event.get("user"):
        return
    if not relay.first_delivery(body):
        return
    user = event["user"]
    try:
        recent = relay.store().list_recommendations(source="slack", user=user, limit=10)
    except Exception as exc:  # noqa: BLE001
        log.error("could not read recent recommendations: %s", describe(exc))
        recent = []
    try:
        client.views_publish(user_id=user, view=blocks.home_view(recent, relay.language_for(user)))
    except Exception as exc:  # noqa: BLE001
        log.warning("views.publish failed: %s", describe(exc))
