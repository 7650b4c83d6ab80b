"""Test-wide settings: all state in a temporary ADVISOR_HOME, nothing ever reaches a network;
and the test tiers (tests/tiers.py): each test marked by what it needs, `make check` runs the rest."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# Set before any of our modules are imported, so no test can touch the user's real state.
os.environ["ADVISOR_HOME"] = tempfile.mkdtemp(prefix="advisor-test-home-")
# Removed when the run ends, or every run would leave an index and databases in /tmp for good.
atexit.register(shutil.rmtree, os.environ["ADVISOR_HOME"], ignore_errors=True)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# The app warms the embedder and the index up on a background thread at start; in tests that
# would be a whole index build per process behind every test's back (test_app_warm_up turns it on).
os.environ.setdefault("ADVISOR_UI_WARM_UP", "0")
# Every other setting LLM Advisor reads (advisor/settings.py: keys, base URLs, the knowledge base,
# limits) comes from the tests alone: a key in the developer's shell must never make a test call a
# real provider, nor a knob there change what a test sees.
from advisor import settings  # noqa: E402  (after ADVISOR_HOME is set)

for _name in settings.registry():
    if _name not in ("ADVISOR_HOME", "ADVISOR_UI_WARM_UP"):
        os.environ.pop(_name, None)

import tiers  # noqa: E402  (tests/tiers.py)


def pytest_configure(config: pytest.Config) -> None:
    tiers.configure(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tiers.mark(items, config.rootpath)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    tiers.guarded_setup(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    try:
        return (yield)
    finally:
        tiers.guarded_call_done(item)
