"""Relays one Slack message to the advisor core and posts the reply in its thread.

Conversation state lives in the store under `channel:thread_ts`, so a thread continues after a
restart of the bot. Errors become one friendly line in the thread and one safe line in the log.

Direct messages: people often answer the bot's question at the top level of the DM instead of in
its thread. The store keeps a pointer per DM (`dm:<channel>` -> the thread of the latest
conversation there that got a question); a top-level DM message continues that thread while the
bot waits for an answer in it, unless it says "start over". The answer goes to that thread, quoting
the person's words, and is also shown in the DM itself (`reply_broadcast`) so it is seen where the
person wrote. Anything else at the top level of a DM starts a new conversation in its own thread.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from advisor import api

from . import blocks
from .logs import describe

log = logging.getLogger("bot")

SORRY = (
    "Sorry, something went wrong on my side while working on that. Please try again in a moment, "
    "or say *start over*."
)
USER_LANGUAGE = "user-language:{user}"  # the language of a person's latest conversation
MENTION_RE = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
MAX_TEXT = 10_000
AWAITING = "slack_awaiting_reply"
# After these replies the bot waits for the user's next message in the thread.
WAITING_KINDS = ("question", "restarted", "error", "unsure", "clarify")

_key_locks: dict[str, threading.Lock] = {}
_key_locks_guard = threading.Lock()


def store() -> api.Store:
    """The advisor's store (one per database file; it keeps a connection per thread)."""
    return api.store()


def thread_key(channel: str, thread_ts: str) -> str:
    return f"{channel}:{thread_ts}"


def dm_key(channel: str) -> str:
    """The store key of a DM's pointer to the thread of its latest waiting conversation."""
    return f"dm:{channel}"


def is_dm(channel: str | None) -> bool:
    """Slack's direct-message channel ids start with D."""
    return bool(channel) and channel.startswith("D")


@contextmanager
def key_lock(key: str) -> Iterator[None]:
    """Messages of one thread are handled one at a time, in order of arrival."""
    with _key_locks_guard:
        lock = _key_locks.setdefault(key, threading.Lock())
        if len(_key_locks) > 10_000:
            for stale in [k for k, v in _key_locks.items() if not v.locked() and k != key][:5_000]:
                _key_locks.pop(stale, None)
    with lock:
        yield


def clean_text(text: str | None) -> str:
    """Drop user mentions (the bot's own included) and Slack's link markup; cap the length."""
    text = MENTION_RE.sub(" ", text or "")
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())[:MAX_TEXT]


def post(
    client: WebClient,
    channel: str,
    text: str,
    blocks_: list[dict] | None = None,
    thread_ts: str | None = None,
    broadcast: bool = False,
) -> dict | None:
    """chat.postMessage; a failure is logged (not raised) and gives None. `broadcast` also shows
    a thread reply in the channel itself."""
    return deliver(client, channel, text, blocks_, thread_ts, broadcast)[0]


def deliver(
    client: WebClient,
    channel: str,
    text: str,
    blocks_: list[dict] | None = None,
    thread_ts: str | None = None,
    broadcast: bool = False,
) -> tuple[dict | None, str | None]:
    """`post`, returning (the posted message or None, Slack's error code or None), so a caller
    can tell a channel the bot cannot post to from a failure worth retrying."""
    kwargs = {
        "channel": channel,
        "text": blocks.clip(text, 3000),
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if blocks_:
        kwargs["blocks"] = blocks_
    if thread_ts:
        kwargs["thread_ts"] = thread_ts
        if broadcast:
            kwargs["reply_broadcast"] = True
    try:
        return client.chat_postMessage(**kwargs).data, None
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "unknown_error")
        log.warning("chat.postMessage to %s failed: %s", channel, error)
        return None, error
    except Exception as exc:  # noqa: BLE001 - the network may fail in many ways
        log.warning("chat.postMessage to %s failed: %s", channel, describe(exc))
        return None, None


WORKING_REACTION = "eyes"  # on the person's message while the bot works on it


@contextmanager
def working(
    client: WebClient, *, channel: str, ts: str, thread_ts: str | None = None, text: str = ""
):
    """Show at once that a message is being worked on, whatever the answer waits for (a model
    still loading after a start, a long recommendation): a reaction on the message for as long as
    the work takes, and in a DM's thread (an assistant thread) the assistant status, which Slack
    clears when the answer is posted. Neither may delay or break the answer: failures are logged."""
    reacted = _quietly(
        "reactions.add",
        lambda: client.reactions_add(channel=channel, timestamp=ts, name=WORKING_REACTION),
    )
    if is_dm(channel) and thread_ts:
        status = blocks.tr(_quiet_language(channel, thread_ts, text))("is thinking...")
        _quietly(
            "assistant.threads.setStatus",
            lambda: client.assistant_threads_setStatus(
                channel_id=channel, thread_ts=thread_ts, status=status
            ),
        )
    try:
        yield
    finally:
        if reacted:
            _quietly(
                "reactions.remove",
                lambda: client.reactions_remove(
                    channel=channel, timestamp=ts, name=WORKING_REACTION
                ),
            )


def _quiet_language(channel: str, thread_ts: str, text: str) -> str | None:
    try:
        return conversation_language(thread_key(channel, thread_ts), text)
    except Exception as exc:  # noqa: BLE001 - a status in English then
        log.info("could not tell the language of %s: %s", channel, describe(exc))
        return None


def _quietly(method: str, call) -> bool:
    try:
        call()
        return True
    except Exception as exc:  # noqa: BLE001 - a status is a courtesy, never a failure
        log.info("%s failed: %s", method, describe(exc))
        return False


def render(result: dict, user: str | None = None) -> tuple[str, list[dict]]:
    """A conversation turn -> (fallback text, blocks), in the conversation's language."""
    kind = result.get("kind")
    _ = blocks.tr(result.get("language"))
    if kind == "recommendation" and result.get("brief"):
        return result.get("text", ""), blocks.brief_blocks(result, requested_by=user)
    language = result.get("language")
    if kind == "recommendation":
        rec = result["recommendation"]
        return blocks.recommendation_text(rec, language), blocks.recommendation_blocks(
            rec, requested_by=user, language=language
        )
    if kind == "answer":
        answer = result.get("answer") or api.Answer(answer=result.get("text", ""))
        answer_blocks = blocks.answer_blocks(answer, language)
        if result.get("reask"):
            answer_blocks.append(blocks.section(blocks.escape(result["reask"]), block_id="reask"))
        return blocks.answer_text(answer, language), answer_blocks
    text = blocks.escape(result.get("text", ""))  # the fallback is escaped like the blocks
    if kind == "question":
        question = result.get("question") or {}
        out = (
            blocks.lines_blocks(result.get("lead") or [], block_id="noted")
            if result.get("lead")
            else []
        )
        out += blocks.question_blocks(
            question.get("text") or result.get("text", ""), question, language
        )
        out[-1] = blocks.context(_("Reply in this thread. Say _start over_ or _cancel_ any time."))
        return text, out
    if kind == "error":
        return text, blocks.notice_blocks(":warning: " + result.get("text", ""))
    lines = result.get("lines") or [result.get("text", "")]
    return text, blocks.lines_blocks(lines, block_id=kind or "reply")


def run_turn(key: str, text: str, *, user: str | None, channel: str) -> dict:
    """Load the thread's state, run one turn of the core, store the new state."""

    st = store()
    state = st.get_conversation(key)
    try:
        result = api.handle_message(state, text, source="slack", user=user, channel=channel)
    except api.AdvisorError as exc:
        # Already fit to show a person (a provider that is down, say); the thread stays as it was.
        log.info("turn in %s refused: %s", key, describe(exc))
        language = (state or {}).get("language")
        return {
            "kind": "error",
            "language": language,
            "text": blocks.tr(language)("I could not do that: {error}").format(error=exc),
        }
    remember_language(user, result.get("language"))
    if result.get("kind") == "cancelled":
        st.delete_conversation(key)
    elif result.get("state") is not None:
        # Our own note next to the core's state: in channels, replies without a mention are taken
        # only while the bot waits for an answer to its question.
        st.save_conversation(key, {**result["state"], AWAITING: awaiting(result)})
    return result


def awaiting(result: dict) -> bool:
    """True when the bot now waits for the user's next message: it asked a question, or a
    question is still pending (asked again after a side question or a greeting)."""
    state = result.get("state") or {}
    return result.get("kind") in WAITING_KINDS or bool(state.get("pending"))


def remember_language(user: str | None, language: str | None) -> None:
    """Keep the language of the person's latest conversation, for what the bot shows them outside
    a thread (App Home, the questionnaire modal and what it posts)."""
    if not user or not language:
        return
    key = USER_LANGUAGE.format(user=user)
    try:
        if (store().get_conversation(key) or {}).get("language") != language:
            store().save_conversation(key, {"language": language})
    except Exception as exc:  # noqa: BLE001 - only the language of later views is at stake
        log.info("could not remember the language of %s: %s", user, describe(exc))


def language_for(
    user: str | None, channel: str | None = None, thread_ts: str | None = None
) -> str | None:
    """The language to show something in: the thread's conversation's, else the person's latest."""
    try:
        if channel and thread_ts:
            state = store().get_conversation(thread_key(channel, thread_ts)) or {}
            if state.get("language"):
                return state["language"]
        if user:
            return (store().get_conversation(USER_LANGUAGE.format(user=user)) or {}).get("language")
    except Exception as exc:  # noqa: BLE001 - English then
        log.info("could not read the language of %s: %s", user, describe(exc))
    return None


def open_dm(client: WebClient, user: str) -> str:
    """The bot's DM channel with a user (the user id itself works as a fallback)."""
    try:
        return client.conversations_open(users=user)["channel"]["id"]
    except Exception as exc:  # noqa: BLE001
        log.warning("conversations.open failed: %s", describe(exc))
        return user


def quote_block(text: str, language: str | None = None) -> dict:
    """The person's top-level words, shown in the thread their message continues."""
    words = blocks.clip(clean_text(text), 300)
    return blocks.context(
        ":speech_balloon: "
        + blocks.tr(language)("You wrote: “{words}”").format(words=blocks.escape(words))
    )


def placeholder_after() -> float | None:
    """Seconds a turn may take before a placeholder is posted (later updated with the answer);
    ADVISOR_BOT_PLACEHOLDER_AFTER, "off" for none."""
    return api.settings.value("ADVISOR_BOT_PLACEHOLDER_AFTER")


class Placeholder:
    """A "working on it" post that appears only when a turn is slow, and that the answer then
    replaces (chat.update), so a first post is seen within a second even after a restart."""

    def __init__(self, client: WebClient, channel: str, thread_ts: str, language: str | None):
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self.ts: str | None = None
        self._lock = threading.Lock()
        self._done = False
        self.language = language
        after = placeholder_after()
        self._timer = threading.Timer(after, self._post) if after is not None else None
        if self._timer:
            self._timer.daemon = True
            self._timer.start()

    def _post(self) -> None:
        with self._lock:
            if self._done:
                return
            text = blocks.tr(self.language)("Working on it…")
            posted = post(
                self.client, self.channel, text,
                [blocks.context(f":hourglass_flowing_sand: {text}") | {"block_id": "placeholder"}],
                thread_ts=self.thread_ts,
            )  # fmt: skip
            self.ts = (posted or {}).get("ts")

    def finish(self) -> str | None:
        """Stop the timer; the placeholder's ts when one was posted (to update), else None."""
        with self._lock:
            self._done = True
            if self._timer:
                self._timer.cancel()
            return self.ts


def update(client: WebClient, channel: str, ts: str, text: str, blocks_: list[dict]) -> dict | None:
    try:
        return client.chat_update(
            channel=channel, ts=ts, text=blocks.clip(text, 3000), blocks=blocks_
        ).data
    except Exception as exc:  # noqa: BLE001
        log.warning("chat.update in %s failed: %s", channel, describe(exc))
    return None


def conversation_language(key: str, text: str) -> str | None:
    """The language the thread's answer will be in (for the placeholder shown before it)."""
    state = store().get_conversation(key) or {}
    return api.language_of(clean_text(text), state.get("language"))


# Replies that a message not addressed to the bot (a thread reply without a mention) does not get:
# the people in the thread may be talking to each other.
QUIET_UNADDRESSED = ("unrelated", "unsure")


def reply(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    text: str,
    user: str | None,
    dm: bool = False,
    continued: bool = False,
    addressed: bool = True,
) -> dict:
    """Handle one message of a thread and post the answer in that thread; never raises.

    `dm`: the thread is in a direct message, so the DM's pointer follows a conversation that waits
    for an answer. `continued`: the message was written at the top level of the DM; the answer
    quotes it and is also shown in the DM itself. `addressed`: False for a thread reply without a
    mention, which gets no "not sure" or "not my subject" reply. Returns the turn's result.
    """
    key = thread_key(channel, thread_ts)
    placeholder = None
    try:
        with key_lock(key):
            placeholder = Placeholder(client, channel, thread_ts, conversation_language(key, text))
            result = run_turn(key, clean_text(text), user=user, channel=channel)
        message, blocks_ = render(result, user=user)
    except Exception as exc:  # noqa: BLE001 - whatever fails, the user gets one friendly line
        log.error("message in %s failed: %s", key, describe(exc))
        sorry = blocks.tr(placeholder.language if placeholder else None)(SORRY)
        result = {"kind": "error", "text": sorry}
        message, blocks_ = sorry, blocks.notice_blocks(sorry)
    placeholder_ts = placeholder.finish() if placeholder else None
    if not addressed and result.get("kind") in QUIET_UNADDRESSED and not placeholder_ts:
        return result
    if continued and len(blocks_) < blocks.MAX_BLOCKS:
        blocks_ = [quote_block(text, result.get("language")), *blocks_]
    if dm:
        remember_dm_thread(channel, thread_ts)
    if placeholder_ts:
        posted = update(client, channel, placeholder_ts, message, blocks_)
    else:
        posted = post(client, channel, message, blocks_, thread_ts=thread_ts, broadcast=continued)
    if posted and result.get("kind") == "recommendation":
        remember_where(result["recommendation"], channel, thread_ts)
    return result


def remember_where(rec: api.Recommendation, channel: str, thread_ts: str | None) -> None:
    """Record the thread a recommendation went to: the decision watch posts its findings there."""
    if rec.id is None or not thread_ts:
        return
    try:
        store().set_recommendation_thread(rec.id, channel, thread_ts)
    except Exception as exc:  # noqa: BLE001 - the answer is out; only later findings lose their thread
        log.error("could not record where recommendation %s went: %s", rec.id, describe(exc))


def remember_dm_thread(channel: str, thread_ts: str) -> None:
    """Point the DM at this thread if its conversation now waits for an answer (it is then the
    DM's latest waiting conversation)."""
    try:
        if is_awaiting_reply(channel, thread_ts):
            store().save_conversation(dm_key(channel), {"thread_ts": thread_ts})
    except Exception as exc:  # noqa: BLE001 - the thread itself still works
        log.error("could not remember the conversation of %s: %s", channel, describe(exc))


def dm_thread_to_continue(channel: str, text: str) -> str | None:
    """The thread a top-level DM message continues: the DM's latest conversation, while the bot
    waits for an answer there. None (a new conversation) otherwise, or when the message asks to
    start over."""

    if api.RESTART_RE.search(clean_text(text)):
        return None
    pointer = store().get_conversation(dm_key(channel)) or {}
    thread_ts = pointer.get("thread_ts")
    if isinstance(thread_ts, str) and is_awaiting_reply(channel, thread_ts):
        return thread_ts
    return None


def reply_in_dm(
    client: WebClient,
    *,
    channel: str,
    ts: str,
    thread_ts: str | None,
    text: str,
    user: str | None,
) -> dict:
    """One message of a DM. In a thread: a turn of that thread. At the top level: continues the
    DM's waiting conversation in its thread, or starts a new one in the message's own thread.
    Messages of one DM are handled one at a time, so the pointer is never read half-updated."""
    with key_lock(dm_key(channel)):
        if thread_ts and thread_ts != ts:
            return reply(
                client, channel=channel, thread_ts=thread_ts, text=text, user=user, dm=True
            )
        try:
            target = dm_thread_to_continue(channel, text)
        except Exception as exc:  # noqa: BLE001 - then it is a new conversation
            log.error("could not read the conversation of %s: %s", channel, describe(exc))
            target = None
        if target:
            log.info("top-level DM in %s continues thread %s", channel, target)
        return reply(
            client,
            channel=channel,
            thread_ts=target or ts,
            text=text,
            user=user,
            dm=True,
            continued=target is not None,
        )


def first_delivery(body: dict) -> bool:
    """Claim the event's id in the store: False when it was handled before (a Slack retry that
    reached this process after a restart, or another bot process)."""
    event_id = body.get("event_id")
    if not event_id:
        return True
    return claim(str(event_id), f"event {event_id}")


def claim(key: str, what: str) -> bool:
    """Record `key` in the store: True the first time, False for any repeat (across restarts and
    bot processes). `what` names it in the log."""
    try:
        first = store().claim_event(key)
    except Exception as exc:  # noqa: BLE001 - better to answer twice than never
        log.error("could not record %s: %s", what, describe(exc))
        return True
    if not first:
        log.info("%s was handled before: not handled again", what)
    return first


def is_awaiting_reply(channel: str, thread_ts: str | None) -> bool:
    """True when the bot asked a question in this thread and waits for the answer."""
    if not thread_ts:
        return False
    state = store().get_conversation(thread_key(channel, thread_ts))
    return bool(state and state.get(AWAITING))


def expect_reply(channel: str, thread_ts: str | None) -> None:
    """Mark the thread's conversation as waiting for the user's next message (after a
    thumbs-down), so that a reply without a mention is answered even when it is unclear."""
    if not thread_ts:
        return
    key = thread_key(channel, thread_ts)
    try:
        with key_lock(key):
            state = store().get_conversation(key)
            if state is not None:
                store().save_conversation(key, {**state, AWAITING: True})
    except Exception as exc:  # noqa: BLE001 - the reply is still handled, only more quietly
        log.error("could not mark %s as waiting: %s", key, describe(exc))


def in_conversation(channel: str, thread_ts: str | None) -> bool:
    """True when the bot takes part in this thread (it holds the thread's conversation)."""
    if not thread_ts:
        return False
    return store().get_conversation(thread_key(channel, thread_ts)) is not None


def pending_field(channel: str, thread_ts: str) -> str | None:
    state = store().get_conversation(thread_key(channel, thread_ts)) or {}
    return state.get("pending")
