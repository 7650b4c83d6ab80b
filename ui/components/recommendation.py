"""A recommendation as a person reads it: the pick and its facts, why this model, the approach,
the monthly cost with its chart and breakdown, alternatives, sources, exports and its link."""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from advisor import api
from advisor.api import config
from ui import shared, state
from ui.components.charts import cost_chart, quality_chart
from ui.components.format import approach_name, breakdown_label, usd, weights_label
from ui.components.model_card import model_facts
from ui.components.understood_edit import understood_editor

LABEL_COLOURS = {  # badge colours of the alternatives' labels
    "cheaper": "green",
    "higher quality": "blue",
    "self-hostable": "violet",
    "over budget": "orange",
}


def why_this_model(rec: api.Recommendation, explained) -> None:
    """The pick against the other models that meet the constraints: quality with its source, rank,
    the labelled alternatives, and quality against monthly cost in a chart."""
    with st.container(border=True, key="why_pick"):
        st.markdown("#### Why this model")
        st.markdown(f"**{explained.pick.label}** is {explained.standing}.")
        source = f" [Source]({explained.quality_url})" if explained.quality_url else ""
        st.markdown(f"{explained.quality_line()}{source}  \n{explained.rank_line()}")
        if explained.alternatives:
            st.markdown("**Alternatives**")
        for alt in explained.alternatives:
            badges = " ".join(
                f":{LABEL_COLOURS.get(label, 'gray')}-badge[{label}]" for label in alt.labels
            )
            st.markdown(
                f"- **{alt.model.label}** (`{alt.model.id}`, {alt.model.provider}) {badges}  \n"
                f"  {alt.text}"
            )
        quality_chart(rec)


def citations(items: list[dict]) -> None:
    """Numbered sources, each with its excerpt and a link that opens the article in the app.
    Excerpts are article text: shown as plain text, never as Markdown or HTML."""
    for number, cite in enumerate(items or [], 1):
        title = cite.get("title") or "Untitled article"
        with st.expander(f"[{number}] {api.plain_markdown(title)}"):
            st.text(cite.get("excerpt") or "")
            if cite.get("id"):
                st.page_link(
                    shared.PAGE_FILES["knowledge"],
                    label="Read the article",
                    icon=":material/article:",
                    query_params={"article": cite["id"]},
                )


def recommendation(
    rec: api.Recommendation,
    *,
    key: str = "rec",
    exports: bool = True,
    playground: bool = True,
    on_edit: Callable[[], None] | None = None,
) -> None:
    """A recommendation from the core, as a person reads it. With `on_edit` (what submitting the
    form does), each understood value can be edited in place and the advice runs again."""
    model = rec.model
    approach = rec.approach
    cost = rec.cost
    st.success(
        f"Recommended: **{model.label}** with **{approach_name(approach.primary)}**, "
        f"about **{usd(cost.monthly_usd)} a month**."
    )
    for warning in rec.warnings:
        st.warning(warning)

    with st.container(border=True):
        model_facts(model)
        if playground:
            cols = st.columns([1, 2])
            if cols[0].button("Try in playground", key=f"{key}_try_btn", type="primary"):
                st.switch_page(shared.PAGE_FILES["playground"], query_params={"model": model.id})
            cols[1].caption(f"Deep link: `/playground?model={model.id}`")

    explained = api.explain_pick(rec)
    if explained is not None:
        why_this_model(rec, explained)

    with st.container(border=True):
        st.markdown(f"#### Approach: {approach_name(approach.primary)}")
        for reason in approach.reasons:
            st.markdown(f"- {api.readable_fields(reason)}")
        if approach.techniques:
            st.markdown("**Techniques**")
            for technique in approach.techniques:
                st.markdown(f"- {technique}")

    with st.container(border=True):
        st.markdown("#### Monthly cost")
        st.metric("Estimated monthly cost", usd(cost.monthly_usd))
        cost_chart(rec)
        if rec.components:
            st.markdown("**Pipeline**")
            for line in api.component_lines(rec):
                st.markdown(f"- {api.safe_markdown(line)}")
        if cost.breakdown:
            # numbers are money; anything else (an older result may say "deployment: cloud-api")
            # is shown as text
            rows = [
                {"item": breakdown_label(name), "amount": usd(value)}
                for name, value in cost.breakdown.items()
            ]
            st.dataframe(
                rows,
                hide_index=True,
                width="stretch",
                column_config={
                    "item": st.column_config.TextColumn("Item"),
                    "amount": st.column_config.TextColumn("Amount"),
                },
            )
        if cost.assumptions:
            with st.expander("Assumptions behind the cost"):
                for item in cost.assumptions:
                    st.markdown(f"- {item}")
        if rec.understood and on_edit is not None:
            # what was read, assumed or set, each one click from editing in place
            with st.expander("What I understood (Edit changes a value and updates the advice)",
                             expanded=True):  # fmt: skip
                understood_editor(rec, on_edit, prefix=key)
        elif rec.understood:
            with st.expander("What I understood", expanded=True):
                st.markdown("\n".join(api.understood_lines(rec)))
        elif rec.assumed:
            st.caption("Defaults assumed: " + api.readable_fields("; ".join(rec.assumed)))

    if (
        explained is None and rec.alternatives
    ):  # a decision stored before the candidates were recorded
        with st.container(border=True):
            st.markdown("#### Alternatives")
            costs = rec.alternative_costs
            for alt in rec.alternatives:
                monthly = (
                    f" — about {usd(costs[alt.id])}/month" if costs.get(alt.id) is not None else ""
                )
                st.markdown(
                    f"- **{alt.label}** (`{alt.id}`, {alt.provider}, "
                    f"{weights_label(alt.open_weights)}){monthly}"
                )

    if rec.why_not:
        with st.expander(f"Why not other models ({len(rec.why_not)})"):
            for entry in rec.why_not:
                st.markdown(f"- `{entry.id}`: {entry.reason}")

    if rec.citations:
        st.markdown("#### Sources")
        citations([c.model_dump() for c in rec.citations])

    if exports:
        export_buttons(rec, key=key)
    if rec.id is not None:
        share_link(rec.id)


def share_link(rec_id: int) -> None:
    """A link that opens this decision: for its owner behind a login (or everyone with
    ADVISOR_HISTORY_ALL=1), for anyone with access to the app without one."""
    cols = st.columns([1, 2])
    with cols[0]:
        st.page_link(
            shared.PAGE_FILES["history"],
            label="Link to this recommendation",
            icon=":material/link:",
            query_params={"id": str(rec_id)},
        )
    cols[1].caption(f"Share: `{config.ui_url().rstrip('/')}/history?id={rec_id}`")


def export_buttons(rec: api.Recommendation, *, key: str = "rec") -> None:
    """Markdown and JSON of the decision, with the catalog date it was made with and any later
    finding of the decision watch."""
    if not rec.catalog_as_of:
        rec = rec.model_copy(update={"catalog_as_of": shared.catalog().as_of})
    findings = api.findings_for(rec.id, shared.store()) if rec.id is not None else []
    data = rec.to_json()
    if findings:
        data["findings"] = [finding.to_json() for finding in findings]
    name = f"llm-advisor-recommendation-{rec.id or 'draft'}"
    cols = st.columns([1, 1, 1, 1])
    cols[0].download_button(
        "Export Markdown",
        data=api.to_markdown(rec, findings),
        file_name=f"{name}.md",
        mime="text/markdown",
        key=f"{key}_md_btn",
        on_click="ignore",
    )
    cols[1].download_button(
        "Export JSON",
        data=json.dumps(data, indent=2, ensure_ascii=False),
        file_name=f"{name}.json",
        mime="application/json",
        key=f"{key}_json_btn",
        on_click="ignore",
    )
    if rec.id is not None:
        starter = api.starter(rec, state.playground.evalset())
        cols[2].download_button(
            "Download starter",
            data=starter.zip_bytes(),
            file_name=f"{starter.folder_name}.zip",
            mime="application/zip",
            key=f"{key}_starter_btn",
            on_click="ignore",
            help="A runnable LangChain project for this decision: the model through its route, "
            "retrieval or fine-tuning as planned, and an evaluation on your own cases (the "
            "playground's eval set when you have one). Set one key and run it; see its README.",
        )
    st.caption(f"Catalog facts as of {rec.catalog_as_of}.")
