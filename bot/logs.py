"""Logging for the bot: one line per record, no stack traces, and never a token or secret."""

from __future__ import annotations

import logging
import os
import re

from advisor import api

_TOKEN_RE = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_FIELD_RE = re.compile(
    r"""(["']?(?:token|signing_secret|client_secret|authorization)["']?\s*[:=]\s*)(["']?)(?!\[redacted\])[^"'\s,}&]+""",
    re.IGNORECASE,
)
_SLACK_SECRETS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


def redact(text: str) -> str:
    """Remove Slack tokens, `token=...` fields and every configured secret from a string: the
    Slack ones, the providers' keys, and the endpoint keys that endpoints.yaml names."""
    text = _TOKEN_RE.sub(lambda m: f"{m.group(1)}-[redacted]", text)
    text = _FIELD_RE.sub(r"\1\2[redacted]", text)
    values = [os.environ.get(name, "") for name in _SLACK_SECRETS]
    try:
        values += api.secrets()
    except Exception:  # noqa: BLE001 - a log line must never fail on its way out
        pass
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


def describe(error: BaseException) -> str:
    """A short, safe description of an error for the log."""
    return redact(" ".join(f"{type(error).__name__}: {error}".split()))[:300]
