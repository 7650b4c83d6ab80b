"""Figures the catalog shows for a model: the blended token price, and the monthly cost of one
model for a questionnaire's answers as the recommender plans it."""

from __future__ import annotations

import pytest

from advisor import api
from advisor.advice.recommender import recommend


def test_blended_price_weights_input_three_to_one():
    assert api.blend_label() == "3:1 input:output"
    assert api.blended_price({"pricing": {"input_per_1m": 1.0, "output_per_1m": 5.0}}) == 2.0
    # an embedding model writes no tokens: its input price is its price
    assert api.blended_price({"pricing": {"input_per_1m": 0.1}}) == 0.1
    # an image model has no token price to blend
    assert api.blended_price({"pricing": {"per_image": 0.04}}) is None
    assert api.blended_price(api.catalog().get("gpt-4o-mini")) == pytest.approx(0.2625)


def test_monthly_cost_of_the_pick_is_the_recommendations_cost():
    answers = {"task": "question-answering", "requests_per_month": 20_000}
    rec = recommend(answers)
    assert api.monthly_cost_of(answers, rec.model.id) == pytest.approx(
        rec.cost.monthly_usd, abs=0.01
    )
    assert api.monthly_cost_of(answers, "no-such-model") is None
