"""The decision watch in History: the button that re-checks stored decisions, the open findings
by decision, and a finding shown with today's pick beside the old one."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared
from ui.components.format import usd


def watch_controls() -> dict[int, list]:
    """The "check now" button and the open findings by decision id."""
    cols = st.columns([1, 3])
    if cols[0].button("Check for stale decisions", key="hist_watch_btn"):
        with st.spinner("Re-checking stored decisions against the current catalog..."):
            try:
                report = api.watch(shared.store())
            except api.AdvisorError as exc:
                st.error(f"The check failed: {exc}")
            else:
                cols[1].caption(
                    f"Checked {report.checked} decision(s) against catalog facts as of "
                    f"{report.catalog_as_of}: {len(report.new)} new finding(s)."
                )
    by_decision: dict[int, list] = {}
    for row in shared.store().list_findings(status="open"):
        finding = api.Finding.model_validate(row)
        by_decision.setdefault(finding.recommendation_id, []).append(finding)
    return by_decision


def stale_label(findings: list | None) -> str:
    return ", ".join(api.FINDING_TITLES.get(f.kind, f.kind) for f in findings or [])


def stale_decision(old, finding) -> None:
    """A finding about the shown decision: its reason, the new pick beside the old, the actions."""
    st.warning(f"**Stale decision.** {api.finding_line(finding)}")
    cols = st.columns([1, 1, 3])
    compare_key = f"hist_compare_{finding.id}"
    cols[0].button(
        "Compare with the new pick",
        key=f"{compare_key}_btn",
        on_click=st.session_state.__setitem__,
        args=(compare_key, True),
    )
    # a callback runs before the page is drawn again, so the dismissed finding is gone from it
    cols[1].button(
        "Dismiss",
        key=f"hist_dismiss_{finding.id}_btn",
        on_click=api.dismiss,
        args=(finding.id, shared.store()),
    )
    if not st.session_state.get(compare_key):
        return
    new = api.recheck(old)
    left, right = st.columns(2)
    for column, label, rec in ((left, "Your decision", old), (right, "Today's pick", new)):
        with column.container(border=True):
            st.markdown(f"**{label}**")
            st.markdown(f"#### {rec.model.label}  \n`{rec.model.id}` · {rec.model.provider}")
            st.markdown(
                f"**Approach:** {api.approach_name(rec.approach.primary)}  \n"
                f"**Monthly cost:** {usd(rec.cost.monthly_usd)}"
            )
            if rec is old and old.catalog_as_of:
                st.caption(f"Made with catalog facts as of {old.catalog_as_of}.")
            st.page_link(
                shared.PAGE_FILES["playground"],
                label=f"Try {rec.model.label} in the playground",
                icon=":material/science:",
                query_params={"model": rec.model.id},
            )


def findings_of(group: dict, stale: dict[int, list]) -> list:
    return [f for i in group["ids"] for f in stale.get(i, [])]
