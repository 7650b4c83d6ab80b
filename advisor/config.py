"""Where state lives, and the settings and keys the code reads (declared in `advisor/settings.py`)."""

from __future__ import annotations

from pathlib import Path

from . import settings

# The app's own records; Slack conversations are other people's and shown only to an admin.
APP_SOURCES = ("ui", "cli", "eval")


def advisor_home() -> Path:
    """All state lives under ADVISOR_HOME (default ~/.llm-advisor); created on first use, readable
    by its owner only (it holds the database and possibly endpoint keys)."""
    home = Path(settings.value("ADVISOR_HOME"))
    if not home.is_dir():
        home.mkdir(parents=True, exist_ok=True)
        # Only a folder we create is narrowed: one the user made (or shares) is theirs to set.
        home.chmod(0o700)
    return home


def db_path() -> Path:
    return advisor_home() / "advisor.db"


def chroma_path() -> Path:
    return advisor_home() / "chroma"


def history_all() -> bool:
    """ADVISOR_HISTORY_ALL=1 marks an admin's deployment: History shows every record."""
    return settings.value("ADVISOR_HISTORY_ALL")


def history_sources() -> tuple[str, ...] | None:
    """The sources whose records the app's History may show: the app's and the CLI's own, or every
    source (Slack conversations too) when ADVISOR_HISTORY_ALL=1 marks an admin's deployment."""
    if history_all():
        return None
    return APP_SOURCES


def history_owner(visitor: str | None) -> str | None:
    """Whose records the app's History, decision links and run log show: the logged-in visitor's
    own (None: no login, or ADVISOR_HISTORY_ALL=1, and then no one's are hidden)."""
    return None if history_all() else visitor


def ui_url() -> str:
    return settings.value("ADVISOR_UI_URL").rstrip("/")


def env(name: str) -> str | None:
    """A declared setting's text (empty counts as unset); `settings.value` gives it typed.
    Keys are read with `get_key`, never here."""
    return settings.raw(name)


def get_key(name: str, explicit: str | None = None) -> str | None:
    """A secret: the one given for this call (a user's own session key), else the environment
    variable `name` (a declared secret, or the variable an endpoint in endpoints.yaml names).
    The one place keys are read, as llm's `get_key`; never logged or stored."""
    return (explicit or "").strip() or settings.secret(name)
