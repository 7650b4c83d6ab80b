"""Fixtures the catalog tests share: the two price databases, read offline."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.catalog import sync as catalog_sync

TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def genai():
    pytest.importorskip("genai_prices")
    return catalog_sync.genai_models(TODAY)


@pytest.fixture(scope="module")
def price_map() -> dict:
    if catalog_sync.litellm_price_file() is None:
        pytest.skip("litellm is not installed")
    return catalog_sync.litellm_prices()
