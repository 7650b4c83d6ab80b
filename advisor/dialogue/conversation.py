"""The chat with the advisor (Slack threads): the slash command's quick concept check and the
restart words the bot's DM routing needs; each turn itself is `advisor.dialogue.handle`."""

from __future__ import annotations

import re

from . import handle  # one turn of a conversation: advisor/dialogue

__all__ = ["CONCEPT_RE", "handle", "is_concept_question", "RESTART_RE"]

RESTART_RE = re.compile(
    r"^\s*(start over|restart|reset|new (question|use case)|börja om)\b", re.IGNORECASE
)
CONCEPT_RE = re.compile(
    r"^\s*(what|what's|whats|how|why|when|is|are|does|do|can|explain|define|tell me about|"
    r"difference between|vad|hur|varför)\b|\bvs\.?\b|\bversus\b|\?\s*$",
    re.IGNORECASE,
)
USE_CASE_RE = re.compile(
    r"\b(we|our|us|my|i need|i want|i'd like|help me|build|need a|looking for|should (we|i) use|"
    r"recommend|which model|what model|vi|vår|våra|behöver)\b",
    re.IGNORECASE,
)


def is_concept_question(text: str) -> bool:
    return bool(CONCEPT_RE.search(text)) and not USE_CASE_RE.search(text)
