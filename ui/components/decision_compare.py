"""Stored decisions side by side (History's "Compare decisions"): the pick, approach, cost and
catalog date of each and the answers that differ, as the core compares them; a link
(`/history?compare=3,7`) opens the same comparison. Also who may see a linked decision."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.format import when


def decision_label(group: dict) -> str:
    """A decision in a picker: "#7 · when · source · model · use case · ×repeats"."""
    repeats = len(group.get("ids") or ())
    return (
        f"#{group['id']} · {when(group.get('created'))} · {group.get('source')} · "
        f"{group.get('model_id')} · {(group.get('use_case') or '')[:60]}"
        + (f" · ×{repeats}" if repeats > 1 else "")
    )


def compare_tool(by_id: dict[int, dict], allowed) -> None:
    """Two or more decisions side by side: the pick, approach, cost and catalog date of each, and
    the answers that differ, differences highlighted. A link (`/history?compare=3,7`) opens the
    same comparison; the core decides what differs, this only draws it."""
    linked = linked_comparison(allowed)
    for row in linked:  # a linked decision outside the listed ones (another filter, older)
        by_id.setdefault(row["id"], {**row, "ids": [row["id"]]})
    if linked:
        state.history.compare_ids = [row["id"] for row in linked]
    # a decision deleted since (or filtered out) would make the picker fail on its stored value
    state.history.compare_ids = [i for i in state.history.compare_ids if i in by_id]
    st.subheader("Compare decisions")
    st.multiselect(
        "Decisions to compare",
        list(by_id),
        key="hist_compare_ids",
        format_func=lambda i: decision_label(by_id[i]),
        placeholder="Pick two or more decisions",
    )
    chosen = state.history.compare_ids
    if len(chosen) < 2:
        st.query_params.pop("compare", None)
        state.history.compare_linked = None
        return
    link = ",".join(str(i) for i in chosen)
    st.query_params["compare"] = link
    state.history.compare_linked = link
    results = [api.Recommendation.from_stored(by_id[i]) for i in chosen]
    unreadable = [i for i, rec in zip(chosen, results, strict=True) if rec is None]
    if unreadable:
        st.warning(
            "These decisions were stored in a form that cannot be compared: "
            + ", ".join(f"#{i}" for i in unreadable)
        )
        return
    compared = api.compare_decisions(results)
    columns = [f"#{i}" for i in compared.ids]
    comparison_table("Decision", compared.decision, columns)
    if compared.answers:
        comparison_table("Answer that differs", compared.answers, columns)
    else:
        st.markdown("**The answers are the same in every decision.**")
    if compared.same_answers:
        st.caption(f"{compared.same_answers} other answer(s) are the same in every decision.")
    st.page_link(
        shared.PAGE_FILES["history"],
        label="Link to this comparison",
        icon=":material/link:",
        query_params={"compare": link},
    )


def comparison_table(title: str, rows, columns: list[str]) -> None:
    """Rows of a comparison as a static table; a row whose values differ says so in words (the
    "compared" column) and is shaded, so the difference does not rest on colour alone."""
    frame = pd.DataFrame(
        [
            {
                title: row.label,
                "compared": "differs" if row.differs else "same",
                **dict(zip(columns, row.values, strict=True)),
            }
            for row in rows
        ]
    )
    shaded = [row.differs for row in rows]
    st.table(
        frame.style.hide(axis="index").apply(
            lambda column: [DIFFERS_STYLE if differs else "" for differs in shaded], axis=0
        )
    )


# a pale amber behind dark text, its colour set too so that the dark theme's light text does not
# land on it (about 12:1)
DIFFERS_STYLE = "background-color: #fff3cd; color: #31333f; font-weight: 600"


def linked_comparison(allowed) -> list[dict]:
    """The decisions a comparison link (`/history?compare=3,7`) names, when the link is new to
    this session; ids that are unknown or from a source this app may not show are said plainly."""
    wanted = st.query_params.get("compare")
    if not wanted or wanted == state.history.compare_linked:
        return []
    state.history.compare_linked = wanted
    rows, missing, unreadable = [], [], 0
    for part in wanted.split(","):
        part = part.strip()
        rec_id = link_id(part)
        if rec_id is None:
            unreadable += 1  # never echoed: the link's text is not ours to render
            continue
        row = shared.store().get_recommendation(rec_id)
        if not may_show(row, allowed):
            missing.append(part)
        elif row["id"] not in [r["id"] for r in rows]:
            rows.append(row)
    said = [", ".join(f"#{m}" for m in missing)] if missing else []
    if unreadable:
        said.append(f"{unreadable} part(s) of the link that are not a decision number")
    if said:
        st.warning("No recommendation to compare for: " + "; ".join(said))
    return rows


def may_show(row: dict | None, allowed) -> bool:
    """Whether this visitor may see (and delete) a stored decision: from a source the app shows,
    and, behind a login, their own (unless ADVISOR_HISTORY_ALL=1 marks an admin's deployment).
    Someone else's decision is "not found", never "forbidden": its number tells nothing."""
    if row is None or (allowed is not None and row.get("source") not in allowed):
        return False
    owner = shared.owner()
    return owner is None or row.get("user") == owner


def link_id(text: str) -> int | None:
    """A decision id from a link: plain ASCII digits only (`isdigit` also takes "²", which `int`
    refuses), short enough for SQLite's 64-bit ids."""
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None
