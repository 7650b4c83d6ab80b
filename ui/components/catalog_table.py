"""The Catalog's filters and its table of models: every figure a person chooses by (cost, quality,
speed) first, retired rows greyed and retiring ones marked, a click on a row opens its card."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.format import BLANK, styled
from ui.components.model_card import is_retired, retires_soon, speed_figures

ALL = "All"
WEIGHTS = ("All", "Open weights", "Proprietary")
# table column -> decimals of its money
MONEY = {
    "your $/month": 2,
    "input $/1M": 3,
    "output $/1M": 3,
    "blended $/1M": 3,
    "$/image": 3,
    "$/audio min": 4,
}
# Price columns that a task can leave empty for every model (no $/image for chat): hidden then.
PRICE_COLUMNS = ("input $/1M", "output $/1M", "blended $/1M", "$/image", "$/audio min")
SPEED = {"output tokens/s": 0, "first token s": 2}  # column -> decimals
NUMERIC = ("context", *MONEY, "quality", *SPEED)
RETIRED_MARK = "⛔"
RETIRING_MARK = "⚠️"


def filters(catalog) -> tuple[dict, object]:
    """The filter widgets; (the catalog's filter arguments, the free slot of their last row)."""
    st.session_state.setdefault("cat_search", "")
    st.session_state.setdefault("cat_task", ALL)
    st.session_state.setdefault("cat_weights", WEIGHTS[0])
    st.session_state.setdefault("cat_provider", ALL)
    st.session_state.setdefault("cat_min_context", None)
    st.session_state.setdefault("cat_max_price", None)
    for key in ("cat_capabilities", "cat_deployment", "cat_license"):
        st.session_state.setdefault(key, [])
    cols = st.columns([2, 1.3, 1.3])
    cols[0].text_input(
        "Search by name",
        key="cat_search",
        placeholder="e.g. gpt-4o, llama, qwen",
        help="Matches the model's name, id and provider; every word must match.",
    )
    cols[1].selectbox(
        "Task",
        [ALL, *catalog.ranking_tasks],
        key="cat_task",
        format_func=api.figures.task_label,
        help="Tool use (function calling) ranks the models that call tools by the agentic index, "
        "as the Advisor ranks a job that must call tools.",
    )
    cols[2].selectbox("Provider", [ALL, *catalog.providers], key="cat_provider")
    cols = st.columns(4)
    cols[0].multiselect(
        "Capabilities",
        catalog.capabilities,
        key="cat_capabilities",
        placeholder="any",
        help="Models that have every capability chosen.",
    )
    cols[1].multiselect(
        "Deployment",
        catalog.deployments,
        key="cat_deployment",
        placeholder="any",
        help="Models that can run in any of the ways chosen.",
    )
    cols[2].multiselect(
        "Licence",
        catalog.licenses,
        key="cat_license",
        placeholder="any",
        help="Models under any of the licences chosen, the most common first.",
    )
    cols[3].radio("Weights", WEIGHTS, key="cat_weights", horizontal=True)
    cols = st.columns(4)
    cols[0].number_input(
        "Min context (tokens)", min_value=0, step=8000, key="cat_min_context", placeholder="any"
    )
    cols[1].number_input(
        "Max input price ($/1M)",
        min_value=0.0,
        step=0.5,
        key="cat_max_price",
        placeholder="any",
        format="%.2f",
    )
    weights = st.session_state["cat_weights"]
    return {
        "task": None if st.session_state["cat_task"] == ALL else st.session_state["cat_task"],
        "open_weights": None if weights == "All" else weights == "Open weights",
        "provider": None
        if st.session_state["cat_provider"] == ALL
        else st.session_state["cat_provider"],
        "min_context": st.session_state["cat_min_context"] or None,
        "max_input_price": st.session_state["cat_max_price"],
    }, cols[2]


def status(model) -> str:
    """The retirement status as a table cell, marked: "⛔ retired ...", "⚠️ retires ..." (soon)."""
    text = api.figures.retirement_status(model, shared.today())
    if is_retired(model):
        return f"{RETIRED_MARK} {text}"
    if retires_soon(model):
        return f"{RETIRING_MARK} {text}"
    return text


def speed_help(models) -> str:
    """The speed columns' help: what the figures are and which sources they come from."""
    counts: dict[str, int] = {}
    for m in models:
        if speed_figures(m):
            label = api.source_label(m.speed.source) or "unnamed"
            counts[label] = counts.get(label, 0) + 1
    sources = ", ".join(
        f"{label} ({n})" for label, n in sorted(counts.items(), key=lambda item: -item[1])
    )
    return (
        "Hosted speed on the provider's API: median output tokens per second and seconds to the "
        "first token, as measured by Artificial Analysis (artificialanalysis.ai) or another public "
        f"benchmark. Sources in this selection: {sources or 'none'}. Each model's source and date "
        "are in Model detail."
    )


def table(models, task: str | None, costs: dict | None = None) -> pd.DataFrame:
    """The models as rows, their figures kept numeric so that a header click sorts them."""
    rows = []
    for m in models:
        rows.append(
            # what people choose by (cost, quality, speed) first, so it shows without scrolling
            {
                "id": m.id,
                "name": m.name,
                "provider": m.provider,
                **({"your $/month": costs.get(m.id)} if costs is not None else {}),
                "quality": api.figures.measured_quality(m, task),
                "quality figure": api.figures.quality_text(m, task),
                "blended $/1M": api.blended_price(m),
                "input $/1M": m.price("input_per_1m"),
                "output $/1M": m.price("output_per_1m"),
                "$/image": m.price("per_image"),
                "$/audio min": m.price("per_audio_minute"),
                "output tokens/s": api.figures.speed(m, "output_tokens_per_s"),
                "first token s": api.figures.speed(m, "ttft_s"),
                "context": m.context_window or None,
                "status": status(m),
                "successor": api.successor_name(m),
                "weights": "open" if m.open_weights else "proprietary",
                "license": m.license,
                "quality as of": getattr(api.figures.quality_entry(m, task), "as_of", "") or "",
                "latency": m.latency(),
                "tasks": ", ".join(m.tasks),
                "quality source": getattr(api.figures.quality_entry(m, task), "source", "") or "",
            }
        )
    frame = pd.DataFrame(rows)
    # a column with no value at all would be text ("None"): keep the figures numeric
    for column in NUMERIC:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    if task:  # a chat table needs no empty $/image column
        empty = [c for c in PRICE_COLUMNS if frame[c].isna().all()]
        frame = frame.drop(columns=empty)
    return frame


def mark_rows(row):
    """Retired rows greyed out, a retirement within 90 days in amber (the marks say it too)."""
    cell = str(row.get("status") or "")
    if cell.startswith(RETIRED_MARK):
        return ["color: #888888"] * len(row)
    if cell.startswith(RETIRING_MARK):
        return ["background-color: #fff3cd" if name == "status" else "" for name in row.index]
    return [""] * len(row)


def open_clicked(key: str, ids: list[str]) -> None:
    """A clicked row opens that model's card (the selection reports positions in `ids` order;
    sorting by a header does not change them)."""
    rows = (st.session_state.get(key) or {}).get("selection", {}).get("rows") or []
    if rows and rows[0] < len(ids):
        state.catalog.detail = ids[rows[0]]
        state.catalog.tab = "Model detail"


def table_key(ids: list[str]) -> str:
    """The table's key, new for each set of rows: a selection is kept by position, so it must not
    carry over to a row that another search has moved there."""
    import hashlib

    return "cat_table_" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:10]


def pick_task(models, key: str) -> str | None:
    """A task to judge quality on when the filters name none: an embedding score and a chat score
    are not comparable."""
    tasks = [t for t in shared.catalog().ranking_tasks if any(m.serves(t) for m in models)]
    if not tasks:
        return None
    st.session_state.setdefault(key, "chat" if "chat" in tasks else tasks[0])
    if st.session_state[key] not in tasks:
        st.session_state[key] = tasks[0]
    st.selectbox("Quality for the task", tasks, key=key, format_func=api.figures.task_label)
    return st.session_state[key]


def models_table(models, task: str | None, costs: dict | None) -> list[str]:
    """The table of `models`, with each column's meaning as its help; returns the ids in the
    table's order."""
    frame = table(models, task, costs)
    row_ids = list(frame["id"])
    speed_note = speed_help(models)
    st.dataframe(
        styled(frame, money=MONEY, counts=("context",), decimals=SPEED).apply(mark_rows, axis=1),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(models), 600),  # about 16 rows before it scrolls
        on_select=functools.partial(open_clicked, table_key(row_ids), row_ids),
        selection_mode="single-row",
        column_config={
            "your $/month": st.column_config.NumberColumn(
                "your $/month",
                help=(
                    "What the model would cost a month for the workload in your last Advisor "
                    "answers, planned as the Advisor plans it."
                ),
            ),
            "blended $/1M": st.column_config.NumberColumn(
                "blended $/1M",
                help=(
                    f"One price per 1M tokens at {api.blend_label()} tokens, the mix of a typical "
                    "chat or RAG request (as Artificial Analysis and OpenRouter quote it); the "
                    "input price alone for a model that writes no tokens (embeddings)."
                ),
            ),
            "status": st.column_config.TextColumn(
                "retirement",
                width="medium",
                help=(
                    f"The provider's retirement date: {RETIRED_MARK} retired (hidden unless "
                    f"Show retired models is on), {RETIRING_MARK} retires within "
                    f"{api.RETIRING_SOON_DAYS} days."
                ),
            ),
            "successor": st.column_config.TextColumn(
                "successor",
                width="medium",
                help="The model its provider names in its place; open it from Model detail.",
            ),
            "quality": st.column_config.NumberColumn(
                "quality",
                format="%g",
                help=(
                    "The measured figure as published, for the task in view: Artificial Analysis "
                    "Intelligence Index points for text, Coding Index for code, MTEB for "
                    "embeddings, Elo for speech, WER % for transcription. Empty where not "
                    "measured; 'quality figure' then says so and names any sibling's figure."
                ),
            ),
            "quality figure": st.column_config.TextColumn(
                "quality figure",
                help="The figure with its metric; an estimate reads '~ (not measured; sibling X: N)'.",
            ),
            "quality as of": st.column_config.TextColumn(
                "quality as of", help="The date of the benchmark figure the quality rests on."
            ),
            "quality source": st.column_config.TextColumn(
                "quality source", help="The benchmark, its value, where it was published and when."
            ),
            "output tokens/s": st.column_config.NumberColumn("output tokens/s", help=speed_note),
            "first token s": st.column_config.NumberColumn("first token s", help=speed_note),
        },
        key=table_key(row_ids),
        placeholder=BLANK,
    )
    st.caption(f"Blended price: input and output prices weighted {api.blend_label()}.")
    return row_ids
