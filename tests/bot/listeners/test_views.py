"""bot/listeners/views.py: the questionnaire modal's submission. The ack validates (bad values go
back to the modal as field errors); then the recommendation is posted to the chosen channel."""

from __future__ import annotations

import json
from unittest.mock import DEFAULT

import pytest
from bolt_fakes import new_ts, unique
from slack_sdk.errors import SlackApiError

from advisor import api
from bot import blocks, modal, relay
from bot.listeners import views


@pytest.fixture
def app(registered):
    return registered(views)


def text_state(value: str | None) -> dict:
    return {modal.ACTION: {"type": "plain_text_input", "value": value}}


def post_to(channel: str | None) -> dict:
    return {modal.ACTION: {"type": "conversations_select", "selected_conversation": channel}}


def submission(values: dict, user: str, metadata: dict | None = None) -> dict:
    """(body, view) of a view_submission of the questionnaire."""
    view = {
        "id": "VMODAL",
        "type": "modal",
        "callback_id": modal.CALLBACK_ID,
        "private_metadata": json.dumps(metadata or {}),
        "state": {"values": values},
    }
    body = {"type": "view_submission", "user": {"id": user}, "view": view}
    return body, view


def submit(app, slack, values: dict, user: str, metadata: dict | None = None) -> None:
    body, view = submission(values, user, metadata)
    app.handle("view", modal.CALLBACK_ID, slack, body=body, view=view)


def saved_text(user: str) -> str:
    """The fallback text of the user's one stored recommendation."""
    (row,) = relay.store().list_recommendations(source="slack", user=user, limit=10)
    return blocks.recommendation_text(api.Recommendation.from_stored(row))


USE_CASE = "Classify incoming support tickets into 12 categories, 50k a month"


def test_registered_as_validating_ack_then_lazy(app):
    listener = app.listener("view", modal.CALLBACK_ID)
    assert listener.ack is views._validate and listener.work == [views.post_recommendation]


@pytest.mark.parametrize(
    ("values", "block"),
    [
        (
            {"use_case": text_state("A chatbot"), "requests_per_month": text_state("lots")},
            "requests_per_month",
        ),
        (
            {"use_case": text_state("A chatbot"), "monthly_budget_usd": text_state("-5")},
            "monthly_budget_usd",
        ),
        ({"use_case": text_state(None)}, "use_case"),
    ],
    ids=["volume", "budget", "empty"],
)
def test_bad_values_are_the_ack_and_nothing_is_posted(app, slack, values, block):
    _, view = submission(values, "U1")
    errors = modal.validate(view)[2]
    assert errors.get(block)
    submit(app, slack, values, unique("U"))
    slack.assert_only_acked(response_action="errors", errors=errors)


def test_a_good_submission_is_acked_then_posted_to_the_chosen_channel(app, slack):
    user, channel = unique("U"), unique("C")
    submit(app, slack, {"use_case": text_state(USE_CASE), modal.POST_TO: post_to(channel)}, user)
    slack.assert_acked_first()
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == channel and "thread_ts" not in post
    assert post["text"] == saved_text(user) and "I recommend" in post["text"]
    assert post["blocks"]


def test_the_thread_it_was_opened_from_gets_the_answer(app, slack):
    user, channel, thread_ts = unique("U"), unique("C"), new_ts()
    values = {"use_case": text_state(USE_CASE), modal.POST_TO: post_to(channel)}
    submit(app, slack, values, user, {"channel": channel, "thread_ts": thread_ts})
    slack.assert_acked_first()
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == channel and post["thread_ts"] == thread_ts


def test_no_channel_means_a_dm(app, slack):
    user = unique("U")
    submit(app, slack, {"use_case": text_state(USE_CASE), modal.POST_TO: post_to(None)}, user)
    slack.assert_acked_first()
    assert [name for name, _ in slack.client_calls()] == ["conversations_open", "chat_postMessage"]
    slack.client.conversations_open.assert_called_once_with(users=user)
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == f"D{user}" and post["text"] == saved_text(user)


def test_a_channel_without_the_bot_falls_back_to_a_dm_with_a_note(app, slack):
    user, channel = unique("U"), unique("C")
    refused = SlackApiError("not_in_channel", {"ok": False, "error": "not_in_channel"})
    slack.client.chat_postMessage.side_effect = [refused, DEFAULT]
    submit(app, slack, {"use_case": text_state(USE_CASE), modal.POST_TO: post_to(channel)}, user)
    slack.assert_acked_first()
    assert [name for name, _ in slack.client_calls()] == [
        "chat_postMessage",
        "conversations_open",
        "chat_postMessage",
    ]
    in_channel, in_dm = slack.called("chat_postMessage")
    assert in_channel["channel"] == channel and in_dm["channel"] == f"D{user}"
    assert in_dm["blocks"][0] == blocks.context(
        f"I could not post in <#{channel}> (invite me with `/invite @LLM Advisor`), so here it is."
    )
    assert in_dm["blocks"][1:] == in_channel["blocks"]
