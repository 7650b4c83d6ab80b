"""What is still missing, the next question to ask, and a reply read as the answer to it.

The next question is the one whose answer would move the pick or the cost most, measured by
running the recommender on the answers so far with each plausible value of every missing field
(advisor/intake/impact.py); the task is always asked first (everything rests on it). The fields
worth asking are the task, whether answers come from the team's own documents (for the jobs that
can draw on them), the volume, the budget, and where the data may go when it is sensitive. A
field the text already answered is never asked; a field two readers disagreed on is asked first,
as a confirmation.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..questionnaire import FIELDS, TASKS, get_answer, set_answer
from .impact import FALLBACK, by_impact
from .quantities import scan

MAX_SCAN_CHARS = 20_000

# What the bot asks for a missing key field: the field's own question and its choices.
QUESTIONS: dict[str, dict[str, Any]] = {
    path: {
        "text": spec.question,
        "options": list(spec.choices) if spec.choices else ["yes", "no"] * (spec.kind == "yes-no"),
    }
    for path, spec in FIELDS.items()
    if spec.question
}


def merge(known: dict | None, found: dict) -> dict:
    """Known answers win over inferred ones; nested `data` is merged key by key."""
    merged = {key: value for key, value in (known or {}).items() if value is not None}
    data = dict(merged.get("data") or {})
    for key, value in found.items():
        if key == "data":
            for data_key, data_value in value.items():
                if data.get(data_key) is None:
                    data[data_key] = data_value
        elif merged.get(key) is None:
            merged[key] = value
    if data:
        merged["data"] = {key: value for key, value in data.items() if value is not None}
    return merged


def key_fields(answers: dict) -> list[str]:
    """The answers worth asking for given what is known so far (in the fixed fallback order;
    `missing_fields` orders the unanswered ones by impact)."""
    task = answers.get("task")
    if not task:
        return ["task"]
    fields = []
    if (
        task in ("chat", "question-answering", "text-generation")
        and get_answer(answers, "data.private_knowledge") is None
    ):
        fields.append("data.private_knowledge")
    volume = {"image-generation": "images_per_month", "speech-to-text": "audio_minutes_per_month"}
    fields.append(volume.get(task, "requests_per_month"))
    fields.append("monthly_budget_usd")
    if get_answer(answers, "data.sensitive") and not answers.get("deployment"):
        fields.append("deployment")
    return sorted(fields, key=lambda field: -FALLBACK.get(field, 0))


def missing_fields(answers: dict) -> list[str]:
    """The unanswered fields worth asking, the one whose answer would move the advice most first."""
    missing = [field for field in key_fields(answers) if get_answer(answers, field) is None]
    return by_impact(answers, missing) if len(missing) > 1 else missing


def next_question(
    answers: dict, skip: tuple[str, ...] = (), confirm: tuple[str, ...] | list[str] = ()
) -> dict | None:
    """The question to ask next, or None: a reading to confirm first (`confirm`: fields two
    readers disagreed on), then the most decisive missing field not in `skip`."""
    for field in confirm:
        if field not in skip and field in FIELDS:
            from .read import shown

            spec = FIELDS[field]
            value = get_answer(answers, field)
            text = (
                f"I read {spec.label.lower()} as {shown(field, value)}; is that right? If not, "
                "what is it?"
                if value is not None
                else spec.question or f"What is the {spec.label.lower()}?"
            )
            return {
                "field": field,
                "text": text,
                "options": list(spec.choices),
                "confirm": True,
                "value": value,
            }
    for field in missing_fields(answers):
        if field not in skip:
            return {"field": field, **QUESTIONS[field]}
    return None


_YES = re.compile(
    r"^\s*(y|yes|yeah|yep|sure|correct|true|ja|japp|absolutely|it does|they do)\b", re.I
)
_NO = re.compile(r"^\s*(n|no|nope|none|false|nej|not really|it doesn'?t|they don'?t)\b", re.I)
_NO_LIMIT = re.compile(
    r"no (limit|cap)|unlimited|whatever it takes|doesn'?t matter|not sure|don'?t know|ingen gräns",
    re.I,
)


def _first_number(reply: str) -> float | None:
    """The first number in a short reply ("around 20k", "$250"), whatever it counts."""
    # (a hedged reply ends in "?" or "!": "maybe 5k?" still gives 5k)
    for quantity in scan(reply.rstrip(" ?!.…") + " requests"):
        return quantity.value
    return None


def answer_question(field: str, reply: str, known: dict) -> dict:
    """Read a reply to the question about `field`; other facts in the reply are taken too.

    Returns the updated answers. A reply that does not answer leaves the field unset, and the
    caller moves on (the recommender then assumes a default and says so).
    """
    from .read import read_text

    reply = (reply or "")[:MAX_SCAN_CHARS]
    answers = dict(known)
    answers["data"] = dict(known.get("data") or {})
    found = read_text(reply, None if field == "task" else known.get("task")).answers
    value: Any = None
    if field == "task":
        lowered = reply.strip().lower()
        value = lowered if lowered in TASKS else found.get("task")
    elif field == "data.private_knowledge":
        if _YES.search(reply) or found.get("data", {}).get("private_knowledge"):
            value = True
        elif _NO.search(reply):
            value = False
    elif field in ("requests_per_month", "images_per_month"):
        value = found.get(field)
        if value is None and (number := _first_number(reply)) is not None:
            value = int(number)
    elif field == "audio_minutes_per_month":
        value = found.get(field)
        if value is None:
            value = _first_number(reply)
    elif field == "monthly_budget_usd":
        value = found.get(field)
        if value is None and not _NO_LIMIT.search(reply):
            if re.search(r"^\s*(none|nothing|zero|0)\b", reply, re.I):
                value = 0.0
            else:
                value = _first_number(reply)
    elif field == "deployment":
        lowered = reply.strip().lower()
        value = (
            lowered if lowered in QUESTIONS["deployment"]["options"] else found.get("deployment")
        )
        # the question's second half ("... or is a cloud API fine?" / "... eller går det bra
        # med ett moln-API?") answered by its own words
        if (
            value is None
            and re.search(r"cloud|api is fine|fine|\bmoln|\bgår bra\b|\bfunkar\b", reply, re.I)
            and not re.search(r"\b(?:no|not|never|n'?t|inte|ej|aldrig|inget)\b", reply, re.I)
        ):
            value = "cloud-api"
    elif field in FIELDS:
        value = get_answer(found, field)
        if value is None:
            try:
                value = FIELDS[field].read(reply)
            except (InputError, ValueError):
                value = None
    if value is not None:
        set_answer(answers, field, value)
    merged = merge(answers, found)
    if not merged.get("data"):
        merged.pop("data", None)
    return merged
