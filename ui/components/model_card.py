"""One model as a card: its key facts, description, speed with its source, and lifecycle (retired
or retiring, with the successor), from the catalog through the core."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared
from ui.components.format import price_line


def lifecycle(entry) -> str:
    """current | retiring | retired for a catalog model (or None), judged today by the core."""
    return entry.lifecycle(shared.today()) if entry is not None else "current"


def is_retired(entry) -> bool:
    return lifecycle(entry) == "retired"


def retires_soon(entry) -> bool:
    return lifecycle(entry) == "retiring"


def speed_figures(entry) -> str:
    """The catalog model's measured speed in words, or ""."""
    return api.speed_figures(getattr(entry, "speed", None) if entry is not None else None)


def speed_text(entry) -> str:
    """The speed figures with their source and date (Markdown), or "" when none is known."""
    figures = speed_figures(entry)
    if not figures:
        return ""
    speed = entry.speed
    label = api.source_label(speed.source)
    url = speed.source.split()[0] if speed.source.startswith(("http://", "https://")) else ""
    cited = f"[{label}]({url})" if url else label
    dated = f", as of {speed.as_of}" if speed.as_of else ""
    return f"{figures} ({cited or 'source not given'}{dated})"


def model_facts(model: api.ModelInfo) -> None:
    """The key facts of one recommended model, with its catalog description and lifecycle."""
    entry = shared.catalog().find(model.id)
    retired = " · retired" if is_retired(entry) else ""
    st.markdown(f"#### {model.label}{retired}  \n`{model.id}` · {model.provider}")
    if entry is not None and entry.description:
        st.write(entry.description)
    context = model.context_window
    st.markdown(
        f"**Weights:** {'open' if model.open_weights else 'proprietary'} "
        f"· **License:** {model.license or '-'} "
        f"· **Context window:** {f'{context:,} tokens' if context else '-'}  \n"
        f"**Price:** {price_line(model)}  \n"
        f"**Tasks:** {', '.join(model.tasks) or '-'}  \n"
        f"**Capabilities:** {', '.join(model.capabilities) or 'none listed'}  \n"
        f"**Deployment:** {', '.join(model.deployment) or '-'}"
    )
    speed = speed_text(entry)
    if speed:
        st.markdown(f"**Speed (hosted):** {speed}")
    retirement = api.figures.retirement_note(entry, shared.today())
    if retirement:
        (st.warning if retirement.startswith("Retired") else st.info)(retirement)
    pricing = model.pricing
    if pricing.get("source"):
        st.caption(f"Price source: {pricing['source']} (as of {pricing.get('as_of', '?')})")
