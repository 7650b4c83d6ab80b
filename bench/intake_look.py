"""A held-out look: the reader of this checkout, and optionally an earlier one, on the held-out part.

The procedure of tests/data/intake/README.md ("Held-out log") in one command, so that a look
never prints a held-out text: figures for the cases of the latest `first_look` (text no reader
has met), the survivors of earlier looks and the whole part; the values the two readers read
differently (id, field, values); the wrong values by kind; and the ids of the cases with a
disagreement, which `--move` moves to the tuning part (appended, unchanged). The README's log
entry is written by hand.

`--against <commit>` reads the same cases with the reader of that commit too (a git worktree in
a temporary directory, run with this checkout's Python), so a session's end reader is compared
with its start. Run it once per look: the cases it measures are then read.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import scratch_dir  # noqa: E402

# run inside a worktree: read the texts given on stdin, write {id: fields read} to stdout
_READ_IN_TREE = """
import json, sys
from advisor import api
from bench.intake_scoring import read_fields
cases = json.load(sys.stdin)
json.dump({case["id"]: read_fields(api.read_use_case(case["text"])) for case in cases}, sys.stdout)
"""


def read_with(tree: Path, cases: list[dict]) -> dict[str, dict]:
    """{id: fields read} for each case, by the reader in `tree`."""
    env = {**os.environ, "ADVISOR_HOME": scratch_dir("advisor-look-")}
    done = subprocess.run(
        [sys.executable, "-c", _READ_IN_TREE],
        input=json.dumps([{"id": case["id"], "text": case["text"]} for case in cases]),
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
        check=False,
    )
    if done.returncode:
        sys.exit(f"reading in {tree} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def read_at(commit: str, cases: list[dict]) -> dict[str, dict]:
    """{id: fields read} by the reader of `commit`, from a temporary worktree."""
    with tempfile.TemporaryDirectory(prefix="intake-look-") as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), commit],
            check=True,
        )
        try:
            return read_with(tree, cases)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
            )


def scored(cases: list[dict], reads: dict[str, dict]):
    from bench.intake_scoring import Score

    score = Score()
    for case in cases:
        score.add(case["id"], reads[case["id"]], case["gold"], case.get("unannotated", ()))
    return score


def wrong_values(score) -> str:
    """The wrong values of a `Score`, by kind and field."""
    kinds: dict[str, Counter] = {"read where the gold has none": Counter(), "wrong": Counter(),
                                 "unread": Counter()}  # fmt: skip
    for miss in score.misses:
        if miss["read"] is None:
            kinds["unread"][miss["field"]] += 1
        elif miss["gold"] is None:
            kinds["read where the gold has none"][miss["field"]] += 1
        else:
            kinds["wrong"][miss["field"]] += 1
    return "\n".join(
        f"  {kind} {sum(count.values())}: "
        + ", ".join(f"{field} {n}" for field, n in count.most_common())
        for kind, count in kinds.items()
    )


def move_to_tuning(ids: set[str], directory: Path | None = None) -> None:
    """The cases with these ids leave held-out for the end of the tuning part, unchanged."""
    from bench.intake_scoring import CORPUS_DIR

    directory = directory or CORPUS_DIR
    heldout, tuning = directory / "heldout.jsonl", directory / "tuning.jsonl"
    lines = [line for line in heldout.read_text(encoding="utf-8").splitlines() if line]
    moved = [line for line in lines if json.loads(line)["id"] in ids]
    kept = [line for line in lines if json.loads(line)["id"] not in ids]
    heldout.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with tuning.open("a", encoding="utf-8") as out:
        out.write("\n".join(moved) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="COMMIT", help="also read with this commit's reader")
    parser.add_argument("--move", action="store_true", help="move the disagreeing cases to tuning")
    args = parser.parse_args()

    from bench.intake_scoring import latest_look, load, overall_line, report

    cases = load("heldout")
    latest, look, earlier = latest_look(cases)
    readers = {"this checkout": read_with(ROOT, cases)}
    if args.against:
        readers = {f"at {args.against}": read_at(args.against, cases), **readers}
    disagreeing: set[str] = set()
    for name, reads in readers.items():
        print(f"\n== the reader {name}")
        if latest:
            fresh = scored(latest, reads)
            print(overall_line(f"drawn for look {look}, never read before", len(latest), fresh))
            print(report(f"look {look}", fresh))
            print(wrong_values(fresh))
        print(overall_line("read at earlier looks", len(earlier), scored(earlier, reads)))
        whole = scored(cases, reads)
        print(overall_line("all held-out", len(cases), whole))
        disagreeing |= {miss["id"] for miss in whole.misses}
    if args.against:
        before, after = readers.values()
        print("\nvalues read differently (id field: before -> after):")
        for case in cases:
            one, other = before[case["id"]], after[case["id"]]
            for field in sorted(set(one) | set(other)):
                if one.get(field) != other.get(field):
                    print(f"  {case['id']} {field}: {one.get(field)!r} -> {other.get(field)!r}")
    order = [case["id"] for case in cases if case["id"] in disagreeing]
    print(f"\n{len(order)} cases with a disagreement: {', '.join(order)}")
    if args.move and order:
        move_to_tuning(set(order))
        print(f"moved {len(order)} cases to the tuning part; write the README's log entry")


if __name__ == "__main__":
    main()
