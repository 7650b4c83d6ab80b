"""Up to three catalog models side by side: the figures with a better end first, the best of
each row starred and shaded (the core decides which is best), then the facts in words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import api
from ui.components.catalog_table import MONEY, status
from ui.components.format import BLANK, price_line, usd

BEST_MARK = "★"


def shown(row: str, value: float | None) -> str:
    if value is None:
        return BLANK
    if row in MONEY:
        return usd(value, MONEY[row])
    if row == "first token s":
        return f"{value:.2f} s"
    if row.startswith("quality"):
        return f"{value:g}"
    return f"{value:,.0f}"


def compare(models, task: str, costs: dict | None) -> None:
    """Numbers first, the best in each row starred and shaded; then the facts in words."""
    rows: dict[str, list[str]] = {}
    best: dict[str, set[int]] = {}
    for row in api.figures.compare_models(models, task, costs):
        # only measured figures compete; an estimate or no figure says which it is
        is_quality = row.label.startswith("quality")
        best[row.label] = row.best
        rows[row.label] = [
            (f"{BEST_MARK} " if i in row.best else "")
            + (api.figures.quality_text(m, task) if is_quality else shown(row.label, v))
            for i, (m, v) in enumerate(zip(models, row.values, strict=True))
        ]
    rows.update(
        {
            "price": [price_line(m) for m in models],
            "provider": [m.provider for m in models],
            "weights": ["open" if m.open_weights else "proprietary" for m in models],
            "license": [m.license for m in models],
            "retirement": [status(m) or BLANK for m in models],
            "successor": [api.successor_name(m) or BLANK for m in models],
            "tasks": [", ".join(m.tasks) for m in models],
            "capabilities": [", ".join(m.capabilities) or BLANK for m in models],
            "deployment": [", ".join(m.deployment) or BLANK for m in models],
            "latency": [m.latency() for m in models],
            "architecture": [m.architecture for m in models],
        }
    )
    columns = [m.name if [x.name for x in models].count(m.name) == 1 else m.id for m in models]
    frame = pd.DataFrame(rows, index=columns).T

    def shade(data: pd.DataFrame) -> pd.DataFrame:
        marks = pd.DataFrame("", index=data.index, columns=data.columns)
        for row, winners in best.items():
            for i in winners:
                marks.iloc[data.index.get_loc(row), i] = (
                    "background-color: #d4edda; font-weight: bold"
                )
        return marks

    st.dataframe(frame.style.apply(shade, axis=None), width="stretch", key="cat_compare_table")
    st.caption(
        f"{BEST_MARK} the best of the compared models in each row: the highest quality for {task}, "
        "speed, context and output; the lowest price, cost and time to the first token. "
        f"Blended price: {api.blend_label()} tokens."
    )
