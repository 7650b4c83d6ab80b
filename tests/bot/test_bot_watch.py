"""The decision watch in Slack, end to end: a recommendation made in a thread goes stale (its model
is retired since), the bot's scheduled check posts the finding once in that thread, a restarted
bot does not post it again, and the buttons show the new pick or dismiss it for good."""

from __future__ import annotations

import json
import time

import pytest
from fake_slack import Bot
from test_bot_http import block_action, element, posted_message, wait_post

from advisor import api
from advisor.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.subprocess]  # the bot or the CLI in a process
COMPLETE = "Answer questions from our 500 internal docs, 10k questions a month, budget $100 a month"
WATCH = {
    "ADVISOR_BOT_WARM_UP": "0",
    "ADVISOR_WATCH_INTERVAL_S": "1",
    "ADVISOR_BOT_PLACEHOLDER_AFTER": "off",
}


def make_stale(store: Store, decision_id: int) -> str:
    """Rewrite the stored decision as if made back when a now-retired model was the pick."""
    today = time.strftime("%Y-%m-%d")
    retired = next(
        m for m in api.catalog().models if "chat" in m.tasks and m.lifecycle(today) == "retired"
    )
    row = store.get_recommendation(decision_id)
    result = {**row["result"], "model": api.ModelInfo.of(retired).model_dump(mode="json")}
    with store.db.conn:
        store.db["recommendations"].update(
            decision_id, {"model_id": retired.id, "result": json.dumps(result)}
        )
    return retired.name


def finding_posts(fake, channel: str, thread_ts: str) -> list[dict]:
    return [
        call["body"]
        for call in fake.find("chat.postMessage", channel=channel, thread_ts=thread_ts)
        if element(call["body"].get("blocks") or [], "watch_dismiss")
    ]


def test_a_stale_decision_is_posted_once_in_its_thread_and_its_buttons_work(fake, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    channel = "CWATCH"
    bot = Bot(fake, home, extra_env=WATCH).start()
    try:
        ts, _ = bot.mention(COMPLETE, channel=channel)
        recommendation = wait_post(fake, channel, thread_ts=ts)
        assert element(recommendation["blocks"], "feedback_up"), "a recommendation was posted"
        store = Store(home / "advisor.db")
        deadline = time.monotonic() + 10  # recorded right after the post
        while time.monotonic() < deadline:
            (row,) = store.list_recommendations(sources=["slack"])
            if row["thread_ts"]:
                break
            time.sleep(0.1)
        assert (row["channel"], row["thread_ts"]) == (channel, ts), "where it went is recorded"
        old = make_stale(store, row["id"])

        deadline = time.monotonic() + 60
        while not finding_posts(fake, channel, ts) and time.monotonic() < deadline:
            time.sleep(0.2)
        (post,) = finding_posts(fake, channel, ts)
        assert old in post["text"] and "retired" in post["text"]
        rounds = len(bot.wait_log("decision watch: "))
        bot.wait_log("decision watch: ", count=rounds + 3)  # three more scheduled checks
        assert len(finding_posts(fake, channel, ts)) == 1, "posted once"
    finally:
        bot.stop()

    again = Bot(fake, home, extra_env=WATCH).start()
    try:
        again.wait_log("decision watch: ", count=3)  # three checks of the restarted bot
        assert len(finding_posts(fake, channel, ts)) == 1, "not repeated after a restart"

        message = posted_message(post, ts="1700000001.000100")
        show = element(post["blocks"], "watch_show")
        again.interaction(block_action(show, channel=channel, message={**message, "thread_ts": ts}))
        new_pick = wait_post(fake, channel, thread_ts=ts, count=3)
        assert element(new_pick["blocks"], "feedback_up") and old not in new_pick["text"]

        dismiss = element(post["blocks"], "watch_dismiss")
        again.interaction(block_action(dismiss, channel=channel, message=message))
        (update,) = fake.wait_for("chat.update", channel=channel, ts=message["ts"])
        assert "Dismissed by" in json.dumps(update["body"]["blocks"])
        assert not element(update["body"]["blocks"], "watch_dismiss")
    finally:
        again.stop()
    (finding,) = Store(home / "advisor.db").list_findings()
    assert finding["status"] == "dismissed"
