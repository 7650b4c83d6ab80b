"""Where state lives and which settings come from the environment."""

from __future__ import annotations

import os
from pathlib import Path


def advisor_home() -> Path:
    """All state lives under ADVISOR_HOME (default ~/.llm-advisor); created on first use."""
    home = Path(os.environ.get("ADVISOR_HOME") or Path.home() / ".llm-advisor")
    home.mkdir(parents=True, exist_ok=True)
    return home


def db_path() -> Path:
    return advisor_home() / "advisor.db"


def chroma_path() -> Path:
    return advisor_home() / "chroma"


def ui_url() -> str:
    return os.environ.get("ADVISOR_UI_URL", "http://localhost:8501").rstrip("/")


def env(name: str) -> str | None:
    """An environment setting, with empty strings treated as unset."""
    value = os.environ.get(name, "").strip()
    return value or None


def get_key(name: str, explicit: str | None = None) -> str | None:
    """A secret: the one given for this call (a user's own session key), else the environment
    variable `name`. The one place keys are read, as llm's `get_key`; never logged or stored."""
    return (explicit or "").strip() or env(name)
