"""bench/intake_look.py, the held-out look in one command: its reads, its figures and its move,
on cases written for these tests (never the corpus's held-out texts)."""

from __future__ import annotations

import json

import pytest

from bench import intake_look
from bench.intake_scoring import overall_line

CASES = [
    {"id": "t1", "text": "Summarise our 200 support emails a day. Budget $300 a month.",
     "gold": {"task": "summarization", "requests_per_month": 6000, "monthly_budget_usd": 300}},
    {"id": "t2", "text": "Vi vill översätta ca 300 brev i månaden till arabiska.",
     "gold": {"task": "translation", "requests_per_month": 300, "languages": ["ar"],
              "latency": "batch"}},
]  # fmt: skip


def test_the_figures_and_the_wrong_values_by_kind():
    reads = {
        "t1": {"task": "summarization", "requests_per_month": 6000, "priority": "cost"},
        "t2": {"task": "chat", "requests_per_month": 300, "languages": ["ar"]},
    }
    score = intake_look.scored(CASES, reads)
    assert overall_line("look", len(CASES), score) == (
        "look: 2 requests, precision 0.667 (4/6), recall 0.571 (4/7)"
    )
    assert intake_look.wrong_values(score).splitlines() == [
        "  read where the gold has none 1: priority 1",
        "  wrong 1: task 1",
        "  unread 2: monthly_budget_usd 1, latency 1",
    ]


def test_a_move_takes_the_cases_whole_to_the_end_of_tuning(tmp_path):
    rows = {part: [{"id": f"{part[0]}{n}", "text": f"text {n}", "gold": {}} for n in range(3)]
            for part in ("tuning", "heldout")}  # fmt: skip
    for part, cases in rows.items():
        (tmp_path / f"{part}.jsonl").write_text(
            "".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8"
        )
    intake_look.move_to_tuning({"h0", "h2"}, tmp_path)
    read = {part: [json.loads(line) for line in (tmp_path / f"{part}.jsonl").open()]
            for part in rows}  # fmt: skip
    assert [case["id"] for case in read["heldout"]] == ["h1"]
    assert read["tuning"] == [*rows["tuning"], rows["heldout"][0], rows["heldout"][2]]


@pytest.mark.subprocess
def test_an_earlier_commit_reads_in_its_own_worktree():
    # HEAD's reader is this checkout's reader as committed: the two read alike
    here = intake_look.read_with(intake_look.ROOT, CASES)
    assert here["t1"]["requests_per_month"] == 6000
    assert intake_look.read_at("HEAD", CASES) == here
