"""The questionnaire as a Slack modal, and its submitted state back to questionnaire answers.

Block ids are the questionnaire field names (`data.x` becomes `data__x`; the two yes/no data flags
share one checkbox block), so a field error from the core lands on the right input.
"""

from __future__ import annotations

import json
import re

from advisor.questionnaire import (
    ALLOWED,
    DEPLOYMENTS,
    LATENCIES,
    LICENSES,
    NEEDS,
    RESOURCES,
    TASKS,
    UPDATE_FREQUENCIES,
    parse_questionnaire,
)

from .blocks import clip, option_obj

CALLBACK_ID = "advisor_questionnaire"
ACTION = "value"
POST_TO = "post_to"
DATA_FLAGS = "data_flags"
FLAG_LABELS = {
    "private_knowledge": "Answers depend on our own documents or data",
    "sensitive": "The data is sensitive (personal, medical, financial, confidential)",
}
INTEGER_FIELDS = (
    "requests_per_month",
    "input_tokens",
    "output_tokens",
    "context_tokens",
    "data.document_count",
    "data.labeled_examples",
)
NUMBER_FIELDS = ("monthly_budget_usd",)
TEXT_LIMIT = 3000
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}


def block_id(field: str) -> str:
    if field in ("data.private_knowledge", "data.sensitive"):
        return DATA_FLAGS
    return field.replace(".", "__")


def field_of(block: str) -> str:
    return block.replace("__", ".")


# building the view --------------------------------------------------------------------------------


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def _input(field: str, label: str, element: dict, hint: str | None = None) -> dict:
    block = {
        "type": "input",
        "block_id": block_id(field),
        "optional": True,
        "label": _plain(label),
        "element": element,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def _text_input(
    field: str,
    label: str,
    placeholder: str,
    initial=None,
    multiline: bool = False,
    hint: str | None = None,
) -> dict:
    element = {
        "type": "plain_text_input",
        "action_id": ACTION,
        "placeholder": _plain(placeholder),
        "max_length": TEXT_LIMIT,
    }
    if multiline:
        element["multiline"] = True
    if initial not in (None, ""):
        shown = (
            ", ".join(initial)
            if isinstance(initial, list)
            else f"{initial:g}"
            if isinstance(initial, float)
            else str(initial)
        )
        element["initial_value"] = clip(shown, TEXT_LIMIT)
    return _input(field, label, element, hint)


def _select(field: str, label: str, values, initial=None, labels: dict | None = None) -> dict:
    options = [option_obj(v, (labels or {}).get(v)) for v in values]
    element = {
        "type": "static_select",
        "action_id": ACTION,
        "placeholder": _plain("Let the advisor decide"),
        "options": options,
    }
    if initial in values:
        element["initial_option"] = options[list(values).index(initial)]
    return _input(field, label, element)


def _checkboxes(field: str, label: str, values, labels: dict | None = None, initial=()) -> dict:
    options = [option_obj(v, (labels or {}).get(v)) for v in values]
    element = {"type": "checkboxes", "action_id": ACTION, "options": options}
    chosen = [
        option for option, value in zip(options, values, strict=True) if value in (initial or ())
    ]
    if chosen:
        element["initial_options"] = chosen
    return _input(field, label, element)


def questionnaire_view(
    *, prefill: dict | None = None, channel: str | None = None, thread_ts: str | None = None
) -> dict:
    """The modal. `prefill` are answers read from the slash command's text; `channel` is the default
    place to post the recommendation (a public or private channel; empty means a DM)."""
    p = prefill or {}
    data = p.get("data") or {}
    flags = [key for key in FLAG_LABELS if data.get(key)]
    post_to = {
        "type": "conversations_select",
        "action_id": ACTION,
        "placeholder": _plain("Send it to me as a DM"),
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel and channel[:1] in ("C", "G"):
        post_to["initial_conversation"] = channel
    blocks = [
        _text_input(
            "use_case",
            "Describe your use case",
            "e.g. Answer employee questions from our HR handbook, about 20k questions a month",
            p.get("use_case"),
            multiline=True,
            hint="A use case or a task is required; the advisor reads what it can from the text.",
        ),
        _select("task", "Task", TASKS, p.get("task")),
        {"type": "header", "text": _plain("Volume and budget")},
        _text_input(
            "requests_per_month",
            "Requests per month",
            "e.g. 20000 or 20k",
            p.get("requests_per_month"),
        ),
        _text_input("input_tokens", "Input tokens per request", "e.g. 800", p.get("input_tokens")),
        _text_input(
            "output_tokens", "Output tokens per request", "e.g. 300", p.get("output_tokens")
        ),
        _text_input(
            "monthly_budget_usd",
            "Monthly budget (USD)",
            "e.g. 200; 0 if you cannot pay for an API",
            p.get("monthly_budget_usd"),
        ),
        {"type": "header", "text": _plain("Constraints")},
        _select("latency", "Latency", LATENCIES, p.get("latency")),
        _select("deployment", "Deployment", DEPLOYMENTS, p.get("deployment")),
        _select("license", "Licence", LICENSES, p.get("license")),
        _text_input("languages", "Languages", "ISO 639-1 codes, e.g. en, sv", p.get("languages")),
        _text_input(
            "context_tokens", "Largest single input (tokens)", "e.g. 32000", p.get("context_tokens")
        ),
        _checkboxes("needs", "Needs", NEEDS, initial=p.get("needs")),
        _select(
            "resources", "Your team's ML skill, time and compute", RESOURCES, p.get("resources")
        ),
        {"type": "header", "text": _plain("Your data")},
        _checkboxes(
            "data.private_knowledge", "About the data", list(FLAG_LABELS), FLAG_LABELS, flags
        ),
        _text_input(
            "data.document_count", "Number of documents", "e.g. 5000", data.get("document_count")
        ),
        _select(
            "data.update_frequency",
            "How often the documents change",
            UPDATE_FREQUENCIES,
            data.get("update_frequency"),
        ),
        _text_input(
            "data.labeled_examples",
            "Labelled examples (good input -> output pairs)",
            "e.g. 2000",
            data.get("labeled_examples"),
        ),
        {"type": "divider"},
        _input(
            POST_TO,
            "Post the recommendation to",
            post_to,
            "Leave empty to get it as a direct message. I must be a member of the channel.",
        ),
    ]
    metadata = json.dumps({"channel": channel, "thread_ts": thread_ts})
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain("LLM Advisor"),
        "submit": _plain("Recommend"),
        "close": _plain("Cancel"),
        "private_metadata": metadata[:3000],
        "blocks": blocks,
    }


# reading a submission ----------------------------------------------------------------------------


def parse_number(text: str, *, integer: bool) -> float | int:
    """`20k`, `1,500`, `$200`, `2.5M` -> a number; ValueError otherwise."""
    cleaned = re.sub(r"[\s,_]", "", text.strip()).lstrip("$").lower()
    cleaned = re.sub(r"(usd|dollars?)$", "", cleaned)
    multiplier = 1.0
    if cleaned[-1:] in _SUFFIX:
        multiplier = _SUFFIX[cleaned[-1]]
        cleaned = cleaned[:-1]
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned or "x"):
        raise ValueError(text)
    value = float(cleaned) * multiplier
    if integer:
        if value != int(value):
            raise ValueError(text)
        return int(value)
    return value


def _value(state: dict):
    kind = state.get("type")
    if kind in ("static_select", "radio_buttons"):
        option = state.get("selected_option")
        return option.get("value") if option else None
    if kind == "checkboxes":
        return [option.get("value") for option in state.get("selected_options") or []]
    if kind == "conversations_select":
        return state.get("selected_conversation")
    value = state.get("value")
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_submission(view: dict) -> tuple[dict, str | None, dict[str, str]]:
    """The submitted view -> (answers, channel to post to or None for a DM, {block_id: error})."""
    values = ((view.get("state") or {}).get("values")) or {}
    raw = {
        block: _value(actions.get(ACTION) or next(iter(actions.values()), {}))
        for block, actions in values.items()
        if actions
    }
    answers: dict = {}
    data: dict = {}
    errors: dict[str, str] = {}
    for block, value in raw.items():
        if value in (None, [], ""):
            continue
        if block == POST_TO:
            continue
        if block == DATA_FLAGS:
            for key in FLAG_LABELS:
                data[key] = key in value
            continue
        field = field_of(block)
        if field in INTEGER_FIELDS or field in NUMBER_FIELDS:
            try:
                value = parse_number(value, integer=field in INTEGER_FIELDS)
            except ValueError:
                errors[block] = "Enter " + ALLOWED.get(field, "a number")
                continue
        elif field == "languages":
            value = [code for code in re.split(r"[\s,;]+", value) if code]
        if field.startswith("data."):
            data[field[5:]] = value
        else:
            answers[field] = value
    if data:
        # An unticked box is "not said", so the advisor may still infer it from the use case.
        data = {key: value for key, value in data.items() if value is not False}
        if data:
            answers["data"] = data
    channel = raw.get(POST_TO)
    return answers, channel if isinstance(channel, str) else None, errors


def validate(view: dict) -> tuple[dict, str | None, dict[str, str]]:
    """Like read_submission, and the core's own validation on top: every error keyed by block id."""
    answers, channel, errors = read_submission(view)
    if errors:
        return answers, channel, errors
    from advisor.errors import InputError

    try:
        parse_questionnaire(answers)
    except InputError as exc:
        block = block_id(exc.field) if exc.field else "use_case"
        known = {block_id(f) for f in ALLOWED} | {POST_TO}
        if exc.field in ("questionnaire", "use_case") or block not in known:
            block = "use_case"
        message = (
            "Describe the use case or choose a task."
            if "use_case or task" in str(exc)
            else f"Enter {exc.allowed}"
        )
        errors[block] = clip(message, 150)
    return answers, channel, errors


def metadata(view: dict) -> dict:
    try:
        value = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
