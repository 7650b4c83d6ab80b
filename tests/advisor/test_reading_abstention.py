"""Weak evidence sets nothing (issue 21: a wrong value is worse than no value): a word that
describes something else, names a nationality or a product, or says what is used rather than
wanted leaves the field unset; the wording that does state it still sets it."""

from __future__ import annotations

import pytest

from advisor.intake import read_use_case


def read(text: str) -> dict:
    result = read_use_case(text)
    return {field: _get(result["answers"], field) for field in result["inferred"]}


def _get(answers: dict, path: str):
    if path.startswith("data."):
        return (answers.get("data") or {}).get(path[5:])
    return answers.get(path)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "cheap" said of a product is a description, not what matters most
        ("The OpenAI API is really quite cheap, it cost me a dollar last month.", "priority", None),
        ("Deepgram is quite inexpensive for transcription.", "priority", None),
        ("Classify tickets, it has to be cheap.", "priority", "cost"),
        ("Priority is accuracy, not cost: suggest diagnosis codes.", "priority", "quality"),
        ("Bästa kvalitet är viktigast, pris spelar mindre roll.", "priority", "quality"),
        # a nationality before an organisation is no language
        ("Must be GDPR compliant. Chatbot for a Dutch bank.", "languages", None),
        ("We're a German Mittelstand company. Summaries of sales calls.", "languages", None),
        ("Chatbot for our Dutch customers.", "languages", ["nl"]),
        # the news mentioned, not asked about
        ("There is news that people run agents on Mac minis.", "data.update_frequency", None),
        ("Summarise 300 news articles every night.", "data.update_frequency", None),
        ("Answer questions about today's news", "data.update_frequency", "daily"),
        # "internal" or "our data" say nothing about answers coming from documents
        ("Can we run the company's internal LLM in an offline network?", "data.private_knowledge",
         None),
        ("Our data processing can only happen within the EU.", "data.private_knowledge", None),
        ("I have about 300 PDFs of old manuals and want to search them by meaning.",
         "data.private_knowledge", True),
        # a version number is not a count of examples
        ("I run ChatGPT 4.0 for zero-shot trajectory prediction.", "data.labeled_examples", None),
        ("Vi har ca 15 000 frågor och svar som kan användas som träningsdata.",
         "data.labeled_examples", 15000),
        # a wish for speed is not real time; a small or hobby team is not a team without skills
        ("Serve Llama on a local server with low latency and high throughput.", "latency", None),
        ("Classify posts for my hobby project.", "resources", None),
        ("I think I need a model for our return policy. I'm not technical.", "resources", "low"),
        ("Vi är 3 pers och ingen kan programmera. Vill ha en chattbot.", "resources", "low"),
    ],
)  # fmt: skip
def test_weak_evidence_sets_nothing_and_a_statement_still_does(text, field, value):
    assert read(text).get(field) == value
