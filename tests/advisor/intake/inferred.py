"""What the reader set from a text by itself: the fields it inferred, with their values."""

from __future__ import annotations

from advisor.intake import read_use_case
from advisor.questionnaire import get_answer


def read(text: str) -> dict:
    result = read_use_case(text)
    return {field: get_answer(result["answers"], field) for field in result["inferred"]}
