"""Fixtures the app's tests share: one knowledge index for every browser test of a run."""

from __future__ import annotations

import os
import subprocess
import sys

import harness  # tests/harness.py
import pytest
from paths import ROOT
from tiers import needs  # tests/tiers.py


@pytest.fixture(scope="session")
@needs("subprocess", "index")
def knowledge_index(tmp_path_factory):
    """The packaged knowledge base's index, built once per run by `llm-advisor index` (as a
    person builds it), that each browser test's app starts from (`harness.app_for_browser_tests`
    copies it into the app's ADVISOR_HOME): the index build is not repeated per module, nor timed
    inside a page's wait."""
    harness.require_chromium()  # no browser, no test that would use it
    home = tmp_path_factory.mktemp("shared-index-home")
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "index"],
        env={**os.environ, "ADVISOR_HOME": str(home)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return home / "chroma"
