"""Advisor core benchmark: recommend p50/p95 in-process, CLI cold start, public scenarios passed."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_home  # noqa: E402

HEAVY = ("torch", "chromadb", "llama_cpp", "sentence_transformers", "streamlit", "slack_bolt")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    scratch_home()
    from advisor.advice import scenarios
    from advisor.advice.recommender import recommend
    from advisor.advice.service import advise, citations_for

    cases = scenarios.load(ROOT / "tests" / "data" / "advice.jsonl")
    for case in cases:  # warm caches (catalog, lexical index)
        citations_for(recommend(case["input"]))
    timings = []
    for _ in range(20):
        for case in cases:
            started = time.perf_counter()
            result = recommend(case["input"])
            result.citations = citations_for(result)
            timings.append((time.perf_counter() - started) * 1000)
    print(
        f"recommend in-process over {len(cases)} scenarios x 20: p50 {percentile(timings, 0.5):.2f} ms, "
        f"p95 {percentile(timings, 0.95):.2f} ms (target p95 <= 5 ms)"
    )

    # the core alone (fill, approach, pipeline, workload, screen, score, tiers, warnings), over
    # the public scenarios and the expert cases, without the citation lookup
    expert = scenarios.load(ROOT / "tests" / "data" / "advice_expert.jsonl")
    inputs = [case["input"] for case in [*cases, *expert]]
    core = []
    for _ in range(10):
        for answers in inputs:
            started = time.perf_counter()
            recommend(answers)
            core.append((time.perf_counter() - started) * 1000)
    print(
        f"recommend core over {len(inputs)} public + expert cases x 10: p50 "
        f"{percentile(core, 0.5):.2f} ms, p95 {percentile(core, 0.95):.2f} ms (target p95 <= 5 ms)"
    )

    passed = sum(
        1 for case in cases if not scenarios.check(case, advise(case["input"], source="cli"))
    )
    print(f"public advice scenarios passed: {passed}/{len(cases)} ({passed / len(cases):.0%})")

    script = Path(sys.executable).parent / "llm-advisor"
    payload = json.dumps(cases[0]["input"])
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [str(script), "recommend", "--format", "json"],
            input=payload,
            text=True,
            capture_output=True,
            check=True,
        )
        runs.append(time.perf_counter() - started)
    print(
        f"`llm-advisor recommend` cold start: median of 5 {statistics.median(runs):.3f} s (target <= 1 s)"
    )
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "advisor", "recommend", "--format", "json"],
        input=payload,
        text=True,
        capture_output=True,
        check=True,
    ).stderr
    imported = {
        line.split("|")[-1].strip().split(".")[0] for line in trace.splitlines() if "|" in line
    }
    heavy = [name for name in HEAVY if name in imported]
    print(f"heavy imports on the recommend path: {', '.join(heavy) or 'none'}")
    if statistics.median(runs) > 1.0 or heavy:
        rows = sorted(
            (int(line.split("|")[1]), line.split("|")[-1].strip())
            for line in trace.splitlines()
            if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
        )
        print("slowest imports (cumulative us):")
        for cumulative, name in rows[-15:]:
            print(f"  {cumulative:>9} {name}")


if __name__ == "__main__":
    main()
