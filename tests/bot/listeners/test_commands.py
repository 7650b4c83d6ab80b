"""bot/listeners/commands.py: `/llm-advisor` acks at once (help is the ack itself), then opens the
questionnaire (prefilled from the text) or answers a concept question privately."""

from __future__ import annotations

import pytest
from bolt_fakes import unique
from slack_sdk.errors import SlackApiError

from advisor import api
from bot import blocks, modal
from bot.listeners import commands


@pytest.fixture
def app(registered):
    return registered(commands)


def slash(text: str = "") -> dict:
    return {
        "command": commands.COMMAND,
        "text": text,
        "user_id": unique("U"),
        "channel_id": unique("C"),
        "trigger_id": unique("trigger-"),
        "response_url": "https://hooks.slack.invalid/commands/1",
    }


def test_registered_as_ack_then_lazy(app):
    listener = app.listener("command", "/llm-advisor")
    assert listener.ack is commands._ack and listener.work == [commands.run]


@pytest.mark.parametrize("text", ["help", " HELP ", "-h", "--help", "?"])
def test_help_is_the_ack_and_nothing_else(app, slack, text):
    app.handle("command", "/llm-advisor", slack, command=slash(text))
    slack.assert_only_acked(text=commands.HELP)


def test_no_text_opens_an_empty_questionnaire(app, slack):
    command = slash()
    app.handle("command", "/llm-advisor", slack, command=command)
    slack.assert_acked_first()
    slack.client.views_open.assert_called_once_with(
        trigger_id=command["trigger_id"],
        view=modal.questionnaire_view(prefill=None, channel=command["channel_id"]),
    )
    slack.respond.assert_not_called()


def test_a_use_case_opens_the_questionnaire_prefilled_from_it(app, slack):
    text = "Summarise 2k support calls a month, budget $50"
    command = slash(text)
    app.handle("command", "/llm-advisor", slack, command=command)
    slack.assert_acked_first()
    prefill = api.read_use_case(text)["answers"]
    assert prefill["use_case"]
    slack.client.views_open.assert_called_once_with(
        trigger_id=command["trigger_id"],
        view=modal.questionnaire_view(prefill=prefill, channel=command["channel_id"]),
    )


def test_a_modal_that_cannot_open_is_said_privately(app, slack):
    slack.client.views_open.side_effect = SlackApiError(
        "expired_trigger_id", {"ok": False, "error": "expired_trigger_id"}
    )
    app.handle("command", "/llm-advisor", slack, command=slash())
    slack.assert_acked_first()
    slack.respond.assert_called_once_with(
        text="Sorry, I could not open the questionnaire. Please try the command again.",
        response_type="ephemeral",
    )


@pytest.mark.slow  # the first question builds the knowledge index (tens of seconds)
@pytest.mark.index
def test_a_concept_question_is_answered_privately_with_citations(app, slack):
    text = "what is RAG?"
    app.handle("command", "/llm-advisor", slack, command=slash(text))
    slack.assert_acked_first()
    slack.client.views_open.assert_not_called()
    answer = api.ask(text)
    assert answer.citations
    slack.respond.assert_called_once_with(
        text=blocks.clip(answer.answer, 3000),
        blocks=blocks.answer_blocks(answer),
        response_type="ephemeral",
    )
