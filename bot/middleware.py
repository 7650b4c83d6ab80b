"""Global middleware: Slack's retries and duplicate event ids are handled once; unknowns are acked.

De-duplication has two layers. Here, before the ack, a repeat of an event id this process has
already seen is acknowledged and dropped at once, without touching the disk. After the ack, each
event listener claims the event id in the store (`relay.first_delivery`), which catches repeats
across restarts and across several bot processes.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict

from slack_bolt import Ack, App, BoltRequest, BoltResponse

log = logging.getLogger("bot")
REMEMBER = 50_000

_seen: OrderedDict[str, None] = OrderedDict()
_seen_lock = threading.Lock()


def register(app: App) -> None:
    app.use(drop_repeats)


def register_fallbacks(app: App) -> None:
    """Acknowledge whatever no listener matched, so Slack does not retry it. Register last."""
    app.event(re.compile(".*"))(_ack)
    app.action(re.compile(".*"))(_ack)


def _ack(ack: Ack) -> None:
    ack()


def seen_before(event_id: str) -> bool:
    """True when this process has already received `event_id`; remembers it otherwise."""
    with _seen_lock:
        if event_id in _seen:
            return True
        _seen[event_id] = None
        if len(_seen) > REMEMBER:
            _seen.popitem(last=False)
        return False


def drop_repeats(body: dict, request: BoltRequest, next_) -> BoltResponse | None:
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if event_id and seen_before(str(event_id)):
        retry = request.headers.get("x-slack-retry-num") or ["-"]
        log.info("event %s already received (retry %s): acknowledged only", event_id, retry[0])
        return BoltResponse(status=200, body="")
    next_()
    return None
