"""Fixtures for the listener unit tests: see bolt_fakes.py. No server is started."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bolt_fakes import FakeApp, Slack


@pytest.fixture
def slack() -> Slack:
    return Slack()


@pytest.fixture
def registered() -> Callable[[object], FakeApp]:
    """`registered(module)`: a FakeApp that the listener module registered itself on."""

    def make(module) -> FakeApp:
        app = FakeApp()
        module.register(app)
        return app

    return make
