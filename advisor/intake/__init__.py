"""Free text -> questionnaire answers, what is still missing, and the next question to ask.

The app's form, the CLI and the Slack bot all read text through this package:

- `quantities`: every number with its unit and what it counts (rates, ranges, prices per item,
  sizes, memory, GPUs), in English and Swedish formats;
- `cues`: where it may run, where the data may go, the language, what the job hears and says;
- `fields` and `phrases`: one reader per questionnaire field, each returning a value with its
  evidence or nothing;
- `read`: runs the readers into a typed `Reading`; `llm`: the same reading by a configured model,
  cross-checked against the readers; `dialogue`: what to ask next and replies to it.
"""

from __future__ import annotations

from ..questionnaire import MAX_USE_CASE_CHARS, TEXT_TASKS
from ..safetext import clean
from .dialogue import (
    QUESTIONS,
    answer_question,
    key_fields,
    merge,
    missing_fields,
    next_question,
)
from .llm import configured as model_configured
from .llm import cross_check
from .llm import warnings_of as model_warnings
from .read import MAX_SCAN_CHARS, Reading, read_text, understood_item
from .task import TASK_PATTERNS, detect_task, rule_scores


def read(text: str, task: str | None = None) -> Reading:
    """The text read by the deterministic readers and, where `ADVISOR_INTAKE_MODEL` names a
    configured model, by that model too, whose reading is checked against the readers' (a field
    the two read differently is listed in `confirm`; see intake.llm.cross_check). The
    model is asked once per text (intake.llm), so the faces and service.advise, which both read
    through here, show and use the same values."""
    reading = read_text(text, task)
    if model_configured():
        reading = cross_check(text, reading, task)
    return reading


def understand(text: str, task: str | None = None) -> tuple[dict, list[str], list[str]]:
    """(answers, fields found, notes "field: how") for `text`: `read` in the older shape."""
    reading = read(text, task)
    return reading.answers, reading.found, reading.notes


def extract(text: str, task: str | None = None) -> tuple[dict, list[str]]:
    """Every answer the text gives, and the fields found (all marked inferred)."""
    reading = read(text, task)
    return reading.answers, reading.found


def read_use_case(text: str, known: dict | None = None) -> dict:
    """Free text -> {answers, inferred, notes, missing, next_question, understood, confirm,
    signals, warnings}; known answers are kept as given. The text is read as the advice reads
    it (its first MAX_USE_CASE_CHARS, service.advise announcing the cut), so every value shown
    here is one the recommendation uses."""
    reading = read(clean(text or "").strip()[:MAX_USE_CASE_CHARS], (known or {}).get("task"))
    answers = merge(known, reading.answers)
    if text and text.strip() and not answers.get("use_case"):
        answers["use_case"] = text.strip()  # the questionnaire cuts it, and the advice says so
    known_fields = {key for key, value in (known or {}).items() if value is not None}
    known_fields |= {f"data.{key}" for key in ((known or {}).get("data") or {})}
    inferred = [field for field in reading.found if field not in known_fields]
    confirm = [field for field in reading.confirm if field not in known_fields]
    return {
        "answers": answers,
        "inferred": inferred,
        "notes": reading.notes,
        "missing": missing_fields(answers),
        "next_question": next_question(answers, confirm=confirm),
        "understood": [item.model_dump() for item in reading.understood if item.field in inferred],
        "confirm": confirm,
        "signals": reading.signals,
        "warnings": reading.warnings,
    }


__all__ = [
    "MAX_SCAN_CHARS",
    "QUESTIONS",
    "TASK_PATTERNS",
    "TEXT_TASKS",
    "Reading",
    "answer_question",
    "detect_task",
    "extract",
    "key_fields",
    "merge",
    "missing_fields",
    "model_warnings",
    "next_question",
    "read",
    "read_text",
    "read_use_case",
    "rule_scores",
    "understand",
    "understood_item",
]
