"""Limits for the bot's HTTP endpoint that uvicorn does not set by itself.

- `DeadlineH11Protocol`: uvicorn's h11 protocol with a deadline per request. uvicorn closes a
  connection that stays idle after a response (keep-alive timeout), but never one that has not
  finished sending a request: its timer stops at the first byte, and a new connection has no timer
  at all. So a client that opens many connections and sends nothing, or a header byte now and then
  (slowloris), would hold them for ever. With this protocol a connection must deliver a whole
  request, headers and body, within `request_timeout` seconds of connecting or of its previous
  response, or it is closed. And when `max_connections` are open, a new connection makes room by
  closing the one that has waited longest for its request, so idle connections cannot crowd out
  Slack's (uvicorn's own cap answers 503 to every new request while it is reached).
- `BodyGuard`: an ASGI middleware that reads the request body before the app sees it, refuses one
  over `max_bytes` with 413 (whether it declares its length or arrives chunked), and refuses a
  request that carries both Content-Length and Transfer-Encoding with 400. A front end that frames
  the message by one header and the bot by the other would disagree on where the next request
  starts (request smuggling); RFC 9112 lets a server reject such a request, and it closes the
  connection after either answer.
"""

from __future__ import annotations

import asyncio
import json

from uvicorn.protocols.http.h11_impl import H11Protocol


class DeadlineH11Protocol(H11Protocol):
    """See the module's help. `configured()` gives the subclass uvicorn instantiates."""

    request_timeout: float = 10.0
    max_connections: int | None = None
    _deadline: asyncio.TimerHandle | None = None
    _waiting_since: float = 0.0

    @classmethod
    def configured(
        cls, request_timeout: float, max_connections: int | None
    ) -> type[DeadlineH11Protocol]:
        settings = {"request_timeout": float(request_timeout), "max_connections": max_connections}
        return type(cls.__name__, (cls,), settings)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()
        if self.max_connections is not None and len(self.connections) >= self.max_connections:
            self._make_room()

    def _make_room(self) -> None:
        waiting = [
            c
            for c in self.connections
            if isinstance(c, DeadlineH11Protocol) and c._deadline is not None
        ]
        if waiting:
            min(waiting, key=lambda c: c._waiting_since)._expire()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        # The request is complete once its body ended; from then on the app's time is its own.
        if cycle is not None and not cycle.more_body and not cycle.response_complete:
            self._disarm()

    def on_response_complete(self) -> None:
        # Armed before the parent's call, which may parse a pipelined request and disarm again.
        self._arm()
        super().on_response_complete()

    def _arm(self) -> None:
        self._disarm()
        self._waiting_since = self.loop.time()
        self._deadline = self.loop.call_later(self.request_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.close()


class BodyGuard:
    """See the module's help."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name: value for name, value in scope["headers"]}
        if b"transfer-encoding" in headers and b"content-length" in headers:
            await _refuse(send, 400, "Content-Length and Transfer-Encoding together")
            return
        try:
            declared = int(headers.get(b"content-length") or 0)
        except ValueError:  # h11 validates it first; this is for other servers
            declared = -1
        if declared < 0 or declared > self.max_bytes:
            await _refuse(send, 413 if declared > 0 else 400, "body too large or bad length")
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse(send, 413, "body too large")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()  # only a disconnect can come now
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _refuse(send, status: int, reason: str) -> None:
    data = json.dumps({"error": reason}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                # The rest of the body may still be on the way: the connection cannot be reused.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
