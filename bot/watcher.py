"""The decision watch in Slack: check stored decisions on a schedule while the bot runs, and post
each new finding once, in the thread of the recommendation it is about (or the DM it went to).

A finding is marked posted in the store once Slack has it, so a restarted bot (or a second one)
never posts it again; findings about decisions made outside Slack stay for the app and the CLI.
A finding for a channel the bot cannot post to (it left, the channel is archived or gone) is
marked undeliverable and not retried; the app and the CLI still show it.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient

from advisor import api

from . import blocks, relay
from .logs import describe

log = logging.getLogger("bot.watch")
FIRST_CHECK_AFTER_S = 60  # after start-up work (warm-up) has had its turn
# Slack's answers that mean the bot cannot post in the decision's channel now or later: it left
# or was removed, the channel was archived or deleted.
UNREACHABLE = frozenset(
    {"not_in_channel", "channel_not_found", "is_archived", "account_inactive", "access_denied"}
)


def post_new_findings(client: WebClient) -> int:
    """Post every open finding not yet posted whose decision came from Slack; returns how many."""
    store = relay.store()
    posted = 0
    for row in store.list_findings(status="open", unposted=True):
        finding = api.Finding.model_validate(row)
        decision = store.get_recommendation(finding.recommendation_id) or {}
        channel = decision.get("channel")
        if decision.get("source") != "slack" or not channel:
            continue
        language = relay.language_for(decision.get("user"), channel, decision.get("thread_ts"))
        sent, error = relay.deliver(
            client,
            channel,
            blocks.finding_text(finding, language),
            blocks.finding_blocks(finding, language),
            thread_ts=decision.get("thread_ts"),
        )
        if sent:
            store.mark_finding_posted(finding.id)
            posted += 1
        elif error in UNREACHABLE:
            # retrying would fail the same way on every round, for ever
            log.warning(
                "giving up on finding %s: cannot post in %s (%s)", finding.id, channel, error
            )
            store.mark_finding_undeliverable(finding.id, error)
    return posted


def check_and_post(client: WebClient) -> None:
    """One round: re-check every stored decision, then post what is new; never raises."""
    try:
        report = api.watch(relay.store())
        sent = post_new_findings(client)
        log.info(
            "decision watch: %d decision(s) checked, %d new finding(s), %d posted",
            report.checked, len(report.new), sent,
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - the next round tries again
        log.error("decision watch failed: %s", describe(exc))


def start(client: WebClient, interval_s: float, first_after_s: float = FIRST_CHECK_AFTER_S):
    """Run `check_and_post` every `interval_s` seconds on a daemon thread; returns its stop event."""
    stop = threading.Event()

    def loop() -> None:
        if stop.wait(first_after_s):
            return
        while True:
            check_and_post(client)
            if stop.wait(interval_s):
                return

    threading.Thread(target=loop, name="decision-watch", daemon=True).start()
    return stop


def interval() -> float | None:
    """ADVISOR_WATCH_INTERVAL_S (seconds; 0 turns the watch off), else once a day."""
    value = api.settings.value("ADVISOR_WATCH_INTERVAL_S")
    return value if value > 0 else None
