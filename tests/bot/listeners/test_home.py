"""bot/listeners/home.py: App Home lists the user's recent recommendations from Slack."""

from __future__ import annotations

import pytest
from bolt_fakes import Slack, unique

from advisor import api
from bot import blocks, relay
from bot.listeners import home


@pytest.fixture
def app(registered):
    return registered(home)


def opened(user: str, tab: str = "home") -> dict:
    event = {"type": "app_home_opened", "user": user, "channel": "D0", "tab": tab}
    return {"event_id": unique("Ev"), "event": event}


def test_registered_as_ack_then_lazy(app):
    listener = app.listener("event", "app_home_opened")
    assert listener.ack is home._ack and listener.work == [home.publish]


def test_opening_home_publishes_the_users_recent_recommendations(app, slack):
    user = unique("U")
    rec = api.advise(
        {"use_case": "Translate product pages into German", "requests_per_month": 2000},
        source="slack",
        user=user,
        channel="C1",
    )
    api.advise({"use_case": "Someone else's"}, source="slack", user=unique("U"), channel="C1")
    body = opened(user)

    app.handle("event", "app_home_opened", slack, body=body, event=body["event"])

    slack.assert_acked_first()
    recent = relay.store().list_recommendations(source="slack", user=user, limit=10)
    assert [row["id"] for row in recent] == [rec.id]
    slack.client.views_publish.assert_called_once_with(user_id=user, view=blocks.home_view(recent))


def test_a_new_user_gets_the_empty_home(app, slack):
    user = unique("U")
    body = opened(user)
    app.handle("event", "app_home_opened", slack, body=body, event=body["event"])
    slack.assert_acked_first()
    slack.client.views_publish.assert_called_once_with(user_id=user, view=blocks.home_view([]))


def test_the_messages_tab_is_only_acked(app, slack):
    body = opened(unique("U"), tab="messages")
    app.handle("event", "app_home_opened", slack, body=body, event=body["event"])
    slack.assert_only_acked()


def test_a_retried_event_publishes_once(app, slack):
    body = opened(unique("U"))
    app.handle("event", "app_home_opened", slack, body=body, event=body["event"])
    assert len(slack.called("views_publish")) == 1
    again = Slack()
    app.handle("event", "app_home_opened", again, body=body, event=body["event"])
    again.assert_only_acked()
