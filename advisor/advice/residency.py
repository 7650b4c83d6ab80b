"""Where a plan's data may be processed. "EU only" keeps a hosted API in the plan only where its
provider offers EU-only processing (knowledge/data/residency.json, each entry with its source and
date); anything else must run on the user's own machines, which they place where they need to."""

from __future__ import annotations

import json
from functools import cache

from knowledge import catalog_data

from ..catalog.catalog import Model

RESIDENCY_FILE = catalog_data.CATALOG_DIR.parent / "residency.json"
REGIONS = ("any", "eu")


@cache
def _offers() -> dict[str, dict[str, dict]]:
    data = json.loads(RESIDENCY_FILE.read_text(encoding="utf-8"))
    return {region: data.get(region, {}) for region in REGIONS if region != "any"}


def hosted_by_maker(model: Model) -> bool:
    """Whether the catalog's API price is the maker's own service. An open model's price often
    comes from another host (DeepInfra, Groq ...), where the maker's residency promise does not
    reach, so an open model counts only when its price source names the maker as the host;
    otherwise an EU-only plan runs it on the user's own machines."""
    if not model.open_weights:
        return True
    source = str(model.pricing.get("source") or "").lower()
    host = source.split("hosted by", 1)[1] if "hosted by" in source else ""
    return bool(host) and model.provider.split()[0].lower() in host


def hosted_in(model: Model, region: str | None) -> dict | None:
    """How `model`'s provider keeps its hosted API in `region` ({how, source, as_of}), or None."""
    if not region or region == "any":
        return None
    offer = _offers().get(region, {}).get(model.provider)
    return offer if offer is not None and hosted_by_maker(model) else None


def allowed_modes(model: Model, region: str | None, modes: list[str]) -> list[str]:
    """`modes` without the cloud API when its provider cannot keep the data in `region`."""
    if not region or region == "any" or hosted_in(model, region) is not None:
        return modes
    return [mode for mode in modes if mode != "cloud-api"]


def note(model: Model, region: str | None) -> str | None:
    """The assumption line for a hosted pick in an EU-only plan, with its source and date."""
    offer = hosted_in(model, region)
    if offer is None:
        return None
    return (
        f"EU-only processing: {offer['how']} ({offer['source']}, {offer['as_of']}); priced at the "
        "list price, which an EU option can exceed"
    )
