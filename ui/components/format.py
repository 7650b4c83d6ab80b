"""How the app writes figures: money, counts, times, and tables whose cells keep their numbers
(so sorting stays numeric) while showing "$1,234.56", "1,234" and "–" for nothing."""

from __future__ import annotations

from typing import Any

from advisor import api

BLANK = "–"  # what an empty table cell or a missing figure shows


def usd(value: Any, digits: int = 2) -> str:
    """Money in a table or metric: always `digits` decimals, small amounts significant, "–" if none."""
    return api.money(value, digits, missing=BLANK)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def tokens(value: Any) -> str:
    """A token count with thousands separators: 16384 -> "16,384"."""
    if not value:
        return BLANK
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


when = api.timestamp
price_line = api.price_line
approach_name = api.approach_name
breakdown_label = api.breakdown_label
weights_label = api.weights_label


def plain(text: str) -> str:
    """Text shown as it is in Markdown (no LaTeX from "$", no emphasis from "*" or "_")."""
    for char in ("\\", "$", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return text


def styled(
    frame,
    *,
    money: dict[str, int] | None = None,
    counts: tuple[str, ...] = (),
    decimals: dict[str, int] | None = None,
):
    """A table with money columns as "$1,234.56" and counts as "1,234", empty cells as "–".

    The cells keep their numbers (sorting by a column header stays numeric); only the text shown
    changes. `money` and `decimals` (plain numbers, e.g. seconds) map a column to its decimals;
    other columns keep the table's own formatting."""
    import pandas as pd

    formats: dict[str, Any] = {}
    for column, digits in (money or {}).items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v, d=digits: usd(v, d)
    for column in counts:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v: f"{int(v):,}" if is_number(v) else str(v)
    for column, digits in (decimals or {}).items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v, d=digits: f"{v:,.{d}f}" if is_number(v) else str(v)
    return frame.style.format(formats, na_rep=BLANK)
