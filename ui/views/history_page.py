"""History: past recommendations and playground runs from this app and the CLI; Slack
conversations (other people's use cases) too only when ADVISOR_HISTORY_ALL=1 marks an admin's
deployment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import shared


def recommendations_tab() -> None:
    allowed = shared.api.config.history_sources()  # None: every source (admin)
    choices = ("all", *(allowed or ("ui", "cli", "slack")))
    if st.session_state.get("hist_source") not in choices:
        st.session_state["hist_source"] = "all"
    st.radio("Source", choices, key="hist_source", horizontal=True)
    picked = st.session_state["hist_source"]
    sources = allowed if picked == "all" else (picked,)
    try:
        rows = shared.store().list_recommendations(sources=sources, limit=200)
    except shared.api.AdvisorError as exc:
        st.error(f"History cannot be read: {exc}")
        return
    if allowed is not None:
        st.caption("Showing this app's and the CLI's records; Slack conversations are not listed.")
    if not rows:
        st.info(
            "No recommendations yet. Ask the Advisor, `llm-advisor recommend` or the Slack bot."
        )
        return
    frame = pd.DataFrame(
        [
            {
                "id": r["id"],
                "when": shared.when(r.get("created")),
                "source": r.get("source"),
                "user": r.get("user") or "",
                "use case": (r.get("use_case") or "")[:120],
                "model": r.get("model_id"),
                "approach": r.get("approach"),
                "monthly $": r.get("monthly_usd"),
            }
            for r in rows
        ]
    )
    st.dataframe(
        shared.styled(frame, money={"monthly $": 2}),
        hide_index=True,
        width="stretch",
        placeholder=shared.BLANK,
    )
    by_id = {r["id"]: r for r in rows}
    if st.session_state.get("hist_pick") not in by_id:
        st.session_state["hist_pick"] = rows[0]["id"]
    st.selectbox(
        "Show recommendation",
        list(by_id),
        key="hist_pick",
        format_func=lambda i: (
            f"#{i} · {shared.when(by_id[i].get('created'))} · {by_id[i].get('source')} · "
            f"{by_id[i].get('model_id')} · "
            f"{(by_id[i].get('use_case') or '')[:60]}"
        ),
    )
    picked = by_id[st.session_state["hist_pick"]]
    result = shared.api.Recommendation.from_stored(picked)
    if result is not None:
        shared.recommendation(result, key=f"hist{picked['id']}")
    else:
        st.json(picked)


def runs_tab() -> None:
    shared.run_log(limit=200, empty="No playground runs yet.")


st.subheader("History")
tab_recs, tab_runs = st.tabs(
    ["Recommendations", "Playground runs"], key="hist_tab", on_change="rerun"
)
if tab_recs.open:
    with tab_recs:
        recommendations_tab()
if tab_runs.open:
    with tab_runs:
        runs_tab()
