"""Logging for the bot: one line per record, no stack traces, and never a token or secret."""

from __future__ import annotations

import functools
import logging
import re
import time

from advisor import api

log = logging.getLogger("bot")

_TOKEN_RE = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_FIELD_RE = re.compile(
    r"""(["']?(?:token|signing_secret|client_secret|authorization)["']?\s*[:=]\s*)(["']?)(?!\[redacted\])[^"'\s,}&]+""",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Remove Slack tokens, `token=...` fields and every configured secret from a string: the
    Slack ones, the providers' keys, and the endpoint keys that endpoints.yaml names."""
    text = _TOKEN_RE.sub(lambda m: f"{m.group(1)}-[redacted]", text)
    text = _FIELD_RE.sub(r"\1\2[redacted]", text)
    try:
        values = api.secrets()  # Slack's tokens and signing secret, provider and endpoint keys
    except Exception:  # noqa: BLE001 - a log line must never fail on its way out
        values = []
    for value in values:
        if len(value) >= 6:
            text = text.replace(value, "[redacted]")
    return text


class _DropNoise(logging.Filter):
    """Bolt warns that the token it read from the environment is unused: we hand it a client."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in str(record.msg)


class RedactingFilter(logging.Filter):
    """Drops exception tracebacks (the type and message stay) and redacts secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message} ({type(error).__name__}: {error})"
        record.msg = redact(message).replace("\n", " ")[:2000]
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def setup(level: int = logging.INFO) -> None:
    """Route every logger through one redacting stderr handler."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_DropNoise())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # The SDK logs request bodies and headers at DEBUG; keep it quiet whatever the root level.
    for name in (
        "slack_sdk",
        "slack_bolt",
        "urllib3",
        "httpx",
        "sentence_transformers",
        "chromadb",
    ):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def request_name(body: dict) -> str:
    """What a Slack request is, with the ids Slack gave it: `app_mention (event Ev123)`,
    `/llm-advisor (trigger 123.456)`, `open_questionnaire (trigger ...)`."""
    ids = [
        f"{label} {value}"
        for label, value in (
            ("event", body.get("event_id")),
            ("trigger", body.get("trigger_id")),
            (
                "view",
                (body.get("view") or {}).get("id") if isinstance(body.get("view"), dict) else None,
            ),
        )
        if value
    ]
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    actions = body.get("actions") if isinstance(body.get("actions"), list) else []
    kind = (
        event.get("type")
        or body.get("command")
        or (actions[0].get("action_id") if actions and isinstance(actions[0], dict) else None)
        or body.get("type")
        or "request"
    )
    return f"{kind} ({', '.join(ids)})" if ids else str(kind)


def handled(listener):
    """`listener` (the work after a request's ack), logging one line when it is done with its
    request, whatever it did (answered, ignored, failed): what the request was and how long it
    took. Operators see each request's outcome; the tests wait for this line instead of sleeping
    before they check that nothing more was posted."""

    @functools.wraps(listener)  # Bolt reads the listener's own arguments through the wrapper
    def run(**kwargs):
        started = time.monotonic()
        outcome = " (failed)"
        try:
            listener(**kwargs)
            outcome = ""
        finally:
            what = request_name(kwargs.get("body") or kwargs.get("command") or {})
            log.info("handled %s in %.2fs%s", what, time.monotonic() - started, outcome)

    return run


def ack_only(ack, body: dict) -> None:
    """The listener of a request there is nothing to do for but acknowledge (a URL button's
    click, anything no other listener takes): it ends in the same line as `handled`'s."""
    ack()
    log.info("handled %s in 0.00s (nothing to do)", request_name(body))


def describe(error: BaseException) -> str:
    """A short, safe description of an error for the log."""
    return redact(" ".join(f"{type(error).__name__}: {error}".split()))[:300]
