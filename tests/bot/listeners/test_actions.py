"""bot/listeners/actions.py: the buttons. Each click is acked at once; the work is lazy."""

from __future__ import annotations

import pytest
from bolt_fakes import new_ts, unique

from advisor import api
from bot import blocks, modal, relay
from bot.listeners import actions
from bot.logs import ack_only

USE_CASE = {"use_case": "Summarise 2k support calls a month", "monthly_budget_usd": 50}


@pytest.fixture
def app(registered):
    return registered(actions)


def click(action_id: str, value: str | None = None, *, channel: str | None, user: str) -> dict:
    """A block_actions payload: a click on a button of a message in `channel` (None: App Home)."""
    body = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": unique("trigger-"),
        "actions": [{"action_id": action_id, "value": value, "type": "button"}],
    }
    if channel:
        ts = new_ts()
        body["channel"] = {"id": channel}
        body["container"] = {"type": "message", "channel_id": channel, "message_ts": ts}
        body["message"] = {"type": "message", "ts": ts, "text": "a message with buttons"}
    else:
        body["container"] = {"type": "view", "view_id": "VHOME"}
    return body


def recommendation(user: str) -> api.Recommendation:
    return api.advise(USE_CASE, source="slack", user=user, channel=None)


def test_every_button_is_acked_and_the_work_is_lazy(app):
    by_action = {
        name: app.listener("action", name)
        for name in (
            "open_playground",
            "show_alternatives",
            "feedback_up",
            "feedback_down",
            "open_questionnaire",
            "answer_option_data.private_knowledge",
        )
    }
    url_button = by_action.pop("open_playground")
    assert url_button.ack is ack_only and url_button.work == []  # acked, and logged as handled
    assert {listener.ack for listener in by_action.values()} == {actions._ack}
    assert by_action["show_alternatives"].work == [actions.show_alternatives]
    assert by_action["feedback_up"].work == by_action["feedback_down"].work == [actions.feedback]
    assert by_action["open_questionnaire"].work == [actions.open_questionnaire]
    assert by_action["answer_option_data.private_knowledge"].work == [actions.answer_option]


def test_the_playground_link_button_is_only_acked(app, slack):
    body = click("open_playground", "gpt-4o-mini", channel="C1", user="U1")
    app.handle("action", "open_playground", slack, body=body)
    slack.assert_only_acked()


def test_show_alternatives_posts_them_in_the_thread_of_the_button(app, slack):
    user, channel = unique("U"), unique("C")
    rec = recommendation(user)
    body = click("show_alternatives", str(rec.id), channel=channel, user=user)

    app.handle("action", "show_alternatives", slack, body=body)

    slack.assert_acked_first()
    row = relay.store().get_recommendation(rec.id)
    stored = api.Recommendation.from_stored(row)
    slack.client.chat_postMessage.assert_called_once_with(
        channel=channel,
        text=f"Alternatives to {rec.model.label}",
        blocks=blocks.alternatives_blocks(stored),
        thread_ts=body["message"]["ts"],
        unfurl_links=False,
        unfurl_media=False,
    )


def test_show_alternatives_from_app_home_goes_to_a_dm(app, slack):
    user = unique("U")
    rec = recommendation(user)
    app.handle(
        "action",
        "show_alternatives",
        slack,
        body=click("show_alternatives", str(rec.id), channel=None, user=user),
    )
    slack.assert_acked_first()
    assert [name for name, _ in slack.client_calls()] == ["conversations_open", "chat_postMessage"]
    slack.client.conversations_open.assert_called_once_with(users=user)
    (post,) = slack.called("chat_postMessage")
    assert post["channel"] == f"D{user}" and "thread_ts" not in post
    assert post["text"].startswith("Alternatives to ")


def test_show_alternatives_of_an_unknown_recommendation_says_so_privately(app, slack):
    user, channel = unique("U"), unique("C")
    body = click("show_alternatives", "999999999", channel=channel, user=user)
    app.handle("action", "show_alternatives", slack, body=body)
    slack.assert_acked_first()
    slack.client.chat_postEphemeral.assert_called_once_with(
        channel=channel,
        user=user,
        text="I no longer have that recommendation.",
        thread_ts=body["message"]["ts"],
    )
    slack.client.chat_postMessage.assert_not_called()


@pytest.mark.parametrize(
    ("action_id", "value", "thanks"),
    [
        ("feedback_up", "up", "Thanks! Glad it helped."),
        ("feedback_down", "down", "Thanks for telling me."),
    ],
)
def test_feedback_is_stored_and_thanked_privately(app, slack, action_id, value, thanks):
    user, channel = unique("U"), unique("C")
    rec = recommendation(user)
    body = click(action_id, str(rec.id), channel=channel, user=user)

    app.handle("action", action_id, slack, body=body)

    slack.assert_acked_first()
    (saved,) = relay.store().list_feedback(rec.id)
    assert saved["user"] == user and saved["value"] == value
    (ephemeral,) = slack.called("chat_postEphemeral")
    assert ephemeral["channel"] == channel and ephemeral["user"] == user
    assert ephemeral["thread_ts"] == body["message"]["ts"]
    assert ephemeral["text"].startswith(thanks)


def test_feedback_from_app_home_is_stored_without_a_message(app, slack):
    user = unique("U")
    rec = recommendation(user)
    app.handle(
        "action",
        "feedback_up",
        slack,
        body=click("feedback_up", str(rec.id), channel=None, user=user),
    )
    slack.assert_only_acked()
    assert [row["value"] for row in relay.store().list_feedback(rec.id)] == ["up"]


def test_open_questionnaire_opens_the_modal_prefilled_from_the_thread(app, slack):
    user, channel = unique("U"), unique("C")
    body = click("open_questionnaire", None, channel=channel, user=user)
    thread_ts = body["message"]["ts"]
    answers = {"use_case": "Classify support tickets", "requests_per_month": 5000}
    relay.store().save_conversation(relay.thread_key(channel, thread_ts), {"answers": answers})

    app.handle("action", "open_questionnaire", slack, body=body)

    slack.assert_acked_first()
    slack.client.views_open.assert_called_once_with(
        trigger_id=body["trigger_id"],
        view=modal.questionnaire_view(prefill=answers, channel=channel, thread_ts=thread_ts),
    )


def test_open_questionnaire_from_app_home_opens_an_empty_modal(app, slack):
    body = click("open_questionnaire", None, channel=None, user=unique("U"))
    app.handle("action", "open_questionnaire", slack, body=body)
    slack.assert_acked_first()
    slack.client.views_open.assert_called_once_with(
        trigger_id=body["trigger_id"],
        view=modal.questionnaire_view(prefill=None, channel=None, thread_ts=None),
    )


def waiting_thread(channel: str, user: str) -> tuple[str, str]:
    """A thread where the core asked a question with options (buttons); returns (thread ts, the
    field it asks about). Questions come by impact, so typed answers go to any asked first."""
    thread_ts = new_ts()
    key = relay.thread_key(channel, thread_ts)
    typed = {"requests_per_month": "about 20k", "monthly_budget_usd": "$300"}
    result = relay.run_turn(
        key, "We need a chatbot for our support team", user=user, channel=channel
    )
    while result["kind"] == "question" and not result["question"].get("options"):
        reply = typed[result["question"]["field"]]
        result = relay.run_turn(key, reply, user=user, channel=channel)
    assert result["kind"] == "question"
    return thread_ts, result["question"]["field"]


def test_an_option_button_answers_the_open_question(app, slack):
    user, channel = unique("U"), unique("C")
    thread_ts, field = waiting_thread(channel, user)
    question = {"type": "section", "block_id": "question", "text": {"type": "mrkdwn", "text": "?"}}
    message_ts = new_ts()
    body = click("answer_option_0", f"{field}|no", channel=channel, user=user)
    body["message"] = {"ts": message_ts, "thread_ts": thread_ts, "text": "?", "blocks": [question]}

    app.handle("action", "answer_option_0", slack, body=body)

    slack.assert_acked_first()
    assert [name for name, _ in slack.client_calls()] == ["chat_update", "chat_postMessage"]
    slack.client.chat_update.assert_called_once_with(
        channel=channel,
        ts=message_ts,
        text="?",
        blocks=[question, blocks.context(f"<@{user}> answered: *no*")],
    )
    (reply,) = slack.called("chat_postMessage")
    assert reply["channel"] == channel and reply["thread_ts"] == thread_ts
    assert relay.pending_field(channel, thread_ts) != field  # the question was answered


def test_an_option_of_an_answered_question_is_refused_privately(app, slack):
    user, channel = unique("U"), unique("C")
    thread_ts, _ = waiting_thread(channel, user)
    body = click("answer_option_1", "no_such_field|yes", channel=channel, user=user)
    body["message"] = {"ts": new_ts(), "thread_ts": thread_ts, "text": "?"}

    app.handle("action", "answer_option_1", slack, body=body)

    slack.assert_acked_first()
    slack.client.chat_postEphemeral.assert_called_once_with(
        channel=channel,
        user=user,
        text="That question has already been answered.",
        thread_ts=thread_ts,
    )
    slack.client.chat_postMessage.assert_not_called()
