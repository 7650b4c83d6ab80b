"""Fakes for the unit tests of the Bolt listeners (tests/bot/listeners), in the style of Slack's
bolt-python starter template.

Each listener function is called directly: the ack function with a mocked `ack`, then its lazy
functions, with mocked `client`, `respond` and `say` that record what the listener asks Slack to
do. All of them are children of one Mock, so the order of calls across them is recorded: a test can
check that the listener acked before anything else. The core (advisor.api) and the store are real;
no server is started.
"""

from __future__ import annotations

import inspect
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from unittest.mock import Mock, call

from fake_slack import BOT_USER, new_ts  # noqa: F401  (the same ids and ts as the HTTP tests)
from slack_bolt import BoltContext
from slack_sdk import WebClient

_ids = itertools.count(1)


def unique(prefix: str) -> str:
    """An id no other test uses (channels, users, event ids), so the shared store never mixes."""
    return f"{prefix}{os.getpid()}X{next(_ids)}"


class Slack:
    """Bolt's listener arguments as mocks under one parent (`calls`), which records their order."""

    def __init__(self) -> None:
        self.calls = Mock(name="slack")
        self.ack = self.calls.ack
        self.respond = self.calls.respond
        self.say = self.calls.say
        # Only the real WebClient's methods: a misspelt Slack method fails the test. (spec, not
        # create_autospec: that costs half a second per test, and the methods take **kwargs anyway.)
        self.client = Mock(spec=WebClient, name="client")
        self.calls.attach_mock(self.client, "client")
        self.client.conversations_open.side_effect = lambda users, **_: {
            "ok": True,
            "channel": {"id": f"D{users}"},
        }
        self.context = BoltContext({"bot_user_id": BOT_USER})

    def client_calls(self) -> list:
        """The calls to Slack's Web API, in order, as (method name, kwargs)."""
        out = []
        for name, _, kwargs in self.calls.mock_calls:
            if name.startswith("client.") and name.count(".") == 1:
                out.append((name.removeprefix("client."), kwargs))
        return out

    def called(self, method: str) -> list[dict]:
        """The kwargs of each call of one Web API method (e.g. "chat_postMessage")."""
        return [kwargs for name, kwargs in self.client_calls() if name == method]

    def assert_acked_first(self, *args, **kwargs) -> None:
        """`ack` was called once, with these arguments, before anything else was called."""
        self.ack.assert_called_once_with(*args, **kwargs)
        assert self.calls.mock_calls[0] == call.ack(*args, **kwargs), self.calls.mock_calls

    def assert_only_acked(self, *args, **kwargs) -> None:
        self.assert_acked_first(*args, **kwargs)
        assert self.calls.mock_calls == [call.ack(*args, **kwargs)], self.calls.mock_calls


@dataclass
class Listener:
    kind: str
    constraint: object
    ack: Callable
    lazy: list[Callable] = field(default_factory=list)

    @property
    def work(self) -> list[Callable]:
        """The lazy functions as the listener module wrote them: each is registered wrapped in
        `bot.logs.handled`, which logs when the request is done."""
        for function in self.lazy:
            assert getattr(function, "__wrapped__", None), f"{function} is not wrapped in handled"
        return [inspect.unwrap(function) for function in self.lazy]

    def matches(self, kind: str, name: str) -> bool:
        if kind != self.kind:
            return False
        if isinstance(self.constraint, re.Pattern):
            return bool(self.constraint.search(name))
        return self.constraint == name


class FakeApp:
    """Stands in for slack_bolt.App in `register(app)`: captures each listener as Bolt would
    (`app.event("x")(fn)`, or `app.event("x")(ack=fn, lazy=[...])`), and runs one the way Bolt
    does: the ack function first, then the lazy functions, each given the arguments it names."""

    def __init__(self) -> None:
        self.listeners: list[Listener] = []

    def _on(self, kind: str, constraint: object) -> Callable:
        def register(*functions: Callable, ack: Callable | None = None, lazy=()) -> Callable:
            chain = [ack, *lazy] if ack else list(functions)
            self.listeners.append(Listener(kind, constraint, chain[0], list(chain[1:])))
            return chain[0]

        return register

    def action(self, constraint, **_) -> Callable:
        return self._on("action", constraint)

    def command(self, constraint, **_) -> Callable:
        return self._on("command", constraint)

    def event(self, constraint, **_) -> Callable:
        return self._on("event", constraint)

    def view(self, constraint, **_) -> Callable:
        return self._on("view", constraint)

    def assistant(self, assistant) -> None:
        """Bolt's `Assistant` middleware: its listeners, as the events they match."""
        for event, listeners in (
            ("assistant_thread_started", assistant._thread_started_listeners),
            ("assistant_thread_context_changed", assistant._thread_context_changed_listeners),
            ("assistant_user_message", assistant._user_message_listeners),
        ):
            for listener in listeners or []:
                self.listeners.append(
                    Listener("event", event, listener.ack_function, list(listener.lazy_functions))
                )

    def listener(self, kind: str, name: str) -> Listener:
        found = [item for item in self.listeners if item.matches(kind, name)]
        assert len(found) == 1, f"{len(found)} listeners for {kind} {name!r}"
        return found[0]

    def handle(self, kind: str, name: str, slack: Slack, **payload) -> None:
        """Bolt's dispatch of one request: ack, then the lazy functions (which get no real ack)."""
        listener = self.listener(kind, name)
        arguments = {
            "ack": slack.ack,
            "client": slack.client,
            "respond": slack.respond,
            "say": slack.say,
            "context": slack.context,
            **payload,
        }
        call_with(listener.ack, arguments)
        for function in listener.lazy:
            call_with(function, {**arguments, "ack": Mock(name="lazy-ack")})


def call_with(function: Callable, arguments: dict) -> object:
    """Call `function` with the arguments it names, as Bolt's argument injection does."""
    wanted = inspect.signature(function).parameters
    missing = [name for name in wanted if name not in arguments]
    assert not missing, f"{function.__name__} wants {missing}, which the test did not give"
    return function(**{name: arguments[name] for name in wanted})
