"""Catalog: filter the models, sort the table, read one model's card, compare up to 3, and see
quality against price."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import shared

ALL = "All"
WEIGHTS = ("All", "Open weights", "Proprietary")
# Price axes for the scatter, in the unit that fits the task shown.
PRICE_KEYS = (
    ("input_per_1m", "input price, USD per 1M tokens"),
    ("per_image", "USD per image"),
    ("per_audio_minute", "USD per audio minute"),
    ("per_1m_characters", "USD per 1M characters"),
)
# table column -> decimals of its money
MONEY = {"input $/1M": 3, "output $/1M": 3, "$/image": 3, "$/audio min": 4}
NUMERIC = ("context", *MONEY, "quality")


def filters(catalog) -> dict:
    st.session_state.setdefault("cat_task", ALL)
    st.session_state.setdefault("cat_weights", WEIGHTS[0])
    st.session_state.setdefault("cat_provider", ALL)
    st.session_state.setdefault("cat_min_context", None)
    st.session_state.setdefault("cat_max_price", None)
    cols = st.columns([1.3, 1.3, 1.3, 1, 1])
    cols[0].selectbox("Task", [ALL, *catalog.tasks], key="cat_task")
    cols[1].radio("Weights", WEIGHTS, key="cat_weights", horizontal=True)
    cols[2].selectbox("Provider", [ALL, *catalog.providers], key="cat_provider")
    cols[3].number_input(
        "Min context (tokens)", min_value=0, step=8000, key="cat_min_context", placeholder="any"
    )
    cols[4].number_input(
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
    }


def quality(model, task: str | None) -> float | None:
    if task:
        return model.quality_for(task) or None
    scores = [entry.score for entry in model.quality.values()]
    return max(scores) if scores else None


def table(models, task: str | None) -> pd.DataFrame:
    rows = []
    for m in models:
        rows.append(
            {
                "id": m.id,
                "name": m.name,
                "status": shared.retirement_status(m),
                "provider": m.provider,
                "weights": "open" if m.open_weights else "proprietary",
                "license": m.license,
                "context": m.context_window or None,
                "input $/1M": m.price("input_per_1m"),
                "output $/1M": m.price("output_per_1m"),
                "$/image": m.price("per_image"),
                "$/audio min": m.price("per_audio_minute"),
                "quality": quality(m, task),
                "latency": m.latency_class,
                "tasks": ", ".join(m.tasks),
            }
        )
    frame = pd.DataFrame(rows)
    # a column with no value at all would be text ("None"): keep the figures numeric
    for column in NUMERIC:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def detail(model) -> None:
    shared.model_facts(model.contract())
    cols = st.columns(2)
    with cols[0]:
        if model.quality:
            st.markdown("**Quality by task** (0..1)")
            st.dataframe(
                [
                    {"task": task, "score": q.score, "source": q.source}
                    for task, q in model.quality.items()
                ],
                hide_index=True,
                width="stretch",
            )
    with cols[1]:
        if model.self_hosting is not None:
            hosting = model.self_hosting
            st.markdown(
                "**Self-hosting**  \n"
                f"{hosting.parameters_b or '?'}B parameters, about {hosting.gpu_memory_gb or '?'} GB GPU memory "
                f"on {hosting.gpus} x {hosting.gpu or '?'}"
                + (
                    f", about {hosting.tokens_per_second:,.0f} tokens/s"
                    if hosting.tokens_per_second
                    else ""
                )
            )
        st.markdown(
            f"**Architecture:** {model.architecture}  \n**Latency class:** {model.latency_class}  \n"
            f"**Max output:** {max_output(model)}  \n"
            f"**Languages:** {'broadly multilingual' if '*' in model.languages else ', '.join(model.languages)}"
        )
        if model.source:
            st.caption(f"Facts: {model.source} (as of {model.as_of or '?'})")
    if st.button("Try in playground", key=f"cat_try_{model.id}_btn"):
        st.switch_page(shared.PAGE_FILES["playground"], query_params={"model": model.id})


def max_output(model) -> str:
    return f"{model.max_output_tokens:,} tokens" if model.max_output_tokens else shared.BLANK


def compare(models) -> None:
    rows = {
        "provider": [m.provider for m in models],
        "weights": ["open" if m.open_weights else "proprietary" for m in models],
        "license": [m.license for m in models],
        "context window": [
            f"{m.context_window:,} tokens" if m.context_window else shared.BLANK for m in models
        ],
        "retirement": [shared.retirement_status(m) or shared.BLANK for m in models],
        "max output": [max_output(m) for m in models],
        "price": [shared.price_line(m.contract()) for m in models],
        "tasks": [", ".join(m.tasks) for m in models],
        "capabilities": [", ".join(m.capabilities) or shared.BLANK for m in models],
        "deployment": [", ".join(m.deployment) or shared.BLANK for m in models],
        "latency": [m.latency_class for m in models],
        "architecture": [m.architecture for m in models],
        "best quality": [
            f"{quality(m, None):.2f}" if quality(m, None) else shared.BLANK for m in models
        ],
    }
    frame = pd.DataFrame(rows, index=[m.name for m in models]).T
    st.dataframe(frame, width="stretch")


def scatter(models, task: str | None) -> None:
    import plotly.express as px

    counts = {key: sum(1 for m in models if (m.price(key) or 0) > 0) for key, _ in PRICE_KEYS}
    price_key, axis = max(PRICE_KEYS, key=lambda item: counts[item[0]])
    points = [
        {
            "model": m.name,
            "id": m.id,
            "price": m.price(price_key),
            "quality": quality(m, task),
            "weights": "open weights" if m.open_weights else "proprietary",
            "provider": m.provider,
        }
        for m in models
        if (m.price(price_key) or 0) > 0 and quality(m, task)
    ]
    if not points:
        st.info("No model in this selection has both a hosted price and a quality score.")
        return
    fig = px.scatter(
        pd.DataFrame(points),
        x="price",
        y="quality",
        color="weights",
        hover_name="model",
        hover_data={
            "id": True,
            "provider": True,
            "price": ":.3f",
            "quality": ":.2f",
            "weights": False,
        },
        log_x=True,
        color_discrete_map={"open weights": "#2ca02c", "proprietary": "#1f77b4"},
        labels={
            "price": axis + " (log scale)",
            "quality": f"quality ({task or 'best task'}, 0..1)",
        },
    )
    fig.update_traces(marker=dict(size=11, line=dict(width=1, color="white")))
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=30, b=10), legend_title_text="")
    st.plotly_chart(fig, width="stretch", key="cat_scatter")
    left_out = len(models) - len(points)
    if left_out:
        st.caption(
            f"{left_out} model(s) without a hosted {axis.split(',')[0]} or a quality score are not plotted."
        )


catalog = shared.catalog()
st.subheader("Catalog")
st.caption(
    f"{len(catalog.models)} models · prices as of {catalog.as_of}. Click a column header to sort."
)
chosen = filters(catalog)
models = catalog.filter(**chosen)
st.markdown(f"**{len(models)} model(s) match.**")
if not models:
    st.info("No model matches these filters; loosen one of them.")
else:
    st.dataframe(
        shared.styled(table(models, chosen["task"]), money=MONEY, counts=("context",)),
        hide_index=True,
        width="stretch",
        column_config={
            "status": st.column_config.TextColumn(
                "retirement", help="The provider's retirement date; retired models are marked."
            ),
            "quality": st.column_config.ProgressColumn(
                "quality", min_value=0.0, max_value=1.0, format="%.2f"
            ),
        },
        key="cat_table",
        placeholder=shared.BLANK,
    )
    # Lazy tabs: only the open tab's content runs, so the page draws fast.
    tab_detail, tab_compare, tab_plot = st.tabs(
        ["Model detail", "Compare (up to 3)", "Quality vs price"], key="cat_tab", on_change="rerun"
    )
    ids = [m.id for m in models]
    names = {
        m.id: f"{m.name} ({m.id})" + (" — retired" if shared.is_retired(m) else "") for m in models
    }
    if tab_detail.open:
        with tab_detail:
            if st.session_state.get("cat_detail") not in ids:
                st.session_state["cat_detail"] = ids[0]
            st.selectbox("Model", ids, format_func=names.get, key="cat_detail")
            detail(catalog.get(st.session_state["cat_detail"]))
    if tab_compare.open:
        with tab_compare:
            kept = [i for i in st.session_state.get("cat_compare") or [] if i in ids]
            st.session_state["cat_compare"] = kept or ids[: min(2, len(ids))]
            st.multiselect(
                "Models to compare", ids, format_func=names.get, key="cat_compare", max_selections=3
            )
            if st.session_state["cat_compare"]:
                compare([catalog.get(i) for i in st.session_state["cat_compare"]])
            else:
                st.info("Pick up to 3 models.")
    if tab_plot.open:
        with tab_plot:
            scatter(models, chosen["task"])
