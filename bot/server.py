"""The bot's HTTP mode: Bolt's Starlette adapter on uvicorn.

`POST /slack/events` is Bolt's endpoint and Bolt checks each request's signature and its 5-minute
window (the only check). `GET /health` answers 200 for probes. uvicorn serves it with the limits
that keep one client from taking the bot offline: a cap on open connections, a deadline for each
request (bot/limits.py), a keep-alive timeout, a header size limit and a 1 MB body cap. See
docs/bot.md for running it behind a reverse proxy.

Slack retries a request that did not get a 2xx, three times. So every request Bolt accepts as
signed gets a 2xx, also when its payload is malformed or a listener fails (a slash command then
gets a short apology the user sees). Only a wrong or stale signature gets 401, and a body that is
not a Slack payload at all gets 400: not UTF-8 or not parseable at once, a signed object with no
type or command after Bolt's check.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.starlette.handler import to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .limits import BodyGuard, DeadlineH11Protocol
from .logs import describe

log = logging.getLogger("bot.http")
EVENTS_PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack's payloads are far smaller
MAX_TIMESTAMP_DIGITS = 12
APOLOGY = "Sorry, I could not handle that just now. Please try again in a moment."


@dataclass(frozen=True)
class Limits:
    """How much the HTTP server takes before it refuses (env: ADVISOR_BOT_MAX_CONNECTIONS,
    ADVISOR_BOT_REQUEST_TIMEOUT)."""

    # When reached, a new connection closes the one that waited longest for its request; when
    # every connection is busy, new requests get 503.
    max_connections: int = 1000
    request_timeout: float = 10.0  # seconds for a whole request; Slack sends one in well under 1 s
    keep_alive: float = 5.0  # seconds an idle connection stays open after a response
    max_header_bytes: int = 16 * 1024
    max_body_bytes: int = MAX_BODY


def asgi_app(app: App, limits: Limits = Limits()):
    """The ASGI application: the two routes behind the body guard."""

    async def events(request: Request) -> Response:
        return await _events(app, request)

    async def health(request: Request) -> Response:  # noqa: ARG001 - Starlette's signature
        return PlainTextResponse("ok")

    routes = [
        Route(EVENTS_PATH, events, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
    ]
    return BodyGuard(Starlette(routes=routes), limits.max_body_bytes)


async def _events(app: App, request: Request) -> Response:
    # The adapter's SlackRequestHandler would run `app.dispatch` on the event loop, where one slow
    # acknowledgement stalls every connection, and fail on a body that is not UTF-8; its response
    # conversion is used as it is.
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return JSONResponse({"error": "the body is not UTF-8"}, status_code=400)
    try:
        bolt_request = BoltRequest(
            body=text, query=request.url.query, headers=_headers_for_bolt(request)
        )
    except Exception:  # noqa: BLE001 - Bolt could not parse it: JSON errors, a list, a number...
        return JSONResponse({"error": "not a Slack payload"}, status_code=400)
    response = await run_in_threadpool(dispatch, app, bolt_request)
    return to_starlette_response(response)


def _headers_for_bolt(request: Request) -> dict[str, list[str]]:
    """The request's headers, with a timestamp that is not a plain number and a signature that is
    not ASCII left out: Bolt's check then refuses the request (401) instead of failing on them."""
    headers: dict[str, list[str]] = {}
    for name, value in request.headers.items():
        headers.setdefault(name.lower(), []).append(value)
    timestamps = headers.get("x-slack-request-timestamp") or [""]
    if not (timestamps[0].isascii() and timestamps[0].isdigit()) or (
        len(timestamps[0]) > MAX_TIMESTAMP_DIGITS
    ):
        headers.pop("x-slack-request-timestamp", None)
    signatures = headers.get("x-slack-signature") or [""]
    if not signatures[0].isascii():
        headers.pop("x-slack-signature", None)
    return headers


def _is_payload(body: object) -> bool:
    return isinstance(body, dict) and bool(
        body.get("type") or body.get("command") or body.get("ssl_check")
    )


def dispatch(app: App, request: BoltRequest) -> BoltResponse:
    """Bolt's answer to a request: 401 for a bad signature; for a signed one, 400 when it is not a
    Slack payload at all, else a 2xx whatever failed."""
    try:
        response = app.dispatch(request)
    except Exception as exc:  # noqa: BLE001 - e.g. Bolt's own middleware on `"event": null`
        log.warning("could not handle a request: %s", describe(exc))
        response = None
    if response is not None and response.status == 401:
        return response
    if not _is_payload(request.body):
        return BoltResponse(status=400, body={"error": "not a Slack payload"})
    if response is not None and response.status < 400:
        return response
    # Bolt checks the signature before anything that can fail on a payload's shape or find no
    # listener for it, so a failure or a 404 here comes from a signed request: a non-2xx would
    # only make Slack send it again.
    if isinstance(request.body, dict) and request.body.get("command"):
        return BoltResponse(
            status=200,
            body={"response_type": "ephemeral", "text": APOLOGY},
            headers={"content-type": "application/json;charset=utf-8"},
        )
    return BoltResponse(status=200, body="")


def serve(app: App, host: str, port: int, limits: Limits = Limits()) -> None:
    """Serve until SIGINT or SIGTERM (uvicorn finishes the requests in flight first)."""
    import uvicorn

    config = uvicorn.Config(
        asgi_app(app, limits),
        http=DeadlineH11Protocol.configured(limits.request_timeout, limits.max_connections),
        # Reached only when the connections are all busy: the protocol closes idle ones first.
        limit_concurrency=limits.max_connections + 1,
        timeout_keep_alive=limits.keep_alive,
        h11_max_incomplete_event_size=limits.max_header_bytes,
        timeout_graceful_shutdown=10,
        lifespan="off",
        ws="none",
        server_header=False,
        access_log=False,
        log_config=None,  # keep the bot's own redacting log handler
    )
    # Bound here, not by uvicorn, so that a port in use is an OSError for the caller to report
    # (uvicorn would log it and exit the process).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=config.backlog)
    log.info(
        "LLM Advisor bot listening on http://%s:%d%s (at most %d connections, %gs per request)",
        host,
        sock.getsockname()[1],
        EVENTS_PATH,
        limits.max_connections,
        limits.request_timeout,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
