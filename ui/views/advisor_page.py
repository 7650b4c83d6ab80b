"""Advisor: describe the use case, check the prefilled questionnaire, get a recommendation.

The page only relays the core: `intake.read_use_case` prefills the form, `service.advise`
validates and recommends, and the recommendation component shows the result.
"""

from __future__ import annotations

import streamlit as st

from advisor import api
from advisor.api import fields as qn
from ui import shared, state
from ui.components.questionnaire_form import (
    FIELDS,
    answers_from_form,
    draw_questionnaire,
    for_advice,
    init_form,
    key,
    number_problems,
    plain_message,
    set_form,
    widget_value,
)
from ui.components.recommendation import recommendation

# --- prefill: from the use-case text (intake) and from query parameters ---------------------------


def prefill_from_use_case() -> None:
    """on_change of the use-case box (and its button): let the core's intake fill the form."""

    text = st.session_state.get(key("use_case")) or ""
    if not text.strip():
        return
    # Fields the person set themselves win; fields an earlier description filled are re-read.
    inferred_before = set(state.advisor.inferred)
    known = answers_from_form()
    for field in inferred_before:
        qn.set_answer(known, field, None)
    for field in inferred_before:  # clear what the old description filled
        if field in FIELDS and field != "use_case":
            st.session_state[key(field)] = widget_value(field, None)
    try:
        result = api.read_use_case(text, known=known)
    except api.AdvisorError as exc:
        state.advisor.errors = {"use_case": str(exc)}
        return
    set_form(result["answers"])
    state.advisor.inferred = [f for f in result.get("inferred", []) if f in FIELDS]
    state.advisor.missing = result.get("missing") or []
    state.advisor.next_question = result.get("next_question")
    state.advisor.confirm = {
        item["field"]: item.get("note") or ""
        for item in result.get("understood") or []
        if item.get("confirm") and item["field"] in FIELDS
    }
    state.advisor.read_warnings = list(result.get("warnings") or [])
    state.advisor.errors = {}


def _query_value(field: str, raw: str):
    """A query-parameter string as the widget value; InputError says what is allowed."""
    spec = qn.FIELDS[field]
    if spec.kind in ("text", "languages"):
        return raw.strip()
    return widget_value(field, spec.read(raw))


def prefill_from_query() -> None:
    """Deep link: ?use_case=...&task=...&monthly_budget_usd=... fill the form once per session."""
    params = st.query_params
    if not params or state.advisor.query_done:
        return
    state.advisor.query_done = True
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
        except api.InputError as exc:
            errors[field] = f"the link gave {raw[:60]!r}; allowed: {exc.allowed}"
    if filled and st.session_state.get(key("use_case")):
        prefill_from_use_case()
    state.advisor.errors = errors
    if filled and not errors and params.get("submit") in ("1", "true", "yes"):
        st.session_state[state.Advisor.SUBMIT] = answers_from_form()


def load_decision() -> None:
    """History's "Edit in Advisor": a stored decision's answers replace the form, and its result
    is shown beside them until an answer changes."""
    loaded = state.take(state.Advisor.LOAD)
    if not loaded:
        return
    answers = loaded["answers"]
    for field in FIELDS:
        st.session_state[key(field)] = widget_value(field, None)
    set_form(answers)
    state.advisor.inferred = [f for f in answers.get("inferred") or [] if f in FIELDS]
    state.advisor.errors = {}
    state.advisor.query_done = True  # the History link's ?id= is not a form answer
    del state.advisor.failure, state.advisor.missing, state.advisor.next_question
    del state.advisor.confirm, state.advisor.read_warnings
    state.advisor.result = loaded["result"]
    state.advisor.result_answers = answers_from_form()


def submit() -> None:
    """on_click of the submit button: validate with the core; the page then runs the advice."""

    answers = answers_from_form()
    state.advisor.errors = {}
    del state.advisor.failure
    problems = number_problems()
    if problems:
        state.advisor.errors = problems
        return
    try:
        api.parse_questionnaire(answers)
    except api.InputError as exc:
        field = (
            exc.field
            if exc.field in FIELDS
            else "use_case"
            if exc.field in ("", "questionnaire")
            else exc.field
        )
        state.advisor.errors = {field: plain_message(exc.allowed)}
        return
    st.session_state[state.Advisor.SUBMIT] = answers


def draw_result() -> None:
    pending = state.take(state.Advisor.SUBMIT)
    if pending is not None:
        with st.spinner("Working out your recommendation..."):
            try:
                state.advisor.result = api.advise(
                    for_advice(pending), source="ui", user=shared.visitor()
                )
                state.advisor.result_answers = pending
            except api.InputError as exc:
                state.advisor.errors = {exc.field: exc.allowed}
                del state.advisor.result
                st.rerun()
            except api.AdvisorError as exc:
                state.advisor.failure = str(exc)
                del state.advisor.result
            except Exception as exc:  # a broken back-end must not take the page down
                state.advisor.failure = f"The advisor failed ({type(exc).__name__}: {exc})."
                del state.advisor.result
    if state.advisor.failure:
        st.error(api.plain_markdown(state.advisor.failure))
    result = state.advisor.result
    if result is None:
        st.info(
            "Describe your use case, check the answers filled in for you, and press "
            "**Get my recommendation**. Every field except the use case (or task) is optional.",
            icon=":material/lightbulb:",
        )
        return
    kept = state.advisor.result_answers
    if kept is not None and answers_from_form() != kept:
        st.warning(
            "**Out of date:** your answers changed since this recommendation. Press "
            "**Get my recommendation** to update it.",
            icon=":material/update:",
        )
    recommendation(result, key="advice", on_edit=submit)


init_form()
load_decision()
prefill_from_query()
st.title("Advisor", anchor=False)
st.caption(
    "Which model, which approach (prompting, RAG, fine-tuning or training from scratch), and what it costs."
)
left, right = st.columns([1, 1.15], gap="large")
with left.container(key="advisor_form"):
    draw_questionnaire(on_describe=prefill_from_use_case, on_submit=submit)
with right:
    draw_result()
