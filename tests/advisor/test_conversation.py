"""Chat turns (the Slack bot's brain): questions in order, at most three, then a recommendation."""

from __future__ import annotations

from advisor.conversation import MAX_QUESTIONS, handle


def test_complete_message_gets_a_recommendation_at_once():
    turn = handle(
        None,
        "Answer questions from our 500 internal docs, 10k questions a month, budget $100 a month",
        source="slack",
    )
    assert turn["kind"] == "recommendation"
    assert turn["recommendation"].approach.primary == "rag"
    assert turn["state"]["recommended"] is True


def test_vague_message_asks_then_continues_from_replies():
    turn = handle(None, "Can you help us with a customer chatbot?", source="slack", user="U1")
    assert turn["kind"] == "question"
    assert turn["question"]["field"] == "data.private_knowledge"
    turn = handle(
        turn["state"], "yes, about 300 help-centre articles that change weekly", source="slack"
    )
    assert turn["kind"] == "question" and turn["question"]["field"] == "requests_per_month"
    turn = handle(turn["state"], "around 20k", source="slack")
    assert turn["kind"] == "question" and turn["question"]["field"] == "monthly_budget_usd"
    turn = handle(turn["state"], "$300", source="slack")
    assert turn["kind"] == "recommendation"
    rec = turn["recommendation"]
    assert rec.questionnaire["requests_per_month"] == 20000
    assert rec.questionnaire["monthly_budget_usd"] == 300
    assert rec.approach.primary == "rag"


def test_never_more_than_three_questions_in_a_row():
    state, asked = None, 0
    turn = handle(state, "I need a model", source="slack")
    while turn["kind"] == "question":
        asked += 1
        turn = handle(turn["state"], "hmm, not sure", source="slack")
        assert asked <= MAX_QUESTIONS + 1
    assert turn["kind"] == "recommendation"
    assert turn["recommendation"].assumed


def test_cancel_and_start_over():
    turn = handle(None, "We want a chatbot", source="slack")
    assert handle(turn["state"], "cancel", source="slack")["kind"] == "cancelled"
    restarted = handle(turn["state"], "start over", source="slack")
    assert restarted["kind"] == "restarted" and restarted["state"]["answers"] == {}


def test_concept_question_is_answered_from_the_knowledge_base():
    turn = handle(None, "What is RAG?", source="slack")
    assert turn["kind"] == "answer"
    assert turn["answer"].citations
    assert any(c.topic == "rag" for c in turn["answer"].citations[:3])
    assert handle(None, "encoder vs decoder?", source="slack")["kind"] == "answer"
