"""Field-level precision and recall of a free-text reader against the intake corpus's gold answers.

The corpus (tests/data/intake/, annotation rules in its README) holds each request's gold
questionnaire with flattened keys ("task", "data.document_count"). A reader's result is scored
only on the fields it says it read from the text (its `inferred` list), never on defaults:

- precision of a field = values read from text that equal the gold value / values read from text
  (a value read where the gold has none counts as wrong: the text did not state it);
- recall of a field = gold values read correctly / gold values present.

What "equal" means lives in one place, `same`: numbers within 10% relative, lists as sets,
everything else exactly. A case may list fields its gold was never annotated for
(`unannotated`, the held-out cases written before `device` and `device_memory_gb` existed): those
fields are not scored on it, neither as read nor as gold.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.questionnaire import FIELDS, get_answer

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "intake"
PARTS = ("tuning", "heldout")
NUMBER_TOLERANCE = 0.10  # relative; "about 20k" read as 19,000 is still the same volume
# The goals on the held-out part: every field read from text is right at least this often,
GOAL_PRECISION = 0.97
# and these fields, when the text states them, are read at least this often.
GOAL_RECALL = 0.85
RECALL_FIELDS = (
    "requests_per_month",  # volume
    "monthly_budget_usd",  # budget
    "deployment",
    "data_residency",
    "languages",
    "task",
)


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object a line, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load(part: str, directory: Path = CORPUS_DIR) -> list[dict]:
    """The cases of one part ("tuning" or "heldout"), in file order."""
    path = directory / f"{part}.jsonl"
    return read_jsonl(path)


def same(path: str, read: Any, gold: Any) -> bool:
    """Whether a value read for the field at `path` is the gold value."""
    kind = FIELDS[path].kind
    if kind in ("count", "amount"):
        if isinstance(read, bool) or not isinstance(read, (int, float)):
            return False
        if gold == 0:
            return read == 0
        return abs(read - gold) <= NUMBER_TOLERANCE * abs(gold)
    if kind in ("multi", "languages"):
        if not isinstance(read, (list, tuple, set)):
            return False
        return {str(item).lower() for item in read} == {str(item).lower() for item in gold}
    if isinstance(read, str) and isinstance(gold, str):
        return read.strip() == gold.strip()
    return read == gold


def read_fields(result: dict) -> dict[str, Any]:
    """The values a reader's result says it read from the text, by field path.

    `result` is what `advisor.api.read_use_case` returns: {answers, inferred, ...}."""
    answers = result.get("answers") or {}
    values = {}
    for path in result.get("inferred") or ():
        if path in FIELDS:
            value = get_answer(answers, path)
            if value is not None:
                values[path] = value
    return values


@dataclass
class FieldScore:
    read: int = 0  # values read from text
    read_right: int = 0  # of those, equal to gold
    gold: int = 0  # gold values present
    gold_found: int = 0  # of those, read and equal

    @property
    def precision(self) -> float | None:
        return self.read_right / self.read if self.read else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None


@dataclass
class Score:
    fields: dict[str, FieldScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)  # {id, field, read, gold}, for tuning only

    def add(
        self, case_id: str, read: dict[str, Any], gold: dict[str, Any], skip: Iterable[str] = ()
    ) -> None:
        for path in sorted((set(read) | set(gold)) - set(skip)):
            score = self.fields.setdefault(path, FieldScore())
            right = path in read and path in gold and same(path, read[path], gold[path])
            if path in read:
                score.read += 1
                score.read_right += right
            if path in gold:
                score.gold += 1
                score.gold_found += right
            if not right:
                self.misses.append(
                    {"id": case_id, "field": path, "read": read.get(path), "gold": gold.get(path)}
                )

    def overall(self) -> FieldScore:
        total = FieldScore()
        for score in self.fields.values():
            total.read += score.read
            total.read_right += score.read_right
            total.gold += score.gold
            total.gold_found += score.gold_found
        return total

    def goals(self) -> list[tuple[str, bool]]:
        """Each goal of the issue, and whether it holds (a field never read meets precision)."""
        result = []
        for path, score in sorted(self.fields.items()):
            if score.read:
                result.append(
                    (f"precision {path} >= {GOAL_PRECISION}", score.precision >= GOAL_PRECISION)
                )
        for path in RECALL_FIELDS:
            recall = self.fields.get(path, FieldScore()).recall
            result.append(
                (f"recall {path} >= {GOAL_RECALL}", bool(recall and recall >= GOAL_RECALL))
            )
        return result


DOUBLE_ANNOTATION = CORPUS_DIR / "double_annotation.jsonl"
UNSET = "(unset)"  # an adjudicated value: the field is left out


def double_annotations(path: Path = DOUBLE_ANNOTATION) -> list[dict]:
    """Cases annotated twice (tests/data/intake/README.md, "Double annotation"): the first gold,
    a second annotator's (blind to the first and to the reader), and the adjudicated decisions
    where they differed, each {field, chose, value, reason}; the part's gold is the first with
    the decisions applied."""
    if not path.exists():
        return []
    return read_jsonl(path)


def adjudicated(row: dict) -> dict[str, Any]:
    """The gold a double-annotated case ends with: the first, with each decision applied, then
    any later correction by the guidelines (`corrections`, each {field, value, reason})."""
    gold = dict(row["first"])
    for decision in [*row.get("adjudicated", ()), *row.get("corrections", ())]:
        if decision["value"] == UNSET:
            gold.pop(decision["field"], None)
        else:
            gold[decision["field"]] = decision["value"]
    return gold


@dataclass
class Agreement:
    agreed: int = 0  # both set it, to the same value
    differed: int = 0  # both set it, to different values
    first_only: int = 0
    second_only: int = 0

    @property
    def ratio(self) -> float:
        total = self.agreed + self.differed + self.first_only + self.second_only
        return self.agreed / total if total else 1.0


def agreement(rows: Iterable[dict], cases: Iterable[dict]) -> dict[str, Agreement]:
    """How often two annotators set a field the same way, per field, before adjudication (a
    field neither set is left out; fields a case was never annotated for are not counted)."""
    unannotated = {case["id"]: set(case.get("unannotated", ())) for case in cases}
    fields: dict[str, Agreement] = {}
    for row in rows:
        if row["id"] not in unannotated:
            continue
        first, second = row["first"], row["second"]
        for path in sorted((set(first) | set(second)) - unannotated[row["id"]]):
            counts = fields.setdefault(path, Agreement())
            if path in first and path in second:
                if same(path, second[path], first[path]):
                    counts.agreed += 1
                else:
                    counts.differed += 1
            elif path in first:
                counts.first_only += 1
            else:
                counts.second_only += 1
    return fields


def agreement_report(part: str, fields: dict[str, Agreement]) -> str:
    lines = [
        f"{part}: field                          agreed differed first-only second-only  ratio"
    ]
    total = Agreement()
    for path, counts in sorted(fields.items()):
        lines.append(
            f"{part}: {path:30s} {counts.agreed:6d} {counts.differed:8d} {counts.first_only:10d}"
            f" {counts.second_only:11d}  {counts.ratio:.3f}"
        )
        total.agreed += counts.agreed
        total.differed += counts.differed
        total.first_only += counts.first_only
        total.second_only += counts.second_only
    lines.append(
        f"{part}: {'OVERALL':30s} {total.agreed:6d} {total.differed:8d} {total.first_only:10d}"
        f" {total.second_only:11d}  {total.ratio:.3f}"
    )
    return "\n".join(lines)


def latest_look(cases: list[dict]) -> tuple[list[dict], int | None, list[dict]]:
    """(the cases the latest held-out look reads first, that look's number, the rest). The
    held-out cases read at earlier looks are the ones that read right then (the others moved to
    the tuning part), so only the first group measures the reader on text it has never met
    (tests/data/intake/README.md, "Held-out log"); a case's `first_look` names its look."""
    looks = [case["first_look"] for case in cases if "first_look" in case]
    if not looks:
        return [], None, list(cases)
    look = max(looks)
    return (
        [case for case in cases if case.get("first_look") == look],
        look,
        [case for case in cases if case.get("first_look") != look],
    )


def score_cases(cases: Iterable[dict], reader) -> Score:
    """Score `reader` (text -> read_use_case-shaped result) on `cases`."""
    score = Score()
    for case in cases:
        score.add(
            case["id"],
            read_fields(reader(case["text"])),
            case["gold"],
            case.get("unannotated", ()),
        )
    return score


def _ratio(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def overall_line(name: str, cases: int, score: Score) -> str:
    """ "name: N requests, precision P (right/read), recall R (found/gold)"."""
    total = score.overall()
    return (
        f"{name}: {cases} requests, precision {total.precision or 0:.3f} "
        f"({total.read_right}/{total.read}), recall {total.recall or 0:.3f} "
        f"({total.gold_found}/{total.gold})"
    )


def report(part: str, score: Score) -> str:
    """The per-field table, the overall line and the goals, as printed by the bench."""
    lines = [
        f"{part}: field                          precision (right/read)   recall (found/gold)",
    ]
    for path, field_score in sorted(score.fields.items()):
        lines.append(
            f"{part}: {path:30s} {_ratio(field_score.precision)} ({field_score.read_right:3d}/"
            f"{field_score.read:3d})       {_ratio(field_score.recall)} ({field_score.gold_found:3d}/"
            f"{field_score.gold:3d})"
        )
    total = score.overall()
    lines.append(
        f"{part}: {'OVERALL':30s} {_ratio(total.precision)} ({total.read_right:3d}/{total.read:3d})"
        f"       {_ratio(total.recall)} ({total.gold_found:3d}/{total.gold:3d})"
    )
    goals = score.goals()
    met = sum(ok for _, ok in goals)
    lines.append(f"{part}: goals met {met}/{len(goals)}")
    for name, ok in goals:
        lines.append(f"{part}:   {'met    ' if ok else 'NOT met'} {name}")
    return "\n".join(lines)


# -- look-alike variants ---------------------------------------------------------------------------

VARIANTS = CORPUS_DIR / "variants.jsonl"


def load_variants(path: Path = VARIANTS) -> list[dict]:
    """The issue's look-alikes said again in other words (tests/data/intake/README.md, "Look-alike
    variants"): each with the fields it is about and their right value (None: stays unset)."""
    return read_jsonl(path)


def variant_misses(case: dict, reader) -> list[str]:
    """The fields of one variant read wrong, as "field: read X, expected Y"."""
    found = read_fields(reader(case["text"]))
    misses = []
    for path, want in case["expect"].items():
        have = found.get(path)
        right = have is None if want is None else have is not None and same(path, have, want)
        if not right:
            misses.append(f"{path}: read {have!r}, expected {want!r}")
    return misses


def variants_report(cases: list[dict], reader) -> str:
    """One line per part: variants read wholly right, and fields right."""
    lines = []
    for part in sorted({case["part"] for case in cases}):
        group = [case for case in cases if case["part"] == part]
        missed = [variant_misses(case, reader) for case in group]
        fields = sum(len(case["expect"]) for case in group)
        lines.append(
            f"look-alike variants, part {part}: {sum(not m for m in missed)}/{len(group)} read "
            f"wholly right, {fields - sum(map(len, missed))}/{fields} fields"
        )
    return "\n".join(lines)
