"""History: past recommendations and playground runs from this app and the CLI; Slack
conversations (other people's use cases) too only when ADVISOR_HISTORY_ALL=1 marks an admin's
deployment."""

from __future__ import annotations

import copy

import pandas as pd
import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.decision_compare import compare_tool, decision_label, link_id, may_show
from ui.components.format import BLANK, styled, when
from ui.components.recommendation import recommendation
from ui.components.runs import run_log
from ui.components.stale_decision import findings_of, stale_decision, stale_label, watch_controls


def recommendations_tab() -> None:
    allowed = api.config.history_sources()  # None: every source (admin)
    choices = ("all", *(allowed or ("ui", "cli", "slack")))
    if st.session_state.get("hist_source") not in choices:
        st.session_state["hist_source"] = "all"
    st.radio("Source", choices, key="hist_source", horizontal=True)
    picked = st.session_state["hist_source"]
    sources = allowed if picked == "all" else (picked,)
    try:
        rows = shared.store().list_recommendations(sources=sources, user=shared.owner(), limit=200)
    except api.AdvisorError as exc:
        st.error(f"History cannot be read: {exc}")
        return
    if allowed is not None:
        st.caption("Showing this app's and the CLI's records; Slack conversations are not listed.")
    # said before anything else, so that deleting the last decision is confirmed too
    notice = state.take(state.History.notice.key)
    if notice:
        (st.error if notice[0] == "error" else st.success)(notice[1])
    if not rows:
        st.info(
            "No recommendations yet. Ask the Advisor, `llm-advisor recommend` or the Slack bot."
        )
        return
    stale = watch_controls()
    groups = api.group_repeats(rows)
    frame = pd.DataFrame(
        [
            {
                "id": g["id"],
                "link": f"history?id={g['id']}",
                "when": when(g.get("created")),
                "times": len(g["ids"]),
                "source": g.get("source"),
                "user": g.get("user") or "",
                "use case": (g.get("use_case") or "")[:120],
                "model": g.get("model_id"),
                "approach": g.get("approach"),
                "monthly $": g.get("monthly_usd"),
                "stale": stale_label(findings_of(g, stale)),
            }
            for g in groups
        ]
    )
    st.dataframe(
        styled(frame, money={"monthly $": 2}),
        hide_index=True,
        width="stretch",
        placeholder=BLANK,
        column_config={
            # relative, so the link also works when the app is served under a path prefix
            "link": st.column_config.LinkColumn(
                "link", display_text=r"history\?id=(\d+)", help="Opens this decision in a new tab"
            ),
            "times": st.column_config.NumberColumn(
                "times", help="How often the same answers gave the same pick (newest shown)"
            ),
        },
    )
    by_id = {g["id"]: g for g in groups}
    compare_tool(by_id, allowed)
    linked = linked_decision(allowed)
    if linked is not None:
        by_id.setdefault(linked["id"], {**linked, "ids": [linked["id"]]})
        state.history.pick = linked["id"]
    if state.history.pick not in by_id:
        state.history.pick = groups[0]["id"]
    st.selectbox(
        "Show recommendation",
        list(by_id),
        key="hist_pick",
        format_func=lambda i: decision_label(by_id[i]),
    )
    picked = by_id[state.history.pick]
    # the address bar always holds the shown decision's link
    st.query_params["id"] = str(picked["id"])
    state.history.linked = str(picked["id"])
    result = api.Recommendation.from_stored(picked)
    actions(picked, result)
    if result is None:
        st.json(picked)
        return
    for finding in findings_of(picked, stale):
        stale_decision(result, finding)
    recommendation(result, key=f"hist{picked['id']}")


def actions(group: dict, result) -> None:
    """Edit in the Advisor, and delete (after a confirmation) every record of the shown decision."""
    ids = group["ids"]
    cols = st.columns([1, 1, 2])
    if result is not None and cols[0].button(
        "Edit in Advisor", key="hist_edit_btn", icon=":material/edit:"
    ):
        # The answers as given: values the recommender assumed stay unset, as they were, so that
        # they follow the defaults rather than being pinned. The Advisor page reads this once,
        # before it draws its form.
        answers = copy.deepcopy(result.questionnaire)
        for assumed in result.assumed:
            api.fields.set_answer(answers, assumed.split(":", 1)[0].strip(), None)
        st.session_state[state.Advisor.LOAD] = {"answers": answers, "result": result}
        st.switch_page(shared.PAGE_FILES["advisor"])
    if state.history.confirm_delete != ids:
        cols[1].button(
            "Delete",
            key="hist_delete_btn",
            icon=":material/delete:",
            on_click=state.history.ask_to_delete,
            args=(ids,),
        )
        return
    times = f" and its {len(ids) - 1} repeat(s)" if len(ids) > 1 else ""
    st.warning(
        f"Delete recommendation #{ids[0]}{times}, with its stale-decision findings and feedback? "
        "This cannot be undone; its shared link will stop working."
    )
    cols = st.columns([1, 1, 2])
    cols[0].button(
        "Yes, delete", key="hist_delete_yes_btn", type="primary", on_click=delete, args=(ids,)
    )
    cols[1].button(
        "Cancel",
        key="hist_delete_no_btn",
        on_click=state.history.ask_to_delete,
        args=(None,),
    )


def delete(ids: list[int]) -> None:
    del state.history.confirm_delete
    del state.history.pick  # the deleted decision is shown no more, even with none left to pick
    allowed = api.config.history_sources()
    try:
        for rec_id in ids:
            if may_show(shared.store().get_recommendation(rec_id), allowed):
                shared.store().delete_recommendation(rec_id)
    except api.AdvisorError as exc:
        state.history.notice = ("error", f"Could not delete: {exc}")
    else:
        state.history.notice = ("success", f"Deleted recommendation #{ids[0]}.")


def linked_decision(allowed) -> dict | None:
    """The decision a shared link (`/history?id=N`) names, when it is new to this session and
    from a source this app may show; an unknown id is said plainly."""
    wanted = st.query_params.get("id")
    if not wanted or wanted == state.history.linked:
        return None
    state.history.linked = wanted
    rec_id = link_id(wanted.strip())
    if rec_id is None:  # the link's text is never echoed: st.warning renders Markdown
        st.warning("The link does not name a decision number; the newest one is shown instead.")
        return None
    row = shared.store().get_recommendation(rec_id)
    if not may_show(row, allowed):
        st.warning(f"No recommendation #{rec_id} to show here; the newest one is shown instead.")
        return None
    return row


def runs_tab() -> None:
    run_log(limit=200, empty="No playground runs yet.")


st.title("History")
tab_recs, tab_runs = st.tabs(
    ["Recommendations", "Playground runs"], key="hist_tab", on_change="rerun"
)
if tab_recs.open:
    with tab_recs:
        recommendations_tab()
if tab_runs.open:
    with tab_runs:
        runs_tab()
