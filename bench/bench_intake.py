"""Intake benchmark: how well free text is read, field by field, on the intake corpus.

Runs the current reader (`advisor.api.read_use_case`, whatever implements it) on the tuning and the
held-out part of tests/data/intake/ and prints precision and recall per field, an overall line,
and the issue's goals (precision >= 0.97 for every field read; recall >= 0.85 for volume, budget,
deployment, residency, languages, task) as met or not met.

`--part tuning` reads only the tuning part (while working on the reader: the held-out figures
are looked at once a change is done). `--misses` lists the tuning part's disagreements (id, field, read, gold) to work on. The held-out
part's texts and misses are never printed: no rule is written against it (tests/data/intake/README.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARTS = ("tuning", "heldout")  # as bench.intake_scoring.PARTS; argparse needs them first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misses")
    parser.add_argument(
        "--part", choices=PARTS, action="append", help="read only this part (default: both)"
    )
    args = parser.parse_args()

    os.environ.setdefault("ADVISOR_HOME", tempfile.mkdtemp(prefix="advisor-bench-"))
    from advisor import api
    from bench.intake_scoring import load, report, score_cases

    for part in args.part or PARTS:
        cases = load(part)
        started = time.perf_counter()
        score = score_cases(cases, api.read_use_case)
        elapsed = time.perf_counter() - started
        print(f"\n{part}: {len(cases)} requests read in {elapsed:.1f} s")
        print(report(part, score))
        if args.misses and part == "tuning":
            for miss in score.misses:
                print(
                    f"tuning miss: {miss['id']} {miss['field']}: read {miss['read']!r}, gold {miss['gold']!r}"
                )


if __name__ == "__main__":
    main()
