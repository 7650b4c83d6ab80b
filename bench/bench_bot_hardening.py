"""Slack bot under idle connections: what N half-open connections cost and whether events still pass.

Starts the bot as `llm-advisor bot --http` against the tests' fake Slack Web API (127.0.0.1), with
its production limits unless told otherwise. For each N (default 400): opens N connections that
never finish a request (a third send nothing, a third stop inside the headers, a third stop inside
the body), then prints: the connections the bot holds, its RSS and thread count before and while
they are held, how many of S signed events (channel chatter, acknowledged only) got 200 meanwhile
and their latency, and how long until the bot had closed every idle connection.

Run: `python bench/bench_bot_hardening.py [--counts 400 1100] [--events 50] [--timeout S] [--json]`.
"""

from __future__ import annotations

import argparse
import json
import selectors
import socket
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bot"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import servers  # noqa: E402  (tests/servers.py)
from fake_slack import Bot, FakeSlack, message_event  # noqa: E402

from bench.scratch import scratch_dir  # noqa: E402

PARTIAL = (
    b"",
    b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Len",
    b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{",
)


def chatter() -> dict:
    return message_event("hello all", "CBENCH", "U0001")


def held_by(process: psutil.Process, port: int) -> int:
    """Established TCP connections of the bot on its port."""
    return sum(
        1
        for c in process.net_connections(kind="tcp")
        if c.laddr and c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if values else 0.0


def run_round(bot: Bot, n: int, events: int, limit: float) -> dict:
    process = psutil.Process(bot.process.pid)
    before = {"rss_mb": process.memory_info().rss / 2**20, "threads": process.num_threads()}
    selector = selectors.DefaultSelector()
    sockets = []
    for i in range(n):
        sock = socket.create_connection(("127.0.0.1", bot.port), timeout=5)
        if PARTIAL[i % 3]:
            sock.sendall(PARTIAL[i % 3])
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
        sockets.append(sock)
    opened = time.monotonic()
    time.sleep(0.5)
    held = {
        "connections": held_by(process, bot.port),
        "rss_mb": process.memory_info().rss / 2**20,
        "threads": process.num_threads(),
    }
    statuses, seconds = [], []
    for _ in range(events):
        status, _, took = bot.event(chatter())
        statuses.append(status)
        seconds.append(took)
    held["threads_after_events"] = process.num_threads()
    still_open = set(sockets)
    while still_open and time.monotonic() < opened + limit + 30:
        servers.drop_closed(selector, still_open)
    all_closed_s = time.monotonic() - opened if not still_open else None
    selector.close()
    for sock in sockets:
        sock.close()
    time.sleep(0.3)
    return {
        "idle_connections": n,
        "held_by_bot": held["connections"],
        "rss_mb_before": round(before["rss_mb"], 1),
        "rss_mb_held": round(held["rss_mb"], 1),
        "threads_before": before["threads"],
        "threads_held": held["threads"],
        "threads_after_events": held["threads_after_events"],
        "events_sent": events,
        "events_200": sum(1 for s in statuses if s == 200),
        "other_statuses": sorted({s for s in statuses if s != 200}),
        "event_p50_ms": round(percentile(seconds, 50) * 1000, 1),
        "event_max_ms": round(max(seconds) * 1000, 1) if seconds else None,
        "all_closed_by_bot_after_s": round(all_closed_s, 1) if all_closed_s else None,
        "still_open": len(still_open),
        "held_after_close": held_by(process, bot.port),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[400])
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument(
        "--timeout", type=float, default=None, help="ADVISOR_BOT_REQUEST_TIMEOUT (default 10 s)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    env = {"ADVISOR_BOT_WARM_UP": "0"}
    if args.timeout:
        env["ADVISOR_BOT_REQUEST_TIMEOUT"] = str(args.timeout)
    limit = args.timeout or 10.0
    fake = FakeSlack()
    bot = Bot(fake, Path(scratch_dir("bench-bot-")), extra_env=env).start()
    try:
        bot.event(chatter())  # the first request pays for auth.test and imports
        results = [run_round(bot, n, args.events, limit) for n in args.counts]
    finally:
        bot.stop()
        fake.close()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"Slack bot HTTP mode under idle connections (request deadline {limit:g} s)")
        for r in results:
            print(
                f"{r['idle_connections']} idle connections: {r['held_by_bot']} held by the bot; "
                f"RSS {r['rss_mb_before']} -> {r['rss_mb_held']} MB; threads {r['threads_before']}"
                f" -> {r['threads_held']} ({r['threads_after_events']} after the events); "
                f"signed events {r['events_200']}/{r['events_sent']} answered 200 "
                f"(p50 {r['event_p50_ms']} ms, max {r['event_max_ms']} ms"
                + (f", other statuses {r['other_statuses']}" if r["other_statuses"] else "")
                + f"); all closed by the bot after {r['all_closed_by_bot_after_s']} s"
                f" ({r['still_open']} still open)"
            )
    return 0 if all(r["events_200"] == r["events_sent"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
