"""Test doubles over real HTTP: a fake Slack Web API server, signed requests, the bot as a process.

Used by tests/bot and bench/bench_bot.py. Nothing here patches our code: the bot runs as
`llm-advisor bot --http` in its own process and talks to FakeSlack through SLACK_API_URL.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

try:
    import servers  # tests/servers.py
except ImportError:  # bench/bench_bot.py puts only tests/bot/ on sys.path
    sys.path.append(str(Path(__file__).resolve().parent.parent))
    import servers

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test"
BOT_USER = "UBOT"
TEAM = "T0001"
APP_ID = "A0001"
NOT_IN_CHANNEL = "CNOTIN"
# channels chat.postMessage refuses, with Slack's error for each
UNPOSTABLE = {
    NOT_IN_CHANNEL: "not_in_channel",
    "CGONE": "channel_not_found",
    "CARCHIVED": "is_archived",
}


class FakeSlack:
    """A fake Slack Web API on 127.0.0.1: answers every method with ok and records each call.

    `calls` holds {method, body, auth, time} in arrival order. `fail(method, status, times,
    retry_after)` makes the next calls of a method fail (e.g. 429 with Retry-After).
    Response URLs (slash commands, `respond()`) can point at `{url}/response/<name>`.
    """

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._failures: dict[str, list[tuple[int, int]]] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if (self.headers.get("Content-Type") or "").startswith("application/json"):
                    body = json.loads(raw or "{}")
                else:
                    body = dict(parse_qsl(raw, keep_blank_values=True))
                    for key, value in body.items():
                        if key in ("blocks", "view", "prompts") and value[:1] in ("[", "{"):
                            body[key] = json.loads(value)
                path = self.path.partition("?")[0]
                method = path.removeprefix("/api/").strip("/")
                status, payload, headers = fake._answer(
                    method, body, self.headers.get("Authorization")
                )
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_url = self.url + "/api"
        self._thread = servers.serve_in_thread(self.server)

    # answers ------------------------------------------------------------------------------------

    def _answer(self, method: str, body: dict, auth: str | None) -> tuple[int, dict, dict]:
        with self._lock:
            record = {"method": method, "body": body, "auth": auth, "time": time.monotonic()}
            self.calls.append(record)
            failures = self._failures.get(method)
            if failures:
                status, retry_after = failures.pop(0)
                self._lock.notify_all()
                headers = {"Retry-After": str(retry_after)} if status == 429 else {}
                return (
                    status,
                    {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"},
                    headers,
                )
            ts = f"{1_700_000_000 + next(self._ts)}.000100"
            if method == "chat.postMessage":
                record["ts"] = ts
            self._lock.notify_all()
        if auth != f"Bearer {BOT_TOKEN}" and not method.startswith("response/"):
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        if method == "auth.test":
            return (
                200,
                {
                    "ok": True,
                    "url": "https://fake.slack.com/",
                    "team": "Fake",
                    "user": "llm-advisor",
                    "team_id": TEAM,
                    "user_id": BOT_USER,
                    "bot_id": "BBOT",
                    "is_enterprise_install": False,
                },
                {},
            )
        if method == "chat.postMessage":
            channel = body.get("channel")
            if channel in UNPOSTABLE:
                return 200, {"ok": False, "error": UNPOSTABLE[channel]}, {}
            message = {"type": "message", "text": body.get("text"), "ts": ts, "bot_id": "BBOT"}
            if body.get("thread_ts"):
                message["thread_ts"] = body["thread_ts"]
            return 200, {"ok": True, "channel": channel, "ts": ts, "message": message}, {}
        if method in ("chat.update", "chat.postEphemeral"):
            return (
                200,
                {
                    "ok": True,
                    "channel": body.get("channel"),
                    "ts": body.get("ts") or ts,
                    "message_ts": ts,
                },
                {},
            )
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view or {}
            return 200, {"ok": True, "view": {**view, "id": "V" + ts.replace(".", "")}}, {}
        if method == "conversations.open":
            return (
                200,
                {"ok": True, "channel": {"id": "D" + str(body.get("users", "U")).split(",")[0]}},
                {},
            )
        if method == "users.info":
            return (
                200,
                {
                    "ok": True,
                    "user": {"id": body.get("user"), "name": "someone", "tz": "Europe/Stockholm"},
                },
                {},
            )
        return 200, {"ok": True}, {}

    def fail(self, method: str, status: int = 429, times: int = 1, retry_after: int = 1) -> None:
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, retry_after)] * times)

    # inspection ---------------------------------------------------------------------------------

    def snapshot(self) -> list[dict]:
        with self._lock:
            return list(self.calls)

    def find(self, method: str, **match) -> list[dict]:
        """Calls of `method` whose body has every key=value of `match` (JSON-ish compare)."""
        out = []
        for call in self.snapshot():
            if call["method"] != method:
                continue
            if all(call["body"].get(key) == value for key, value in match.items()):
                out.append(call)
        return out

    def wait_for(self, method: str, count: int = 1, timeout: float = 60.0, **match) -> list[dict]:
        """Block until at least `count` matching calls arrived; return them (fails the test if not)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [
                    c
                    for c in self.calls
                    if c["method"] == method
                    and all(c["body"].get(k) == v for k, v in match.items())
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    methods = [
                        (c["method"], c["body"].get("channel"), c["body"].get("thread_ts"))
                        for c in self.calls[-20:]
                    ]
                    raise AssertionError(
                        f"timed out waiting for {count} x {method} {match}; last calls: {methods}"
                    )
                self._lock.wait(min(remaining, 0.5))

    def messages(self, channel: str, thread_ts: str | None = None) -> list[dict]:
        """The bot's messages in a thread as people see them now: each post with its latest
        chat.update applied, in order of posting."""
        with self._lock:
            return self._messages(channel, thread_ts)

    def _messages(self, channel: str, thread_ts: str | None) -> list[dict]:
        shown: dict[str, dict] = {}
        for call in self.calls:
            body = call["body"]
            if body.get("channel") != channel:
                continue
            if call["method"] == "chat.postMessage" and "ts" in call:
                if thread_ts is None or body.get("thread_ts") == thread_ts:
                    shown[call["ts"]] = {**body, "ts": call["ts"]}
            elif call["method"] == "chat.update" and body.get("ts") in shown:
                shown[body["ts"]] = {**shown[body["ts"]], **body}
        return list(shown.values())

    def wait_messages(
        self, channel: str, thread_ts: str | None, count: int, timeout: float = 120.0
    ) -> list[dict]:
        """Block until the thread shows at least `count` messages and none is a placeholder
        ("working on it", later replaced); return them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                shown = self._messages(channel, thread_ts)
                settled = not any(is_placeholder(m) for m in shown)
                if len(shown) >= count and settled:
                    return shown
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out waiting for {count} messages in {channel}/{thread_ts}; "
                        f"shown: {[m.get('text') for m in shown]}"
                    )
                self._lock.wait(min(remaining, 0.5))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def is_placeholder(message: dict) -> bool:
    blocks = message.get("blocks") or []
    return any(isinstance(b, dict) and b.get("block_id") == "placeholder" for b in blocks)


# signed requests to the bot ----------------------------------------------------------------------


def sign(
    body: str | bytes, timestamp: int | str | None = None, secret: str = SIGNING_SECRET
) -> dict:
    """Slack's v0 request signature headers for `body`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    raw = body if isinstance(body, bytes) else body.encode()
    base = f"v0:{timestamp}:".encode() + raw
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def http_post(
    url: str,
    body: str | bytes,
    content_type: str,
    headers: dict | None = None,
    timeout: float = 10.0,
) -> tuple[int, str, float]:
    """POST; returns (status, body text, seconds taken). HTTP errors are returned, not raised."""
    request = urllib.request.Request(
        url,
        data=body if isinstance(body, bytes) else body.encode(),
        method="POST",
        headers={"Content-Type": content_type, **(headers or {})},
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), time.perf_counter() - start
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace"), time.perf_counter() - start


_event_counter = itertools.count(1)


def event_payload(event: dict, event_id: str | None = None) -> dict:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{os.getpid()}{time.time_ns()}{next(_event_counter)}",
        "event_time": int(time.time()),
        "authorizations": [
            {"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}
        ],
    }


_ts_counter = itertools.count(1)


def new_ts() -> str:
    """A message ts unique within this test process (and unlike the fake's own)."""
    return f"{1_600_000_000 + next(_ts_counter)}.{os.getpid() % 1_000_000:06d}"


def mention_event(
    text: str, channel: str, user: str, *, ts: str | None = None, thread_ts: str | None = None
) -> dict:
    """An app_mention event as Slack sends it."""
    ts = ts or new_ts()
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_event(
    text: str,
    channel: str,
    user: str,
    *,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    **extra,
) -> dict:
    """A message event as Slack sends it (a DM, a channel message or a thread reply)."""
    ts = new_ts()
    event = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


class Bot:
    """`llm-advisor bot --http` as a subprocess, and signed requests to it."""

    def __init__(
        self,
        fake: FakeSlack,
        home: Path,
        ui_url: str = "http://advisor.test:8501",
        extra_env: dict | None = None,
    ) -> None:
        self.fake = fake
        self.home = home
        self.ui_url = ui_url
        self.port = servers.free_port()
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        self.log_path = home / f"bot-{self.port}.log"
        self.env = {
            **os.environ,
            "SLACK_API_URL": fake.api_url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "ADVISOR_HOME": str(home),
            "ADVISOR_UI_URL": ui_url,
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.env.pop("SLACK_APP_TOKEN", None)
        self.process: subprocess.Popen | None = None
        self.sent: list[str] = []  # the Slack id of each request sent (event or trigger id)

    @staticmethod
    def command() -> list[str]:
        script = Path(sys.executable).with_name("llm-advisor")
        if script.exists():
            return [str(script)]
        return [sys.executable, "-c", "from advisor.cli.main import cli; cli()"]

    def start(self, timeout: float = 60.0) -> Bot:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = servers.spawn(
            [*self.command(), "bot", "--http", "--port", str(self.port), "--host", "127.0.0.1"],
            log=self._log,
            env=self.env,
        )
        try:
            servers.wait_until_answers(
                f"http://127.0.0.1:{self.port}/health",
                self.process,
                timeout=timeout,
                log_path=self.log_path,
                name="the bot",
                interval=0.1,
            )
        except servers.ServerError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.process:
            servers.stop(self.process, timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    # the bot's own signals -----------------------------------------------------------------

    def wait_log(self, text: str, count: int = 1, timeout: float = 120.0) -> list[str]:
        """Block until the bot's log has at least `count` lines containing `text`; return them."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.log().splitlines() if text in line]
            if len(lines) >= count:
                return lines
            if time.monotonic() > deadline or not self.alive():
                raise AssertionError(
                    f"the bot logged {len(lines)} of {count} lines with {text!r}; "
                    f"log tail: {self.log()[-1500:]}"
                )
            time.sleep(0.05)

    def wait_handled(self, *ids: str, timeout: float = 120.0) -> None:
        """Block until the bot has finished with each request whose event or trigger id is given:
        once the work after the ack is done, whatever it did, the bot logs `handled <request>
        (event <id>, trigger <id>, ...) in <seconds>`. Nothing more comes of those requests."""
        deadline = time.monotonic() + timeout
        for request_id in ids:
            marks = (f" {request_id},", f" {request_id})")
            while not any(
                line.split(": ", 1)[-1].startswith("handled ") and any(m in line for m in marks)
                for line in self.log().splitlines()
            ):
                if time.monotonic() > deadline or not self.alive():
                    raise AssertionError(
                        f"the bot never logged that it handled {request_id}; "
                        f"log tail: {self.log()[-1500:]}"
                    )
                time.sleep(0.05)

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Block until the bot has finished with every request sent to it so far (a repeat it
        acknowledged only is finished when its answer came back)."""
        self.wait_handled(*dict.fromkeys(self.sent), timeout=timeout)

    # requests -------------------------------------------------------------------------------

    def post_json(
        self,
        payload: dict,
        headers: dict | None = None,
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
    ) -> tuple[int, str, float]:
        body = json.dumps(payload)
        answer = http_post(
            self.url, body, "application/json", {**sign(body, timestamp, secret), **(headers or {})}
        )
        if payload.get("event_id") and answer[0] == 200 and secret == SIGNING_SECRET:
            self.sent.append(payload["event_id"])
        return answer

    def post_form(self, fields: dict, headers: dict | None = None) -> tuple[int, str, float]:
        body = urlencode(fields)
        answer = http_post(
            self.url, body, "application/x-www-form-urlencoded", {**sign(body), **(headers or {})}
        )
        payload = json.loads(fields["payload"]) if "payload" in fields else fields
        if payload.get("trigger_id") and answer[0] == 200:
            self.sent.append(payload["trigger_id"])
        return answer

    def event(
        self, event: dict, event_id: str | None = None, headers: dict | None = None
    ) -> tuple[int, str, float]:
        return self.post_json(event_payload(event, event_id), headers)

    def mention(
        self,
        text: str,
        channel: str = "C0001",
        user: str = "U0001",
        ts: str | None = None,
        thread_ts: str | None = None,
        event_id: str | None = None,
    ) -> tuple[str, tuple]:
        """An app_mention; returns (the message ts, the HTTP result)."""
        event = mention_event(text, channel, user, ts=ts, thread_ts=thread_ts)
        return event["ts"], self.event(event, event_id)

    def message(
        self,
        text: str,
        channel: str,
        user: str = "U0001",
        thread_ts: str | None = None,
        channel_type: str = "channel",
        **extra,
    ) -> tuple[str, tuple]:
        event = message_event(
            text, channel, user, thread_ts=thread_ts, channel_type=channel_type, **extra
        )
        return event["ts"], self.event(event)

    def interaction(self, payload: dict) -> tuple[int, str, float]:
        return self.post_form({"payload": json.dumps(payload)})


def shown(message: dict) -> str:
    """What a person sees of a message: its blocks' texts (or the fallback text)."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks") or [])
    return "\n".join(out) or message.get("text") or ""
