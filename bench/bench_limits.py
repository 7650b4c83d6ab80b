"""Time limits the tests used to assert, measured here instead (the tests keep the behaviour: the
error, its wording, the retries, the stop): each figure is printed beside the limit that matters.

- Slack acknowledgements: a slash command that opens the modal, a modal submission with a bad
  value (answered with field errors), a slash command with a question (Slack wants every ack
  within 3 s; bench_bot.py measures acks under 20 and 100 concurrent mentions);
- a 100 kB question to `ask` (cleaned and cut to 2,000 characters before retrieval);
- a provider that stalls past ADVISOR_PROVIDER_TIMEOUT=0.5 with one retry: time to the error;
- a local-model worker that hangs (SIGSTOP) with ADVISOR_PROVIDER_TIMEOUT=3: time to the error
  (the worker is killed and restarted);
- `llm-advisor ui` stopping after SIGTERM.

Usage: python bench/bench_limits.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))
sys.path.append(str(ROOT / "tests" / "bot"))
from bench.scratch import scratch_dir, scratch_home  # noqa: E402

scratch_home("advisor-bench-limits-", replace=True)
os.environ.setdefault("ADVISOR_UI_WARM_UP", "0")


def _spread(values: list[float]) -> dict:
    return {"median_s": statistics.median(values), "max_s": max(values), "runs": len(values)}


def slack_acks(runs: int) -> dict:
    from fake_slack import TEAM, Bot, FakeSlack, new_ts

    fake = FakeSlack()
    home = Path(scratch_dir("bench-limits-bot-"))
    bot = Bot(fake, home, extra_env={"ADVISOR_BOT_WARM_UP": "0"}).start()
    try:
        out: dict[str, list[float]] = {"slash_modal": [], "modal_errors": [], "slash_question": []}
        for n in range(runs):
            command = {
                "team_id": TEAM, "channel_id": "CLIMITS", "user_id": "U0001",
                "command": "/llm-advisor", "text": "summarise our sales calls, 5k a month",
                "trigger_id": f"trigger-modal-{n}-{time.time_ns()}",
            }  # fmt: skip
            status, _, seconds = bot.post_form(command)
            assert status == 200
            out["slash_modal"].append(seconds)
            submission = {
                "type": "view_submission",
                "team": {"id": TEAM, "domain": "fake"},
                "user": {"id": "U0001", "username": "someone", "team_id": TEAM},
                "trigger_id": f"trigger-{new_ts()}",
                "view": {
                    "id": "VMODAL", "type": "modal", "callback_id": "advisor_questionnaire",
                    "private_metadata": "{}", "hash": "h",
                    "state": {"values": {
                        "use_case": {"value": {"type": "plain_text_input", "value": "A chatbot"}},
                        "monthly_budget_usd": {"value": {"type": "plain_text_input", "value": "-5"}},
                    }},
                },
            }  # fmt: skip
            status, body, seconds = bot.interaction(submission)
            assert status == 200 and "errors" in body, body
            out["modal_errors"].append(seconds)
            question = {**command, "text": "what is fine-tuning?"}
            question["trigger_id"] = f"trigger-question-{n}-{time.time_ns()}"
            question["response_url"] = f"{fake.url}/response/limits-{n}"
            status, _, seconds = bot.post_form(question)
            assert status == 200
            out["slash_question"].append(seconds)
        bot.wait_idle(timeout=600)  # the answers, before the bot stops
        return {name: _spread(values) for name, values in out.items()}
    finally:
        bot.stop()
        fake.close()


def huge_question() -> dict:
    from advisor.answers import qa

    started = time.perf_counter()
    qa.ask("What is retrieval-augmented generation?")
    first = time.perf_counter() - started
    question = (
        "How does retrieval-augmented generation use our documents? " + "lorem ipsum dolor " * 6000
    )
    started = time.perf_counter()
    qa.ask(question).to_json()
    return {"first_ask_s": first, "ask_100kb_s": time.perf_counter() - started}


def stalled_provider() -> dict:
    import servers  # tests/servers.py

    from advisor.errors import ProviderError
    from advisor.playground import engine as playground

    with servers.serving(servers.FakeChatServer()) as fake:
        os.environ.update(
            OPENAI_API_KEY="sk-bench-limits",
            OPENAI_BASE_URL=f"{fake.base}/stall/v1",
            ADVISOR_PROVIDER_TIMEOUT="0.5",
            ADVISOR_PROVIDER_RETRIES="1",
        )
        try:
            started = time.monotonic()
            with contextlib.suppress(ProviderError):
                playground.run("gpt-4o-mini", "Hi", max_tokens=5).result  # noqa: B018
            took = time.monotonic() - started
        finally:
            fake.release.set()
            for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ADVISOR_PROVIDER_RETRIES"):
                os.environ.pop(name, None)
            os.environ.pop("ADVISOR_PROVIDER_TIMEOUT", None)
    return {"stalled_provider_error_s": took, "attempts": len(fake.requests.get("stall", []))}


def hung_local_worker() -> dict:
    from advisor import providers
    from advisor.errors import ProviderError

    provider, upstream = providers.resolve("smollm2-135m-instruct")
    pid = provider.warm()
    os.environ["ADVISOR_PROVIDER_TIMEOUT"] = "3"
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with contextlib.suppress(ProviderError):
            list(provider.stream(upstream, [{"role": "user", "content": "Hi"}], max_tokens=4))
        took = time.monotonic() - started
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
        os.environ.pop("ADVISOR_PROVIDER_TIMEOUT", None)
        provider.worker.stop()
    return {"hung_worker_error_s": took}


def ui_stop() -> dict:
    import harness  # tests/harness.py
    import servers  # tests/servers.py

    port = servers.free_port()
    home = scratch_dir("bench-limits-ui-")
    with open(Path(home) / "ui.log", "wb") as log:
        process = servers.spawn(
            [sys.executable, "-m", "advisor", "ui", "--port", str(port), "--address", "127.0.0.1"],
            log=log,
            env={**os.environ, "ADVISOR_HOME": home},
            new_session=True,
        )
        harness.wait_healthy(f"http://127.0.0.1:{port}", process, timeout=120)
        started = time.monotonic()
        stopped = servers.stop(process, timeout=60, group=True)
    return {"ui_stop_after_sigterm_s": time.monotonic() - started, "stopped": stopped}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Slack requests of each kind")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results: dict[str, dict] = {}
    for name, measure in (
        ("slack_acks", lambda: slack_acks(args.runs)),
        ("ask", huge_question),
        ("stalled_provider", stalled_provider),
        ("hung_local_worker", hung_local_worker),
        ("ui_stop", ui_stop),
    ):
        try:
            results[name] = measure()
        except Exception as exc:  # noqa: BLE001 - one figure missing must not hide the others
            results[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    results["load_average"] = {"1min": os.getloadavg()[0], "cores": os.cpu_count()}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("Limits the tests used to assert, measured (median / max over the runs)")
    acks = results["slack_acks"]
    labels = {
        "slash_modal": "slash command -> modal",
        "modal_errors": "modal submission with a bad value",
        "slash_question": "slash command with a question",
    }
    for key, label in labels.items():
        if "error" in acks:
            break
        figure = acks[key]
        print(
            f"  Slack ack, {label}: {figure['median_s']:.3f} / {figure['max_s']:.3f} s "
            f"over {figure['runs']} (Slack wants < 3 s)"
        )
    for name, text in (
        ("ask", "  ask, first question (loads or builds the index): {first_ask_s:.2f} s; "
                "a 100 kB question: {ask_100kb_s:.2f} s"),
        ("stalled_provider", "  a provider stalling past a 0.5 s timeout, one retry: error after "
                             "{stalled_provider_error_s:.2f} s ({attempts} attempts)"),
        ("hung_local_worker", "  a hung local worker, 3 s timeout: error after "
                              "{hung_worker_error_s:.2f} s"),
        ("ui_stop", "  llm-advisor ui after SIGTERM: stopped in {ui_stop_after_sigterm_s:.2f} s"),
    ):  # fmt: skip
        figure = results[name]
        print(text.format(**figure) if "error" not in figure else f"  {name}: {figure['error']}")
    if "error" in acks:
        print(f"  Slack acks: {acks['error']}")
    load = results["load_average"]
    print(f"  load average while measuring: {load['1min']:.2f} on {load['cores']} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
