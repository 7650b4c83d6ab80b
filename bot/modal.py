"""The questionnaire as a Slack modal, and its submitted state back to questionnaire answers.

Block ids are the questionnaire field names (`data.x` becomes `data__x`; the two yes/no data flags
share one checkbox block), so a field error from the core lands on the right input.
"""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from advisor import api
from advisor.api import fields

from .blocks import clip, option_obj, tr

CALLBACK_ID = "advisor_questionnaire"
ACTION = "value"
POST_TO = "post_to"
DATA_FLAGS = "data_flags"
TEXT_LIMIT = 3000
PLACEHOLDER_LIMIT = 150  # Block Kit's limit; a translation may run longer than the English
# The yes/no facts about the data share one checkbox block: ticked is yes, unticked is "not said".
FLAGS = [spec for spec in fields.FIELDS.values() if spec.kind == "yes-no" and spec.in_modal]
FLAG_LABELS = {spec.path.removeprefix("data."): spec.label for spec in FLAGS}


def block_id(field: str) -> str:
    if field in {spec.path for spec in FLAGS}:
        return DATA_FLAGS
    return field.replace(".", "__")


def field_of(block: str) -> str:
    return block.replace("__", ".")


# building the view --------------------------------------------------------------------------------


def _input(field: str, label: str, element, hint: str | None = None) -> dict:
    return InputBlock(
        block_id=block_id(field), optional=True, label=label, element=element, hint=hint
    ).to_dict()


def _text_input(
    field: str,
    label: str,
    placeholder: str,
    initial=None,
    multiline: bool = False,
    hint: str | None = None,
) -> dict:
    shown = None
    if initial not in (None, ""):
        shown = (
            ", ".join(initial)
            if isinstance(initial, list)
            else f"{initial:g}"
            if isinstance(initial, float)
            else str(initial)
        )
    element = PlainTextInputElement(
        action_id=ACTION,
        placeholder=clip(placeholder, PLACEHOLDER_LIMIT) if placeholder else placeholder,
        max_length=TEXT_LIMIT,
        multiline=multiline or None,
        initial_value=clip(shown, TEXT_LIMIT) if shown else None,
    )
    return _input(field, label, element, hint)


def _select(
    field: str, label: str, values, initial=None, labels: dict | None = None, placeholder=""
) -> dict:
    options = [option_obj(v, (labels or {}).get(v)) for v in values]
    chosen = options[list(values).index(initial)] if initial in values else None
    element = StaticSelectElement(
        action_id=ACTION,
        placeholder=placeholder or "Let the advisor decide",
        options=options,
        initial_option=chosen,
    )
    return _input(field, label, element)


def _checkboxes(field: str, label: str, values, labels: dict | None = None, initial=()) -> dict:
    options = [option_obj(v, (labels or {}).get(v)) for v in values]
    chosen = [
        option for option, value in zip(options, values, strict=True) if value in (initial or ())
    ]
    element = CheckboxesElement(action_id=ACTION, options=options, initial_options=chosen or None)
    return _input(field, label, element)


def _element(spec, initial, language: str | None = None) -> dict:
    """The modal input for one questionnaire field, from its metadata, in `language` (the field's
    words from the advisor's catalog, the modal's own from the bot's)."""
    catalog = tr(language)  # the bot's words, then the questionnaire's (the advisor's catalog)

    def _(text: str) -> str:
        return catalog(text) if text else text

    labels = {value: _(value) for value in spec.choices} if language not in (None, "en") else None
    if spec.kind == "choice":
        return _select(
            spec.path, _(spec.label), spec.choices, initial, labels,
            placeholder=_("Let the advisor decide"),
        )  # fmt: skip
    if spec.kind == "multi":
        return _checkboxes(spec.path, _(spec.label), spec.choices, labels, initial=initial)
    if spec.kind == "text":
        return _text_input(
            spec.path, _("Describe your use case"), _(spec.example), initial, multiline=True,
            hint=_("A use case or a task is required; the advisor reads what it can from the text."),
        )  # fmt: skip
    return _text_input(spec.path, _(spec.label), _(spec.example or spec.help), initial)


def questionnaire_view(
    *,
    prefill: dict | None = None,
    channel: str | None = None,
    thread_ts: str | None = None,
    language: str | None = None,
) -> dict:
    """The modal. `prefill` are answers read from the slash command's text; `channel` is the default
    place to post the recommendation (a public or private channel; empty means a DM); `language`
    the conversation's (the recommendation it leads to is posted in it too)."""
    _ = tr(language)
    p = prefill or {}
    data = p.get("data") or {}
    flags = [name for name in FLAG_LABELS if data.get(name)]
    post_to = ConversationSelectElement(
        action_id=ACTION,
        placeholder=_("Send it to me as a DM"),
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
        initial_conversation=channel if channel and channel[:1] in ("C", "G") else None,
    )
    blocks = []
    for step, title in fields.STEPS.items():
        if step != "use-case":
            blocks.append(HeaderBlock(text=_(title)).to_dict())
        flags_done = False
        for spec in fields.fields_in_step(step):
            if not spec.in_modal:
                continue
            if spec.kind == "yes-no":
                if not flags_done:
                    flag_labels = {name: _(label) for name, label in FLAG_LABELS.items()}
                    blocks.append(
                        _checkboxes(
                            spec.path, _("About the data"), list(FLAG_LABELS), flag_labels, flags
                        )
                    )
                    flags_done = True
                continue
            blocks.append(_element(spec, fields.get_answer(p, spec.path), language))
    blocks += [
        DividerBlock().to_dict(),
        _input(
            POST_TO,
            _("Post the recommendation to"),
            post_to,
            _("Leave empty to get it as a direct message. I must be a member of the channel."),
        ),
    ]
    meta = {"channel": channel, "thread_ts": thread_ts}
    if language not in (None, "en"):
        meta["language"] = language
    metadata = json.dumps(meta)
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title="LLM Advisor",
        submit=_("Recommend"),
        close=_("Cancel"),
        private_metadata=metadata[:3000],
        blocks=blocks,
    ).to_dict()


# reading a submission ----------------------------------------------------------------------------


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
        spec = fields.FIELDS.get(field)
        if spec is not None and spec.kind in ("count", "amount", "languages"):
            try:
                value = spec.read(value)
            except api.InputError as exc:
                errors[block] = "Enter " + exc.allowed
                continue
        if field.startswith("data."):
            data[field.removeprefix("data.")] = value
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
    """Like read_submission, and the core's own validation on top: every error keyed by block id,
    in the modal's language."""
    answers, channel, errors = read_submission(view)
    language = metadata(view).get("language")
    _ = tr(language)
    errors = {block: _localized_error(message, language) for block, message in errors.items()}
    if errors:
        return answers, channel, errors
    try:
        api.parse_questionnaire(answers)
    except api.InputError as exc:
        block = block_id(exc.field) if exc.field else "use_case"
        known = {block_id(f) for f in fields.ALLOWED} | {POST_TO}
        if exc.field in ("questionnaire", "use_case") or block not in known:
            block = "use_case"
        message = (
            _("Describe the use case or choose a task.")
            if "use_case or task" in str(exc)
            else _localized_error("Enter " + exc.allowed, language)
        )
        errors[block] = clip(message, 150)
    return answers, channel, errors


def _localized_error(message: str, language: str | None) -> str:
    """ "Enter <what is allowed>" in the modal's language (the allowed values through the core's
    templates)."""
    if language in (None, "en") or not message.startswith("Enter "):
        return message
    allowed = api.localizer(language)(message.removeprefix("Enter "))
    return tr(language)("Enter {allowed}").format(allowed=allowed)


def metadata(view: dict) -> dict:
    try:
        value = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
