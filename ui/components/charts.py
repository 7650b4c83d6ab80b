"""The recommendation's charts: its monthly cost against the alternatives, and quality against
monthly cost for every model that meets the constraints (plotly, drawn from the core's figures)."""

from __future__ import annotations

import math

import streamlit as st

from advisor import api
from ui.components.format import is_number, usd


def cost_chart(rec: api.Recommendation) -> None:
    """Monthly cost of the pick against the alternatives (bar chart), with the budget if given."""
    import plotly.graph_objects as go

    costs = rec.alternative_costs
    names = [rec.model.label + " (pick)"]
    values = [float(rec.cost.monthly_usd)]
    colors = ["#1f77b4"]
    for alt in rec.alternatives:
        if costs.get(alt.id) is not None:
            names.append(alt.label)
            values.append(float(costs[alt.id]))
            colors.append("#aab4c3")
    fig = go.Figure(
        go.Bar(
            x=names,
            y=values,
            marker_color=colors,
            text=[usd(v) for v in values],
            textposition="outside",
            hovertemplate="%{x}: $%{y:,.2f} a month<extra></extra>",
        )
    )
    budget = rec.questionnaire.get("monthly_budget_usd")
    if budget is not None:
        fig.add_hline(
            y=float(budget),
            line_dash="dash",
            line_color="#d62728",
            annotation_text=f"budget {usd(budget)}",
            annotation_position="top left",
        )
    fig.update_layout(
        height=300,
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis_title="USD per month",
        showlegend=False,
    )
    st.plotly_chart(fig, width="stretch", key=f"cost_chart_{rec.id or 'x'}")


def quality_chart(rec: api.Recommendation) -> None:
    """Quality for the task against monthly cost for every model that meets the constraints: the
    pick and the alternatives named, the budget as a line."""
    import plotly.graph_objects as go

    rated = [c for c in rec.candidates if c.quality is not None]
    if len(rated) < 2:
        return
    alternatives = {alt.id for alt in rec.alternatives}
    groups = (
        ("pick", [c for c in rated if c.id == rec.model.id], "#d62728", "star", 18),
        ("alternative", [c for c in rated if c.id in alternatives], "#1f77b4", "circle", 11),
        (
            "other candidate",
            [c for c in rated if c.id != rec.model.id and c.id not in alternatives],
            "#8a94a6",
            "circle",
            8,
        ),
    )
    costs = [c.monthly_usd for c in rated]
    log_axis = min(costs) > 0 and max(costs) / min(costs) > 20
    # the published points (e.g. AA Intelligence Index) where every figure is on one metric;
    # estimates are drawn hollow and say so
    metrics = {c.quality_metric for c in rated}
    on_metric = (
        len(metrics) == 1 and "" not in metrics and all(c.quality_points is not None for c in rated)
    )

    def height(c) -> float:
        return round(c.quality_points, 1) if on_metric else round(c.quality * 100)

    fig = go.Figure()
    for name, members, colour, symbol, size in groups:
        for measured in (True, False):
            points = [c for c in members if c.quality_measured == measured]
            if not points:
                continue
            fig.add_trace(
                go.Scatter(
                    name=name if measured else f"{name} (estimate, not measured)",
                    x=[c.monthly_usd for c in points],
                    y=[height(c) for c in points],
                    mode="markers",
                    marker=dict(
                        color=colour, symbol=symbol if measured else f"{symbol}-open", size=size
                    ),
                    customdata=[
                        [c.label, usd(c.monthly_usd), api.contender_figure(c)] for c in points
                    ],
                    hovertemplate="%{customdata[0]}: quality %{customdata[2]}, "
                    "%{customdata[1]} a month<extra></extra>",
                )
            )
    # The named points often sit close together (similar price and quality): each label gets
    # its own arrow and offset, taken in turn from left to right, so no two labels overlap.
    named = sorted(
        (c for c in rated if c.id == rec.model.id or c.id in alternatives),
        key=lambda c: c.monthly_usd,
    )
    offsets = ((0, -34), (0, 34), (-60, -22), (60, 22), (60, -22), (-60, 22))
    for (ax, ay), point in zip(offsets * 4, named, strict=False):
        fig.add_annotation(
            x=math.log10(point.monthly_usd) if log_axis else point.monthly_usd,
            y=height(point),
            text=point.label,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            ax=ax,
            ay=ay,
            font=dict(size=12),
        )
    budget = rec.questionnaire.get("monthly_budget_usd")
    if is_number(budget) and (not log_axis or budget > 0):
        fig.add_vline(x=float(budget), line_dash="dash", line_color="#d62728")
        # an annotation on a log axis is placed by the exponent (a shape by the value)
        fig.add_annotation(
            x=math.log10(float(budget)) if log_axis else float(budget),
            y=1,
            yref="paper",
            text=f"budget {usd(budget)}",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
        )
    task = api.ranked_task(rec)
    fig.update_layout(
        height=340,
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(
            title="USD per month" + (" (log scale)" if log_axis else ""),
            type="log" if log_axis else "linear",
            tickprefix="$",
        ),
        yaxis=dict(
            title=f"{metrics.pop()} ({task})" if on_metric else f"Quality for {task} (0-100)"
        ),
        legend=dict(orientation="h", y=-0.25),
    )
    st.plotly_chart(fig, width="stretch", key=f"quality_chart_{rec.id or 'x'}")
