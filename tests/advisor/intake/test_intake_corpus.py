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
    adjudicated,
    agreement,
    double_annotations,
    latest_look,
    load,
    read_fields,
    same,
)

KEYS = {"id", "text", "lang", "source", "source_note", "gold"}
# fields the case's gold was never annotated for; the held-out look that first read it (or
# will: the cases drawn since the last look)
OPTIONAL = {"unannotated", "first_look"}
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
    assert isinstance(case.get("first_look", 1), int) and case.get("first_look", 1) >= 1
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


@pytest.mark.parametrize(
    "row", double_annotations(), ids=[row["id"] for row in double_annotations()]
)
def test_a_double_annotated_case_ends_with_its_adjudicated_gold(row):
    case = next(case for case in ALL if case["id"] == row["id"])
    valid_gold(row["id"], row["first"])
    valid_gold(row["id"], row["second"])
    for decision in row.get("adjudicated", ()):
        assert decision["field"] in FIELDS and decision["reason"].strip()
        assert decision["chose"] in ("first", "second", "neither")
    for correction in row.get("corrections", ()):
        assert correction["field"] in FIELDS and correction["reason"].strip()
    # the gold is re-derived from the record: the first annotation with the decisions applied
    assert case["gold"] == adjudicated(row)


def test_agreement_counts_each_field_either_annotator_set_once():
    cases = [{"id": "a"}, {"id": "b", "unannotated": ["device"]}]
    rows = [
        {"id": "a", "first": {"task": "chat", "languages": ["sv"]}, "second": {"task": "chat"}},
        {"id": "b", "first": {"task": "summarization"},
         "second": {"task": "extraction", "device": "laptop", "latency": "batch"}},
        {"id": "z", "first": {"task": "chat"}, "second": {}},  # not in these cases
    ]  # fmt: skip
    fields = agreement(rows, cases)
    assert (fields["task"].agreed, fields["task"].differed) == (1, 1)
    assert fields["languages"].first_only == 1 and fields["latency"].second_only == 1
    assert "device" not in fields and fields["task"].ratio == 0.5


def test_the_cases_drawn_since_the_last_look_are_told_apart_from_the_survivors():
    latest, look, earlier = latest_look(CORPUS["heldout"])
    if latest:
        assert look >= 12 and all(case.get("first_look") == look for case in latest)
        assert not {case["id"] for case in latest} & {case["id"] for case in earlier}
        assert len(latest) + len(earlier) == len(CORPUS["heldout"])
    assert latest_look([{"id": "a"}, {"id": "b"}]) == ([], None, [{"id": "a"}, {"id": "b"}])
