"""Free text -> a `Reading`: every value the readers found, with the words it came from and how
it was worked out. The readers (fields.py for quantities and hardware, phrases.py for the rest)
run once each; a reader that is unsure returns nothing, so the field stays unset and is asked.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from ..questionnaire import FIELDS, get_answer, set_answer
from ..results import Understood
from .cues import is_swedish, without_asides, without_rejected
from .fields import READERS as QUANTITY_READERS
from .fields import Found, Read, unit_price_notes
from .phrases import READERS as PHRASE_READERS
from .task import detect_task

MAX_SCAN_CHARS = 20_000
# A run of more than 15 digits is no quantity anyone means.
LONG_DIGITS_RE = re.compile(r"\d{16,}")

# Every field reader, by the questionnaire path it fills; the order is the order of notes.
READERS = {**QUANTITY_READERS, **PHRASE_READERS}


class Reading(BaseModel):
    """What one text says: `answers` (questionnaire-shaped), the fields found, notes on what was
    worked out ("field: how"), each value with its evidence, fields to confirm or ask first (two
    readers disagree; a batch with no period), and what the job hears and says (signals)."""

    answers: dict[str, Any] = Field(default_factory=dict)
    found: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    understood: list[Understood] = Field(default_factory=list)
    confirm: list[str] = Field(default_factory=list)
    signals: dict[str, Any] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


def shown(path: str, value: Any) -> str:
    """A value as a person reads it, in the words of its field."""
    spec = FIELDS.get(path)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if path == "monthly_budget_usd":
        from ..units import money

        return f"{money(value)} a month"
    if isinstance(value, (int, float)):
        text = f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.2f}"
        unit = {
            "requests_per_month": " a month",
            "audio_minutes_per_month": " audio minutes a month",
            "images_per_month": " images a month",
            "device_memory_gb": " GB",
        }.get(path, f" {spec.unit}" if spec and spec.unit else "")
        return text + unit
    return str(value)


def understood_item(path: str, value: Any, source: str, evidence: str = "", note: str = "",
                    confirm: bool = False) -> Understood:  # fmt: skip
    spec = FIELDS.get(path)
    return Understood(
        field=path,
        label=spec.label if spec else path,
        value=value,
        shown=shown(path, value),
        source=source,
        evidence=evidence.strip()[:200],
        note=note,
        confirm=confirm,
    )


def read_text(text: str | None, task: str | None = None) -> Reading:
    """Every answer the text gives. A `task` the answers already name is not detected again:
    reading the task by meaning loads the embedder, which the structured path must never wait for."""
    text = without_asides(without_rejected(LONG_DIGITS_RE.sub(" ", (text or "")[:MAX_SCAN_CHARS])))
    reading = Reading()
    if not text.strip():
        return reading
    if task is None and (task := detect_task(text)):
        _put(reading, "task", Found(task, "the described job"))
    read = Read.of(text, task)
    for path, reader in READERS.items():
        found = reader(read)
        if found is not None and found.value is not None:
            _put(reading, path, found)
    for note in read.batches:
        reading.warnings.append(f"Read {note}; how many minutes a month?")
    if read.batches and "audio_minutes_per_month" not in reading.found:
        # the warning asks for the period, so that is the next question, whatever else is open
        reading.confirm.append("audio_minutes_per_month")
    for note in unit_price_notes(read):
        reading.notes.append(f"monthly_budget_usd: {note}")
    signals = read.signals
    reading.signals = {
        "spoken_input": signals.spoken_input,
        "spoken_output": signals.spoken_output,
        "speakers": signals.speakers,
        "video": signals.video,
        "written_in": "sv" if is_swedish(text) else "en",
    }
    return reading


def _put(reading: Reading, path: str, found: Found) -> None:
    if get_answer(reading.answers, path) is not None:
        return
    set_answer(reading.answers, path, found.value)
    reading.found.append(path)
    if found.note:
        reading.notes.append(f"{path}: {found.note}")
    reading.understood.append(
        understood_item(path, found.value, "read", found.evidence, found.note)
    )
