"""Wiring only: build the Bolt app, register the listeners, start in HTTP or Socket Mode.

Tokens and the signing secret come from the environment through `config.get_key`:
SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (HTTP mode), SLACK_APP_TOKEN (Socket Mode). SLACK_API_URL
points the Web API client elsewhere (a test server, a proxy); the default is Slack's. Every
setting is declared in advisor/settings.py (`llm-advisor config` lists them).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from advisor import api

from . import logs, middleware, watcher
from .listeners import actions, assistant, commands, home, messages, views

if TYPE_CHECKING:
    from .server import Limits

log = logging.getLogger("bot")


class BotConfigError(api.AdvisorError):
    """A setting the bot needs is missing (exit 1)."""


def require(name: str, why: str) -> str:
    """A secret the bot cannot start without."""
    value = api.config.get_key(name)
    if not value:
        raise BotConfigError(f"{name} is not set: {why}. See the README's Slack setup section.")
    return value


def web_client(token: str) -> WebClient:
    """The Web API client: SLACK_API_URL if set; retries on connection errors, 5xx and 429 (it
    waits as long as Slack's Retry-After says)."""
    base_url = api.config.env("SLACK_API_URL")
    kwargs = {"base_url": base_url.rstrip("/") + "/"} if base_url else {}
    return WebClient(
        token=token,
        timeout=30,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
        **kwargs,
    )


def build_app(*, token: str, signing_secret: str | None, workers: int | None = None) -> App:
    """The Bolt app with every listener. `signing_secret` None means Socket Mode (no HTTP checks)."""
    # Recommendations are CPU-bound; more threads than ADVISOR_BOT_WORKERS only slow the acks.
    workers = workers or api.settings.value("ADVISOR_BOT_WORKERS")
    app = App(
        client=web_client(token),
        signing_secret=signing_secret or "",
        request_verification_enabled=signing_secret is not None,
        # Listeners ack at once and do the slow work in lazy functions on this pool.
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bot-worker"),
        raise_error_for_unhandled_request=False,
        logger=logging.getLogger("slack_bolt.App"),
    )

    @app.error
    def on_error(error: Exception) -> None:
        log.error("listener failed: %s", logs.describe(error))

    middleware.register(app)
    for surface in (messages, commands, views, actions, home, assistant):
        surface.register(app)
    middleware.register_fallbacks(app)
    return app


def http_limits() -> Limits:
    """The HTTP server's limits: ADVISOR_BOT_MAX_CONNECTIONS and ADVISOR_BOT_REQUEST_TIMEOUT
    (seconds)."""
    from .server import Limits

    return Limits(
        max_connections=api.settings.value("ADVISOR_BOT_MAX_CONNECTIONS"),
        request_timeout=api.settings.value("ADVISOR_BOT_REQUEST_TIMEOUT"),
    )


def warm_up() -> None:
    """Load the catalog, the embedder and the knowledge index before the first message needs them.

    Runs on a background thread after the server is up, so acks never wait for it. On a fresh
    ADVISOR_HOME this builds the index (`llm-advisor index` does the same ahead of time).
    """
    started = time.monotonic()
    try:
        api.catalog()
    except Exception as exc:  # noqa: BLE001 - the first real message will report anything that matters
        log.info("warm-up incomplete: %s", logs.describe(exc))
    took = api.warm_up()
    log.info(
        "warm-up done in %.1fs (%s)",
        time.monotonic() - started,
        ", ".join(f"{part} {seconds:.1f}s" for part, seconds in took.items()),
    )


def run(*, http: bool = False, port: int = 3000, host: str = "0.0.0.0") -> None:
    """Start the bot: Socket Mode when SLACK_APP_TOKEN is set (and --http is not), else HTTP mode."""
    logs.setup(logging.DEBUG if api.settings.value("ADVISOR_BOT_DEBUG") else logging.INFO)
    token = require(
        "SLACK_BOT_TOKEN", "the bot token (xoxb-...) from the app's OAuth & Permissions page"
    )
    app_token = api.config.get_key("SLACK_APP_TOKEN")
    socket_mode = bool(app_token) and not http
    signing_secret = (
        None
        if socket_mode
        else require(
            "SLACK_SIGNING_SECRET",
            "the signing secret from the app's Basic Information page (HTTP mode)",
        )
    )
    limits = None if socket_mode else http_limits()
    try:
        app = build_app(token=token, signing_secret=signing_secret)
    except Exception as exc:  # noqa: BLE001 - e.g. auth.test refused the token or Slack is unreachable
        raise BotConfigError(f"could not start the Slack bot: {logs.describe(exc)}") from None
    if api.settings.value("ADVISOR_BOT_WARM_UP"):
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    every = watcher.interval()
    if every:
        watcher.start(app.client, every, first_after_s=min(watcher.FIRST_CHECK_AFTER_S, every))
    if socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("LLM Advisor bot connecting in Socket Mode")
        try:
            SocketModeHandler(app, app_token, trace_enabled=False).start()
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a wrong or revoked app token
            raise BotConfigError(
                f"Socket Mode failed: {logs.describe(exc)}. Check SLACK_APP_TOKEN (xapp-...) and that Socket Mode is on."
            ) from None
        return
    from .server import serve

    try:
        serve(app, host, port, limits)
    except OSError as exc:
        raise BotConfigError(f"could not listen on {host}:{port}: {exc.strerror or exc}") from None
