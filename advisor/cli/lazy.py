"""`advisor.api` for the command modules, imported on first use: `llm-advisor --help`, `ui`, `bot`
and a mistyped command start without loading the core (about a tenth of a second)."""

from __future__ import annotations

from typing import Any


class _Api:
    def __getattr__(self, name: str) -> Any:
        from advisor import api as core

        return getattr(core, name)


api: Any = _Api()
