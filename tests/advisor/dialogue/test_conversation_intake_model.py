"""Issue 21, item 5 in the conversation (the Slack bot's brain): with ADVISOR_INTAKE_MODEL set (a
local fake OpenAI-compatible server stands in for the provider), a value the model reads
differently from the built-in readers is asked back before the advice rests on it; the values
the model filled in are the ones the recommendation uses; the model reads each text once."""

from __future__ import annotations

import pytest
from tiers import needs  # tests/tiers.py

from advisor.dialogue.conversation import handle
from advisor.dialogue.replies import question_text
from tests import servers

TEXT = servers.INTAKE_TEXT
model = servers.intake_reading


REPLIES = {"fills": model}


@pytest.fixture(scope="module")
@needs("server")
def server():
    with servers.serving(servers.FakeChatServer(replies=REPLIES)) as running:
        yield running


@pytest.fixture
def intake_model(monkeypatch, tmp_path, server):
    servers.use_intake_model(monkeypatch, tmp_path, server, "fills")


def converse(first: str, replies: dict[str, str]) -> tuple[list[dict], dict]:
    """The questions asked (in order) and the final turn, answering each from `replies`."""
    turn = handle(None, first, source="slack", user="U1")
    asked = []
    while turn["kind"] == "question":
        asked.append(turn["question"])
        assert len(asked) <= 4, [q["field"] for q in asked]
        turn = handle(turn["state"], replies[turn["question"]["field"]], source="slack")
    return asked, turn


@pytest.mark.index
def test_the_disputed_value_is_asked_first_and_a_yes_keeps_it(intake_model, server):
    before = len(server.requests.get("fills", []))
    asked, turn = converse(
        TEXT, {"requests_per_month": "yes, that's right", "data.private_knowledge": "no"}
    )
    first = asked[0]
    assert first["field"] == "requests_per_month" and first["confirm"]
    assert "200,000" in first["text"] and "is that right" in first["text"]
    assert [q["field"] for q in asked].count("requests_per_month") == 1
    assert turn["kind"] == "recommendation"
    q = turn["recommendation"].questionnaire
    assert q["requests_per_month"] == 200_000
    # what the model filled in is what the advice used
    assert q["deployment"] == "self-hosted" and q["languages"] == ["de"]
    assert turn["recommendation"].model.open_weights
    # the first message was read by the model once, for the question and the advice together
    sent = [r["body"]["messages"][-1]["content"] for r in server.requests["fills"][before:]]
    assert sum(TEXT in content for content in sent) == 1


@pytest.mark.index
def test_a_corrected_value_replaces_the_disputed_one(intake_model):
    asked, turn = converse(
        TEXT, {"requests_per_month": "no, about 20k a month", "data.private_knowledge": "no"}
    )
    assert asked[0]["field"] == "requests_per_month"
    assert turn["kind"] == "recommendation"
    assert turn["recommendation"].questionnaire["requests_per_month"] == 20_000


def test_the_confirmation_is_asked_in_the_conversations_language():
    question = {"field": "requests_per_month", "confirm": True, "value": 20000, "text": "-"}
    assert question_text(question, "en") == (
        "I read requests per month as 20,000; is that right? If not, what is it?"
    )
    swedish = question_text(question, "sv")
    assert swedish.startswith("Jag läste anrop per månad som 20") and "stämmer det?" in swedish


@pytest.mark.index
@pytest.mark.parametrize("reply", ["It is not.", "it is wrong", "Det stämmer inte", "rätt fel"])
def test_a_denial_does_not_confirm_the_disputed_value(intake_model, reply):
    """A reply that opens like a yes but denies the value ('it is not', 'det stämmer inte') does
    not keep it: the question stays open instead of moving on as if it were confirmed."""
    turn = handle(None, TEXT, source="slack", user="U1")
    assert turn["question"]["field"] == "requests_per_month" and turn["question"]["confirm"]
    turn = handle(turn["state"], reply, source="slack")
    assert turn["state"]["pending"] == "requests_per_month", turn.get("text")


@pytest.mark.index
def test_a_confirmation_is_asked_back_as_a_confirmation(intake_model):
    """A message that does not answer the value asked back is followed by that same question
    ('I read ... as 20,000; is that right?'), not by the field's open question."""
    turn = handle(None, TEXT, source="slack", user="U1")
    asked = turn["question"]["text"]
    turn = handle(turn["state"], "What is the weather in Paris?", source="slack")
    assert turn["state"]["pending"] == "requests_per_month"
    assert turn["text"].endswith(asked), turn["text"]
