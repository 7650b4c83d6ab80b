"""A value is set only where the sentence's structure ties it to the field (issue 21): a count
counts the head of its noun phrase, a rate is multiplied only by the items that "each" stands
for, a machine is where it runs only when it is not one of the options weighed, bought, or only
tried, and memory belongs to the machine it is stated with. Phrasings written for these tests,
not taken from the corpus."""

from __future__ import annotations

import pytest
from inferred import read  # tests/advisor/intake/inferred.py


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "each" standing for the counted items makes the rate every item's own
        ("We have 300 support agents and each gets 20 questions a day from customers.",
         "requests_per_month", 300 * 20 * 30),
        ("We got 2 clients, each sending 100 invoices a month.", "requests_per_month", 200),
        # a rate whose owner the sentence leaves open is asked, not guessed
        ("There are 40 schools and each has about 200 pupils asking 3 questions a week.",
         "requests_per_month", None),
        ("Each of them sends 5 orders a week.", "requests_per_month", None),
        # documents added to a Q&A bot's collection are no calls to the model
        ("A bot that answers questions from our 5,000 documents; we add 50 documents a month.",
         "requests_per_month", None),
        ("A bot that answers questions from our 5,000 documents; we add 50 documents a month.",
         "data.document_count", 5000),
        # the head of the noun phrase is what is counted
        ("We sell 5 product lines and want a chatbot that answers questions about them.",
         "data.document_count", None),
        ("There are 12 document types in the archive we want to classify.",
         "data.document_count", None),
        ("The repo has 200,000 lines of code and we want code review suggestions.",
         "data.document_count", None),
        ("Our handbook is 300 pages long and staff ask questions about it.",
         "data.document_count", None),
        ("Roughly 800 weekly tickets reach the service desk.", "requests_per_month", 3464),
    ],
)  # fmt: skip
def test_counts_are_read_by_their_structure(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a personal machine's memory is not the memory where it runs, when a server runs it
        ("I'm testing on my laptop with 16GB RAM but the model will run on a server in production.",
         {"device_memory_gb": None, "device": None, "deployment": None}),
        ("The model runs on our server; for development I use a MacBook with 32 GB of memory.",
         {"device_memory_gb": None, "device": None, "deployment": "self-hosted"}),
        ("I run llama.cpp on my laptop (16 GB RAM, no GPU) to summarise my notes.",
         {"device_memory_gb": 16, "device": "laptop", "deployment": "on-device"}),
        # options weighed or hardware being bought is not where it runs, nor GPUs the person has
        ("Thinking about buying a Mac Studio or a server with two 4090s to run models for the "
         "team. Which one?", {"deployment": None, "device": None, "owned_gpus": None}),
        ("Which is faster for inference: Ollama or vLLM?", {"deployment": None}),
        ("vLLM on 2x A100 serving our internal users, 30 concurrent.",
         {"deployment": "self-hosted", "owned_gpus": "2x A100-80GB"}),
        # someone else's machine; the software's packaging asked about
        ("My friend runs Ollama on his gaming PC; would a hosted API be cheaper for our shop?",
         {"deployment": None}),
        ("Does the docker image support ARM? I'd like to deploy it eventually.",
         {"deployment": None}),
        ("We run the whole stack in Docker on our own box.", {"deployment": "self-hosted"}),
        # "no internet" negating something else; a device named with its owner
        ("We have no internet access problems, the API is fast.", {"deployment": None}),
        ("The app has to work on the customer's phone without a connection, e.g. in a mine.",
         {"deployment": "on-device", "device": "phone"}),
        # calling a model provider's API is how the model is reached, not a tool it calls
        ("Error when calling the OpenAI API: 429 rate limit. How do I handle retries?",
         {"needs": None, "deployment": "cloud-api"}),
    ],
)  # fmt: skip
def test_where_it_runs_is_the_machine_said_to_run_it(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected
