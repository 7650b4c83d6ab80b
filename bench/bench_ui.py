"""Benchmark of the Streamlit app in a real browser (Debian's Chromium through Playwright).

Measures, against `llm-advisor ui` on a free local port with a fresh ADVISOR_HOME:
- for each page, the time from navigation (page.goto) to the first complete render: the script
  run has finished and no element is still a loading skeleton;
- on the Advisor page, the time from pressing "Get my recommendation" to the recommendation shown.

Each figure is measured RUNS times (the first navigation of the session is reported apart, as it
includes the server's first imports). Usage: python bench/bench_ui.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

import harness  # noqa: E402  (tests/harness.py)

PAGES = {
    "advisor": "/",
    "catalog": "/catalog",
    "playground": "/playground",
    "knowledge": "/knowledge",
    "history": "/history",
}
USE_CASE = (
    "Answer employees' questions from our internal wiki, about 20k questions a month, "
    "budget $200 a month."
)


def timed_render(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    harness.wait_rendered(page, timeout_ms=120_000)
    return time.perf_counter() - start


def submit_to_recommendation(page, base: str) -> float:
    harness.describe_use_case(page, base, USE_CASE)
    start = time.perf_counter()
    harness.get_recommendation(page)
    return time.perf_counter() - start


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_s": round(statistics.median(values), 3),
        "min_s": round(min(values), 3),
        "max_s": round(max(values), 3),
    }


def run(runs: int) -> dict:
    if not os.path.exists(harness.CHROMIUM):
        raise SystemExit(f"no Chromium at {harness.CHROMIUM}: apt-get install chromium")
    results: dict = {"pages": {}, "submit_to_recommendation": {}}
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as home:
        with harness.running_app(home) as base, harness.browser() as browser:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            results["first_navigation_s"] = round(timed_render(page, base + "/"), 3)
            for name, path in PAGES.items():
                times = []
                for _ in range(runs):
                    fresh = context.new_page()  # a new session each time, like a new visitor
                    times.append(timed_render(fresh, base + path))
                    fresh.close()
                results["pages"][name] = summary(times)
            submits = [submit_to_recommendation(page, base) for _ in range(runs)]
            results["submit_to_recommendation"] = {
                "first_s": round(submits[0], 3),
                **summary(submits),
            }
            context.close()
    return results


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results = run(max(1, args.runs))
    if args.json:
        print(json.dumps(results, indent=2))
        return results
    print("UI benchmark (headless Chromium, navigation -> first complete render)")
    print(f"  first navigation of the server: {results['first_navigation_s']:.2f} s")
    for name, figures in results["pages"].items():
        print(
            f"  page {name:<10} p50 {figures['p50_s']:.2f} s  (min {figures['min_s']:.2f}, "
            f"max {figures['max_s']:.2f}, n={figures['n']})"
        )
    submit = results["submit_to_recommendation"]
    print(
        f"  submit -> recommendation shown: p50 {submit['p50_s']:.2f} s  (first {submit['first_s']:.2f}, "
        f"min {submit['min_s']:.2f}, max {submit['max_s']:.2f}, n={submit['n']})"
    )
    return results


if __name__ == "__main__":
    main()
