"""Extractive answers read as one coherent answer: whole passages in their order, shaped by the
kind of question (definition, comparison, when, how), in English and Swedish.

`tests/data/concepts.jsonl` holds concept questions with the facts each answer must contain
(`facts`), what its first passage must say (`lead`) and phrases that must appear in order
(`order`)."""

from __future__ import annotations

import json
import re

import pytest
from paths import DATA as TEST_DATA
from paths import ROOT

from advisor.answers import qa
from advisor.answers.question_kind import question_kind

DATA = TEST_DATA / "concepts.jsonl"
CONCEPTS = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
# The lesson the knowledge base is built from, where a checkout sits beside it (optional).
SEED = ROOT.parent / "shared" / "seed"


def _passages(answer: str) -> list[str]:
    return answer.split("\n\n")


def test_the_question_set_is_broad():
    kinds = {item["kind"] for item in CONCEPTS}
    assert {"definition", "comparison", "when", "how"} <= kinds
    swedish = [
        item for item in CONCEPTS if re.search(r"\b(?:vad|hur|när|ska)\b", item["question"], re.I)
    ]
    assert len(CONCEPTS) >= 20 and len(swedish) * 4 >= len(CONCEPTS)


@pytest.mark.parametrize("item", CONCEPTS, ids=[item["id"] for item in CONCEPTS])
@pytest.mark.index
def test_concept_questions_are_answered_in_full(item):
    result = qa.ask(item["question"]).to_json()
    answer = result["answer"]
    assert result["citations"], answer
    assert question_kind(item["question"]).kind == item["kind"]
    for fact in item["facts"]:
        assert fact.lower() in answer.lower(), (fact, answer)
    lead = _passages(answer)[0].lower()
    for fact in item.get("lead", []):
        assert fact.lower() in lead, (fact, answer)
    if item.get("order"):
        places = [answer.find(phrase) for phrase in item["order"]]
        assert min(places) >= 0 and places == sorted(places), answer
    for passage in _passages(answer):
        assert re.search(r"\[\d+\][.!…\"')\]]*$", passage), passage


@pytest.mark.parametrize(
    "question,kind",
    [
        ("What is RAG?", "definition"),
        ("whats RAG", "definition"),
        ("Vad betyder few-shot?", "definition"),
        ("What are embeddings good for?", "general"),
        ("What is a code generation model trained on?", "general"),
        ("Open-weights or proprietary?", "comparison"),
        ("Compare GPT-4o with Llama", "comparison"),
        ("Vad är skillnaden mellan RAG och finjustering?", "comparison"),
        ("When should I use RAG?", "when"),
        ("När bör man finjustera?", "when"),
        ("How do I build an evaluation set?", "how"),
        ("Hur fungerar RAG?", "how"),
        ("How much does GPT-4o cost?", "general"),
    ],
)
def test_question_kinds_in_english_and_swedish(question, kind):
    assert question_kind(question).kind == kind


@pytest.mark.index
def test_a_sequence_keeps_its_middle_steps():
    # The old answer stitched the first and third steps of this paragraph together.
    answer = qa.ask(
        "How do I give the model access to our company documents at question time?"
    ).to_json()
    text = answer["answer"]
    steps = [
        "Collect the documents",
        "Clean them and split",
        "Embed the passages",
        "At question time",
    ]
    places = [text.find(step) for step in steps]
    assert min(places) >= 0 and places == sorted(places), text


@pytest.mark.index
def test_a_numbered_list_is_never_cut():
    # The lesson's knowledge check, kept as the quiz's numbered questions.
    text = qa.ask("Which quiz questions check how to improve an LLM's answers?").to_json()["answer"]
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)]
    if numbers:
        assert numbers == list(range(1, len(numbers) + 1)), text


@pytest.mark.index
def test_an_analogy_is_introduced_before_it_is_used():
    text = qa.ask("What does the writer in the quiz team analogy stand for?").to_json()["answer"]
    assert "writer" in text.lower()
    assert "Picture a manager" in _passages(text)[0], text  # the analogy's own introduction
    for question in ("Is GPT a decoder-only model?", "What is an encoder-only model?"):
        text = qa.ask(question).to_json()["answer"]
        if "quiz team" in text:
            assert text.find("Picture a manager") < text.find("quiz team"), text


@pytest.mark.index
def test_architecture_question_says_what_each_is_for():
    text = qa.ask("What are encoder-only, decoder-only and encoder-decoder models for?").to_json()[
        "answer"
    ]
    for architecture in (
        "encoder-only model for",
        "encoder-decoder model for",
        "decoder-only model for",
    ):
        assert architecture in text, text
    assert "the writer resembles" not in text


@pytest.mark.index
def test_trade_off_question_gives_both_sides_and_when_each_fits():
    text = qa.ask("Should we pick an open-weights or a proprietary model?").to_json()["answer"]
    assert "open-weights model you can host yourself" in text  # when open fits
    assert re.search(
        r"proprietary model is often the better choice|choose a proprietary", text, re.I
    )


@pytest.mark.index
def test_no_answer_opens_on_a_sentence_that_leans_on_another():
    for item in CONCEPTS:
        answer = qa.ask(item["question"]).to_json()["answer"]
        answer = answer.removeprefix(qa.SOURCE_NOTE["sv"]).lstrip()
        assert not re.match(r"(?:This|These|That|It|They|However|But|Also)\b", answer), answer


@pytest.mark.index
def test_the_lessons_knowledge_check_is_answered():
    seed = next(SEED.glob("*.txt"), None) if SEED.exists() else None
    question = "Vad kan vara ett bra tillvägagångssätt för att förbättra LLM-slutföringsresultat?"
    if seed is not None:
        assert question in seed.read_text(encoding="utf-8")
    text = qa.ask(question).to_json()["answer"]  # from the Swedish version of the article
    for approach in ("Promptteknik", "RAG", "Finjustering", "Träning från grunden"):
        assert approach in text, text


@pytest.mark.parametrize(
    "opening,defines",
    [
        ("An embedding is a list of numbers that represents meaning.", True),
        ("Retrieval-augmented generation (RAG) is a way of answering from documents.", True),
        # the subject is what the verb is said of, not a word later in the sentence
        (
            "Chunking, the way documents are split into passages, strongly affects RAG quality.",
            False,
        ),
        ("RAG and fine-tuning solve different problems and are often combined.", False),
        # saying how good it is says nothing of what it is
        ("RAG is the right approach when answers depend on your own documents.", False),
    ],
)
def test_a_definition_opens_by_saying_what_its_subject_is(opening, defines):
    from advisor.answers import extractive

    unit = extractive.Unit(
        doc="d", heading="h", heading_en="h", text=opening, text_en=opening, section=0, place=0,
        first=opening, first_en=opening, first_terms=frozenset(extractive._terms(opening)),
        terms=frozenset(extractive._terms(opening)),
    )  # fmt: skip
    assert extractive._defines(unit, {"rag"} if "RAG" in opening else {"embed"}) is defines
