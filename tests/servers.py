"""Servers for tests: a free port, a command run as a server on 127.0.0.1, an in-process HTTP server.

One place for what the fixtures used to repeat: pick a free port, start the command with its output
in a log file, poll a URL until it answers (or the process dies: then the failure names the log and
shows its tail), and stop it (terminate, wait, kill). Used by the tests (`import servers`; tests/ is
on sys.path because tests/conftest.py lives there) and by bench/ through tests/harness.py and
tests/bot/fake_slack.py, so it needs nothing but the standard library.

    port = servers.free_port()
    with servers.running(
        [exe, "run", "--port", str(port)], ready_url=f"http://127.0.0.1:{port}/health",
        log_path=tmp_path / "server.log", name="my server",
    ) as server:
        ...  # server.process, server.url, server.log()
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseServer
from urllib.parse import urlsplit

HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """A server did not come up: it exited, or did not answer in time. The message names its log."""


def free_port(host: str = HOST) -> int:
    """A port of `host` that nothing listens on (the OS picked it; it is free once we let go)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def occupied_port(host: str = HOST) -> Iterator[int]:
    """A port of `host` that is taken (bound and listening) while the block runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        sock.listen()
        yield sock.getsockname()[1]


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when a GET of `url` gets a 2xx answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except OSError:  # refused, reset, timed out, or an HTTP error status
        return False


def log_tail(log_path: str | Path | None, lines: int = 30) -> str:
    """The last lines of a log file ('' when there is none)."""
    if not log_path or str(log_path) == os.devnull:
        return ""
    try:
        text = Path(log_path).read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _failure(message: str, log_path: str | Path | None) -> ServerError:
    if not log_path or str(log_path) == os.devnull:
        return ServerError(f"{message} (no log kept)")
    tail = log_tail(log_path)
    return ServerError(f"{message}; see {log_path}" + (f":\n{tail}" if tail else " (empty)"))


def wait_until_answers(
    url: str,
    process: subprocess.Popen,
    *,
    timeout: float = 60.0,
    log_path: str | Path | None = None,
    name: str = "the server",
    interval: float = 0.2,
) -> None:
    """Poll `url` until it answers; ServerError if `process` exits first or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if answers(url):
            return
        if process.poll() is not None:
            raise _failure(
                f"{name} exited with code {process.returncode} before {url} answered", log_path
            )
        if time.monotonic() > deadline:
            raise _failure(f"{name} did not answer at {url} within {timeout:.0f} s", log_path)
        time.sleep(interval)


def spawn(
    command: Sequence[str],
    *,
    log: int | object = subprocess.DEVNULL,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    new_session: bool = False,
) -> subprocess.Popen:
    """Start `command` with stdout and stderr to `log` (an open file), stdin closed.

    `new_session`: its own process group, so that `stop(..., group=True)` stops its children too.
    """
    return subprocess.Popen(
        [str(part) for part in command],
        env=dict(env) if env is not None else None,
        cwd=str(cwd) if cwd else None,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=new_session,
    )


def _signal(process: subprocess.Popen, sig: int, group: bool) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)


def stop(process: subprocess.Popen, *, timeout: float = 15.0, group: bool = False) -> bool:
    """Terminate, wait up to `timeout` s, then kill. True when it stopped on the terminate.

    `group`: signal the whole process group (for processes started with `new_session=True`).
    """
    if process.poll() is not None and not group:
        return True
    _signal(process, signal.SIGTERM, group)
    try:
        process.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL, group)
        process.wait(timeout=10)
        return False


@dataclass
class Server:
    """A running server command: its process, the URL that answered, its log file."""

    process: subprocess.Popen
    url: str
    log_path: Path | None

    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        return log_tail(self.log_path, lines=10_000)


@contextlib.contextmanager
def running(
    command: Sequence[str],
    *,
    ready_url: str,
    log_path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60.0,
    name: str | None = None,
    new_session: bool = False,
    stop_timeout: float = 15.0,
) -> Iterator[Server]:
    """Run `command` (a server on 127.0.0.1) while the block runs; yields once `ready_url` answers.

    Its output goes to `log_path` (appended; None: discarded). If it exits or does not answer
    within `timeout` s, ServerError names the log and shows its tail. On leaving it is stopped
    (terminate, wait `stop_timeout` s, kill); `new_session` stops its whole process group.
    """
    name = name or Path(str(command[0])).name
    log_path = Path(log_path) if log_path else None
    with open(log_path or os.devnull, "ab") as log:
        process = spawn(command, log=log, env=env, cwd=cwd, new_session=new_session)
        try:
            wait_until_answers(ready_url, process, timeout=timeout, log_path=log_path, name=name)
            yield Server(process, ready_url, log_path)
        finally:
            stop(process, timeout=stop_timeout, group=new_session)


# in-process HTTP servers (fakes of the services we talk to) -----------------------------------------


def serve_in_thread(server: BaseServer) -> threading.Thread:
    """Run `server.serve_forever()` in a daemon thread; stop it with `server.shutdown()`."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def serving(server: BaseServer) -> Iterator[BaseServer]:
    """`server` answers in a daemon thread while the block runs; then it is shut down and closed."""
    serve_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# A fake OpenAI-compatible chat server (providers, routes, the app's playground) -------------------


class FakeChat(BaseHTTPRequestHandler):
    """An OpenAI-compatible chat-completions server (streaming SSE with usage). The first path
    segment picks the behaviour: /<scenario>/.../chat/completions; `ok` streams "Hello there"
    under any longer path, so one server can stand behind several base URLs."""

    server: FakeChatServer

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        scenario = self.path.strip("/").split("/")[0]
        headers = {key.lower(): value for key, value in self.headers.items()}
        attempt = self.server.record(scenario, self.path, headers, body)
        if self.path.endswith("/embeddings"):
            return self._json(_embeddings(body))
        if self.path.endswith("/rerank"):
            return self._json(_rerank(body))
        if not body.get("stream") and (scenario == "ok" or scenario in self.server.replies):
            return self._json(_completion(self.server.answer(scenario, body, "Hello there")))
        if scenario == "ok":
            return self._stream(["Hello", " there"])
        if scenario == "429":
            if attempt == 1:
                return self._error(429, "Rate limit reached", {"Retry-After": "1"})
            return self._stream(["after", " waiting"])
        if scenario == "429-always":
            return self._error(429, "Rate limit reached", {"Retry-After": "0"})
        if scenario == "500":
            if attempt == 1:
                return self._error(500, "The server had an error")
            return self._stream(["recovered"])
        if scenario == "401":
            # Real servers echo part of the key back; we must never pass that on.
            return self._error(401, f"Incorrect API key provided: {self.server.echo_secret}")
        if scenario == "stall":
            self.server.release.wait(10)
            return None
        if scenario == "together":
            # Answers only once `together` requests are held at the same time: a client that sends
            # them one after another gets an error instead (the signal, not a clock).
            if not self.server.all_held():
                return self._error(503, "the requests did not arrive together")
            return self._stream(["Hello", " there"])
        if scenario == "break":
            return self._stream(["partial"], stall_after=True)
        if scenario == "azure":
            return self._stream(["from", " azure"])
        if scenario in self.server.replies:
            return self._stream([self.server.answer(scenario, body)])
        return self._error(404, "no such route")

    def _json(self, data: dict) -> None:
        payload = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _error(self, status: int, message: str, headers: dict | None = None) -> None:
        payload = json.dumps({"error": {"message": message, "type": "test"}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def _stream(self, pieces: list[str], stall_after: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()

        def event(data) -> None:
            self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
            self.wfile.flush()

        for piece in pieces:
            event(
                {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m",
                 "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            )  # fmt: skip
        if stall_after:
            self.server.release.wait(10)
            return
        usage = {"prompt_tokens": 11, "completion_tokens": len(pieces), "total_tokens": 0}
        event({"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m",
               "choices": [], "usage": usage})  # fmt: skip
        self.wfile.write(b"data: [DONE]\n\n")


def _words(text: str) -> list[str]:
    return [word for word in "".join(c.lower() if c.isalnum() else " " for c in text).split()]


def _embeddings(body: dict) -> dict:
    """OpenAI's embeddings response; each text a bag of its words hashed into 64 dimensions, so
    texts that share words are close, as a real embedder's would be."""
    texts = body.get("input")
    texts = [texts] if isinstance(texts, str) else list(texts or [])
    data = []
    for index, text in enumerate(texts):
        vector = [0.0] * 64
        for word in _words(str(text)):
            vector[zlib.crc32(word.encode()) % 64] += 1.0
        norm = sum(v * v for v in vector) ** 0.5 or 1.0
        data.append(
            {"object": "embedding", "index": index, "embedding": [v / norm for v in vector]}
        )
    usage = {"prompt_tokens": sum(len(_words(str(t))) for t in texts), "total_tokens": 0}
    return {"object": "list", "data": data, "model": body.get("model"), "usage": usage}


def _rerank(body: dict) -> dict:
    """The /rerank response Cohere, Jina, vLLM and TEI share: share of the query's words found."""
    query = set(_words(body.get("query") or ""))
    results = [
        {"index": index, "relevance_score": len(query & set(_words(doc))) / (len(query) or 1)}
        for index, doc in enumerate(body.get("documents") or [])
    ]
    return {"results": sorted(results, key=lambda r: r["relevance_score"], reverse=True)}


def _completion(text: str) -> dict:
    """A chat completion answered whole (no `stream`)."""
    return {
        "id": "c1", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13},
    }  # fmt: skip


def intake_model_env(server: FakeChatServer, scenario: str) -> dict[str, str]:
    """The settings that make `server`'s `scenario` the intake model (ADVISOR_INTAKE_MODEL), with
    no retries: for monkeypatch.setenv or a child process's environment."""
    return {
        "OPENAI_API_KEY": "fake-openai-key-intake",
        "OPENAI_BASE_URL": f"{server.base}/{scenario}/v1",
        "ADVISOR_PROVIDER_RETRIES": "0",
        "ADVISOR_INTAKE_MODEL": "gpt-4o-mini",
    }


def use_intake_model(monkeypatch, home, server: FakeChatServer, scenario: str) -> None:
    """This test's ADVISOR_HOME is `home` and its intake model `server`'s `scenario`."""
    monkeypatch.setenv("ADVISOR_HOME", str(home))
    for name, value in intake_model_env(server, scenario).items():
        monkeypatch.setenv(name, value)


# The faces' intake-model tests: a request, and the model's reading of it, which disputes the
# volume (200k where the text says 20k) and fills where it runs and the language, which the
# built-in readers do not see.
INTAKE_TEXT = "Support chatbot for our shop, about 20k questions a month, budget $300 a month"
INTAKE_READING = {
    "task": "chat",
    "requests_per_month": 200000,
    "monthly_budget_usd": 300,
    "deployment": "self-hosted",
    "languages": ["de"],
}


def intake_reading(body: dict) -> str:
    """The model's reply: INTAKE_READING for the request, nothing for a short reply in the
    thread ("yes", "no")."""
    return json.dumps(INTAKE_READING if INTAKE_TEXT in body["messages"][-1]["content"] else {})


class FakeChatServer(ThreadingHTTPServer):
    """FakeChat on a free port of 127.0.0.1; `requests[scenario]` holds each request's path,
    headers (lower-case names) and JSON body, in order, and `bodies` every JSON body in arrival
    order. `replies` adds scenarios that stream one fixed answer ({scenario: text}, or a function
    of the request's JSON body that gives the text, as a model answers each message); the
    scenario "together" answers only requests that arrive `together` at a time."""

    daemon_threads = True

    def __init__(
        self, echo_secret: str = "sk-echoed-0123456789", replies: dict[str, str] | None = None
    ):
        super().__init__((HOST, 0), FakeChat)
        self.echo_secret = echo_secret  # what the 401 scenario echoes, as real servers do
        self.replies = dict(replies or {})
        self.release = threading.Event()
        self.requests: dict[str, list[dict]] = {}
        self.bodies: list[dict] = []
        self._lock = threading.Lock()
        self.together = 3  # how many requests the "together" scenario holds before it answers
        self._held = 0
        self._arrived = threading.Condition()

    def all_held(self, timeout: float = 5.0) -> bool:
        """Hold this request until `together` requests are held at once; False if they never are
        (then the count starts again)."""
        with self._arrived:
            self._held += 1
            self._arrived.notify_all()
            together = self._arrived.wait_for(lambda: self._held >= self.together, timeout)
            if not together:
                self._held = 0
            return together

    def answer(self, scenario: str, body: dict, default: str = "") -> str:
        """The fixed reply of `scenario` to this request (`default` when it has none)."""
        reply = self.replies.get(scenario, default)
        return reply(body) if callable(reply) else reply

    def record(self, scenario, path, headers, body) -> int:
        with self._lock:
            seen = self.requests.setdefault(scenario, [])
            seen.append({"at": time.monotonic(), "path": path, "headers": headers, "body": body})
            self.bodies.append(body)
            return len(seen)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"


# Chroma, for the knowledge tests in server mode ------------------------------------------------------


def chroma_executable() -> Path | None:
    """The `chroma` command next to this Python, else on PATH; None when it is not installed."""
    beside = Path(sys.executable).with_name("chroma")
    if beside.exists():
        return beside
    found = shutil.which("chroma")
    return Path(found) if found else None


@contextlib.contextmanager
def running_chroma(
    data_path: str | Path, *, log_path: str | Path | None = None, timeout: float = 60.0
) -> Iterator[Server]:
    """`chroma run` on a free port of 127.0.0.1 with its data in `data_path`; yields the Server
    (host and port: `chroma_address(server)`). The caller skips when `chroma_executable()` is None.
    """
    exe = chroma_executable()
    if exe is None:
        raise ServerError("the chroma command is not installed")
    port = free_port()
    command = [exe, "run", "--path", data_path, "--host", HOST, "--port", str(port)]
    heartbeat = f"http://{HOST}:{port}/api/v2/heartbeat"
    with running(
        command, ready_url=heartbeat, log_path=log_path, timeout=timeout, name="chroma"
    ) as server:
        yield server


def chroma_address(server: Server) -> tuple[str, int]:
    """(host, port) of a server from `running_chroma`, for CHROMA_HOST and CHROMA_PORT."""
    parts = urlsplit(server.url)
    return parts.hostname or HOST, parts.port or 0


def drop_closed(selector, still_open: set) -> None:
    """Wait up to 0.2 s for readable sockets and forget those the server has closed (for tests
    that hold many connections open and check that the server ends them)."""
    for key, _ in selector.select(timeout=0.2):
        try:
            data = key.fileobj.recv(4096)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        if not data:
            still_open.discard(key.fileobj)
            selector.unregister(key.fileobj)
