"""A small threaded HTTP server for Bolt's `POST /slack/events` (HTTP mode).

Bolt's own development server handles one request at a time and drops the connection on a body it
cannot parse. This one serves each request on its own thread, checks the signature before it parses
anything, answers a malformed body with 400, and keeps running whatever a request does.
`GET /health` answers 200 for probes.
"""

from __future__ import annotations

import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from .logs import describe

log = logging.getLogger("bot.http")
EVENTS_PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack's payloads are far smaller


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:  # noqa: ARG002 - http.server's signature
        log.warning("request from %s failed", client_address[0])


def make_server(
    app: App, signing_secret: str, host: str = "0.0.0.0", port: int = 3000, path: str = EVENTS_PATH
) -> ThreadingHTTPServer:
    verifier = SignatureVerifier(signing_secret=signing_secret)

    class Handler(BaseHTTPRequestHandler):
        server_version = "llm-advisor-bot"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
            pass  # one line per request is noise; errors are logged where they happen

        def _send(self, status: int, body: str | dict = "", headers: dict | None = None) -> None:
            data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
            self.send_response(status)
            for name, values in (headers or {}).items():
                if name.lower() in ("content-length", "connection"):
                    continue
                for value in values if isinstance(values, list | tuple) else [values]:
                    self.send_header(name, value)
            if not any(name.lower() == "content-type" for name in headers or {}):
                self.send_header(
                    "Content-Type",
                    "application/json" if isinstance(body, dict) else "text/plain; charset=utf-8",
                )
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if self.path.partition("?")[0] == "/health":
                self._send(200, "ok")
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            request_path, _, query = self.path.partition("?")
            if request_path != path:
                self._send(404, {"error": "not found"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY:
                self.close_connection = True
                self._send(413 if length > MAX_BODY else 400, {"error": "bad content length"})
                return
            raw = self.rfile.read(length)
            timestamp = self.headers.get("X-Slack-Request-Timestamp") or "0"
            signature = self.headers.get("X-Slack-Signature") or ""
            # Verify before parsing: nothing unsigned or stale (over 5 minutes) reaches the app.
            if not verifier.is_valid(raw, timestamp, signature):
                self._send(401, {"error": "invalid request"})
                return
            try:
                text = raw.decode("utf-8")
                request = BoltRequest(
                    body=text, query=query, headers={k.lower(): v for k, v in self.headers.items()}
                )
                body = request.body
                if not isinstance(body, dict) or not (
                    body.get("type") or body.get("command") or body.get("ssl_check")
                ):
                    raise ValueError("not a Slack payload")
            except (ValueError, TypeError, AttributeError, KeyError):
                self._send(400, {"error": "malformed body"})
                return
            try:
                response = app.dispatch(request)
            except Exception as exc:  # noqa: BLE001 - one bad request never takes the server down
                log.error("could not handle a request: %s", describe(exc))
                self._send(500, {"error": "internal error"})
                return
            self._send(response.status, response.body, response.headers)

    return _Server((host, port), Handler)


def serve(app: App, signing_secret: str, host: str, port: int) -> None:
    server = make_server(app, signing_secret, host, port)
    log.info(
        "LLM Advisor bot listening on http://%s:%d%s", host, server.server_address[1], EVENTS_PATH
    )
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
