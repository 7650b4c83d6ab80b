"""Slack buttons act only for the decision's owner, in the conversation it was posted in, and from
the bot's own workspace (issue 27): a signed click from another user, channel or team must not
post someone's alternatives or new pick (with their confidential use case) elsewhere, nor dismiss
their finding. Real store and core; Slack's Web API recorded by the listener fakes."""

from __future__ import annotations

import json

import pytest
from bolt_fakes import new_ts, unique
from slack_bolt import BoltContext
from slack_bolt.authorization import AuthorizeResult
from test_bot_watch import make_stale

from advisor import api
from bot import relay
from bot.listeners import actions

TEAM = "T0001"
SECRET_USE_CASE = "Summarise the board's confidential merger calls, 2k a month"


@pytest.fixture
def app(registered):
    return registered(actions)


@pytest.fixture
def ours(slack):
    """The listener context as Bolt builds it: authorized for the bot's own workspace."""
    slack.context = BoltContext(
        {
            "bot_user_id": "UBOT",
            "authorize_result": AuthorizeResult(
                enterprise_id=None, team_id=TEAM, bot_user_id="UBOT", bot_token="xoxb-test"
            ),
        }
    )
    return slack


def click(action_id: str, value, *, user: str, channel: str | None, team: str = TEAM) -> dict:
    body = {
        "type": "block_actions",
        "team": {"id": team},
        "user": {"id": user, "team_id": team},
        "trigger_id": unique("trigger-"),
        "actions": [{"action_id": action_id, "value": str(value), "type": "button"}],
    }
    if channel:
        ts = new_ts()
        body["channel"] = {"id": channel}
        body["container"] = {"type": "message", "channel_id": channel, "message_ts": ts}
        body["message"] = {"type": "message", "ts": ts, "text": "buttons", "blocks": []}
    else:
        body["container"] = {"type": "view", "view_id": "VHOME"}
    return body


def decision(owner: str, channel: str) -> api.Recommendation:
    rec = api.advise(
        {"use_case": SECRET_USE_CASE, "monthly_budget_usd": 50},
        source="slack",
        user=owner,
        channel=channel,
    )
    relay.remember_where(rec, channel, new_ts())
    return rec


def posted(slack) -> str:
    return json.dumps(slack.called("chat_postMessage"))


def test_alternatives_are_not_posted_into_another_users_channel(app, ours):
    owner, other = unique("U"), unique("U")
    home, elsewhere = unique("C"), unique("C")
    rec = decision(owner, home)
    app.handle(
        "action",
        "show_alternatives",
        ours,
        body=click("show_alternatives", rec.id, user=other, channel=elsewhere),
    )
    assert ours.called("chat_postMessage") == []
    (note,) = ours.called("chat_postEphemeral")
    assert note["user"] == other and note["text"] == actions.NOT_YOURS
    assert "merger" not in json.dumps(ours.client_calls())


def test_app_home_clicks_on_someone_elses_decision_are_refused(app, ours):
    rec = decision(unique("U"), unique("C"))
    app.handle(
        "action",
        "show_alternatives",
        ours,
        body=click("show_alternatives", rec.id, user=unique("U"), channel=None),
    )
    assert ours.called("chat_postMessage") == [] and ours.called("conversations_open") == []


def test_anyone_in_the_decisions_own_channel_and_the_owner_anywhere_may_see_them(app, ours):
    owner, home = unique("U"), unique("C")
    rec = decision(owner, home)
    app.handle(
        "action",
        "show_alternatives",
        ours,
        body=click("show_alternatives", rec.id, user=unique("U"), channel=home),
    )
    app.handle(
        "action",
        "show_alternatives",
        ours,
        body=click("show_alternatives", rec.id, user=owner, channel=None),
    )
    assert len(ours.called("chat_postMessage")) == 2


def test_a_click_from_another_workspace_does_nothing(app, ours):
    owner, home = unique("U"), unique("C")
    rec = decision(owner, home)
    body = click("show_alternatives", rec.id, user=owner, channel=home, team="T0OTHER")
    app.handle("action", "show_alternatives", ours, body=body)
    assert ours.client_calls() == []


def stale_finding(rec: api.Recommendation) -> dict:
    store = relay.store()
    make_stale(store, rec.id)
    api.watch(store)
    (finding,) = store.list_findings(recommendation_id=rec.id)
    return finding


def test_watch_buttons_act_only_for_the_owner_or_in_the_decisions_channel(app, ours):
    owner, other = unique("U"), unique("U")
    home, elsewhere = unique("C"), unique("C")
    rec = decision(owner, home)
    finding = stale_finding(rec)
    for action_id in ("watch_show", "watch_dismiss"):
        body = click(action_id, finding["id"], user=other, channel=elsewhere)
        app.handle("action", action_id, ours, body=body)
    assert ours.called("chat_postMessage") == [] and ours.called("chat_update") == []
    assert relay.store().get_finding(finding["id"])["status"] == "open", "not dismissed"
    body = click("watch_dismiss", finding["id"], user=owner, channel=home)
    app.handle("action", "watch_dismiss", ours, body=body)
    assert relay.store().get_finding(finding["id"])["status"] == "dismissed"


def test_feedback_on_someone_elses_decision_from_elsewhere_is_not_stored(app, ours):
    rec = decision(unique("U"), unique("C"))
    body = click("feedback_up", rec.id, user=unique("U"), channel=unique("C"))
    app.handle("action", "feedback_up", ours, body=body)
    assert relay.store().list_feedback(rec.id) == []
