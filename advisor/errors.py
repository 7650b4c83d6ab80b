"""Errors that the faces turn into one friendly line (CLI exit codes in brackets)."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base class: the message is already fit to show a person."""

    exit_code = 1


class InputError(AdvisorError):
    """Bad input from the user (exit 2). Names the field and what is allowed."""

    exit_code = 2

    def __init__(self, field: str, allowed: str, got: object = None):
        self.field = field
        self.allowed = allowed
        self.got = got
        super().__init__(f"{field}: {allowed}")


class UnknownModelError(InputError):
    def __init__(self, model_id: str):
        super().__init__(
            "model", f"unknown model id {model_id[:80]!r}; see `llm-advisor catalog list`"
        )


class StorageError(AdvisorError):
    """The database (advisor.db) cannot be read or written: exit 1, says which file and what to do."""

    exit_code = 1


class ProviderError(AdvisorError):
    """A provider failed (no key, unreachable, refused): exit 1, says which and what to do."""

    exit_code = 1

    def __init__(self, provider: str, message: str):
        self.provider = provider
        super().__init__(f"{provider}: {message}")
