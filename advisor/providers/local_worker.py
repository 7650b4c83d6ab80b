"""The local model's worker process: llama.cpp behind a small OpenAI-compatible API on 127.0.0.1.

    python -m advisor.providers.local_worker --model FILE.gguf [--n-ctx N] [--threads N]

Started and supervised by `advisor.providers.local`, never imported by the app. llama.cpp is
native code: a segfault or abort in it must end this process only, and the supervisor reports
it and starts a new one. The worker binds a free port, loads the model, then prints
`READY <port>` on stdout. Every request must carry the bearer token from ADVISOR_WORKER_TOKEN
(so other local users cannot drive it). It exits when its stdin closes, so it never outlives
the process that started it, whatever way that one ends.

Served: `GET /v1/models` and `POST /v1/chat/completions` (streaming or not; a streamed answer
ends with a usage chunk counted with the model's own tokenizer, as with OpenAI's
`stream_options.include_usage`). One generation runs at a time, since a llama.cpp context is not
thread safe; a queued stream receives SSE comments meanwhile, so its client can tell a queue
from a hang.
"""

from __future__ import annotations

import argparse
import faulthandler
import hmac
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..config import get_key

# A tiny model easily loops on one phrase; a mild penalty on repeats keeps answers readable.
REPEAT_PENALTY = 1.1
KEEPALIVE_S = 5.0  # how often a queued stream hears from us
MAX_CONNECTIONS = 64  # open connections served at once; more are refused at once (503)
IDLE_TIMEOUT_S = 120  # a connection that sends or reads nothing this long is closed
MAX_BODY = 4 * 2**20


class BadRequest(ValueError):
    """A request the worker refuses, with the message its client shows."""


class Model:
    """The loaded llama.cpp model, one generation at a time."""

    def __init__(self, path: str, n_ctx: int, threads: int):
        from llama_cpp import Llama

        self.name = os.path.basename(path)
        self.llama = Llama(model_path=path, n_ctx=n_ctx, n_threads=threads, verbose=False)
        self.n_ctx = n_ctx
        self.lock = threading.Lock()
        self._formatter = _chat_formatter(self.llama)

    def prompt_tokens(self, messages: list[dict]) -> int:
        """The prompt's length in tokens, from the same chat template llama-cpp renders."""
        if self._formatter is None:
            return sum(self.count(str(m.get("content") or "")) for m in messages)
        rendered = self._formatter(messages=messages)
        return len(
            self.llama.tokenize(
                rendered.prompt.encode("utf-8"), add_bos=not rendered.added_special, special=True
            )
        )

    def count(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0

    def check_fits(self, prompt_tokens: int) -> None:
        if prompt_tokens >= self.n_ctx:
            raise BadRequest(
                f"the prompt ({prompt_tokens} tokens) does not fit the local model's "
                f"{self.n_ctx}-token context; shorten it"
            )

    def complete(self, request: dict, stream: bool):
        return self.llama.create_chat_completion(
            messages=request["messages"],
            temperature=request["temperature"],
            max_tokens=request["max_tokens"],
            repeat_penalty=request["repeat_penalty"],
            stream=stream,
        )


def _chat_formatter(llama):
    """llama-cpp's own Jinja formatter for this GGUF's chat template, to count prompts exactly."""
    template = llama.metadata.get("tokenizer.chat_template")
    if llama.chat_format != "chat_template.default" or not template:
        return None
    from llama_cpp import llama_chat_format

    def token_text(token_id: int) -> str:
        return llama._model.token_get_text(token_id) if token_id != -1 else ""

    return llama_chat_format.Jinja2ChatFormatter(
        template=template,
        eos_token=token_text(llama.token_eos()),
        bos_token=token_text(llama.token_bos()),
    )


def parse_request(body: dict) -> dict:
    """The fields we use from an OpenAI chat-completions body, checked."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("messages: a non-empty list of {role, content}")
    for message in messages:
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise BadRequest("messages: each one an object with a role and a content")
    try:
        temperature = float(body.get("temperature", 0.7))
        max_tokens = int(body.get("max_tokens") or 256)
        repeat_penalty = float(body.get("repeat_penalty", REPEAT_PENALTY))
    except (TypeError, ValueError):
        raise BadRequest("temperature, max_tokens and repeat_penalty must be numbers") from None
    if not 0 <= temperature <= 2 or max_tokens < 1:
        raise BadRequest("temperature: 0 to 2; max_tokens: at least 1")
    stream_options = body.get("stream_options") or {}
    return {
        "messages": messages,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "repeat_penalty": repeat_penalty,
        "stream": bool(body.get("stream")),
        "include_usage": bool(
            isinstance(stream_options, dict) and stream_options.get("include_usage")
        ),
    }


def usage(prompt_tokens: int, completion_tokens: int) -> dict:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked streams: a worker that dies mid-answer is an error
    timeout = IDLE_TIMEOUT_S  # a silent connection does not hold a slot for ever
    disable_nagle_algorithm = True  # one small write per token must leave at once
    server_version = "advisor-local-worker"
    model: Model
    token: str

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # requests are logged by the app's run log, not here

    # -- plumbing ---------------------------------------------------------------------------------

    def _send_json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        self._send_json(status, {"error": {"message": message, "type": kind}})

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _event(self, payload: dict | str) -> None:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        self._chunk(f"data: {text}\n\n".encode())

    def _authorised(self) -> bool:
        given = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        self._error(401, "missing or wrong bearer token", "authentication_error")
        return False

    def _body(self) -> dict:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise BadRequest("Content-Length: a number") from None
        if not 0 < length <= MAX_BODY:
            raise BadRequest(f"a JSON body of at most {MAX_BODY} bytes")
        try:
            body = json.loads(self.rfile.read(length))
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("the body must be JSON") from None
        if not isinstance(body, dict):
            raise BadRequest("the body must be a JSON object")
        return body

    # -- routes -----------------------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - the base class's name
        if not self._authorised():
            return
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send_json(
                200, {"object": "list", "data": [{"id": self.model.name, "object": "model"}]}
            )
        else:
            self._error(404, f"no route {self.path}")

    def do_POST(self):  # noqa: N802 - the base class's name
        if not self._authorised():
            return
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._error(404, f"no route {self.path}")
            return
        try:
            request = parse_request(self._body())
        except BadRequest as exc:
            self._error(400, str(exc))
            return
        if request["stream"]:
            self._stream(request)
        else:
            self._complete(request)

    def _complete(self, request: dict) -> None:
        with self.model.lock:
            try:
                self.model.check_fits(self.model.prompt_tokens(request["messages"]))
                answer = self.model.complete(request, stream=False)
            except BadRequest as exc:
                self._error(400, str(exc))
                return
            except Exception as exc:  # llama-cpp's own errors: the client shows them as one line
                self._error(
                    500, f"the local model failed: {type(exc).__name__}: {exc}", "server_error"
                )
                return
        self._send_json(200, answer)

    def _stream(self, request: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            while not self.model.lock.acquire(timeout=KEEPALIVE_S):
                self._chunk(b": queued\n\n")
            try:
                self._generate(request)
            except (BrokenPipeError, ConnectionResetError):
                raise
            except Exception as exc:  # llama-cpp's own errors: the client shows them as one line
                message = f"the local model failed: {type(exc).__name__}: {exc}"
                self._event({"error": {"message": message, "type": "server_error"}})
            finally:
                self.model.lock.release()
            self._chunk(b"")  # the last chunk: the answer is complete
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client walked away; the model is free again

    def _generate(self, request: dict) -> None:
        """Stream one answer; call with the model's lock held."""
        model = self.model
        prompt_tokens = model.prompt_tokens(request["messages"])
        try:
            model.check_fits(prompt_tokens)
        except BadRequest as exc:
            self._event({"error": {"message": str(exc), "type": "invalid_request_error"}})
            return
        parts: list[str] = []
        chunks = model.complete(request, stream=True)
        try:
            for chunk in chunks:
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    parts.append(text)
                self._event(chunk)
        finally:
            chunks.close()  # stops decoding at once when the client has gone
        if request["include_usage"]:
            self._event(
                {
                    "id": f"chatcmpl-{uuid.uuid4().hex}",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model.name,
                    "choices": [],
                    "usage": usage(prompt_tokens, model.count("".join(parts))),
                }
            )
        self._event("[DONE]")


def _exit_when_parent_goes() -> None:
    """The parent holds our stdin; end of file means it has gone, however it ended."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


_BUSY_BODY = b'{"error": {"message": "too many connections, retry soon"}}'
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
    b"Retry-After: 1\r\nContent-Length: %d\r\n\r\n" % len(_BUSY_BODY) + _BUSY_BODY
)


class BoundedServer(ThreadingHTTPServer):
    """One thread per connection, as ThreadingHTTPServer, but at most MAX_CONNECTIONS of them:
    a flood of connections (half-open or not) gets a 503 and a close instead of a thread each."""

    daemon_threads = True

    def __init__(self, *args, max_connections: int = MAX_CONNECTIONS, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor.providers.local_worker")
    parser.add_argument("--model", required=True, help="the GGUF file")
    parser.add_argument("--n-ctx", type=int, default=2048)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    faulthandler.enable()  # a native crash leaves a Python stack in the worker's log
    token = get_key("ADVISOR_WORKER_TOKEN")
    if not token:
        print("ADVISOR_WORKER_TOKEN is not set", file=sys.stderr)
        return 2
    try:
        model = Model(args.model, args.n_ctx, args.threads)
    except Exception as exc:  # any failure to load is one line for the supervisor to show
        print(f"could not load {args.model}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    handler = type("BoundHandler", (Handler,), {"model": model, "token": token})
    server = BoundedServer(("127.0.0.1", 0), handler)
    threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    # The supervisor stops reading stdout here: anything printed later goes to the log instead
    # of filling a pipe nobody drains.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
