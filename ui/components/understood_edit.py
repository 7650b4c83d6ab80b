"""The "What I understood" list as controls: each value read from the description, each default the
cost rests on (requests, tokens per request, documents) and each of those the person set, with an
Edit button beside it that opens that field's widget in place. Entering a value there writes it
into the questionnaire form (as the person's own answer) and runs the recommendation again."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from advisor import api
from advisor.api import fields as qn
from ui import state
from ui.components.questionnaire_form import FIELDS, NOT_SET, key, mark_edited, widget_value


def edit_key(rec: api.Recommendation, field: str, prefix: str = "advice") -> str:
    """The edit widget's key: new for each recommendation, so it opens on the value that one used."""
    return f"fe_{prefix}_{rec.id if rec.id is not None else 'draft'}_{field}"


def _apply(field: str, widget_key: str, on_edit: Callable[[], None]) -> None:
    """on_change of an edit widget: its value becomes the form's answer, then the advice reruns."""
    value = st.session_state.get(widget_key)
    if value in (None, "", NOT_SET):
        return
    st.session_state[key(field)] = value
    mark_edited(field)
    on_edit()


def _edit_widget(field: str, value, widget_key: str, on_edit: Callable[[], None]) -> None:
    """The field's own kind of widget (labels and choices from the core), holding `value`."""
    label, kind, options, help_text = FIELDS[field]
    current = widget_value(field, value)
    common = {"key": widget_key, "help": help_text, "on_change": _apply}
    common["args"] = (field, widget_key, on_edit)
    if kind in ("select", "bool"):
        values = [o for o in options if o != NOT_SET]
        index = values.index(current) if current in values else None
        st.selectbox(label, values, index=index, placeholder="choose", **common)
    elif kind == "count":
        st.number_input(label, value=current, step=1, min_value=0, placeholder="not set", **common)
    elif kind == "amount":
        st.number_input(label, value=current, step=10.0, min_value=0.0, format="%.2f", **common)
    elif kind == "needs":
        st.multiselect(label, list(options), default=current, **common)
    else:  # languages ("en, sv"), owned GPUs
        st.text_input(label, value=current or "", **common)
    how = "Choosing a value" if kind in ("select", "bool", "needs") else "Pressing Enter"
    st.caption(f"{how} applies it: the recommendation is worked out again.")


def understood_editor(
    rec: api.Recommendation, on_edit: Callable[[], None], *, prefix: str = "advice"
) -> None:
    """One row per value the advice rests on: the line as the CLI and Slack say it, and an Edit
    popover with that field's widget."""
    answers = state.advisor.result_answers or {}
    items = api.understood_with_given(list(rec.understood), answers)
    for item, line in zip(items, api.understood_lines(rec, items), strict=True):
        text, edit = st.columns([4, 1.4], vertical_alignment="center")
        text.markdown(line)
        if item.field not in FIELDS or item.field == "use_case":
            continue
        value = (
            item.value if item.value is not None else qn.get_answer(rec.questionnaire, item.field)
        )
        with edit.popover(
            "Edit",
            icon=":material/edit:",
            help=f"Change {item.label.lower()}",
            key=f"{edit_key(rec, item.field, prefix)}_pop",
        ):
            _edit_widget(item.field, value, edit_key(rec, item.field, prefix), on_edit)
