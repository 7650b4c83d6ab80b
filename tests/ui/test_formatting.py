"""How the app writes money, counts, times and cost breakdown items (ui/components/format.py)."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("streamlit")
from ui.components import format as fmt  # noqa: E402


@pytest.mark.parametrize(
    "value, text",
    [
        (2_200_000, "$2,200,000.00"),
        (1234.5, "$1,234.50"),
        (0, "$0.00"),
        (0.000125, "$0.000125"),
        (None, "–"),
        (float("nan"), "–"),
        ("cloud-api", "cloud-api"),
    ],
)
def test_usd(value, text):
    assert fmt.usd(value) == text


def test_tokens_and_times():
    assert fmt.tokens(16384) == "16,384"
    assert fmt.tokens(None) == "–"
    assert fmt.when("2026-11-29T08:31:07+00:00") == "2026-11-29 08:31 UTC"
    assert fmt.when("2026-11-29T09:31:07+01:00") == "2026-11-29 08:31 UTC"
    assert fmt.when("2026-11-29T08:31:07") == "2026-11-29 08:31 UTC"
    assert fmt.when("yesterday") == "yesterday"
    assert fmt.when(None) == ""


@pytest.mark.parametrize(
    "key, label",
    [
        ("one_off_rag_initial_embedding", "One-off: RAG initial embedding"),
        ("gpu_hours", "Hosting (GPU/CPU hours)"),
        ("hosting_hours", "Hosting (GPU/CPU hours)"),
        ("input_tokens", "Input tokens"),
        ("rag_query_embeddings", "RAG query embeddings"),
        ("one_off_fine_tuning", "One-off: Fine-tuning"),
        ("some_new_api_fee", "Some new API fee"),
    ],
)
def test_breakdown_labels(key, label):
    assert fmt.breakdown_label(key) == label


def test_styled_tables_show_money_and_blank_cells():
    frame = pd.DataFrame({"price": [2_200_000.0, None], "count": [16384, None], "name": ["a", "b"]})
    html = fmt.styled(frame, money={"price": 2}, counts=("count",)).to_html()
    assert "$2,200,000.00" in html and "16,384" in html
    assert "None" not in html and "nan" not in html and "–" in html
