"""Test-wide settings: all state in a temporary ADVISOR_HOME, nothing ever reaches a network."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

# Set before any of our modules are imported, so no test can touch the user's real state.
os.environ["ADVISOR_HOME"] = tempfile.mkdtemp(prefix="advisor-test-home-")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# The app warms the embedder and the index up on a background thread at start; in tests that
# would be a whole index build per process behind every test's back (test_app_warm_up turns it on).
os.environ.setdefault("ADVISOR_UI_WARM_UP", "0")
for name in (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "CHROMA_HOST",
    "CHROMA_PORT",
    "SLACK_APP_TOKEN",
    # what the knowledge base is and how tasks are read: a developer's shell must not change them
    "ADVISOR_KNOWLEDGE_DIR",
    "ADVISOR_TASK_MEANING",
):
    os.environ.pop(name, None)
# Every hosted route's key and base-URL variable too (knowledge/data/routes.json), so that a key
# in the developer's shell never makes a test call a real provider.
_routes = json.loads((Path(__file__).parent.parent / "knowledge/data/routes.json").read_text())
for _route in _routes["routes"].values():
    os.environ.pop(_route["key_env"], None)
    os.environ.pop(_route["base_url_env"], None)
