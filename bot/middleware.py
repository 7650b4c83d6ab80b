"""Global middleware: Slack's retries, duplicate event ids and replayed requests are handled once;
unknowns are acked.

Events are de-duplicated in two layers. Here, before the ack, a repeat of an event id this process
has already seen is acknowledged and dropped at once, without touching the disk. After the ack,
each event listener claims the event id in the store (`relay.first_delivery`), which catches
repeats across restarts and across several bot processes.

Slash commands and interactions (button clicks, menus, modal submissions) carry no event id, and
Slack does not retry them; a second copy is someone replaying a signed request they captured,
which Bolt accepts for 5 minutes. Their request key is the signature: only the signing secret can
make a new one, and the same request always has the same one. It is claimed in the store before
the ack, so a replay is acknowledged and does nothing.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict

from slack_bolt import App, BoltRequest, BoltResponse

from . import relay
from .logs import ack_only

log = logging.getLogger("bot")
REMEMBER = 50_000

_seen: OrderedDict[str, None] = OrderedDict()
_seen_lock = threading.Lock()


def register(app: App) -> None:
    app.use(drop_repeats)


def register_fallbacks(app: App) -> None:
    """Acknowledge whatever no listener matched, so Slack does not retry it. Register last."""
    anything = re.compile(".*")
    app.event(anything)(ack_only)
    app.action(anything)(ack_only)
    app.command(anything)(ack_only)
    app.view(anything)(ack_only)
    app.view_closed(anything)(ack_only)
    app.shortcut(anything)(ack_only)
    app.options(anything)(ack_only)


def seen_before(key: str) -> bool:
    """True when this process has already received `key`; remembers it otherwise."""
    with _seen_lock:
        if key in _seen:
            return True
        _seen[key] = None
        if len(_seen) > REMEMBER:
            _seen.popitem(last=False)
        return False


def request_key(body: dict, request: BoltRequest) -> str | None:
    """The key of a slash command or interaction sent over HTTP; None for events (they have an
    event id) and in Socket Mode (no signature, and no replay from outside)."""
    if body.get("type") == "event_callback" or request.lazy_only:
        return None
    signature = (request.headers.get("x-slack-signature") or [""])[0]
    return f"request:{signature}" if signature else None


def drop_repeats(body: dict, request: BoltRequest, next_) -> BoltResponse | None:
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if event_id and seen_before(str(event_id)):
        retry = request.headers.get("x-slack-retry-num") or ["-"]
        log.info("event %s already received (retry %s): acknowledged only", event_id, retry[0])
        return BoltResponse(status=200, body="")
    key = request_key(body, request)
    if key:
        what = f"{body.get('command') or body.get('type') or 'request'} {key[8:24]}"
        if seen_before(key) or not relay.claim(key, what):
            log.info("%s is a replay: acknowledged only", what)
            return BoltResponse(status=200, body="")
    next_()
    return None
