"""The intake corpus is well-formed, and the bench scores it the way its README says.

The reader's accuracy on the corpus is the benchmark's business (bench/bench_intake.py), not a
test's: nothing here runs the reader.
"""

from __future__ import annotations

import re

import pytest

from advisor.questionnaire import FIELDS, get_answer, parse_questionnaire, set_answer
from bench.intake_scoring import (
    CORPUS_DIR,
    PARTS,
    Score,
    load,
    read_fields,
    same,
    score_annotator,
    second_annotations,
)

KEYS = {"id", "text", "lang", "source", "source_note", "gold"}
OPTIONAL = {"unannotated"}  # fields the case's gold was never annotated for
CORPUS = {part: load(part) for part in PARTS}
ALL = [case for part in PARTS for case in CORPUS[part]]


def is_real(case: dict) -> bool:
    return case["source"] != "written"


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def valid_gold(case_id: str, gold: dict) -> None:
    answers = {"use_case": "a request"}
    for path, value in gold.items():
        assert path in FIELDS, f"{case_id}: {path} is no questionnaire field"
        set_answer(answers, path, value)
    parsed = parse_questionnaire(answers).model_dump()
    for path, value in gold.items():
        # the gold is written the way the questionnaire normalises it (codes, "2x A100-80GB")
        assert get_answer(parsed, path) == value, f"{case_id}: {path}"


@pytest.mark.parametrize("case", ALL, ids=[case["id"] for case in ALL])
def test_each_case_has_the_documented_shape_and_a_valid_gold(case):
    assert KEYS <= set(case) <= KEYS | OPTIONAL
    unannotated = case.get("unannotated", [])
    assert all(path in FIELDS and path not in case["gold"] for path in unannotated)
    assert case["text"].strip() and case["source_note"].strip()
    assert case["lang"] in ("en", "sv")
    assert case["source"] == "written" or re.match(r"https?://\S+$", case["source"])
    if is_real(case):
        assert len(case["text"]) <= 700, "a real excerpt is trimmed to the request"
    valid_gold(case["id"], case["gold"])


def test_the_corpus_is_big_enough_real_enough_and_swedish_enough():
    real = [case for case in ALL if is_real(case)]
    assert len(ALL) >= 300
    assert len(real) >= 150
    assert len(real) * 2 >= len(ALL), "at least half are real public questions"
    assert sum(case["lang"] == "sv" for case in ALL) >= 60
    assert len(CORPUS["heldout"]) >= 100


def test_ids_are_unique_and_no_text_is_in_both_parts():
    ids = [case["id"] for case in ALL]
    assert len(ids) == len(set(ids))
    tuning = {normalised(case["text"]) for case in CORPUS["tuning"]}
    assert not [case["id"] for case in CORPUS["heldout"] if normalised(case["text"]) in tuning]


def test_the_readme_states_the_split():
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    assert "20261206" in readme and "never used to write rules" in readme


def test_numbers_are_the_same_within_ten_percent_lists_as_sets_and_strings_exactly():
    assert same("requests_per_month", 19_000, 20_000)
    assert not same("requests_per_month", 17_000, 20_000)
    assert same("monthly_budget_usd", 0, 0) and not same("monthly_budget_usd", 0.5, 0)
    assert not same("requests_per_month", True, 1)
    assert same("languages", ["SV", "en"], ["en", "sv"])
    assert not same("languages", ["en"], ["en", "sv"])
    assert same("deployment", "on-device", "on-device")
    assert not same("deployment", "self-hosted", "on-device")
    assert same("data.private_knowledge", True, True)


def test_only_values_the_reader_says_it_read_from_text_are_scored():
    result = {
        "answers": {"task": "chat", "requests_per_month": 500, "data": {"document_count": 10}},
        "inferred": ["task", "data.document_count"],  # the volume was a default, not read
    }
    assert read_fields(result) == {"task": "chat", "data.document_count": 10}


def test_a_value_read_where_the_text_states_none_costs_precision_not_recall():
    score = Score()
    score.add("a", {"task": "chat", "monthly_budget_usd": 0.25}, {"task": "chat"})
    score.add("b", {}, {"monthly_budget_usd": 100})
    budget = score.fields["monthly_budget_usd"]
    assert (budget.read, budget.read_right, budget.gold, budget.gold_found) == (1, 0, 1, 0)
    assert score.fields["task"].precision == 1.0 and score.fields["task"].recall == 1.0
    assert ("recall task >= 0.85", True) in score.goals()
    assert ("precision monthly_budget_usd >= 0.97", False) in score.goals()


def test_a_field_the_case_was_never_annotated_for_is_not_scored():
    score = Score()
    score.add("a", {"device": "phone", "task": "chat"}, {"task": "chat"}, skip=["device"])
    assert "device" not in score.fields and score.fields["task"].precision == 1.0


def test_a_second_annotation_is_of_corpus_cases_and_valid():
    golds = second_annotations()
    ids = {case["id"] for case in ALL}
    assert set(golds) <= ids
    for case_id, gold in golds.items():
        valid_gold(case_id, gold)


def test_the_second_annotator_is_scored_like_a_reader_on_the_cases_it_annotated():
    cases = [
        {"id": "a", "gold": {"task": "chat", "languages": ["sv"]}},
        {"id": "b", "gold": {"task": "summarization"}, "unannotated": ["device"]},
        {"id": "c", "gold": {"task": "translation"}},  # not annotated again: not scored
    ]
    second = {"a": {"task": "chat"}, "b": {"task": "extraction", "device": "laptop"}}
    score = score_annotator(cases, second)
    task = score.fields["task"]
    assert (task.read, task.read_right, task.gold, task.gold_found) == (2, 1, 2, 1)
    assert score.fields["languages"].recall == 0.0 and "device" not in score.fields
