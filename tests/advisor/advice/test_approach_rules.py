"""Issue 12, class 5: approach rules an expert would sign (tests/data/advice_approach.jsonl).

Prompt first and measure; RAG for private or changing knowledge; fine-tuning for behaviour,
format, speed or cost at volume with enough good examples (agents start with function calling);
continued pretraining of an open model before training from scratch. Every reason names the
answers that drove it, and the knowledge-base articles it cites exist."""

from __future__ import annotations

import json
import re

import pytest
from advice_checks import problems
from paths import DATA, ROOT

from advisor.advice.recommender import recommend
from advisor.questionnaire import FIELDS

ARTICLES = {path.stem for path in (ROOT / "knowledge" / "articles").glob("*.md")}
CASES = [json.loads(line) for line in (DATA / "advice_approach.jsonl").open() if line.strip()]
EVERY_CASE = [
    json.loads(line)
    for name in ("advice.jsonl", "advice_expert.jsonl", "advice_approach.jsonl")
    for line in (DATA / name).open()
    if line.strip()
]
CITED = re.compile(r"\(knowledge base: ([\w, -]+)\)")
QUOTED = re.compile(r"\b([a-z_]+(?:\.[a-z_]+)?): [\"\d\w]")


def test_the_cases_cover_free_text_swedish_and_every_approach():
    free = [c for c in CASES if "use_case" in c["input"] and "task" not in c["input"]]
    swedish = [c for c in free if re.search("[åäö]", c["input"]["use_case"])]
    approaches = {a for c in CASES for a in c["expect"]["approach"]}
    assert len(free) * 2 >= len(CASES) and len(swedish) >= 3
    assert approaches >= {"prompt-engineering", "rag", "fine-tuning", "training-from-scratch"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_approach_case(case):
    assert problems(case, recommend(case["input"])) == []


@pytest.mark.parametrize("case", EVERY_CASE, ids=[c["id"] for c in EVERY_CASE])
def test_reasons_name_the_answers_and_cite_articles_that_exist(case):
    reasons = recommend(case["input"]).approach.reasons
    cited = {a.strip() for r in reasons for m in CITED.findall(r) for a in m.split(",")}
    assert cited and cited <= ARTICLES
    # the first reason is the one that decided: it names at least one questionnaire answer
    named = {m for m in QUOTED.findall(reasons[0]) if m in FIELDS}
    assert named, reasons[0]


def test_private_documents_are_never_told_general_knowledge_is_enough():
    for case in EVERY_CASE:
        rec = recommend(case["input"])
        data = rec.questionnaire.get("data", {})
        if data.get("private_knowledge") or data.get("document_count"):
            assert "General knowledge" not in " ".join(rec.approach.reasons), case["id"]


def test_a_corpus_too_small_for_a_good_model_never_means_training_from_scratch():
    # 50B tokens make a ~2.5B model at 20 tokens per parameter: weaker than open models to adapt
    answers = {
        "use_case": "our own model for a language no existing model supports",
        "task": "text-generation",
        "resources": "high",
        "data": {"domain_corpus_tokens": 50_000_000_000},
    }
    assert recommend(answers).approach.primary == "fine-tuning"
    answers["data"]["domain_corpus_tokens"] = 150_000_000_000
    assert recommend(answers).approach.primary == "training-from-scratch"
