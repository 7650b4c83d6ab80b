"""The Slack bot over real HTTP: signed requests in, recorded Web API calls out.

One bot process (`llm-advisor bot --http`) and one fake Slack serve the whole module; each test
uses its own channel so that the recorded calls of different tests never mix.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest
from fake_slack import BOT_TOKEN, BOT_USER, NOT_IN_CHANNEL, SIGNING_SECRET, TEAM, new_ts

pytestmark = pytest.mark.slow

COMPLETE = (
    "We want a chatbot that answers employee questions from our internal HR wiki, "
    "about 20k requests a month, budget $200 a month"
)
UI = "http://advisor.test:8501"


# helpers -------------------------------------------------------------------------------------------


def all_text(blocks: list[dict]) -> str:
    """Every string in a block tree, joined: what a person would see plus urls and values."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.append(node)

    walk(blocks)
    return "\n".join(out)


def element(blocks: list[dict], action_id: str) -> dict | None:
    for block in blocks:
        for candidate in block.get("elements", []) + (
            [block["accessory"]] if "accessory" in block else []
        ):
            if candidate.get("action_id") == action_id:
                return candidate
    return None


def posts_in(fake, channel: str, thread_ts: str | None = None) -> list[dict]:
    match = {"channel": channel}
    if thread_ts:
        match["thread_ts"] = thread_ts
    return [call["body"] for call in fake.find("chat.postMessage", **match)]


def wait_post(
    fake, channel: str, thread_ts: str | None = None, count: int = 1, timeout: float = 120
) -> dict:
    match = {"channel": channel}
    if thread_ts:
        match["thread_ts"] = thread_ts
    return fake.wait_for("chat.postMessage", count=count, timeout=timeout, **match)[count - 1][
        "body"
    ]


def block_action(
    action: dict, *, channel: str | None, message: dict | None, user: str = "U0001"
) -> dict:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "someone", "team_id": TEAM},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "team": {"id": TEAM, "domain": "fake"},
        "trigger_id": f"trigger-{new_ts()}",
        "response_url": "https://hooks.invalid/actions/T0001/1/x",
        "actions": [{"block_id": "rec_actions", "type": "button", "action_ts": new_ts(), **action}],
    }
    if channel:
        payload["channel"] = {"id": channel, "name": "general"}
        payload["container"] = {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        }
        payload["message"] = message
    else:
        payload["container"] = {"type": "view", "view_id": "VHOME"}
        payload["view"] = {"id": "VHOME", "type": "home", "callback_id": ""}
    return payload


def posted_message(body: dict, ts: str = "1700009999.000100") -> dict:
    """The message as Slack would echo it in an interaction payload."""
    message = {
        "type": "message",
        "ts": ts,
        "text": body.get("text"),
        "blocks": body.get("blocks"),
        "bot_id": "BBOT",
    }
    if body.get("thread_ts"):
        message["thread_ts"] = body["thread_ts"]
    return message


def text_state(value: str | None) -> dict:
    return {"value": {"type": "plain_text_input", "value": value}}


def select_state(value: str | None) -> dict:
    option = {"text": {"type": "plain_text", "text": value}, "value": value} if value else None
    return {"value": {"type": "static_select", "selected_option": option}}


def submission(values: dict, *, user: str = "U0001", metadata: dict | None = None) -> dict:
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "fake"},
        "user": {"id": user, "username": "someone", "team_id": TEAM},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "trigger_id": f"trigger-{new_ts()}",
        "view": {
            "id": "VMODAL",
            "type": "modal",
            "callback_id": "advisor_questionnaire",
            "private_metadata": json.dumps(metadata or {}),
            "state": {"values": values},
            "hash": "h",
        },
    }


def recommend_in(bot, fake, channel: str) -> tuple[str, dict]:
    """A complete mention in `channel`; returns (thread ts, the posted recommendation)."""
    ts, (status, _, _) = bot.mention(COMPLETE, channel=channel)
    assert status == 200
    return ts, wait_post(fake, channel, ts)


# the HTTP endpoint -----------------------------------------------------------------------------


def test_url_verification_is_answered(bot):
    status, body, _ = bot.post_json(
        {"token": "t", "challenge": "challenge-123", "type": "url_verification"}
    )
    assert status == 200
    assert "challenge-123" in body


def test_bad_signature_is_rejected(bot, fake):
    before = len(fake.snapshot())
    payload = {"type": "url_verification", "challenge": "x", "token": "t"}
    status, _, _ = bot.post_json(payload, secret="not-the-secret")
    assert status == 401
    status, _, _ = bot.post_json(payload, headers={"X-Slack-Signature": "v0=deadbeef"})
    assert status == 401
    assert len(fake.snapshot()) == before


def test_stale_timestamp_is_rejected(bot):
    stale = int(time.time()) - 10 * 60
    status, _, _ = bot.post_json(
        {"type": "url_verification", "challenge": "x", "token": "t"}, timestamp=stale
    )
    assert status == 401


def test_malformed_bodies_get_4xx_and_the_bot_keeps_running(bot):
    from fake_slack import http_post, sign

    for body, content_type in (
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("\u00ff\u00fe garbage", "text/plain"),
    ):
        status, _, _ = http_post(bot.url, body, content_type, sign(body))
        assert 400 <= status < 500, (body, status)
    status, _, _ = http_post(bot.url, "{}", "application/json", {"X-Slack-Signature": "nope"})
    assert status == 401
    assert bot.alive()
    status, body, _ = bot.post_json(
        {"type": "url_verification", "challenge": "still-here", "token": "t"}
    )
    assert status == 200 and "still-here" in body


# mentions, threads, DMs -------------------------------------------------------------------------


def test_complete_mention_gets_a_recommendation_in_its_thread(bot, fake):
    ts, post = recommend_in(bot, fake, "CCOMPLETE")
    assert post["thread_ts"] == ts
    assert "I recommend" in post["text"]
    blocks = post["blocks"]
    assert blocks[0]["type"] == "header"
    text = all_text(blocks)
    # the short post: pick, approach, monthly cost, alternatives; the rest behind "More"
    assert "Approach" in text and "a month" in text
    playground = element(blocks, "open_playground")
    model_id = playground["value"]
    assert playground["url"] == f"{UI}/playground?model={model_id}"
    assert element(blocks, "feedback_up") and element(blocks, "feedback_down")
    assert element(blocks, "show_alternatives")
    assert post.get("channel") == "CCOMPLETE"
    call = fake.find("chat.postMessage", channel="CCOMPLETE")[0]
    assert call["auth"] == f"Bearer {BOT_TOKEN}"
    more = element(blocks, "show_details")
    payload = block_action(
        {"action_id": "show_details", "value": more["value"]},
        channel="CCOMPLETE",
        message=posted_message(post),
    )
    assert bot.interaction(payload)[0] == 200
    details = all_text(wait_post(fake, "CCOMPLETE", ts, count=2)["blocks"])
    assert "Monthly cost" in details and model_id in details
    assert ":books:" in details, "citations are shown"


def test_vague_mention_asks_then_continues_from_the_thread_reply(bot, fake):
    channel = "CVAGUE"
    ts, (status, _, _) = bot.mention("We need a chatbot for our team", channel=channel)
    assert status == 200
    question = wait_post(fake, channel, ts)
    assert "?" in question["text"]
    assert "I recommend" not in question["text"]
    # A reply in the thread, without a mention, is the answer.
    _, (status, _, _) = bot.message(
        "Yes, it answers from our internal wiki of about 300 pages; about 20k requests a month and a budget of $200",
        channel=channel,
        thread_ts=ts,
    )
    assert status == 200
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        posts = posts_in(fake, channel, ts)
        if any("I recommend" in p["text"] for p in posts):
            break
        if len(posts) >= 2 and "?" in posts[-1]["text"]:
            # a further question (at most three in a row): answer it briefly
            bot.message("no idea, you choose", channel=channel, thread_ts=ts)
        time.sleep(0.3)
    posts = posts_in(fake, channel, ts)
    assert any("I recommend" in p["text"] for p in posts), [p["text"] for p in posts]
    assert len(posts) <= 5
    final = next(p for p in posts if "I recommend" in p["text"])
    assert element(final["blocks"], "open_playground")


def test_channel_chatter_is_not_answered(bot, fake):
    channel = "CCHATTER"
    bot.message("We need a chatbot, thoughts?", channel=channel)  # top level, no mention
    ts, _ = bot.mention(COMPLETE, channel=channel)
    wait_post(fake, channel, ts)
    bot.message("edited", channel=channel, thread_ts=ts, subtype="message_changed")
    bot.message("from a bot", channel=channel, thread_ts=ts, bot_id="BOTHER")
    # a reply in a thread the bot is part of is a turn, without a mention (issue 22): thanks gets
    # a short reply and no new decision
    bot.message("thanks, makes sense", channel=channel, thread_ts=ts)
    thanks = wait_post(fake, channel, ts, count=2)
    assert "welcome" in thanks["text"] and not element(thanks["blocks"], "show_details")
    bot.wait_idle()  # every message above is handled: nothing more comes of them
    assert len(posts_in(fake, channel)) == 2


def test_direct_message_gets_an_answer(bot, fake):
    channel = "DDIRECT1"
    ts, (status, _, _) = bot.message(COMPLETE, channel=channel, channel_type="im")
    assert status == 200
    post = wait_post(fake, channel, ts)
    assert "I recommend" in post["text"]


VAGUE = "We need a chatbot for our support team"
GREETING_START = "Describe your use case"


def answer_at_top_level_until_recommended(bot, fake, channel: str, thread_ts: str) -> list[dict]:
    """Answer each question of the DM conversation in `thread_ts` with a top-level DM message;
    returns the thread's posts once a recommendation arrived (or after three answers)."""
    answers = [
        "No, general knowledge is fine. About 10k chats a month, budget $100.",
        "no idea, you choose",
        "no idea, you choose",
    ]
    for n, answer in enumerate(answers, start=1):
        posts = posts_in(fake, channel, thread_ts)
        if "I recommend" in posts[-1]["text"]:
            break
        reply_ts, (status, _, _) = bot.message(answer, channel=channel, channel_type="im")
        assert status == 200
        post = wait_post(fake, channel, thread_ts, count=n + 1)
        # The answer continues the conversation in its thread: no greeting, no new thread.
        assert GREETING_START not in post["text"], post["text"]
        assert "I recommend" in post["text"] or "?" in post["text"], post["text"]
        assert post.get("reply_broadcast") is True, "also shown where the person wrote"
        assert "You wrote" in all_text(post["blocks"]) and answer[:20] in all_text(post["blocks"])
        assert not posts_in(fake, channel, reply_ts)
    return posts_in(fake, channel, thread_ts)


def test_top_level_dm_reply_continues_the_waiting_conversation(bot, fake):
    channel = "DTOPLEVEL"
    ts, (status, _, _) = bot.message(VAGUE, channel=channel, channel_type="im")
    assert status == 200
    question = wait_post(fake, channel, ts)
    assert "?" in question["text"] and "I recommend" not in question["text"]
    posts = answer_at_top_level_until_recommended(bot, fake, channel, ts)
    assert "I recommend" in posts[-1]["text"], [p["text"] for p in posts]
    assert element(posts[-1]["blocks"], "open_playground")
    # The task came from the first message, answered at the top level afterwards.
    assert len(posts) <= 4

    # After the recommendation, a new use case at the top level is a new conversation.
    new_ts_, _ = bot.message(COMPLETE, channel=channel, channel_type="im")
    post = wait_post(fake, channel, new_ts_)
    assert "I recommend" in post["text"]
    assert "You wrote" not in all_text(post["blocks"])
    assert not post.get("reply_broadcast")
    assert len(posts_in(fake, channel, ts)) == len(posts)


def test_top_level_dm_start_over_starts_a_new_conversation(bot, fake):
    channel = "DSTARTOVER"
    ts, _ = bot.message(VAGUE, channel=channel, channel_type="im")
    wait_post(fake, channel, ts)
    restart_ts, _ = bot.message("start over", channel=channel, channel_type="im")
    restarted = wait_post(fake, channel, restart_ts)
    assert "Starting over" in restarted["text"]
    assert not restarted.get("reply_broadcast")
    # The use case written next at the top level answers the fresh conversation's greeting.
    use_case_ts, _ = bot.message(COMPLETE, channel=channel, channel_type="im")
    post = wait_post(fake, channel, restart_ts, count=2)
    assert "I recommend" in post["text"]
    assert not posts_in(fake, channel, use_case_ts)
    bot.wait_idle()
    assert len(posts_in(fake, channel, ts)) == 1, "the abandoned conversation got nothing more"


def test_dm_thread_reply_still_works_and_channels_ignore_top_level(bot, fake):
    channel = "DINTHREAD"
    ts, _ = bot.message(VAGUE, channel=channel, channel_type="im")
    wait_post(fake, channel, ts)
    bot.message(
        "No, general knowledge is fine. About 10k chats a month, budget $100.",
        channel=channel,
        thread_ts=ts,
        channel_type="im",
    )
    post = wait_post(fake, channel, ts, count=2)
    assert GREETING_START not in post["text"]
    assert "You wrote" not in all_text(post["blocks"]) and not post.get("reply_broadcast")
    # In a channel, a top-level message without a mention is never taken as the answer.
    cts, _ = bot.mention(VAGUE, channel="CTOPLEVEL")
    wait_post(fake, "CTOPLEVEL", cts)
    bot.message("No, general knowledge is fine.", channel="CTOPLEVEL")
    bot.wait_idle()
    assert len(posts_in(fake, "CTOPLEVEL")) == 1


def test_start_over_and_cancel(bot, fake):
    channel = "CCANCEL"
    ts, _ = bot.mention("We need a chatbot", channel=channel)
    wait_post(fake, channel, ts)
    bot.message("start over", channel=channel, thread_ts=ts)
    restarted = wait_post(fake, channel, ts, count=2)
    assert "Starting over" in restarted["text"]
    bot.message("cancel", channel=channel, thread_ts=ts)
    cancelled = wait_post(fake, channel, ts, count=3)
    assert "Cancelled" in cancelled["text"]
    bot.message("We need a summariser", channel=channel, thread_ts=ts)  # no longer listening
    bot.wait_idle()
    assert len(posts_in(fake, channel, ts)) == 3


def test_retried_event_is_answered_once(bot, fake):
    channel = "CRETRY"
    ts = new_ts()
    event_id = f"EvRetry{ts}"
    event = {
        "type": "app_mention",
        "user": "U0001",
        "text": f"<@{BOT_USER}> {COMPLETE}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    assert bot.event(event, event_id)[0] == 200
    for number in (1, 2):
        status, _, _ = bot.event(
            event,
            event_id,
            headers={"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": "http_timeout"},
        )
        assert status == 200
    wait_post(fake, channel, ts)
    # The two retries were acknowledged only (before their answers came back); the original is
    # handled once the bot says so.
    bot.wait_handled(event_id)
    assert len(posts_in(fake, channel, ts)) == 1


def test_slack_rate_limit_is_honoured(bot, fake):
    channel = "CRATELIMIT"
    fake.fail("chat.postMessage", status=429, times=1, retry_after=1)
    ts, _ = bot.mention(COMPLETE, channel=channel)
    post = wait_post(fake, channel, ts, count=2)
    calls = fake.find("chat.postMessage", channel=channel)
    assert len(calls) == 2, "one 429, then the retry after Retry-After"
    assert calls[1]["time"] - calls[0]["time"] >= 0.9
    assert "I recommend" in post["text"]


def test_twenty_concurrent_mentions_are_acked_fast_and_all_answered(bot, fake):
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()

    def mention(n: int) -> None:
        ts, (status, _, seconds) = bot.mention(f"{COMPLETE} (team {n})", channel=f"CLOAD{n:02d}")
        with lock:
            results.append((ts, status, seconds))

    threads = [threading.Thread(target=mention, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 20
    assert all(status == 200 for _, status, _ in results)  # ack times: bench/bench_bot.py
    for n in range(20):
        post = wait_post(fake, f"CLOAD{n:02d}", timeout=180)
        assert "I recommend" in post["text"]


# the slash command and the modal -----------------------------------------------------------------


def test_slash_command_opens_the_modal_with_the_trigger_id(bot, fake):
    fields = {
        "token": "legacy",
        "team_id": TEAM,
        "channel_id": "CSLASH",
        "channel_name": "general",
        "user_id": "U0001",
        "command": "/llm-advisor",
        "text": "summarise our sales calls, 5k a month",
        "api_app_id": "A0001",
        "response_url": f"{fake.url}/response/slash",
        "trigger_id": "trigger-slash-1",
    }
    status, body, _ = bot.post_form(fields)
    assert status == 200  # within Slack's 3 s: bench/bench_limits.py
    call = fake.wait_for("views.open", trigger_id="trigger-slash-1", timeout=30)[0]
    view = call["body"]["view"]
    assert view["type"] == "modal" and view["callback_id"] == "advisor_questionnaire"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["use_case"]["element"]["initial_value"].startswith("summarise our sales calls")
    assert blocks["post_to"]["element"]["initial_conversation"] == "CSLASH"


def test_slash_command_help_is_the_ack(bot):
    fields = {
        "team_id": TEAM,
        "channel_id": "CSLASH",
        "user_id": "U0001",
        "command": "/llm-advisor",
        "text": "help",
        "trigger_id": "t-help",
        "response_url": "https://hooks.invalid/x",
    }
    status, body, _ = bot.post_form(fields)
    assert status == 200 and "/llm-advisor" in body


def test_modal_submission_posts_to_the_chosen_channel(bot, fake):
    values = {
        "use_case": text_state("Classify incoming support tickets into 12 categories"),
        "task": select_state("classification"),
        "requests_per_month": text_state("50k"),
        "monthly_budget_usd": text_state("$300"),
        "deployment": select_state(None),
        "languages": text_state("en, sv"),
        "post_to": {"value": {"type": "conversations_select", "selected_conversation": "CMODAL"}},
    }
    status, body, _ = bot.interaction(submission(values))
    assert status == 200
    assert "errors" not in body
    post = wait_post(fake, "CMODAL")
    assert "I recommend" in post["text"]
    assert element(post["blocks"], "open_playground")["url"].startswith(f"{UI}/playground?model=")


def test_modal_submission_without_a_channel_goes_to_a_dm(bot, fake):
    values = {
        "use_case": text_state("Translate product descriptions from English to German, 2k a month"),
        "post_to": {"value": {"type": "conversations_select", "selected_conversation": None}},
    }
    status, _, _ = bot.interaction(submission(values, user="UDMUSER"))
    assert status == 200
    fake.wait_for("conversations.open", users="UDMUSER", timeout=60)
    post = wait_post(fake, "DUDMUSER")
    assert "I recommend" in post["text"]


def test_modal_submission_to_a_channel_without_the_bot_falls_back_to_a_dm(bot, fake):
    values = {
        "use_case": text_state("Summarise meeting notes"),
        "post_to": {
            "value": {"type": "conversations_select", "selected_conversation": NOT_IN_CHANNEL}
        },
    }
    bot.interaction(submission(values, user="UFALLBACK"))
    post = wait_post(fake, "DUFALLBACK")
    assert "I recommend" in post["text"]
    assert "could not post" in all_text(post["blocks"])


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
        (
            {"use_case": text_state("A chatbot"), "languages": text_state("en, klingon")},
            "languages",
        ),
        ({"use_case": text_state(None), "task": select_state(None)}, "use_case"),
        (
            {"use_case": text_state("A chatbot"), "data__document_count": text_state("1.5")},
            "data__document_count",
        ),
    ],
)
def test_modal_bad_values_come_back_as_field_errors(bot, fake, values, block):
    before = len(fake.find("chat.postMessage"))
    status, body, _ = bot.interaction(submission(values))
    assert status == 200  # within Slack's 3 s: bench/bench_limits.py
    response = json.loads(body)
    assert response["response_action"] == "errors"
    assert block in response["errors"], response
    assert response["errors"][block]
    bot.wait_idle()
    assert len(fake.find("chat.postMessage")) == before


# buttons and App Home -----------------------------------------------------------------------------


def test_buttons(bot, fake, bot_home):
    channel = "CBUTTONS"
    ts, post = recommend_in(bot, fake, channel)
    message = posted_message(post)
    rec_id = element(post["blocks"], "show_alternatives")["value"]

    # Open in playground: a URL button; the click is only acknowledged.
    playground = element(post["blocks"], "open_playground")
    status, _, _ = bot.interaction(
        block_action(
            {"action_id": "open_playground", "value": playground["value"]},
            channel=channel,
            message=message,
        )
    )
    assert status == 200

    # Show alternatives: posted in the thread, each with its own playground link.
    status, _, _ = bot.interaction(
        block_action(
            {"action_id": "show_alternatives", "value": rec_id}, channel=channel, message=message
        )
    )
    assert status == 200
    alternatives = wait_post(fake, channel, ts, count=2)
    text = all_text(alternatives["blocks"])
    assert "Alternatives" in alternatives["text"]
    assert f"{UI}/playground?model=" in text

    # Feedback: stored, and thanked privately.
    for action_id, value in (("feedback_up", "up"), ("feedback_down", "down")):
        status, _, _ = bot.interaction(
            block_action(
                {"action_id": action_id, "value": rec_id},
                channel=channel,
                message=message,
                user="UFEEDBACK",
            )
        )
        assert status == 200
        fake.wait_for(
            "chat.postEphemeral", user="UFEEDBACK", count=1 if value == "up" else 2, timeout=30
        )
    with sqlite3.connect(bot_home / "advisor.db") as db:
        rows = db.execute(
            "select recommendation_id, user, value from feedback where user = 'UFEEDBACK' order by id"
        ).fetchall()
    assert rows == [(int(rec_id), "UFEEDBACK", "up"), (int(rec_id), "UFEEDBACK", "down")]

    # Open questionnaire: views.open with this click's trigger id.
    payload = block_action(
        {"action_id": "open_questionnaire", "value": "recommendation"},
        channel=channel,
        message=message,
    )
    status, _, _ = bot.interaction(payload)
    assert status == 200
    fake.wait_for("views.open", trigger_id=payload["trigger_id"], timeout=30)


def test_question_option_buttons_answer_the_question(bot, fake):
    channel = "COPTIONS"
    # volume and budget given: the question left is the yes/no one about own documents
    ts, _ = bot.mention("We need a chatbot, about 10k chats a month, budget $100", channel=channel)
    question = wait_post(fake, channel, ts)
    buttons = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons, "the yes/no question offers buttons"
    no = next(b for b in buttons if b["value"].endswith("|no"))
    message = posted_message(question, ts="1700008888.000100")
    status, _, _ = bot.interaction(
        block_action(
            {"action_id": no["action_id"], "value": no["value"]}, channel=channel, message=message
        )
    )
    assert status == 200
    fake.wait_for("chat.update", channel=channel, ts="1700008888.000100", timeout=30)
    wait_post(fake, channel, ts, count=2)
    # The same click again: that question is closed now.
    bot.interaction(
        block_action(
            {"action_id": no["action_id"], "value": no["value"]}, channel=channel, message=message
        )
    )
    fake.wait_for("chat.postEphemeral", channel=channel, timeout=30)


def test_app_home_lists_recent_recommendations(bot, fake):
    user = "UHOME"
    bot.mention(COMPLETE, channel="CHOME", user=user)
    wait_post(fake, "CHOME")
    ts = new_ts()
    status, _, _ = bot.event(
        {"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": "home", "event_ts": ts}
    )
    assert status == 200
    call = fake.wait_for("views.publish", user_id=user, timeout=30)[-1]
    view = call["body"]["view"]
    assert view["type"] == "home"
    text = all_text(view["blocks"])
    assert "recent recommendations" in text
    assert f"{UI}/playground?model=" in text
    assert element(view["blocks"], "open_questionnaire")
    # The questionnaire button on App Home opens the modal.
    payload = block_action(
        {"action_id": "open_questionnaire", "value": "home"}, channel=None, message=None, user=user
    )
    bot.interaction(payload)
    fake.wait_for("views.open", trigger_id=payload["trigger_id"], timeout=30)


def test_assistant_thread_gets_a_greeting_and_prompts(bot, fake):
    ts = new_ts()
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U0001",
            "context": {},
            "channel_id": "DASSIST",
            "thread_ts": ts,
        },
        "event_ts": ts,
    }
    assert bot.event(event)[0] == 200
    wait_post(fake, "DASSIST", ts)
    fake.wait_for("assistant.threads.setSuggestedPrompts", channel_id="DASSIST", timeout=30)


def test_concept_question_is_answered_with_citations(bot, fake):
    channel = "CCONCEPT"
    ts, _ = bot.mention("What is RAG?", channel=channel)
    post = wait_post(fake, channel, ts)
    assert "I recommend" not in post["text"]
    assert post["text"].strip()
    text = all_text(post["blocks"])
    assert ":books:" in text, "the answer cites the knowledge base"


def test_slash_command_with_a_question_answers_privately(bot, fake):
    fields = {
        "team_id": TEAM,
        "channel_id": "CSLASHQ",
        "user_id": "U0001",
        "command": "/llm-advisor",
        "text": "what is fine-tuning?",
        "trigger_id": "trigger-slash-q",
        "response_url": f"{fake.url}/response/slash-question",
    }
    status, _, _ = bot.post_form(fields)
    assert status == 200  # within Slack's 3 s: bench/bench_limits.py
    reply = fake.wait_for("response/slash-question", timeout=120)[0]["body"]
    assert reply["response_type"] == "ephemeral"
    assert ":books:" in all_text(reply["blocks"])
    assert not fake.find("views.open", trigger_id="trigger-slash-q")


# hygiene ----------------------------------------------------------------------------------------


def test_log_has_no_secrets_or_tracebacks(bot, fake):
    # An event that breaks a listener (no channel) must not leak a traceback either.
    bot.event({"type": "app_mention", "user": "U0001", "text": f"<@{BOT_USER}> hi", "ts": new_ts()})
    bot.wait_idle()
    assert bot.alive()
    log = bot.log()
    assert BOT_TOKEN not in log
    assert SIGNING_SECRET not in log
    assert "Traceback" not in log
    assert "legacy-verification-token" not in log
