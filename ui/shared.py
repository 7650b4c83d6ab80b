"""What every page shares: cached clients (store, catalog, knowledge index, local model) and the
rendering of core results. The app only relays the core: nothing here decides a recommendation,
works out a cost or reads free text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import threading
from typing import Any

import streamlit as st

from advisor import api
from advisor.api import config

log = logging.getLogger("ui")
PRODUCT = "LLM Advisor"
TAGLINE = "choose a language model and an approach for your use case, and try it"
LOCAL_MODEL = "smollm2-135m-instruct"
PAGE_FILES = {
    "advisor": "views/advisor_page.py",
    "catalog": "views/catalog_page.py",
    "playground": "views/playground_page.py",
    "knowledge": "views/knowledge_page.py",
    "history": "views/history_page.py",
}
# Session keys whose values must survive a visit to another page (Streamlit forgets the state of
# widgets that a run does not draw): every widget whose value a person typed uses one of these.
KEEP_PREFIXES = ("f_", "cat_", "pg_", "kb_", "hist_")


def keep_typed_values() -> None:
    """Re-assign kept widget values so that leaving a page and coming back loses nothing."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(KEEP_PREFIXES) and not key.endswith("_btn"):
            try:
                st.session_state[key] = st.session_state[key]
            # buttons, uploaders and the like cannot be set; they need not be kept
            except Exception:
                pass


# --- cached clients ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(path: str):
    return api.store(path)


def store():
    """The SQLite store for the current ADVISOR_HOME (one client per database file)."""
    return _store(str(config.db_path()))


def catalog():
    """The model catalog (the core caches it per file version)."""
    return api.catalog()


@st.cache_resource(show_spinner=False)
def local_model():
    """The built-in local model's provider; its worker process serves every session."""
    return api.local_model()


@st.cache_resource(show_spinner=False)
def _warming(home: str) -> threading.Thread:
    thread = threading.Thread(target=api.warm_up, name="warm-up", daemon=True)
    thread.start()
    return thread


def warm_up_in_background() -> threading.Thread | None:
    """Start loading the embedder and the knowledge index once per process (per ADVISOR_HOME),
    so the first "Read my description" and the first answer do not wait for them.
    ADVISOR_UI_WARM_UP=0 turns it off (the tests do, to keep each test's work its own)."""
    if not api.settings.value("ADVISOR_UI_WARM_UP"):
        return None
    return _warming(str(config.advisor_home()))


_warm_lock = threading.Lock()
_warmed: set[str] = set()  # ADVISOR_HOMEs whose knowledge index is built and embedder loaded


def knowledge_ready() -> str | None:
    """Build (or check) the knowledge index and load the embedder once per process, showing
    progress; None when ready, else what is wrong (the page says so instead of failing)."""
    home = str(config.advisor_home())
    if home in _warmed:
        return None
    bar = st.progress(0.0, text="Preparing the knowledge index (first use only)...")

    def progress(stage: str, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 0.0
        bar.progress(share, text=f"Knowledge index: {stage} {done} of {total}")

    try:
        with _warm_lock:  # one session builds; the others wait for it
            if home not in _warmed:
                api.build_index(progress=progress)
                bar.progress(1.0, text="Loading the embedding model...")
                api.ask("What is retrieval-augmented generation?", k=1)
                _warmed.add(home)
    except Exception as exc:  # an index problem must not take the page down
        return f"the knowledge index could not be loaded ({type(exc).__name__}: {exc})"
    finally:
        bar.empty()
    return None


@st.cache_resource(show_spinner=False)
def _articles(folder: str | None) -> list[dict]:
    return api.articles()


def articles() -> list[dict]:
    # cached per knowledge base: ADVISOR_KNOWLEDGE_DIR's folder, or the packaged one (None)
    return _articles(api.config.env("ADVISOR_KNOWLEDGE_DIR"))


# --- small formatting helpers -----------------------------------------------------------------


BLANK = "–"  # what an empty table cell or a missing figure shows


def usd(value: Any, digits: int = 2) -> str:
    """Money in a table or metric: always `digits` decimals, small amounts significant, "–" if none."""
    return api.money(value, digits, missing=BLANK)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def tokens(value: Any) -> str:
    """A token count with thousands separators: 16384 -> "16,384"."""
    if not value:
        return BLANK
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


when = api.timestamp


def styled(
    frame,
    *,
    money: dict[str, int] | None = None,
    counts: tuple[str, ...] = (),
    decimals: dict[str, int] | None = None,
):
    """A table with money columns as "$1,234.56" and counts as "1,234", empty cells as "–".

    The cells keep their numbers (sorting by a column header stays numeric); only the text shown
    changes. `money` and `decimals` (plain numbers, e.g. seconds) map a column to its decimals;
    other columns keep the table's own formatting."""
    import pandas as pd

    formats: dict[str, Any] = {}
    for column, digits in (money or {}).items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v, d=digits: usd(v, d)
    for column in counts:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v: f"{int(v):,}" if is_number(v) else str(v)
    for column, digits in (decimals or {}).items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
            formats[column] = lambda v, d=digits: f"{v:,.{d}f}" if is_number(v) else str(v)
    return frame.style.format(formats, na_rep=BLANK)


price_line = api.price_line
approach_name = api.approach_name
breakdown_label = api.breakdown_label
weights_label = api.weights_label


# --- rendering of core results -----------------------------------------------------------------


def model_facts(model: api.ModelInfo) -> None:
    """The key facts of one recommended model, with its catalog description and lifecycle."""
    entry = catalog().find(model.id)
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
    retirement = retirement_note(entry)
    if retirement:
        (st.warning if retirement.startswith("Retired") else st.info)(retirement)
    pricing = model.pricing
    if pricing.get("source"):
        st.caption(f"Price source: {pricing['source']} (as of {pricing.get('as_of', '?')})")


def today() -> str:
    return dt.date.today().isoformat()


def lifecycle(entry) -> str:
    """current | retiring | retired for a catalog model (or None), judged today by the core."""
    return entry.lifecycle(today()) if entry is not None else "current"


def is_retired(entry) -> bool:
    return lifecycle(entry) == "retired"


def retires_soon(entry) -> bool:
    return lifecycle(entry) == "retiring"


RETIRING_SOON_DAYS = api.RETIRING_SOON_DAYS


def retirement_status(entry) -> str:
    """For a table cell: "retired 2026-10-23", "retires 2027-01-14" or ""."""
    date = getattr(entry, "deprecation_date", None) if entry is not None else None
    if not date:
        return ""
    return f"retired {date}" if is_retired(entry) else f"retires {date}"


def successor_name(entry) -> str:
    return api.successor_name(entry)


def retirement_note(entry) -> str:
    """ "Retired: ... retired this model on X; successor: Y." (or "retires on X"), "" if none."""
    date = getattr(entry, "deprecation_date", None) if entry is not None else None
    if not date:
        return ""
    successor = successor_name(entry)
    then = f"; successor: {successor}" if successor else ""
    if is_retired(entry):
        return f"Retired: the provider retired this model on {date}{then}."
    return f"Deprecated: the provider retires this model on {date}{then}."


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


def cost_chart(rec: api.Recommendation) -> None:
    """Monthly cost of the pick against the alternatives (bar chart), with the budget if given."""
    import plotly.graph_objects as go

    costs = rec.alternative_costs
    names = [rec.model.label + " (pick)"]
    values = [float(rec.cost.monthly_usd)]
    colors = ["#1f77b4"]
    for alt in rec.alternatives:
        if costs.get(alt.id) is not None:
            names.append(alt.label)
            values.append(float(costs[alt.id]))
            colors.append("#aab4c3")
    fig = go.Figure(
        go.Bar(
            x=names,
            y=values,
            marker_color=colors,
            text=[usd(v) for v in values],
            textposition="outside",
            hovertemplate="%{x}: $%{y:,.2f} a month<extra></extra>",
        )
    )
    budget = rec.questionnaire.get("monthly_budget_usd")
    if budget is not None:
        fig.add_hline(
            y=float(budget),
            line_dash="dash",
            line_color="#d62728",
            annotation_text=f"budget {usd(budget)}",
            annotation_position="top left",
        )
    fig.update_layout(
        height=300,
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis_title="USD per month",
        showlegend=False,
    )
    st.plotly_chart(fig, width="stretch", key=f"cost_chart_{rec.id or 'x'}")


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


def quality_chart(rec: api.Recommendation) -> None:
    """Quality for the task against monthly cost for every model that meets the constraints: the
    pick and the alternatives named, the budget as a line."""
    import plotly.graph_objects as go

    rated = [c for c in rec.candidates if c.quality is not None]
    if len(rated) < 2:
        return
    alternatives = {alt.id for alt in rec.alternatives}
    groups = (
        ("pick", [c for c in rated if c.id == rec.model.id], "#d62728", "star", 18),
        ("alternative", [c for c in rated if c.id in alternatives], "#1f77b4", "circle", 11),
        (
            "other candidate",
            [c for c in rated if c.id != rec.model.id and c.id not in alternatives],
            "#8a94a6",
            "circle",
            8,
        ),
    )
    costs = [c.monthly_usd for c in rated]
    log_axis = min(costs) > 0 and max(costs) / min(costs) > 20
    # the published points (e.g. AA Intelligence Index) where every figure is on one metric;
    # estimates are drawn hollow and say so
    metrics = {c.quality_metric for c in rated}
    on_metric = (
        len(metrics) == 1 and "" not in metrics and all(c.quality_points is not None for c in rated)
    )

    def height(c) -> float:
        return round(c.quality_points, 1) if on_metric else round(c.quality * 100)

    fig = go.Figure()
    for name, members, colour, symbol, size in groups:
        for measured in (True, False):
            points = [c for c in members if c.quality_measured == measured]
            if not points:
                continue
            fig.add_trace(
                go.Scatter(
                    name=name if measured else f"{name} (estimate, not measured)",
                    x=[c.monthly_usd for c in points],
                    y=[height(c) for c in points],
                    mode="markers",
                    marker=dict(
                        color=colour, symbol=symbol if measured else f"{symbol}-open", size=size
                    ),
                    customdata=[
                        [c.label, usd(c.monthly_usd), api.contender_figure(c)] for c in points
                    ],
                    hovertemplate="%{customdata[0]}: quality %{customdata[2]}, "
                    "%{customdata[1]} a month<extra></extra>",
                )
            )
    # The named points often sit close together (similar price and quality): each label gets
    # its own arrow and offset, taken in turn from left to right, so no two labels overlap.
    named = sorted(
        (c for c in rated if c.id == rec.model.id or c.id in alternatives),
        key=lambda c: c.monthly_usd,
    )
    offsets = ((0, -34), (0, 34), (-60, -22), (60, 22), (60, -22), (-60, 22))
    for (ax, ay), point in zip(offsets * 4, named, strict=False):
        fig.add_annotation(
            x=math.log10(point.monthly_usd) if log_axis else point.monthly_usd,
            y=height(point),
            text=point.label,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            ax=ax,
            ay=ay,
            font=dict(size=12),
        )
    budget = rec.questionnaire.get("monthly_budget_usd")
    if is_number(budget) and (not log_axis or budget > 0):
        fig.add_vline(x=float(budget), line_dash="dash", line_color="#d62728")
        # an annotation on a log axis is placed by the exponent (a shape by the value)
        fig.add_annotation(
            x=math.log10(float(budget)) if log_axis else float(budget),
            y=1,
            yref="paper",
            text=f"budget {usd(budget)}",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
        )
    task = api.ranked_task(rec)
    fig.update_layout(
        height=340,
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(
            title="USD per month" + (" (log scale)" if log_axis else ""),
            type="log" if log_axis else "linear",
            tickprefix="$",
        ),
        yaxis=dict(
            title=f"{metrics.pop()} ({task})" if on_metric else f"Quality for {task} (0-100)"
        ),
        legend=dict(orientation="h", y=-0.25),
    )
    st.plotly_chart(fig, width="stretch", key=f"quality_chart_{rec.id or 'x'}")


def citations(items: list[dict]) -> None:
    """Numbered sources, each with its excerpt and a link that opens the article in the app.
    Excerpts are article text: shown as plain text, never as Markdown or HTML."""
    for number, cite in enumerate(items or [], 1):
        title = cite.get("title") or "Untitled article"
        with st.expander(f"[{number}] {api.plain_markdown(title)}"):
            st.text(cite.get("excerpt") or "")
            if cite.get("id"):
                st.page_link(
                    PAGE_FILES["knowledge"],
                    label="Read the article",
                    icon=":material/article:",
                    query_params={"article": cite["id"]},
                )


def recommendation(
    rec: api.Recommendation, *, key: str = "rec", exports: bool = True, playground: bool = True
) -> None:
    """A recommendation from the core, as a person reads it."""
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
                st.switch_page(PAGE_FILES["playground"], query_params={"model": model.id})
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
        if rec.understood:
            # what was read and what was assumed, each editable in the form's field of that name
            with st.expander("What I understood (change any of these in the form)", expanded=True):
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
            PAGE_FILES["history"],
            label="Link to this recommendation",
            icon=":material/link:",
            query_params={"id": str(rec_id)},
        )
    cols[1].caption(f"Share: `{config.ui_url().rstrip('/')}/history?id={rec_id}`")


def export_buttons(rec: api.Recommendation, *, key: str = "rec") -> None:
    """Markdown and JSON of the decision, with the catalog date it was made with and any later
    finding of the decision watch."""
    if not rec.catalog_as_of:
        rec = rec.model_copy(update={"catalog_as_of": catalog().as_of})
    findings = api.findings_for(rec.id, store()) if rec.id is not None else []
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
        starter = api.starter(rec, playground_evalset())
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


PAGE_FAILED = (
    "Something went wrong on this page. Please try again; if it keeps happening, tell the app's "
    "maintainer (the details are in the server log)."
)


def run_page(page) -> None:
    """Run a page; an error nobody caught becomes one line on the page, and its traceback (server
    paths, code) goes to the server's log only. Streamlit's stop and rerun signals are not
    Exceptions and pass through."""
    try:
        page.run()
    except Exception:
        log.exception("page %s failed", getattr(page, "url_path", None) or "start")
        st.error(PAGE_FAILED, icon=":material/error:")


# The playground's example eval set, until the user types or uploads their own cases.
SAMPLE_EVALSET = """name: sample
temperature: 0
max_tokens: 48
cases:
  - id: capital
    prompt: What is the capital of France? Answer with one word.
    expect: {contains: Paris}
  - id: json
    prompt: 'Reply with a JSON object {"ok": true} and nothing else.'
    expect: {json: true}
"""


def playground_evalset() -> dict | None:
    """The eval set typed in the playground this session, when it is a valid one of the user's own
    (not the example the playground starts with)."""
    text = st.session_state.get("pg_eval_text")
    if not text or text.strip() == SAMPLE_EVALSET.strip():
        return None
    try:
        return api.load_evalset(text)
    except api.InputError:
        return None


def untrusted_markdown(text: str) -> None:
    """Model output, retrieved or uploaded text: images never load, links show their target, and
    HTML is escaped (st.markdown's default, never overridden here)."""
    st.markdown(api.safe_markdown(text))


STREAM_REDRAW_S = 0.05  # redraw a streaming answer at most 20 times a second


def stream_untrusted(chunks) -> str:
    """Stream model output into the page as it arrives, made safe like `untrusted_markdown` (so a
    half-written image is never rendered either); returns the whole text."""
    import time

    box = st.empty()
    text, drawn = "", 0.0
    for chunk in chunks:
        text += chunk
        if time.monotonic() - drawn >= STREAM_REDRAW_S:
            box.markdown(api.safe_markdown(text) + " ▌")
            drawn = time.monotonic()
    box.markdown(api.safe_markdown(text))
    return text


def run_figures(result: api.RunResult, *, stand_in_for: str | None = None) -> None:
    """Latency, time to first token, tokens and cost of one playground run."""
    cols = st.columns(5)
    cols[0].metric("Latency", f"{result.latency_s or 0:.2f} s")
    ttft = result.ttft_s
    cols[1].metric("First token", f"{ttft:.2f} s" if ttft is not None else "-")
    cols[2].metric("Input tokens", result.input_tokens if result.input_tokens is not None else "-")
    cols[3].metric(
        "Output tokens", result.output_tokens if result.output_tokens is not None else "-"
    )
    cols[4].metric("Cost", usd(result.cost_usd or 0))
    caption = f"{result.model} via {result.provider or '?'}"
    if stand_in_for:
        caption += f" — stand-in for {stand_in_for}"
    st.caption(caption)
    passages = result.passages
    if passages:
        with st.expander(f"Passages used for grounding ({len(passages)})"):
            for number, passage in enumerate(passages, 1):
                if isinstance(passage, dict):
                    title = passage.get("title") or passage.get("source") or passage.get("id") or ""
                    text = passage.get("text") or passage.get("excerpt") or ""
                    st.markdown(f"**[{number}]** {api.safe_markdown(title)}")
                    untrusted_markdown(text)
                else:
                    untrusted_markdown(f"[{number}] {passage}")


def visitor() -> str | None:
    """The logged-in visitor's identity (their e-mail, else the provider's subject id), stored
    with each decision and run they make; None without a login."""
    from ui import auth

    return auth.visitor()


def owner() -> str | None:
    """Whose records History, decision links and the run log show (None: everyone's)."""
    return config.history_owner(visitor())


def run_log(limit: int, empty: str) -> None:
    """The playground run log (the app's and the CLI's runs; every source's with
    ADVISOR_HISTORY_ALL=1), newest first; behind a login, the visitor's own."""
    import pandas as pd

    try:
        runs = store().list_runs(limit=limit, sources=config.history_sources(), user=owner())
    except api.AdvisorError as exc:  # a damaged or unreadable advisor.db
        st.error(f"The run log cannot be read: {exc}")
        return
    if not runs:
        st.info(empty)
        return
    frame = pd.DataFrame(
        [
            {
                "id": r.get("id"),
                "when": when(r.get("created")),
                "source": r.get("source"),
                "model": r.get("model"),
                "provider": r.get("provider"),
                "prompt": (r.get("prompt") or "")[:120],
                "response": (r.get("response") or "")[:200],
                "latency s": r.get("latency_s"),
                "first token s": r.get("ttft_s"),
                "in": r.get("input_tokens"),
                "out": r.get("output_tokens"),
                "cost $": r.get("cost_usd"),
                "grounded": "yes" if r.get("grounding") else "",
                "error": r.get("error") or "",
            }
            for r in runs
        ]
    )
    st.dataframe(
        styled(
            frame,
            money={"cost $": 2},
            counts=("in", "out"),
            decimals={"latency s": 2, "first token s": 2},
        ),
        hide_index=True,
        width="stretch",
        placeholder=BLANK,
    )
