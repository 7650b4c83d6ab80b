"""Advisor: describe the use case, check the prefilled questionnaire, get a recommendation.

The page only relays the core: `intake.read_use_case` prefills the form, `service.advise`
validates and recommends, and `shared.recommendation` shows the result.
"""

from __future__ import annotations

import streamlit as st

from advisor import questionnaire as qn
from advisor.errors import AdvisorError, InputError
from ui import shared

NOT_SET = "(not set)"
YES_NO = (NOT_SET, "yes", "no")

# field -> (label, kind, options or None, help). Kinds: text, select, count, amount, langs, needs, bool
FIELDS: dict[str, tuple[str, str, tuple | None, str]] = {
    "use_case": (
        "Use case",
        "text",
        None,
        "Describe what the model should do, for whom, and at what scale.",
    ),
    "task": (
        "Task",
        "select",
        qn.TASKS,
        "What the model does; inferred from the use case when left unset.",
    ),
    "requests_per_month": ("Requests per month", "count", None, "About how many calls a month."),
    "input_tokens": (
        "Input tokens per request",
        "count",
        None,
        "A page of text is about 500 tokens.",
    ),
    "output_tokens": ("Output tokens per request", "count", None, "How long a typical answer is."),
    "images_per_month": ("Images per month", "count", None, "For image generation."),
    "audio_minutes_per_month": ("Audio minutes per month", "amount", None, "For speech to text."),
    "monthly_budget_usd": (
        "Budget per month (USD)",
        "amount",
        None,
        "0 means you cannot pay for any API.",
    ),
    "data.private_knowledge": (
        "Answers depend on our own documents or data",
        "bool",
        YES_NO,
        "Yes when the model must know your organisation's documents (then RAG is likely).",
    ),
    "data.document_count": (
        "Number of documents",
        "count",
        None,
        "How many documents it must know.",
    ),
    "data.update_frequency": (
        "How often the data changes",
        "select",
        qn.UPDATE_FREQUENCIES,
        "Fast-changing data favours retrieval over fine-tuning.",
    ),
    "data.labeled_examples": (
        "Labelled examples (good input -> output pairs)",
        "count",
        None,
        "Hundreds to thousands of pairs make fine-tuning possible.",
    ),
    "data.sensitive": (
        "Sensitive data",
        "bool",
        YES_NO,
        "Personal, medical, financial or confidential data.",
    ),
    "data.domain_corpus_tokens": (
        "Domain corpus size (tokens)",
        "count",
        None,
        "Unlabelled text of your own domain; matters for training from scratch.",
    ),
    "deployment": ("Deployment", "select", qn.DEPLOYMENTS, "Where the model may run."),
    "license": ("License", "select", qn.LICENSES, "Open weights or proprietary."),
    "latency": (
        "Latency",
        "select",
        qn.LATENCIES,
        "realtime: instant; interactive: while a person waits; batch: no rush.",
    ),
    "context_tokens": (
        "Largest single input (tokens)",
        "count",
        None,
        "The longest text the model must read at once.",
    ),
    "languages": ("Languages", "langs", None, "ISO 639-1 codes separated by commas, e.g. en, sv."),
    "needs": ("Needs", "needs", qn.NEEDS, "Capabilities the model must have."),
    "resources": (
        "Team resources",
        "select",
        qn.RESOURCES,
        "Your team's ML skill, time and compute.",
    ),
}
STEPS = (
    ("1. Use case", ("use_case", "task")),
    (
        "2. Volume and Budget",
        (
            "requests_per_month",
            "input_tokens",
            "output_tokens",
            "images_per_month",
            "audio_minutes_per_month",
            "monthly_budget_usd",
        ),
    ),
    (
        "3. Data",
        (
            "data.private_knowledge",
            "data.document_count",
            "data.update_frequency",
            "data.labeled_examples",
            "data.sensitive",
            "data.domain_corpus_tokens",
        ),
    ),
    (
        "4. Constraints",
        (
            "deployment",
            "license",
            "latency",
            "context_tokens",
            "languages",
            "needs",
            "resources",
        ),
    ),
)
FALSY = {"no", "false", "0", "n", "off"}
TRUTHY = {"yes", "true", "1", "y", "on"}


def key(field: str) -> str:
    return "f_" + field


# --- the state of the form <-> questionnaire answers --------------------------------------------


def _get(answers: dict, field: str):
    if field.startswith("data."):
        return (answers.get("data") or {}).get(field[5:])
    return answers.get(field)


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
    data: dict = {}
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
        if value is None:
            continue
        if field.startswith("data."):
            data[field[5:]] = value
        else:
            answers[field] = value
    if data:
        answers["data"] = data
    return answers


def set_form(answers: dict) -> list[str]:
    """Put answers into the form; returns the fields that changed."""
    changed = []
    for field in FIELDS:
        value = _get(answers, field)
        if value is None:
            continue
        new = widget_value(field, value)
        if st.session_state.get(key(field)) != new:
            st.session_state[key(field)] = new
            changed.append(field)
    return changed


def mark_edited(field: str) -> None:
    """A person changed a field by hand: a new description no longer overwrites it."""
    inferred = st.session_state.get("f__inferred") or []
    if field in inferred:
        st.session_state["f__inferred"] = [f for f in inferred if f != field]
    (st.session_state.get("f__errors") or {}).pop(field, None)


def init_form() -> None:
    for field in FIELDS:
        st.session_state.setdefault(key(field), widget_value(field, None))
    st.session_state.setdefault("f__errors", {})
    st.session_state.setdefault("f__inferred", [])


# --- prefill: from the use-case text (intake) and from query parameters ---------------------------


def prefill_from_use_case() -> None:
    """on_change of the use-case box (and its button): let the core's intake fill the form."""
    from advisor.intake import read_use_case

    text = st.session_state.get(key("use_case")) or ""
    if not text.strip():
        return
    # Fields the person set themselves win; fields an earlier description filled are re-read.
    inferred_before = set(st.session_state.get("f__inferred") or [])
    known = answers_from_form()
    for field in inferred_before:
        if field.startswith("data."):
            (known.get("data") or {}).pop(field[5:], None)
        else:
            known.pop(field, None)
    for field in inferred_before:  # clear what the old description filled
        if field in FIELDS and field != "use_case":
            st.session_state[key(field)] = widget_value(field, None)
    try:
        result = read_use_case(text, known=known)
    except AdvisorError as exc:
        st.session_state["f__errors"] = {"use_case": str(exc)}
        return
    set_form(result["answers"])
    st.session_state["f__inferred"] = [f for f in result.get("inferred", []) if f in FIELDS]
    st.session_state["f__missing"] = result.get("missing") or []
    st.session_state["f__next_question"] = result.get("next_question")
    st.session_state["f__errors"] = {}


def _query_value(field: str, raw: str):
    """A query-parameter string as the widget value; raises ValueError with what is allowed."""
    label, kind, options, _ = FIELDS[field]
    raw = raw.strip()
    if kind == "text":
        return raw
    if kind == "select":
        if raw not in options:
            raise ValueError(qn.ALLOWED.get(field, "one of " + ", ".join(options)))
        return raw
    if kind == "bool":
        if raw.lower() in TRUTHY:
            return "yes"
        if raw.lower() in FALSY:
            return "no"
        raise ValueError("true or false")
    if kind == "count":
        number = float(raw.replace(",", "").replace("_", ""))
        if number < 0 or number != int(number):
            raise ValueError(qn.ALLOWED.get(field, "a whole number >= 0"))
        return int(number)
    if kind == "amount":
        number = float(raw.replace(",", "").replace("_", ""))
        if number < 0 or number != number or number in (float("inf"),):
            raise ValueError(qn.ALLOWED.get(field, "a number >= 0"))
        return number
    if kind == "langs":
        return raw
    if kind == "needs":
        needs = [item.strip() for item in raw.split(",") if item.strip()]
        bad = [item for item in needs if item not in qn.NEEDS]
        if bad:
            raise ValueError(qn.ALLOWED["needs"])
        return needs
    return raw


def prefill_from_query() -> None:
    """Deep link: ?use_case=...&task=...&monthly_budget_usd=... fill the form once per session."""
    params = st.query_params
    if not params or st.session_state.get("f__query_done"):
        return
    st.session_state["f__query_done"] = True
    errors = {}
    filled = False
    for name in params:
        field = name if name in FIELDS else f"data.{name}" if f"data.{name}" in FIELDS else None
        if field is None:
            continue
        raw = params[name]
        try:
            st.session_state[key(field)] = _query_value(field, raw)
            filled = True
        except ValueError as exc:
            message = str(exc)
            if message.startswith("could not convert") or message.startswith("invalid literal"):
                message = qn.ALLOWED.get(field, "a number")
            errors[field] = f"the link gave {raw[:60]!r}; allowed: {message}"
    if filled and st.session_state.get(key("use_case")):
        prefill_from_use_case()
    st.session_state["f__errors"] = errors
    if filled and not errors and params.get("submit") in ("1", "true", "yes"):
        st.session_state["f__submit"] = answers_from_form()


# --- submission ---------------------------------------------------------------------------------


def submit() -> None:
    """on_click of the submit button: validate with the core; the page then runs the advice."""
    from advisor.questionnaire import parse_questionnaire

    answers = answers_from_form()
    st.session_state["f__errors"] = {}
    st.session_state.pop("f__failure", None)
    try:
        parse_questionnaire(answers)
    except InputError as exc:
        field = (
            exc.field
            if exc.field in FIELDS
            else "use_case"
            if exc.field in ("", "questionnaire")
            else exc.field
        )
        st.session_state["f__errors"] = {field: exc.allowed}
        return
    st.session_state["f__submit"] = answers


def field_error(field: str) -> None:
    message = (st.session_state.get("f__errors") or {}).get(field)
    if message:
        st.error(f"**{FIELDS[field][0]}**: {message}", icon=":material/error:")


def draw_field(field: str) -> None:
    label, kind, options, help_text = FIELDS[field]
    inferred = field in (st.session_state.get("f__inferred") or [])
    shown = f"{label} (inferred)" if inferred else label
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
            on_change=prefill_from_use_case,
        )
    elif kind in ("select", "bool"):
        values = options if kind == "bool" else (NOT_SET, *options)
        st.selectbox(
            shown, values, key=widget_key, help=help_text, on_change=mark_edited, args=(field,)
        )
    elif kind == "count":
        st.number_input(
            shown,
            min_value=0,
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
            min_value=0.0,
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
    field_error(field)


def draw_questionnaire() -> None:
    title, fields = STEPS[0]
    with st.container(border=True):
        st.markdown(f"#### {title}")
        draw_field("use_case")
        cols = st.columns([3, 2], vertical_alignment="bottom")
        with cols[0]:
            draw_field("task")
        with cols[1]:
            st.button(
                "Read my description",
                on_click=prefill_from_use_case,
                key="f_prefill_btn",
                help="Reads your description and fills in what it can; you can change every field.",
            )
        inferred = st.session_state.get("f__inferred") or []
        if inferred:
            st.caption(
                "Filled in from your description: " + ", ".join(FIELDS[f][0] for f in inferred)
            )
        question = st.session_state.get("f__next_question")
        if question and inferred:
            st.info(f"Worth answering next: {question['text']}", icon=":material/help:")
    for title, fields in STEPS[1:]:
        with st.container(border=True):
            st.markdown(f"#### {title}")
            cols = st.columns(2)
            for index, field in enumerate(fields):
                with cols[index % 2]:
                    draw_field(field)
    errors = st.session_state.get("f__errors") or {}
    if errors:
        names = ", ".join(FIELDS[f][0] if f in FIELDS else f for f in errors)
        st.error(f"Please check: {names}. Everything you typed is kept.")
    st.button("Get my recommendation", type="primary", on_click=submit, key="f_submit_btn")


def draw_result() -> None:
    pending = st.session_state.pop("f__submit", None)
    if pending is not None:
        from advisor.service import advise

        with st.spinner("Working out your recommendation..."):
            try:
                st.session_state["f__result"] = advise(pending, source="ui")
            except InputError as exc:
                st.session_state["f__errors"] = {exc.field: exc.allowed}
                st.session_state.pop("f__result", None)
                st.rerun()
            except AdvisorError as exc:
                st.session_state["f__failure"] = str(exc)
                st.session_state.pop("f__result", None)
            except Exception as exc:  # a broken back-end must not take the page down
                st.session_state["f__failure"] = (
                    f"The advisor failed ({type(exc).__name__}: {exc})."
                )
                st.session_state.pop("f__result", None)
    if st.session_state.get("f__failure"):
        st.error(st.session_state["f__failure"])
    result = st.session_state.get("f__result")
    if result is None:
        st.info(
            "Describe your use case, check the answers filled in for you, and press "
            "**Get my recommendation**. Every field except the use case (or task) is optional.",
            icon=":material/lightbulb:",
        )
        return
    shared.recommendation(result, key="advice")


init_form()
prefill_from_query()
st.subheader("Advisor")
st.caption(
    "Which model, which approach (prompting, RAG, fine-tuning or training from scratch), and what it costs."
)
left, right = st.columns([1, 1.15], gap="large")
with left:
    draw_questionnaire()
with right:
    draw_result()
