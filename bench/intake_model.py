"""The intake model's reading measured against the corpus, from recorded replies.

No capable model runs on this machine, so a model's replies are recorded (a file of one JSON line
per case, {"id", "reply"}: what the model answered to the product's own prompt, the system
prompt `advisor/intake/llm.instructions()` and the text as labelled data) and played back by a local
OpenAI-compatible server (the tests' fake one, over real HTTP). The cases with a reply are read
three ways and each is scored like `bench_intake.py`:

- the built-in readers alone (the offline default);
- the readers cross-checked against the model (`ADVISOR_INTAKE_MODEL` set: what the product does);
- the model's reply alone (its validated answers, nothing else).

    .venv/bin/python bench/intake_model.py [--replies FILE] [--fields]

A configured model's replies are recorded with `--record FILE` (ADVISOR_INTAKE_MODEL and its
provider's settings as the app would use them; the only mode that reaches a provider): a random
sample of the tuning part is sent, one case at a time, and each validated reply is appended, so
a run cut short resumes. Then `--replies FILE` scores them.

    ADVISOR_INTAKE_MODEL=gpt-4o-mini OPENAI_API_KEY=... \
        .venv/bin/python bench/intake_model.py --record replies.jsonl [--sample 120]

The replies kept with the corpus (tests/data/intake/model_replies.jsonl, its README says whose)
are the default.

Held-out cases in the file are scored only when `--heldout` is given: reading them is a look.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path
from unittest.mock import patch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_home  # noqa: E402

scratch_home()

from advisor.intake import llm, read_use_case  # noqa: E402
from advisor.questionnaire import FIELDS  # noqa: E402
from bench.intake_scoring import (  # noqa: E402
    Score,
    load,
    overall_line,
    read_jsonl,
    report,
    score_cases,
)
from tests import servers  # noqa: E402

MODEL_REPLIES = ROOT / "tests" / "data" / "intake" / "model_replies.jsonl"
_DATA_RE = re.compile(r"<use_case>\n(.*)\n</use_case>", re.DOTALL)


def _key(text: str) -> str:
    """What identifies a text on both sides of the exchange (cleaning and cutting aside)."""
    return " ".join(text.split())[:300]


def player(replies: dict[str, str], misses: list[str]):
    """The fake server's answer to a request: the recorded reply to the text it carries (a text
    with none is added to `misses`)."""

    def answer(body: dict) -> str:
        found = _DATA_RE.search(body["messages"][-1]["content"])
        key = _key(found.group(1)) if found else ""
        if key not in replies:
            misses.append(key[:60])
        return replies.get(key, "I cannot read that.")

    return answer


READINGS = ("readers", "cross-checked", "model alone")


def measure(cases: list[dict], recorded: dict[str, dict]) -> dict[str, Score]:
    """Each of READINGS scored on `cases`, the model's replies played back from `recorded`
    ({id: reply}) by a local server for the cross-checked reading."""
    replies = {_key(case["text"]): json.dumps(recorded[case["id"]]) for case in cases}
    if len(replies) != len(cases):
        raise SystemExit("two cases open alike: the server could not tell their replies apart")

    def model_alone(text: str) -> dict:
        return {"answers": llm.parse_reply(replies[_key(text)]), "inferred": list(FIELDS)}

    scores = {"readers": score_cases(cases, read_use_case)}
    misses: list[str] = []
    replay = servers.FakeChatServer(replies={"replay": player(replies, misses)})
    with servers.serving(replay) as server:
        with patch.dict(os.environ, servers.intake_model_env(server, "replay")):
            scores["cross-checked"] = score_cases(cases, read_use_case)
    if misses:
        raise SystemExit(f"no recorded reply for {len(misses)} texts sent, e.g. {misses[0]!r}")
    scores["model alone"] = score_cases(cases, model_alone)
    return scores


def record(cases: list[dict], out: Path) -> tuple[int, int]:
    """The configured intake model's reply to each of `cases` appended to `out` as {id, reply}
    (cases already there skipped); (replies written, failures). A failure is printed, not kept."""
    done = {row["id"] for row in read_jsonl(out)} if out.exists() else set()
    todo = [case for case in cases if case["id"] not in done]
    written = failed = 0
    with out.open("a", encoding="utf-8") as sink:
        for number, case in enumerate(todo, 1):
            answers, why = llm.model_answers(case["text"])
            if answers is None:
                failed += 1
                print(f"{case['id']}: no usable reply ({why})", flush=True)
                continue
            sink.write(json.dumps({"id": case["id"], "reply": answers}, ensure_ascii=False) + "\n")
            sink.flush()
            written += 1
            if number % 10 == 0 or number == len(todo):
                print(f"recorded {number}/{len(todo)}", flush=True)
    return written, failed


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a whole number of cases, 1 or more (not {text!r})")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--replies", type=Path, default=MODEL_REPLIES, help="{id, reply} JSON lines"
    )
    parser.add_argument("--heldout", action="store_true", help="also score held-out cases")
    parser.add_argument("--fields", action="store_true", help="print every field's figures")
    parser.add_argument(
        "--record", type=Path, metavar="FILE", help="record the configured model's replies"
    )
    parser.add_argument("--sample", type=_count, default=120, help="tuning cases to record")
    parser.add_argument("--seed", type=int, default=41, help="which random sample")
    args = parser.parse_args()
    scratch_home(replace=True)
    if args.record:
        if not llm.configured():
            parser.error(f"--record: set {llm.ENV} to the model to record (see README)")
        tuning = load("tuning")
        cases = random.Random(args.seed).sample(tuning, min(args.sample, len(tuning)))
        written, failed = record(cases, args.record)
        print(f"{written} replies recorded to {args.record}, {failed} failed")
        return
    # Scoring never reaches a real provider: no provider set from outside.
    for name in [n for n in os.environ if n.startswith(("OPENAI_", "AZURE_", "ADVISOR_INTAKE"))]:
        del os.environ[name]

    recorded = {row["id"]: row["reply"] for row in read_jsonl(args.replies)}
    parts = ("tuning", "heldout") if args.heldout else ("tuning",)
    cases = [case for part in parts for case in load(part) if case["id"] in recorded]
    print(f"{len(cases)} cases with a recorded reply ({', '.join(parts)})")
    for name, score in measure(cases, recorded).items():
        print(overall_line(name, len(cases), score))
        if args.fields:
            print(report(name, score))


if __name__ == "__main__":
    main()
