"""bench/scratch.py: a benchmark's scratch home is gone when its process ends, and a home the
caller chose is neither replaced nor deleted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess
ROOT = Path(__file__).resolve().parent.parent
_MAKE_HOME = """
import os, sys
from bench.scratch import scratch_home
home = scratch_home(replace=sys.argv[1] == "replace")
open(os.path.join(home, "index.sqlite"), "w").write("x")
print(home)
"""


def _run(mode: str, home: str) -> Path:
    done = subprocess.run(
        [sys.executable, "-c", _MAKE_HOME, mode],
        cwd=ROOT,
        env={**os.environ, "ADVISOR_HOME": home},
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip())


def test_a_scratch_home_is_removed_at_exit(tmp_path):
    used = _run("replace", str(tmp_path))
    assert used != tmp_path
    assert not used.exists()


def test_a_home_set_by_the_caller_is_used_and_kept(tmp_path):
    used = _run("keep", str(tmp_path))
    assert used == tmp_path
    assert (tmp_path / "index.sqlite").exists()
