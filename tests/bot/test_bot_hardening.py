"""The bot's HTTP endpoint under attack, all on 127.0.0.1: half-open and trickling connections,
request smuggling with chunked bodies, headers and bodies Bolt cannot read, oversized bodies,
replayed slash commands and interactions, and signed payloads of the wrong shape.

Each test reproduces a finding of the attack review against the hand-written server this one
replaced (issue 13). The bot runs as `llm-advisor bot --http` in its own process with a short
request deadline, so that closing what does not finish is seen within seconds.
"""

from __future__ import annotations

import json
import os
import selectors
import socket
import time
from urllib.parse import urlencode

import psutil
import pytest
import servers  # tests/servers.py
from fake_slack import TEAM, Bot, http_post, message_event, new_ts, sign
from tiers import needs  # tests/tiers.py

pytestmark = [pytest.mark.slow, pytest.mark.subprocess]  # the bot or the CLI in a process

DEADLINE = 2.0  # ADVISOR_BOT_REQUEST_TIMEOUT for this module's bot
HALF_OPEN = 400
TRICKLING = 5
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
@needs("subprocess", "server")
def guarded(fake, bot_home):
    process = Bot(
        fake,
        bot_home,
        extra_env={"ADVISOR_BOT_REQUEST_TIMEOUT": str(DEADLINE), "ADVISOR_BOT_WARM_UP": "0"},
    ).start()
    yield process
    process.stop()


def challenge(text: str) -> str:
    return json.dumps({"type": "url_verification", "challenge": text, "token": "t"})


def chatter(channel: str) -> dict:
    """A signed channel message the bot reads and leaves alone (no mention, not a thread)."""
    return message_event("hello all", channel, "U0001")


def exchange(port: int, data: bytes, quiet: float = 1.5, limit: float = 10.0) -> str:
    """Send raw bytes on one connection; everything the bot sends back until it closes the
    connection or is quiet for `quiet` seconds. The bot may answer and close before it has read
    all of `data` (a body over the cap): the rest is not sent, and its answer is still read."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=quiet) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
    return received.decode("latin-1")


def request_bytes(body: bytes, headers: dict[str, str]) -> bytes:
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode() + body


def chunked(data: bytes, size: int = 100) -> bytes:
    out = b""
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


# connections that never finish a request -------------------------------------------------------


@pytest.mark.timeout(90)
def test_half_open_connections_are_closed_and_signed_events_still_answered(guarded):
    bot = psutil.Process(guarded.process.pid)
    threads_before = bot.num_threads()
    selector = selectors.DefaultSelector()
    held: list[socket.socket] = []
    trickling: list[socket.socket] = []
    try:
        for n in range(HALF_OPEN + TRICKLING):
            sock = socket.create_connection(("127.0.0.1", guarded.port), timeout=5)
            sock.setblocking(False)
            if n < HALF_OPEN // 2:
                pass  # connected, nothing sent
            elif n < HALF_OPEN:
                # headers that never end, or a body that never comes
                sock.send(
                    b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
                    + (b"\r\n{" if n % 2 else b"")
                )
            else:
                trickling.append(sock)
            held.append(sock)
            selector.register(sock, selectors.EVENT_READ)
        opened = time.monotonic()

        # Signed events are acknowledged while all of them are held.
        answered = [guarded.event(chatter("CHALFOPEN"))[0] for _ in range(20)]
        status, body, _ = guarded.post_json(json.loads(challenge("still-answering")))
        assert answered == [200] * 20
        assert status == 200 and "still-answering" in body
        # No thread per connection: the old server grew by one thread for each of them.
        assert bot.num_threads() < threads_before + 20, (threads_before, bot.num_threads())

        # Each one is closed by the bot once the deadline passed, the trickling ones included:
        # they send a header byte every half second, which would reset an idle timer.
        still_open = set(held)
        next_byte = 0.0
        while still_open and time.monotonic() < opened + DEADLINE + 15:
            if time.monotonic() >= next_byte:
                for sock in trickling:
                    if sock in still_open:
                        try:
                            sock.send(b"X")
                        except OSError:
                            pass
                next_byte = time.monotonic() + 0.5
            servers.drop_closed(selector, still_open)
        assert not still_open, f"{len(still_open)} of {len(held)} connections still open"
    finally:
        selector.close()
        for sock in held:
            sock.close()
    assert guarded.alive()


@pytest.mark.timeout(60)
def test_when_full_the_longest_waiting_connection_makes_room(fake, tmp_path):
    cap = 50
    bot = Bot(
        fake,
        tmp_path,
        extra_env={"ADVISOR_BOT_MAX_CONNECTIONS": str(cap), "ADVISOR_BOT_WARM_UP": "0"},
    ).start()
    held: list[socket.socket] = []
    try:
        for _ in range(cap * 2):
            held.append(socket.create_connection(("127.0.0.1", bot.port), timeout=5))
        # Without room made, uvicorn's own cap would answer every new request with 503.
        answered = [bot.event(chatter("CFULL"))[0] for _ in range(10)]
        assert answered == [200] * 10
        # Room was made before those requests got in: wait for the closes to reach us (the
        # signal), not for a guessed while.
        selector = selectors.DefaultSelector()
        for sock in held:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        still_open = set(held)
        deadline = time.monotonic() + 30
        while len(held) - len(still_open) < cap and time.monotonic() < deadline:
            servers.drop_closed(selector, still_open)
        selector.close()
        closed = [sock not in still_open for sock in held]
        assert sum(closed) >= cap, f"only {sum(closed)} of {len(held)} idle connections closed"
        assert closed[0] and not closed[-1], "the oldest made room, not the newest"
    finally:
        for sock in held:
            sock.close()
        bot.stop()


# request smuggling -----------------------------------------------------------------------------


def test_a_body_with_both_lengths_is_refused_not_read_as_a_second_request(guarded):
    # A front end that frames by Transfer-Encoding sees one request whose body holds another; a
    # back end that frames by Content-Length reads only the chunk-size line as the body and then
    # serves the hidden, signed request.
    inner_body = challenge("smuggled-1").encode()
    inner = request_bytes(
        inner_body,
        {
            "Content-Type": "application/json",
            "Content-Length": str(len(inner_body)),
            **sign(inner_body),
        },
    )
    size_line = f"{len(inner):x}\r\n".encode()
    outer = request_bytes(
        size_line + inner + b"\r\n0\r\n\r\n",
        {
            "Content-Type": "application/json",
            "Content-Length": str(len(size_line)),
            "Transfer-Encoding": "chunked",
        },
    )
    replies = exchange(guarded.port, outer)
    assert "smuggled-1" not in replies
    assert replies.count("HTTP/1.1 ") == 1, replies
    assert replies.startswith("HTTP/1.1 400")


def test_a_chunked_body_is_the_body(guarded):
    # Read as chunks, the hidden request is only a body, and not a Slack payload: one answer.
    inner_body = challenge("smuggled-2").encode()
    inner = request_bytes(
        inner_body,
        {"Content-Type": "application/json", "Content-Length": str(len(inner_body))}
        | sign(inner_body),
    )
    replies = exchange(
        guarded.port,
        request_bytes(
            chunked(inner), {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
        ),
    )
    assert "smuggled-2" not in replies
    assert replies.count("HTTP/1.1 ") == 1, replies
    assert replies.startswith("HTTP/1.1 400")

    # A signed body sent in chunks is read whole and answered.
    body = challenge("in-chunks").encode()
    replies = exchange(
        guarded.port,
        request_bytes(
            chunked(body, size=7),
            {"Content-Type": "application/json", "Transfer-Encoding": "chunked", **sign(body)},
        ),
    )
    assert replies.startswith("HTTP/1.1 200") and "in-chunks" in replies, replies


def test_bodies_over_the_cap_get_413(guarded):
    big = b'{"type": "event_callback", "pad": "' + b"x" * 1_100_000 + b'"}'
    headers = {"Content-Type": "application/json", **sign(big)}
    declared = request_bytes(big, headers | {"Content-Length": str(len(big))})
    # Refused on the declared length alone, before the body is read.
    head = declared[: declared.index(b"\r\n\r\n") + 4]
    assert exchange(guarded.port, head).startswith("HTTP/1.1 413")
    assert exchange(guarded.port, declared).startswith("HTTP/1.1 413")
    replies = exchange(
        guarded.port,
        request_bytes(
            chunked(big, size=65536),
            {"Content-Type": "application/json", "Transfer-Encoding": "chunked", **sign(big)},
        ),
    )
    assert replies.startswith("HTTP/1.1 413"), replies[:200]
    assert guarded.alive()


# what Bolt cannot read ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "timestamp",
    ["abc", "1e9", "-1", " 1", "9" * 5000, "\u0663\u0663"],
    ids=["letters", "float", "negative", "space", "5000 digits", "arabic digits"],
)
def test_a_timestamp_that_is_not_a_number_gets_401(guarded, timestamp):
    body = challenge("bad-timestamp")
    headers = sign(body, timestamp=timestamp)
    if timestamp.isascii():
        status, text, _ = http_post(guarded.url, body, "application/json", headers)
        assert status == 401 and "bad-timestamp" not in text
    else:
        # urllib sends headers as Latin-1 only: this one goes out as UTF-8 bytes.
        replies = exchange(
            guarded.port,
            request_bytes(body.encode(), {"Content-Type": "application/json", **headers}),
        )
        assert replies.startswith("HTTP/1.1 401"), replies
    assert guarded.alive()


def test_a_signature_that_is_not_ascii_gets_401(guarded):
    status, _, _ = http_post(
        guarded.url,
        challenge("x"),
        "application/json",
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=\u00e9"},
    )
    assert status == 401


def test_a_body_that_is_not_utf8_gets_400(guarded):
    body = b'{"type": "url_verification", "challenge": "\xff\xfe", "token": "t"}'
    for headers in (sign(body), {"X-Slack-Signature": "v0=00", "X-Slack-Request-Timestamp": "1"}):
        status, text, _ = http_post(guarded.url, body, "application/json", headers)
        assert status == 400 and "UTF-8" in text
    assert guarded.alive()


# replays -----------------------------------------------------------------------------------------


def replay(
    bot: Bot, fields: dict, times: int = 3, timestamp: int | None = None
) -> list[tuple[int, str]]:
    """The same signed request (body and headers) sent `times` times."""
    body = urlencode(fields)
    headers = sign(body, timestamp)
    return [http_post(bot.url, body, FORM, headers)[:2] for _ in range(times)]


def command(text: str, trigger_id: str) -> dict:
    return {
        "team_id": TEAM,
        "channel_id": "CREPLAY",
        "user_id": "U0001",
        "command": "/llm-advisor",
        "text": text,
        "trigger_id": trigger_id,
        "response_url": "https://hooks.invalid/x",
    }


def test_a_replayed_slash_command_does_nothing(guarded, fake):
    trigger = f"trigger-replay-{os.getpid()}-{time.time_ns()}"
    answers = replay(guarded, command("", trigger))
    assert [status for status, _ in answers] == [200, 200, 200]
    fake.wait_for("views.open", trigger_id=trigger, timeout=30)
    guarded.wait_handled(trigger)  # the replays were acknowledged only, before their answers
    assert len(fake.find("views.open", trigger_id=trigger)) == 1

    # The help text is the acknowledgement itself: the replays are not acknowledged again.
    (_, first), *rest = replay(guarded, command("help", trigger + "-help"))
    assert "/llm-advisor" in first
    assert rest == [(200, ""), (200, "")]


def test_a_new_slash_command_with_the_same_text_still_works(guarded, fake):
    first, second = (f"trigger-again-{n}-{time.time_ns()}" for n in (1, 2))
    now = int(time.time())
    replay(guarded, command("", first), times=1, timestamp=now)
    # a request a second later has a new timestamp, hence a new signature
    replay(guarded, command("", second), times=1, timestamp=now + 1)
    fake.wait_for("views.open", trigger_id=first, timeout=30)
    fake.wait_for("views.open", trigger_id=second, timeout=30)


def interaction(payload: dict) -> dict:
    return {"payload": json.dumps(payload)}


def test_a_replayed_button_click_does_nothing(guarded, fake):
    trigger = f"trigger-click-{time.time_ns()}"
    click = {
        "type": "block_actions",
        "user": {"id": "U0001", "username": "someone", "team_id": TEAM},
        "api_app_id": "A0001",
        "team": {"id": TEAM, "domain": "fake"},
        "trigger_id": trigger,
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home", "callback_id": ""},
        "actions": [
            {
                "action_id": "open_questionnaire",
                "block_id": "home",
                "type": "button",
                "value": "home",
                "action_ts": new_ts(),
            }
        ],
    }
    answers = replay(guarded, interaction(click))
    assert [status for status, _ in answers] == [200, 200, 200]
    fake.wait_for("views.open", trigger_id=trigger, timeout=30)
    guarded.wait_handled(trigger)
    assert len(fake.find("views.open", trigger_id=trigger)) == 1


def test_a_replayed_modal_submission_is_not_processed_again(guarded):
    submission = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "fake"},
        "user": {"id": "U0001", "username": "someone", "team_id": TEAM},
        "api_app_id": "A0001",
        "trigger_id": f"trigger-submit-{time.time_ns()}",
        "view": {
            "id": "VMODAL",
            "type": "modal",
            "callback_id": "advisor_questionnaire",
            "private_metadata": "{}",
            "state": {
                "values": {
                    "use_case": {"value": {"type": "plain_text_input", "value": "a chatbot"}},
                    "requests_per_month": {
                        "value": {"type": "plain_text_input", "value": "lots and lots"}
                    },
                }
            },
            "hash": "h",
        },
    }
    (status, first), *rest = replay(guarded, interaction(submission))
    # The first one was validated (its errors went back to the modal); the replays were not.
    assert status == 200 and "requests_per_month" in json.loads(first)["errors"]
    assert rest == [(200, ""), (200, "")]


# signed payloads of the wrong shape ----------------------------------------------------------


MALFORMED = {
    "event null": {"type": "event_callback", "event": None},
    "event a string": {"type": "event_callback", "event": "x"},
    "no event": {"type": "event_callback"},
    "event type a number": {"type": "event_callback", "event": {"type": 5}},
    "actions empty": {"type": "block_actions", "actions": [], "user": {"id": "U0001"}},
    "actions null": {"type": "block_actions", "actions": None, "user": {"id": "U0001"}},
    "view null": {"type": "view_submission", "view": None, "user": {"id": "U0001"}},
    "view of another app": {"type": "view_submission", "view": {"callback_id": "other"}},
    "a shortcut": {"type": "shortcut", "callback_id": "x", "user": {"id": "U0001"}},
    "options": {"type": "block_suggestion", "action_id": "x", "user": {"id": "U0001"}},
    "view closed": {"type": "view_closed", "view": {"callback_id": "x"}},
}


@pytest.mark.parametrize("payload", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_signed_malformed_payload_gets_2xx(guarded, payload):
    payload = {**payload, "event_id": f"EvBad{time.time_ns()}", "team_id": TEAM}
    if payload["type"] == "event_callback":
        status, _, _ = guarded.post_json(payload)
    else:
        status, _, _ = guarded.post_form(interaction(payload))
    assert 200 <= status < 300
    # Unsigned, the same payload is refused.
    status, _, _ = guarded.post_json(payload, secret="not-the-secret")
    assert status == 401
    assert guarded.alive()


def test_an_unknown_slash_command_gets_2xx(guarded):
    fields = command("", "trigger-other") | {"command": "/something-else"}
    status, _, _ = guarded.post_form(fields)
    assert status == 200


def test_a_slash_command_that_fails_gets_2xx_and_an_apology(guarded):
    # `text` should be a string; the acknowledgement fails on a number.
    payload = command("", f"trigger-broken-{time.time_ns()}") | {"text": 5}
    status, body, _ = guarded.post_json(payload)
    assert status == 200
    answer = json.loads(body)
    assert answer["response_type"] == "ephemeral" and "Sorry" in answer["text"]
    assert "Traceback" not in guarded.log()
