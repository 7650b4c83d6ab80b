"""The one interface every LLM back-end implements: run a chat prompt and stream the answer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Usage:
    """Token counts for one call; yielded once, after the last text chunk."""

    input_tokens: int
    output_tokens: int
    counted: bool = False  # True when we counted ourselves because the server sent no usage


class Provider(ABC):
    """A back-end that can run chat models. Instances are shared across threads."""

    name: str = "provider"

    def with_session_key(self, api_key: str) -> Provider:
        """This provider using a user's own key for one session (the app's key box); providers
        that take no user key return themselves."""
        return self

    def prepare(self) -> None:
        """Get ready to run, before any timing starts (a local runtime starts its process here).
        Raises `ProviderError` when the back-end cannot start."""
        return None

    @abstractmethod
    def stream(
        self,
        model: str,
        messages: list[dict],
        *,
        temperature: float = 0.7,
        max_tokens: int = 256,
        response_format: dict | None = None,
    ) -> Iterator[str | Usage]:
        """Yield text chunks as they arrive, then exactly one `Usage`. `response_format` asks
        for structured output (OpenAI's `json_schema` format) where the back-end offers it.

        `model` is the name the back-end knows (an upstream name or deployment), and `messages`
        are OpenAI-style `{role, content}` dicts. Failures raise `ProviderError` with one line
        that says what to do; transient ones are retried before that.
        """
