"""Issue 21: every look-alike of a misreading from the expert review reads right.

Each case is a use case in words people wrote, and the fields it must (or must not) set; None
means the field stays unset (a wrong value is worse than none).
"""

from __future__ import annotations

import pytest

from advisor.intake import read_use_case
from advisor.questionnaire import get_answer

ABSENT = object()

CASES = [
    # a unit price is never the budget
    ("Extract fields from invoices, we pay $0.25 per invoice today", {"monthly_budget_usd": None}),
    (
        "Classify support emails; the current vendor charges 30 cents each",
        {"monthly_budget_usd": None},
    ),
    (
        "Summarise court cases, 200 a month, at most €2 a case",
        {"monthly_budget_usd": None, "requests_per_month": 200},
    ),
    (
        "Sammanfatta ärenden, 3 kr styck, 4 000 ärenden i månaden",
        {"monthly_budget_usd": None, "requests_per_month": 4000},
    ),
    # count x duration each
    ("Transcribe 10k calls a month, each about 4 minutes", {"audio_minutes_per_month": 40_000}),
    # the item named after "each", with no verb before its length
    (
        "Transcribe 10k calls a month, each call about 4 minutes",
        {"audio_minutes_per_month": 40_000},
    ),
    (
        "About 3,200 claims a month, each file ~12 pages; pull the fields out as JSON.",
        {"input_tokens": 6000, "context_tokens": 6000, "requests_per_month": 3200},
    ),
    (
        "Varje samtal ca 4 min, 2 000 samtal i månaden ska transkriberas",
        {"audio_minutes_per_month": 8000},
    ),
    (
        "We get 20k calls, ~4 min each, every month; transcribe them",
        {"audio_minutes_per_month": 80_000},
    ),
    (
        "Transcribe 900 recorded interviews of 40 minutes a month",
        {"audio_minutes_per_month": 36_000, "task": "speech-to-text"},
    ),
    # with no period the total is said and the monthly figure asked for, not assumed
    (
        "Transcribe 900 recorded interviews of 40 minutes for our research project",
        {"audio_minutes_per_month": None, "task": "speech-to-text"},
    ),
    # sizes are not document counts
    (
        "Our product has a 120 kB manual; answer customer questions from it",
        {"data.document_count": 1},
    ),
    ("Answer questions about a 120 kB manual", {"data.document_count": None}),
    ("Translate our product catalogue: 800 pages in 6 languages", {"data.document_count": None}),
    # sizes per request and per document
    (
        "Summarise legal case files; each case file is 400k-600k tokens",
        {"context_tokens": 600_000, "input_tokens": 500_000},
    ),
    (
        "Classify support tickets, roughly 50k tokens per ticket, 3,000 tickets a month",
        {"input_tokens": 50_000, "requests_per_month": 3000},
    ),
    # money with its currency and period, and Swedish number formats
    (
        "Chatbot for our shop. Budget EUR 800 a month",
        {"requests_per_month": None, "monthly_budget_usd": pytest.approx(831.12, abs=1)},
    ),
    (
        "Vi vill översätta 5 000 artiklar i månaden till engelska",
        {"requests_per_month": 5000, "task": "translation"},
    ),
    ("Sammanfatta 1,5 miljoner dokument per år", {"requests_per_month": 125_000}),
    ("Moderate 1.000 comments a day", {"requests_per_month": 30_000}),
    ("Answer 700k-1M questions a year from our wiki", {"requests_per_month": 70_833}),
    # deployment and hardware
    ("Summarise meeting notes, we already use LM Studio", {"deployment": "on-device"}),
    (
        "Run llama.cpp on a NUC in the shop to answer product questions",
        {"deployment": "on-device", "device": "single-board"},
    ),
    (
        "Classify documents on our box; it has no GPU",
        {"deployment": "self-hosted", "device": "cpu-server"},
    ),
    (
        "A reading assistant on tablets with 4 GB of memory",
        {"deployment": "on-device", "device": "tablet", "device_memory_gb": 4},
    ),
    (
        "Code assistant on our workstation with two RTX 4090s",
        {"owned_gpus": "2x RTX-4090", "deployment": "self-hosted"},
    ),
    ("We serve it with Ollama on our own servers", {"deployment": "self-hosted"}),
    # residency in every phrasing
    (
        "Support bot; customer data must not leave the EU",
        {"data_residency": "eu", "deployment": None},
    ),
    ("Supportbot. Kunddata får inte lämna EU.", {"data_residency": "eu", "deployment": None}),
    ("Sammanfatta avtal; datan måste stanna inom EU", {"data_residency": "eu", "deployment": None}),
    ("Nothing may be processed outside Europe", {"data_residency": "eu", "deployment": None}),
    ("All data must stay in the EU", {"data_residency": "eu"}),
    ("A chatbot for our customers in Europe", {"data_residency": None}),
    ("The data does not need to stay in the EU", {"data_residency": None}),
    # air-gapped either way it is said
    ("Summarise reports; data must stay in the building", {"deployment": "air-gapped"}),
    ("Summarise reports; no data may leave the building", {"deployment": "air-gapped"}),
    # the pronoun I is not Swedish
    ("I think I need a bot that I can ask about our HR policies, I guess", {"languages": None}),
    # nor does the language a request is written in: only languages the model must handle
    ("Jag vill ha en bot som svarar på frågor om våra policyer", {"languages": None}),
    ("Jag vill ha en bot som svarar på frågor på svenska och finska", {"languages": ["sv", "fi"]}),
    # "national" in "international" is no research lab
    ("A chatbot for our international customers", {"resources": None}),
]
IDS = [text[:50] for text, _ in CASES]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=IDS)
def test_look_alike_reads_right(text, expected):
    result = read_use_case(text)
    for field, value in expected.items():
        assert get_answer(result["answers"], field) == value, (field, result["answers"])


SIGNALS = [
    ("Run our mobile handsets' support chat", {"spoken_input": None}),
    ("When a user asks about an invoice, call the billing service", {"spoken_input": None}),
    ("Summarise conference-call minutes as text, 300 a month", {"spoken_input": False}),
    ("Transcribe 900 recorded interviews of 40 minutes", {"spoken_input": True}),
    (
        "A voice agent that answers the phone for our clinic",
        {"spoken_input": True, "spoken_output": True},
    ),
    (
        "Transcribe our support calls and summarise them",
        {"spoken_input": True, "spoken_output": None, "speakers": True},
    ),
    ("Describe what happens in our product videos", {"video": True}),
]


@pytest.mark.parametrize(("text", "expected"), SIGNALS, ids=[t[:50] for t, _ in SIGNALS])
def test_what_the_job_hears_and_says(text, expected):
    signals = read_use_case(text)["signals"]
    for name, value in expected.items():
        assert signals[name] == value, (name, signals)


def test_a_batch_without_a_period_is_said_and_asked():
    result = read_use_case(
        "Transcribe 900 recorded interviews of 40 minutes for our research project"
    )
    assert any("36,000 minutes in all" in warning for warning in result["warnings"])
    assert result["next_question"]["field"] == "audio_minutes_per_month"


def test_no_voice_pipeline_for_calls_that_are_not_speech():
    from advisor.advice.recommender import recommend

    for text in (
        "Support chatbot on mobile handsets; when asked about a bill, call the billing service",
        "Chat assistant for conference-call minutes as text, 300 a month",
        # "samtal" is a phone call or just a conversation: a chatbot's conversations are text
        "En kundtjänstbot på svenska som vi kör på egna servrar, ca 20 000 samtal i månaden",
    ):
        rec = recommend({"use_case": text})
        assert not [c for c in rec.components if c.role in ("speech-to-text", "text-to-speech")], (
            text
        )


@pytest.mark.parametrize(
    "text",
    [
        "Sammanfatta 400 samtal i månaden, de är ungefär 12 minuter långa",
        "Vi vill transkribera samtal från vår telefonkö",
    ],
)
def test_swedish_calls_with_a_length_or_a_phone_are_speech(text):
    assert read_use_case(text)["signals"]["spoken_input"] is True


def test_swedish_and_english_wordings_read_the_same():
    english = read_use_case(
        "Answer customer questions from our 2,000 help articles, about 30,000 questions a month, "
        "budget 5,000 kr a month; customer data must not leave the EU"
    )["answers"]
    swedish = read_use_case(
        "Svara på kundernas frågor utifrån våra 2 000 hjälpartiklar, ca 30 000 frågor i månaden, "
        "budget 5 000 kr i månaden; kunddata får inte lämna EU"
    )["answers"]
    for field in (
        "task", "requests_per_month", "monthly_budget_usd", "data_residency", "deployment",
        "data.document_count", "data.private_knowledge",
    ):  # fmt: skip
        assert get_answer(english, field) == get_answer(swedish, field), field
    assert english["data_residency"] == "eu" and english["requests_per_month"] == 30_000
