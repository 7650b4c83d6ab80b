"""Quality against price for the catalog's models: the best value for money joined by a line
(the core works out which points are on it), the Advisor's pick starred, with each model's cost
for the Advisor's answers as the price when there is one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import api
from ui.components.catalog_table import pick_task, status

# Price axes for the scatter, in the unit that fits the task shown.
PRICE_KEYS = (
    ("blended", f"blended price per 1M tokens ({api.blend_label()})"),
    ("per_image", "USD per image"),
    ("per_audio_minute", "USD per audio minute"),
    ("per_1m_characters", "USD per 1M characters"),
)
# Above this many points the scatter labels only the best value for money (the frontier).
LABEL_ALL_POINTS = 25


def price_of(m, key: str) -> float | None:
    return api.blended_price(m) if key == "blended" else m.price(key)


YOUR_COST = "your cost per month"


def scatter(models, task: str | None, recommended: str | None, costs: dict | None, work) -> None:
    import plotly.express as px
    import plotly.graph_objects as go

    if not task:
        task = pick_task(models, "cat_plot_task")
        models = [m for m in models if m.serves(task)]

    counts = {key: sum(1 for m in models if (price_of(m, key) or 0) > 0) for key, _ in PRICE_KEYS}
    price_key, axis = max(PRICE_KEYS, key=lambda item: counts[item[0]])
    if costs is not None and task == work:  # the Advisor's workload priced for each model
        if st.session_state.get("cat_plot_axis") not in (YOUR_COST, axis):
            st.session_state["cat_plot_axis"] = YOUR_COST
        st.radio("Price on the axis", [YOUR_COST, axis], key="cat_plot_axis", horizontal=True)
        if st.session_state["cat_plot_axis"] == YOUR_COST:
            price_key, axis = YOUR_COST, f"{YOUR_COST} for your Advisor answers"

    def x_value(m) -> float | None:
        return costs.get(m.id) if price_key == YOUR_COST else price_of(m, price_key)

    points = [
        {
            "model": m.name,
            "id": m.id,
            "price": x_value(m),
            "quality": api.figures.measured_quality(m, task),
            "quality as of": getattr(api.figures.quality_entry(m, task), "as_of", "") or "?",
            "weights": "open weights" if m.open_weights else "proprietary",
            "provider": m.provider,
            "status": status(m) or "current",
        }
        for m in models
        if (x_value(m) or 0) > 0 and api.figures.measured_quality(m, task)
    ]
    if not points:
        st.info("No model in this selection has both a hosted price and a quality score.")
        return
    best = api.figures.value_frontier(points)
    labelled = {p["id"] for p in points} if len(points) <= LABEL_ALL_POINTS else set(best)
    labelled |= {recommended} if recommended else set()
    for point in points:
        point["label"] = point["model"] if point["id"] in labelled else ""
    fig = px.scatter(
        pd.DataFrame(points),
        x="price",
        y="quality",
        color="weights",
        text="label",
        hover_name="model",
        hover_data={
            "id": True,
            "provider": True,
            "price": ":$.3f",
            "quality": ":g",
            "quality as of": True,
            "status": True,
            "weights": False,
            "label": False,
        },
        log_x=True,
        color_discrete_map={"open weights": "#2ca02c", "proprietary": "#1f77b4"},
        labels={
            "price": f"{axis}, USD (log scale)",
            "quality": f"{api.figures.metric_of(models, task)} ({task}, measured only)",
        },
    )
    fig.update_traces(
        marker=dict(size=11, line=dict(width=1, color="white")),
        textposition="top center",
        textfont=dict(size=10),
    )
    line = sorted((p for p in points if p["id"] in best), key=lambda p: p["price"])
    fig.add_trace(
        go.Scatter(
            x=[p["price"] for p in line],
            y=[p["quality"] for p in line],
            customdata=[[p["id"]] for p in line],
            mode="lines",
            line=dict(color="#7f7f7f", dash="dot", width=1.5),
            name="best value frontier",
            hoverinfo="skip",
        )
    )
    pick = next((p for p in points if p["id"] == recommended), None)
    if pick is not None:
        fig.add_trace(
            go.Scatter(
                x=[pick["price"]],
                y=[pick["quality"]],
                customdata=[[pick["id"]]],
                mode="markers",
                marker=dict(
                    symbol="star", size=22, color="#d62728", line=dict(width=1, color="black")
                ),
                name=f"recommended: {pick['model']}",
                hovertemplate=f"Recommended for you: {pick['model']}<extra></extra>",
            )
        )
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=30, b=10), legend_title_text="")
    fig.update_xaxes(tickprefix="$")
    st.plotly_chart(fig, width="stretch", key="cat_scatter")
    notes = ["The dotted line joins the best value for money: no model to its left scores higher."]
    if recommended and pick is None:
        notes.append("The Advisor's pick is not in this selection.")
    if len(points) > LABEL_ALL_POINTS:
        notes.append(
            "Labelled: the best value for money (no cheaper model scores higher); "
            "hover over a point for the others."
        )
    left_out = len(models) - len(points)
    if left_out:
        notes.append(
            f"{left_out} model(s) without a "
            + (
                "cost for your answers"
                if price_key == YOUR_COST
                else f"hosted {axis.split(',')[0]}"
            )
            + " or a quality score are not plotted."
        )
    if not st.session_state.get("cat_show_retired"):
        notes.append("Retired models are left out (see Show retired models).")
    if notes:
        st.caption(" ".join(notes))
