"""Intake benchmark: how well free text is read, field by field, on the intake corpus.

Runs the current reader (`advisor.api.read_use_case`, whatever implements it) on the tuning and the
held-out part of tests/data/intake/ and prints precision and recall per field, an overall line,
and the issue's goals (precision >= 0.97 for every field read; recall >= 0.85 for volume, budget,
deployment, residency, languages, task) as met or not met.

`--part tuning` reads only the tuning part (while working on the reader: the held-out figures
are looked at once a change is done). `--misses` lists the tuning part's disagreements (id, field, read, gold) to work on. The held-out
part's texts and misses are never printed: no rule is written against it (tests/data/intake/README.md).
Where cases were annotated twice (tests/data/intake/double_annotation.jsonl), the bench prints how
often the two annotators agreed per field before adjudication: how exactly the gold can be known.
`--variants` reads only the issue's look-alikes said again in other words (printed first on a full
run too). `--long` times instead a few texts of 10,000 characters (the most the advice reads) that are dense
in figures or repeat one phrase, the slowest kinds of text for the readers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import scratch_home  # noqa: E402

PARTS = ("tuning", "heldout")  # as bench.intake_scoring.PARTS; argparse needs them first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misses")
    parser.add_argument(
        "--part", choices=PARTS, action="append", help="read only this part (default: both)"
    )
    parser.add_argument("--long", action="store_true", help="time 10,000-character texts")
    parser.add_argument("--variants", action="store_true", help="read only the look-alike variants")
    args = parser.parse_args()

    scratch_home()
    from advisor import api

    if args.long:
        return long_texts(api.read_use_case)
    from bench.intake_scoring import (
        agreement,
        agreement_report,
        double_annotations,
        latest_look,
        load,
        load_variants,
        overall_line,
        report,
        score_cases,
        variants_report,
    )

    if args.variants or not args.part:
        print(variants_report(load_variants(), api.read_use_case))
    if args.variants:
        return
    for part in args.part or PARTS:
        cases = load(part)
        started = time.perf_counter()
        score = score_cases(cases, api.read_use_case)
        elapsed = time.perf_counter() - started
        print(f"\n{part}: {len(cases)} requests read in {elapsed:.1f} s")
        print(report(part, score))
        if part == "heldout":
            latest, look, earlier = latest_look(cases)
            if latest:
                # the survivors of earlier looks read right by selection: only the cases drawn
                # since then measure the reader on text it has never met
                for name, group in (
                    (f"heldout, drawn for look {look}", latest),
                    ("heldout, read at earlier looks", earlier),
                ):
                    print(overall_line(name, len(group), score_cases(group, api.read_use_case)))
        ids = {case["id"] for case in cases}
        if rows := [row for row in double_annotations() if row["id"] in ids]:
            print(f"\n{part}: two annotators, blind to each other, on {len(rows)} of its requests")
            print(agreement_report(part, agreement(rows, cases)))
        if args.misses and part == "tuning":
            for miss in score.misses:
                print(
                    f"tuning miss: {miss['id']} {miss['field']}: read {miss['read']!r}, gold {miss['gold']!r}"
                )


LONG_TEXTS = {
    "a figure every two characters": "1 " * 5000,
    "sums": "$1 " * 3400,
    "GPU counts": "2x " * 3400,
    "sizes": "4.1 GB " * 1430,
    "one sentence repeated": "We want a chatbot. " * 527,
    "emoji between words": "we want 😀 a chatbot 🚀 " * 455,
}


def long_texts(read) -> None:
    read("a support chatbot")  # loads the readers (and the embedder) before timing
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, text in LONG_TEXTS.items():
        started = time.perf_counter()
        read(text[:10_000])
        print(f"{time.perf_counter() - started:6.2f} s  {name}")


if __name__ == "__main__":
    main()
