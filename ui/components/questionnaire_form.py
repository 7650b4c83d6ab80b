"""The Advisor's questionnaire as a form: one widget per field of the core's `FIELDS` (label,
help, kind, choices and step come from there), the form's values to questionnaire answers and
back, and each field's error under it. The page passes in what reading a description and
submitting do."""

from __future__ import annotations

import copy
from collections.abc import Callable

import streamlit as st

from advisor import api
from advisor.api import fields as qn
from ui import state

NOT_SET = "(not set)"
YES_NO = (NOT_SET, "yes", "no")

# The widget for each kind of field; labels, help, choices and steps come from the core's FIELDS.
WIDGET = {
    "text": "text", "choice": "select", "yes-no": "bool", "count": "count", "amount": "amount",
    "languages": "langs", "multi": "needs",
}  # fmt: skip
# field -> (label, widget kind, options or None, help)
FIELDS: dict[str, tuple[str, str, tuple | None, str]] = {
    path: (
        spec.label,
        WIDGET[spec.kind],
        YES_NO if spec.kind == "yes-no" else (spec.choices or None),
        spec.help,
    )
    for path, spec in qn.FIELDS.items()
}
STEPS = tuple(
    (f"{number}. {title}", tuple(spec.path for spec in qn.fields_in_step(step)))
    for number, (step, title) in enumerate(qn.STEPS.items(), start=1)
)


# What most people can answer at once; every other field waits under "More details".
SHORT_FORM = (
    "requests_per_month",
    "monthly_budget_usd",
    "data.private_knowledge",
    "data.sensitive",
)
EMPTY = (None, "", NOT_SET, [], 0)
FIRST_FIELDS = ("use_case", "task", *SHORT_FORM)


def key(field: str) -> str:
    return "f_" + field


def widget_value(field: str, value):
    """A questionnaire value as the widget for `field` holds it."""
    kind = FIELDS[field][1]
    if value is None:
        return {"select": NOT_SET, "bool": NOT_SET, "langs": "", "needs": [], "text": ""}.get(kind)
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "count":
        return int(value)
    if kind == "amount":
        return float(value)
    if kind == "langs":
        return ", ".join(value) if isinstance(value, list | tuple) else str(value)
    if kind == "needs":
        return [need for need in value if need in qn.NEEDS]
    return value


def answers_from_form() -> dict:
    """The questionnaire as typed: only the fields a person (or the prefill) set."""
    answers: dict = {}
    for field, (_, kind, _, _) in FIELDS.items():
        value = st.session_state.get(key(field))
        if kind == "text":
            value = (value or "").strip() or None
        elif kind in ("select", "bool"):
            if value in (None, NOT_SET):
                value = None
            elif kind == "bool":
                value = value == "yes"
        elif kind == "langs":
            codes = [
                code
                for code in (value or "").replace(";", ",").replace(" ", ",").split(",")
                if code
            ]
            value = codes or None
        elif kind == "needs":
            value = list(value) or None
        if value is not None:
            qn.set_answer(answers, field, value)
    return answers


def for_advice(answers: dict) -> dict:
    """The answers the advice is asked with: the values the description filled in (and nobody
    changed since) are left to the core to read again from the use case, so its "I understood"
    list names each with the words it came from."""
    if not answers.get("use_case"):
        return answers
    kept = copy.deepcopy(answers)
    for field in state.advisor.inferred:
        qn.set_answer(kept, field, None)
    return kept


def set_form(answers: dict) -> list[str]:
    """Put answers into the form; returns the fields that changed."""
    changed = []
    for field in FIELDS:
        value = qn.get_answer(answers, field)
        if value is None:
            continue
        new = widget_value(field, value)
        if st.session_state.get(key(field)) != new:
            st.session_state[key(field)] = new
            changed.append(field)
    return changed


def mark_edited(field: str) -> None:
    """A person changed a field by hand: a new description no longer overwrites it."""
    inferred = state.advisor.inferred
    if field in inferred:
        state.advisor.inferred = [f for f in inferred if f != field]
    state.advisor.confirm.pop(field, None)  # a value set by hand is confirmed
    state.advisor.errors.pop(field, None)


def init_form() -> None:
    for field in FIELDS:
        st.session_state.setdefault(key(field), widget_value(field, None))


def number_problems() -> dict[str, str]:
    """Negative counts and amounts, in words, by field."""
    problems = {}
    for field, (_, kind, _, _) in FIELDS.items():
        value = st.session_state.get(key(field))
        if kind in ("count", "amount") and value is not None and value < 0:
            problems[field] = (
                f"cannot be negative (you typed {value:,g}). Enter 0 or more, or leave it empty."
            )
    return problems


def plain_message(allowed: str) -> str:
    """The core's statement of what is allowed, as a sentence with field labels."""
    text = (
        api.readable_fields(str(allowed)).replace(">=", "of at least").replace("<=", "of at most")
    )
    return f"please enter {text}." if text and text[0].islower() else text


def field_error(field: str) -> None:
    message = state.advisor.errors.get(field)
    if message:
        # the message may quote what a link or a person typed: shown as text, never as Markdown
        st.error(f"**{FIELDS[field][0]}**: {api.plain_markdown(message)}", icon=":material/error:")


def draw_field(field: str, on_describe: Callable[[], None] | None = None) -> None:
    label, kind, options, help_text = FIELDS[field]
    # The first fields' help is written under them rather than behind a "?" icon: each icon is a
    # Tab stop of its own, and these few fields are the way to the submit button.
    hint = help_text if field in FIRST_FIELDS else None
    if hint:
        help_text = None
    inferred = field in state.advisor.inferred
    disputed = state.advisor.confirm.get(field) if inferred else None
    shown = f"{label} (inferred)" if inferred else label
    if disputed is not None:
        shown = f"{label} (inferred, please confirm)"
    widget_key = key(field)
    if kind == "text":
        st.text_area(
            shown,
            key=widget_key,
            height=110,
            max_chars=qn.MAX_USE_CASE_CHARS,
            help=help_text,
            placeholder="e.g. Answer employees' questions from our internal wiki, about 20k questions "
            "a month, budget $200 a month; the data must stay in the EU.",
            on_change=on_describe,
        )
    elif kind in ("select", "bool"):
        values = options if kind == "bool" else (NOT_SET, *options)
        st.selectbox(
            shown, values, key=widget_key, help=help_text, on_change=mark_edited, args=(field,)
        )
    elif kind == "count":
        # no min_value: the browser would silently put back the old value for a negative one;
        # submit names it instead
        st.number_input(
            shown,
            step=1,
            key=widget_key,
            help=help_text,
            placeholder="not set",
            on_change=mark_edited,
            args=(field,),
        )
    elif kind == "amount":
        st.number_input(
            shown,
            step=10.0,
            key=widget_key,
            help=help_text,
            placeholder="not set",
            format="%.2f",
            on_change=mark_edited,
            args=(field,),
        )
    elif kind == "langs":
        st.text_input(
            shown,
            key=widget_key,
            help=help_text,
            placeholder="en, sv",
            on_change=mark_edited,
            args=(field,),
        )
    elif kind == "needs":
        st.multiselect(
            shown,
            list(options),
            key=widget_key,
            help=help_text,
            placeholder="none",
            on_change=mark_edited,
            args=(field,),
        )
    if hint:
        st.caption(hint)
    if disputed is not None:
        st.caption(
            ":orange[Please confirm: "
            + api.plain_markdown(disputed or "a second reading differs")
            + "; set the value you mean, or keep it.]"
        )
    field_error(field)


def draw_questionnaire(on_describe: Callable[[], None], on_submit: Callable[[], None]) -> None:
    """The form: the use case and task, the short form, the submit button, then "More details"."""
    title, fields = STEPS[0]
    # the section headings' "link to heading" anchors would be Tab stops between the fields
    st.html(
        "<style>.st-key-advisor_form [data-testid='stHeaderActionElements'] { display: none; }</style>"
    )
    with st.container(border=True):
        st.markdown(f"#### {title}")
        draw_field("use_case", on_describe)
        cols = st.columns([3, 2], vertical_alignment="bottom")
        with cols[0]:
            draw_field("task")
        with cols[1]:
            st.button(
                "Read my description",
                on_click=on_describe,
                key="f_prefill_btn",
                help="Reads your description and fills in what it can; you can change every field.",
            )
        inferred = state.advisor.inferred
        if inferred:
            st.caption(
                "Filled in from your description: " + ", ".join(FIELDS[f][0] for f in inferred)
            )
        for warning in state.advisor.read_warnings:
            st.caption(":material/warning: " + api.plain_markdown(warning))
        question = state.advisor.next_question
        if question and inferred:
            st.info(f"Worth answering next: {question['text']}", icon=":material/help:")
    with st.container(border=True):
        st.markdown("#### 2. Volume, budget and data")
        draw_rows(SHORT_FORM)
    errors = state.advisor.errors
    if errors:
        names = ", ".join(FIELDS[f][0] if f in FIELDS else api.readable_fields(f) for f in errors)
        st.error(f"Please check: {names}. Everything you typed is kept.")
    # Right after the short form, so that a keyboard user reaches it after the few fields most
    # people answer; the optional details come after it.
    st.button("Get my recommendation", type="primary", on_click=on_submit, key="f_submit_btn")
    rest = [(title, [f for f in fields if f not in SHORT_FORM]) for title, fields in STEPS[1:]]
    details = sum(
        1 for _, fields in rest for f in fields if st.session_state.get(key(f)) not in EMPTY
    )
    with st.expander(
        "More details" + (f" ({details} set)" if details else " (optional)"),
        expanded=any(f in FIELDS and f not in SHORT_FORM for f in errors),
    ):
        for title, fields in rest:
            st.markdown(f"**{title.split('. ', 1)[-1]}**")
            draw_rows(fields)


def draw_rows(fields) -> None:
    """Two fields a row, a row at a time: the Tab key then follows reading order (left, right,
    next row) instead of running down the whole left column first."""
    fields = list(fields)
    for start in range(0, len(fields), 2):
        cols = st.columns(2)
        for column, field in zip(cols, fields[start : start + 2], strict=False):
            with column:
                draw_field(field)
