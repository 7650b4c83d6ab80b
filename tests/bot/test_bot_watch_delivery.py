"""The decision watch gives up on a channel it cannot post to (issue 27): Slack answers
`not_in_channel`, `channel_not_found` or `is_archived` for good, so such a finding is marked
undeliverable once instead of being retried on every round for ever, while a finding for a
channel the bot is in is still posted. Real Slack client against the fake Slack Web API server,
real SQLite, the real watch."""

from __future__ import annotations

import pytest
from fake_slack import BOT_TOKEN, UNPOSTABLE
from slack_sdk import WebClient
from test_bot_watch import make_stale

from advisor import api
from bot import watcher

USE_CASE = {"use_case": "Summarise 2k support calls a month", "monthly_budget_usd": 50}


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    return api.store()


def stale_decision(store, channel: str) -> int:
    """A Slack decision in `channel` whose pick has since been retired."""
    rec = api.advise(dict(USE_CASE), source="slack", user="U1", channel=channel, store=store)
    store.set_recommendation_thread(rec.id, channel, "1700000000.000100")
    make_stale(store, rec.id)
    return rec.id


def posts_to(fake, channel: str) -> int:
    return len(fake.find("chat.postMessage", channel=channel))


def test_a_channel_the_bot_cannot_post_to_is_given_up_once(fake, store):
    channels = [*UNPOSTABLE, "CWELCOME"]
    for channel in channels:
        stale_decision(store, channel)
    api.watch(store)
    client = WebClient(token=BOT_TOKEN, base_url=fake.api_url + "/")
    before = {channel: posts_to(fake, channel) for channel in channels}
    assert watcher.post_new_findings(client) == 1, "the reachable channel got its finding"
    for _ in range(3):  # later rounds
        assert watcher.post_new_findings(client) == 0
    for channel in channels:
        assert posts_to(fake, channel) - before[channel] == 1, f"{channel}: tried once"
    findings = store.list_findings(status="open")
    assert len(findings) == len(channels), "the findings stay for the app and the CLI"
    assert store.list_findings(status="open", unposted=True) == []
