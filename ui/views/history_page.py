"""History: past recommendations and playground runs from this app and the CLI; Slack
conversations (other people's use cases) too only when ADVISOR_HISTORY_ALL=1 marks an admin's
deployment."""

from __future__ import annotations

import copy
import json
import re

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
        rows = shared.store().list_recommendations(sources=sources, user=shared.owner(), limit=200)
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
    notice = st.session_state.pop("hist_notice", None)
    if notice:
        (st.error if notice[0] == "error" else st.success)(notice[1])
    stale = watch_controls()
    groups = collapse(rows)
    frame = pd.DataFrame(
        [
            {
                "id": g["id"],
                "link": f"history?id={g['id']}",
                "when": shared.when(g.get("created")),
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
        shared.styled(frame, money={"monthly $": 2}),
        hide_index=True,
        width="stretch",
        placeholder=shared.BLANK,
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
        st.session_state["hist_pick"] = linked["id"]
    if st.session_state.get("hist_pick") not in by_id:
        st.session_state["hist_pick"] = groups[0]["id"]
    st.selectbox(
        "Show recommendation",
        list(by_id),
        key="hist_pick",
        format_func=lambda i: decision_label(by_id[i]),
    )
    picked = by_id[st.session_state["hist_pick"]]
    # the address bar always holds the shown decision's link
    st.query_params["id"] = str(picked["id"])
    st.session_state["hist_linked"] = str(picked["id"])
    result = shared.api.Recommendation.from_stored(picked)
    actions(picked, result)
    if result is None:
        st.json(picked)
        return
    for finding in findings_of(picked, stale):
        stale_decision(result, finding)
    shared.recommendation(result, key=f"hist{picked['id']}")


def decision_label(group: dict) -> str:
    """A decision in a picker: "#7 · when · source · model · use case · ×repeats"."""
    repeats = len(group.get("ids") or ())
    return (
        f"#{group['id']} · {shared.when(group.get('created'))} · {group.get('source')} · "
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
        st.session_state["hist_compare_ids"] = [row["id"] for row in linked]
    # a decision deleted since (or filtered out) would make the picker fail on its stored value
    kept = [i for i in st.session_state.get("hist_compare_ids") or [] if i in by_id]
    st.session_state["hist_compare_ids"] = kept
    st.subheader("Compare decisions")
    st.multiselect(
        "Decisions to compare",
        list(by_id),
        key="hist_compare_ids",
        format_func=lambda i: decision_label(by_id[i]),
        placeholder="Pick two or more decisions",
    )
    chosen = st.session_state["hist_compare_ids"]
    if len(chosen) < 2:
        st.query_params.pop("compare", None)
        st.session_state["hist_compare_linked"] = None
        return
    link = ",".join(str(i) for i in chosen)
    st.query_params["compare"] = link
    st.session_state["hist_compare_linked"] = link
    results = [shared.api.Recommendation.from_stored(by_id[i]) for i in chosen]
    unreadable = [i for i, rec in zip(chosen, results, strict=True) if rec is None]
    if unreadable:
        st.warning(
            "These decisions were stored in a form that cannot be compared: "
            + ", ".join(f"#{i}" for i in unreadable)
        )
        return
    compared = shared.api.compare_decisions(results)
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
    if not wanted or wanted == st.session_state.get("hist_compare_linked"):
        return []
    st.session_state["hist_compare_linked"] = wanted
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


def collapse(rows: list[dict]) -> list[dict]:
    """One entry per questionnaire, pick and person, newest first: the newest row with `ids`, every
    id it stands for (re-asking the same thing records it again, and a list of repeats hides the
    rest)."""
    groups: dict[tuple, dict] = {}
    for row in rows:  # newest first, so the first of a group is the one shown
        same = (
            json.dumps(row.get("questionnaire"), sort_keys=True, default=str),
            row.get("model_id"),
            row.get("approach"),
            row.get("user"),
        )
        if same in groups:
            groups[same]["ids"].append(row["id"])
        else:
            groups[same] = {**row, "ids": [row["id"]]}
    return list(groups.values())


def findings_of(group: dict, stale: dict[int, list]) -> list:
    return [f for i in group["ids"] for f in stale.get(i, [])]


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
            shared.api.fields.set_answer(answers, assumed.split(":", 1)[0].strip(), None)
        st.session_state["f__load"] = {"answers": answers, "result": result}
        st.switch_page(shared.PAGE_FILES["advisor"])
    if st.session_state.get("hist_confirm_delete") != ids:
        cols[1].button(
            "Delete",
            key="hist_delete_btn",
            icon=":material/delete:",
            on_click=st.session_state.__setitem__,
            args=("hist_confirm_delete", ids),
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
        on_click=st.session_state.pop,
        args=("hist_confirm_delete", None),
    )


def delete(ids: list[int]) -> None:
    st.session_state.pop("hist_confirm_delete", None)
    allowed = shared.api.config.history_sources()
    try:
        for rec_id in ids:
            if may_show(shared.store().get_recommendation(rec_id), allowed):
                shared.store().delete_recommendation(rec_id)
    except shared.api.AdvisorError as exc:
        st.session_state["hist_notice"] = ("error", f"Could not delete: {exc}")
    else:
        st.session_state["hist_notice"] = ("success", f"Deleted recommendation #{ids[0]}.")


def linked_decision(allowed) -> dict | None:
    """The decision a shared link (`/history?id=N`) names, when it is new to this session and
    from a source this app may show; an unknown id is said plainly."""
    wanted = st.query_params.get("id")
    if not wanted or wanted == st.session_state.get("hist_linked"):
        return None
    st.session_state["hist_linked"] = wanted
    rec_id = link_id(wanted.strip())
    if rec_id is None:  # the link's text is never echoed: st.warning renders Markdown
        st.warning("The link does not name a decision number; the newest one is shown instead.")
        return None
    row = shared.store().get_recommendation(rec_id)
    if not may_show(row, allowed):
        st.warning(f"No recommendation #{rec_id} to show here; the newest one is shown instead.")
        return None
    return row


def watch_controls() -> dict[int, list]:
    """The "check now" button and the open findings by decision id."""
    api = shared.api
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
    return ", ".join(shared.api.FINDING_TITLES.get(f.kind, f.kind) for f in findings or [])


def stale_decision(old, finding) -> None:
    """A finding about the shown decision: its reason, the new pick beside the old, the actions."""
    api = shared.api
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
                f"**Monthly cost:** {shared.usd(rec.cost.monthly_usd)}"
            )
            if rec is old and old.catalog_as_of:
                st.caption(f"Made with catalog facts as of {old.catalog_as_of}.")
            st.page_link(
                shared.PAGE_FILES["playground"],
                label=f"Try {rec.model.label} in the playground",
                icon=":material/science:",
                query_params={"model": rec.model.id},
            )


def runs_tab() -> None:
    shared.run_log(limit=200, empty="No playground runs yet.")


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
