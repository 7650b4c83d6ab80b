"""Slack bot benchmark: ack latency and time to the posted answer under concurrent mentions.

Starts the bot as `llm-advisor bot --http` against the tests' fake Slack Web API (127.0.0.1),
fires N signed app_mention events at once (N = 20 and 100), and prints, per N: the HTTP ack latency
p50/p99/max, the time to the first post in the thread (the "working on it" placeholder of a slow
turn, or the answer itself) and the time to the answer (the placeholder updated, or the answer
posted), p50/p99/max. The warm-up round is the first mention right after the bot started. Run: `python bench/bench_bot.py [--sizes 20 100] [--json]`.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bot"))
sys.path.insert(0, str(ROOT))
from fake_slack import Bot, FakeSlack, is_placeholder  # noqa: E402

from bench.scratch import scratch_dir  # noqa: E402

USE_CASE = (
    "We want a chatbot that answers employee questions from our internal HR wiki, "
    "about 20k requests a month, budget $200 a month"
)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def run_round(bot: Bot, fake: FakeSlack, n: int, tag: str, timeout: float = 300) -> dict:
    sent: dict[str, float] = {}
    acks: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n)

    def mention(i: int) -> None:
        channel = f"CB{tag}{i:03d}"
        barrier.wait()
        start = time.monotonic()
        _, (status, _, seconds) = bot.mention(f"{USE_CASE} (team {i})", channel=channel)
        with lock:
            sent[channel] = start
            acks.append(seconds)
            statuses.append(status)

    threads = [threading.Thread(target=mention, args=(i,)) for i in range(n)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    answered: dict[str, float] = {}
    first_post: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    while len(answered) < n and time.monotonic() < deadline:
        for call in fake.snapshot():
            channel = call["body"].get("channel")
            if channel not in sent or channel in answered:
                continue
            if call["method"] == "chat.postMessage":
                first_post.setdefault(channel, call["time"] - sent[channel])
            if call["method"] in ("chat.postMessage", "chat.update") and not is_placeholder(
                call["body"]
            ):
                answered[channel] = call["time"] - sent[channel]
        time.sleep(0.05)
    answer_times = list(answered.values())
    first_times = list(first_post.values())
    return {
        "concurrent": n,
        "acked_ok": sum(1 for s in statuses if s == 200),
        "ack_p50_ms": round(percentile(acks, 50) * 1000, 1),
        "ack_p99_ms": round(percentile(acks, 99) * 1000, 1),
        "ack_max_ms": round(max(acks) * 1000, 1) if acks else None,
        "first_post_p50_s": round(percentile(first_times, 50), 3),
        "first_post_p99_s": round(percentile(first_times, 99), 3),
        "first_post_max_s": round(max(first_times), 3) if first_times else None,
        "answered": len(answered),
        "answer_p50_s": round(percentile(answer_times, 50), 3),
        "answer_p99_s": round(percentile(answer_times, 99), 3),
        "answer_max_s": round(max(answer_times), 3) if answer_times else None,
        "wall_s": round(time.monotonic() - began, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    fake = FakeSlack()
    home = Path(scratch_dir("bench-bot-"))
    # No background index build: it would compete for the CPU with the mentions being measured.
    bot = Bot(fake, home, extra_env={"ADVISOR_BOT_WARM_UP": "0"}).start()
    results = []
    try:
        # One warm-up mention, so the first round does not pay for loading the catalog and index.
        warm = run_round(bot, fake, 1, "W")
        for n in args.sizes:
            results.append(run_round(bot, fake, n, f"N{n}"))
    finally:
        bot.stop()
        fake.close()
    if args.json:
        print(json.dumps({"warm_up": warm, "rounds": results}, indent=2))
        return 0
    print(
        f"Slack bot (HTTP mode, fake Slack on 127.0.0.1); first mention after start: ack "
        f"{warm['ack_max_ms']} ms, first post {warm['first_post_max_s']} s, answer {warm['answer_max_s']} s"
    )
    print(
        f"{'mentions':>8} {'acked':>6} {'ack p50':>9} {'ack p99':>9} {'ack max':>9} {'first p50':>10} {'first p99':>10} {'answered':>8} {'answer p50':>11} {'answer p99':>11} {'answer max':>11}"
    )
    for r in results:
        print(
            f"{r['concurrent']:>8} {r['acked_ok']:>6} {r['ack_p50_ms']:>7}ms {r['ack_p99_ms']:>7}ms {r['ack_max_ms']:>7}ms "
            f"{r['first_post_p50_s']:>9}s {r['first_post_p99_s']:>9}s "
            f"{r['answered']:>8} {r['answer_p50_s']:>10}s {r['answer_p99_s']:>10}s {r['answer_max_s']:>10}s"
        )
    failed = [
        r for r in results if r["answered"] < r["concurrent"] or r["acked_ok"] < r["concurrent"]
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
