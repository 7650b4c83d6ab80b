"""The "I understood" list: every value read from the text and every default the cost rests on,
as typed items (results.Understood) that the CLI, the app and Slack render alike."""

from __future__ import annotations

from ..questionnaire import get_answer
from ..results import Understood
from .read import understood_item

# Defaults the cost rests on, in the order they are shown.
DEFAULTED = (
    "task",
    "requests_per_month",
    "images_per_month",
    "audio_minutes_per_month",
    "input_tokens",
    "output_tokens",
    "monthly_budget_usd",
    "data.document_count",
    "data.update_frequency",
)


def understood(
    answers: dict, inferred: list[str], assumed: list[str], read: list[Understood]
) -> list[Understood]:
    """Items for the fields read from text (with their evidence), then for each default named
    in `assumed` ("requests_per_month: 10,000"), with the value the advice used."""
    by_field = {item.field: item for item in read}
    items = []
    for field in inferred:
        value = get_answer(answers, field)
        if value is None:
            continue
        item = by_field.get(field)
        items.append(
            item.model_copy(
                update={"value": value, "shown": understood_item(field, value, "read").shown}
            )
            if item
            else understood_item(field, value, "read")
        )
    defaults = {entry.split(":", 1)[0]: entry for entry in assumed if ":" in entry}
    for field in DEFAULTED:
        if field in inferred or field not in defaults:
            continue
        value = get_answer(answers, field)
        said = defaults[field].split(":", 1)[1].strip()
        item = understood_item(field, value, "default")
        if value is None:
            # the default lives in the cost model ("100 (for the embedding cost)"), not the answers
            item = item.model_copy(update={"shown": said.replace('"', "")})
        elif said.replace(",", "") != str(value):
            item = item.model_copy(update={"note": said})
        items.append(item)
    return items


def with_given(items: list[Understood], answers: dict) -> list[Understood]:
    """`items` and, after them, each value the cost rests on (DEFAULTED) that the person set
    themselves in `answers` and `items` does not list: the app keeps those one click from editing
    too, so a value changed there stays on the list it was changed from."""
    listed = {item.field for item in items}
    extra = [
        understood_item(field, value, "given")
        for field in DEFAULTED
        if field not in listed and (value := get_answer(answers, field)) is not None
    ]
    return [*items, *extra]


def line(items: list[Understood]) -> str:
    """ "I understood: requests per month 20,000 a month (read); input tokens 500 (assumed)..."."""
    parts = [
        f"{item.label.lower()}: {item.shown}"
        + (" (assumed)" if item.source == "default" else "")
        + (" (please confirm)" if item.confirm else "")
        for item in items
    ]
    return "I understood: " + "; ".join(parts) + "." if parts else ""
