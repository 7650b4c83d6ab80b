"""Stored decisions side by side: what the pick, the approach, the cost and the catalog date were
for each, and which of the answers behind them differ (History's "Compare decisions").

The faces only render the rows; which values differ is decided here, once, from the typed
recommendations and the questionnaire's own field metadata (a new field is compared without a
change here).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..present import approach_name, money
from ..questionnaire import FIELDS, FieldSpec, get_answer
from ..results import Recommendation

NOT_GIVEN = "not given"


@dataclass(frozen=True)
class ComparedRow:
    """One fact across the decisions: its label, its value in each (as a person reads it) and
    whether they differ."""

    label: str
    values: tuple[str, ...]
    differs: bool


@dataclass(frozen=True)
class DecisionComparison:
    """`decision`: model, approach, monthly cost and catalog date, always all four; `answers`: only
    the answers that differ, in the form's order; `same_answers`: how many fields were answered
    alike in every decision (not counting those left unanswered in all)."""

    ids: tuple[int | None, ...]
    decision: tuple[ComparedRow, ...]
    answers: tuple[ComparedRow, ...]
    same_answers: int


def compare_decisions(decisions: Sequence[Recommendation]) -> DecisionComparison:
    """Two or more stored recommendations side by side (ValueError for fewer)."""
    if len(decisions) < 2:
        raise ValueError("comparing needs two or more decisions")
    decision = (
        _row("Model", [(d.model.id, f"{d.model.label} ({d.model.id})") for d in decisions]),
        _row(
            "Approach",
            [(d.approach.primary, approach_name(d.approach.primary)) for d in decisions],
        ),
        # compared to the cent, as shown: a cost that only differs in rounding is the same cost
        _row(
            "Monthly cost",
            [(round(d.cost.monthly_usd, 2), money(d.cost.monthly_usd)) for d in decisions],
        ),
        _row(
            "Catalog facts as of",
            [(d.catalog_as_of, d.catalog_as_of or "not recorded") for d in decisions],
        ),
    )
    answers, same = [], 0
    for path, spec in FIELDS.items():
        given = [_normalised(get_answer(d.questionnaire, path)) for d in decisions]
        if all(value is None for value in given):
            continue
        row = _row(spec.label, [(value, answer_text(spec, value)) for value in given])
        if row.differs:
            answers.append(row)
        else:
            same += 1
    return DecisionComparison(
        ids=tuple(d.id for d in decisions),
        decision=decision,
        answers=tuple(answers),
        same_answers=same,
    )


def _row(label: str, pairs: list[tuple[Any, str]]) -> ComparedRow:
    """A row from (value compared, text shown) per decision."""
    keys = [key for key, _ in pairs]
    return ComparedRow(
        label=label,
        values=tuple(text for _, text in pairs),
        differs=any(key != keys[0] for key in keys[1:]),
    )


def _normalised(value: Any) -> Any:
    # lists of languages or needs are sets: ["sv", "en"] and ["en", "sv"] are the same answer
    if isinstance(value, list):
        return tuple(sorted(str(item) for item in value))
    if isinstance(value, str):
        return value.strip() or None
    return value


def answer_text(spec: FieldSpec, value: Any) -> str:
    """An answer as a person reads it: "yes", "20,000", "$200", "en, sv", "not given"."""
    if value is None:
        return NOT_GIVEN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value) or "none"
    if spec.unit == "USD":
        return money(value)
    if spec.kind in ("count", "amount") and isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return str(value)


def group_repeats(rows: list[dict]) -> list[dict]:
    """Stored decisions (newest first) as one entry per questionnaire, pick and person: the newest
    row, with `ids` every id it stands for (asking the same thing again records it again, and a
    list of repeats would hide the rest)."""
    groups: dict[tuple, dict] = {}
    for row in rows:  # newest first, so the first of a group is the one shown
        same = (
            json.dumps(row.get("questionnaire"), sort_keys=True, default=str),
            row.get("model_id"),
            row.get("approach"),
            row.get("user"),
        )
        if same in groups:
            groups[same]["ids"].append(row["id"])
        else:
            groups[same] = {**row, "ids": [row["id"]]}
    return list(groups.values())
