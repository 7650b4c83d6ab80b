"""Where things are, for tests at any depth of tests/: the repository's root and the test data.

A test module names its files from here (`from paths import DATA, ROOT`) rather than counting
parent folders, so it can move with the layout it mirrors."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "tests" / "data"  # the tests' own data (advice cases, questions, the intake corpus)
