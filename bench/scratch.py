"""Scratch directories for a benchmark run: made on demand, removed when the process ends.

A bench's home holds an index, a database and caches; left behind, every `make bench` would add
them to /tmp for good.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile


def scratch_dir(prefix: str) -> str:
    """A new directory that is deleted, with everything in it, when this process exits."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def scratch_home(prefix: str = "advisor-bench-", replace: bool = False) -> str:
    """Point ADVISOR_HOME at a scratch directory, unless one is set and `replace` is false."""
    if replace or "ADVISOR_HOME" not in os.environ:
        os.environ["ADVISOR_HOME"] = scratch_dir(prefix)
    return os.environ["ADVISOR_HOME"]
