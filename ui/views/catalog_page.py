"""Catalog: search and filter the models, sort the table, click a row for its card, compare up to
3, and see quality against price. Retired models are hidden unless asked for; retiring ones are
marked. With an Advisor result in the session, each model's monthly cost for that workload shows."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from advisor import api
from ui import shared

ALL = "All"
WEIGHTS = ("All", "Open weights", "Proprietary")
# Price axes for the scatter, in the unit that fits the task shown.
PRICE_KEYS = (
    ("blended", f"blended price per 1M tokens ({api.blend_label()})"),
    ("per_image", "USD per image"),
    ("per_audio_minute", "USD per audio minute"),
    ("per_1m_characters", "USD per 1M characters"),
)
# table column -> decimals of its money
MONEY = {
    "your $/month": 2,
    "input $/1M": 3,
    "output $/1M": 3,
    "blended $/1M": 3,
    "$/image": 3,
    "$/audio min": 4,
}
# Price columns that a task can leave empty for every model (no $/image for chat): hidden then.
PRICE_COLUMNS = ("input $/1M", "output $/1M", "blended $/1M", "$/image", "$/audio min")
SPEED = {"output tokens/s": 0, "first token s": 2}  # column -> decimals
NUMERIC = ("context", *MONEY, "quality", *SPEED)
RETIRED_MARK = "⛔"
RETIRING_MARK = "⚠️"
# Above this many points the scatter labels only the best value for money (the frontier).
LABEL_ALL_POINTS = 25
BEST_MARK = "★"
# Compare rows with a better end: +1 higher is better, -1 lower is better.
BETTER = {
    "your $/month": -1,
    "blended $/1M": -1,
    "input $/1M": -1,
    "output $/1M": -1,
    "$/image": -1,
    "$/audio min": -1,
    "output tokens/s": 1,
    "first token s": -1,
    "context window": 1,
    "max output": 1,
}


def filters(catalog) -> dict:
    st.session_state.setdefault("cat_search", "")
    st.session_state.setdefault("cat_task", ALL)
    st.session_state.setdefault("cat_weights", WEIGHTS[0])
    st.session_state.setdefault("cat_provider", ALL)
    st.session_state.setdefault("cat_min_context", None)
    st.session_state.setdefault("cat_max_price", None)
    for key in ("cat_capabilities", "cat_deployment", "cat_license"):
        st.session_state.setdefault(key, [])
    cols = st.columns([2, 1.3, 1.3])
    cols[0].text_input(
        "Search by name",
        key="cat_search",
        placeholder="e.g. gpt-4o, llama, qwen",
        help="Matches the model's name, id and provider; every word must match.",
    )
    cols[1].selectbox("Task", [ALL, *catalog.tasks], key="cat_task")
    cols[2].selectbox("Provider", [ALL, *catalog.providers], key="cat_provider")
    cols = st.columns(4)
    cols[0].multiselect(
        "Capabilities",
        catalog.capabilities,
        key="cat_capabilities",
        placeholder="any",
        help="Models that have every capability chosen.",
    )
    cols[1].multiselect(
        "Deployment",
        catalog.deployments,
        key="cat_deployment",
        placeholder="any",
        help="Models that can run in any of the ways chosen.",
    )
    cols[2].multiselect(
        "Licence",
        catalog.licenses,
        key="cat_license",
        placeholder="any",
        help="Models under any of the licences chosen, the most common first.",
    )
    cols[3].radio("Weights", WEIGHTS, key="cat_weights", horizontal=True)
    cols = st.columns(4)
    cols[0].number_input(
        "Min context (tokens)", min_value=0, step=8000, key="cat_min_context", placeholder="any"
    )
    cols[1].number_input(
        "Max input price ($/1M)",
        min_value=0.0,
        step=0.5,
        key="cat_max_price",
        placeholder="any",
        format="%.2f",
    )
    weights = st.session_state["cat_weights"]
    return {
        "task": None if st.session_state["cat_task"] == ALL else st.session_state["cat_task"],
        "open_weights": None if weights == "All" else weights == "Open weights",
        "provider": None
        if st.session_state["cat_provider"] == ALL
        else st.session_state["cat_provider"],
        "min_context": st.session_state["cat_min_context"] or None,
        "max_input_price": st.session_state["cat_max_price"],
    }, cols[2]


def workload():
    """The Advisor's last result and the answers behind it, or (None, None)."""
    rec = st.session_state.get("f__result")
    answers = st.session_state.get("f__result_answers")
    if rec is None or not answers:
        return None, None
    return rec, answers


def monthly_costs(models, rec, answers) -> dict[str, float | None]:
    """Each model's monthly cost for the Advisor's workload; None for a model that does not serve
    the workload's task (its price would be for work it cannot do)."""
    task = rec.questionnaire.get("task")
    return {
        m.id: api.monthly_cost_of(answers, m.id, shared.catalog())
        if not task or task in m.tasks
        else None
        for m in models
    }


def show_retired() -> bool:
    st.session_state.setdefault("cat_show_retired", False)
    st.toggle(
        "Show retired models",
        key="cat_show_retired",
        help="Models past their provider's retirement date are hidden unless this is on.",
    )
    return bool(st.session_state["cat_show_retired"])


def quality_entry(model, task: str | None):
    """The quality figure shown for a model: the task's, or with no task chosen the measured
    figure of the first task it serves (never an estimate, never a mix of metrics by score)."""
    if task:
        return model.quality.get(task)
    return next(
        (model.quality[t] for t in model.tasks if t in model.quality and model.quality[t].measured),
        None,
    )


def quality(model, task: str | None) -> float | None:
    """The measured figure as published (index points, Elo, WER %), or the 0..1 score of a
    hand-recorded figure with no points; None for an estimate or no figure."""
    entry = quality_entry(model, task)
    if entry is None or not entry.measured:
        return None
    return entry.points if entry.points is not None else (entry.score or None)


def metric_of(models, task: str | None) -> str:
    """The metric the measured figures for a task are published in, e.g. "AA Intelligence Index"."""
    metrics = {
        entry.metric
        for m in models
        if (entry := quality_entry(m, task)) is not None and entry.measured and entry.metric
    }
    return metrics.pop() if len(metrics) == 1 else "quality"


def quality_text(model, task: str | None) -> str:
    """ "53.4 (AA Intelligence Index)", "~ (not measured; sibling X: 41)" or "not measured"."""
    entry = (
        quality_entry(model, task)
        if task
        else (quality_entry(model, None) or next(iter(model.quality.values()), None))
    )
    if entry is None:
        return "not measured"
    return api.quality_figure(
        entry.score, entry.points, entry.metric, entry.measured, entry.sibling
    )


def status(model) -> str:
    """The retirement status as a table cell, marked: "⛔ retired ...", "⚠️ retires ..." (soon)."""
    text = shared.retirement_status(model)
    if shared.is_retired(model):
        return f"{RETIRED_MARK} {text}"
    if shared.retires_soon(model):
        return f"{RETIRING_MARK} {text}"
    return text


def speed(model, field: str) -> float | None:
    return getattr(model.speed, field, None) if model.speed is not None else None


def speed_help(models) -> str:
    """The speed columns' help: what the figures are and which sources they come from."""
    counts: dict[str, int] = {}
    for m in models:
        if shared.speed_figures(m):
            label = api.source_label(m.speed.source) or "unnamed"
            counts[label] = counts.get(label, 0) + 1
    sources = ", ".join(
        f"{label} ({n})" for label, n in sorted(counts.items(), key=lambda item: -item[1])
    )
    return (
        "Hosted speed on the provider's API: median output tokens per second and seconds to the "
        "first token, as measured by Artificial Analysis (artificialanalysis.ai) or another public "
        f"benchmark. Sources in this selection: {sources or 'none'}. Each model's source and date "
        "are in Model detail."
    )


def table(models, task: str | None, costs: dict | None = None) -> pd.DataFrame:
    rows = []
    for m in models:
        rows.append(
            # what people choose by (cost, quality, speed) first, so it shows without scrolling
            {
                "id": m.id,
                "name": m.name,
                "provider": m.provider,
                **({"your $/month": costs.get(m.id)} if costs is not None else {}),
                "quality": quality(m, task),
                "quality figure": quality_text(m, task),
                "blended $/1M": api.blended_price(m),
                "input $/1M": m.price("input_per_1m"),
                "output $/1M": m.price("output_per_1m"),
                "$/image": m.price("per_image"),
                "$/audio min": m.price("per_audio_minute"),
                "output tokens/s": speed(m, "output_tokens_per_s"),
                "first token s": speed(m, "ttft_s"),
                "context": m.context_window or None,
                "status": status(m),
                "successor": shared.successor_name(m),
                "weights": "open" if m.open_weights else "proprietary",
                "license": m.license,
                "quality as of": getattr(quality_entry(m, task), "as_of", "") or "",
                "latency": m.latency(),
                "tasks": ", ".join(m.tasks),
                "quality source": getattr(quality_entry(m, task), "source", "") or "",
            }
        )
    frame = pd.DataFrame(rows)
    # a column with no value at all would be text ("None"): keep the figures numeric
    for column in NUMERIC:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    if task:  # a chat table needs no empty $/image column
        empty = [c for c in PRICE_COLUMNS if frame[c].isna().all()]
        frame = frame.drop(columns=empty)
    return frame


def mark_rows(row):
    """Retired rows greyed out, a retirement within 90 days in amber (the marks say it too)."""
    cell = str(row.get("status") or "")
    if cell.startswith(RETIRED_MARK):
        return ["color: #888888"] * len(row)
    if cell.startswith(RETIRING_MARK):
        return ["background-color: #fff3cd" if name == "status" else "" for name in row.index]
    return [""] * len(row)


def select_detail(model_id: str) -> None:
    st.session_state["cat_detail"] = model_id


def open_clicked(key: str, ids: list[str]) -> None:
    """A clicked row opens that model's card (the selection reports positions in `ids` order;
    sorting by a header does not change them)."""
    rows = (st.session_state.get(key) or {}).get("selection", {}).get("rows") or []
    if rows and rows[0] < len(ids):
        st.session_state["cat_detail"] = ids[rows[0]]
        st.session_state["cat_tab"] = "Model detail"


def table_key(ids: list[str]) -> str:
    """The table's key, new for each set of rows: a selection is kept by position, so it must not
    carry over to a row that another search has moved there."""
    import hashlib

    return "cat_table_" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:10]


def successor_link(model, ids: list[str]) -> None:
    """The successor of a retired or retiring model: its name, and a button that opens it."""
    if not model.successor:
        return
    name = shared.successor_name(model)
    if model.successor in ids:
        st.button(
            f"Open its successor: {name}",
            key=f"cat_successor_{model.id}_btn",
            on_click=select_detail,
            args=(model.successor,),
        )
    else:
        st.caption(f"Successor: {name} (`{model.successor}`), not in the current selection.")


def detail(model, ids: list[str]) -> None:
    if shared.is_retired(model):
        st.badge("Retired", icon=":material/block:", color="red")
    elif shared.retires_soon(model):
        st.badge("Retiring soon", icon=":material/schedule:", color="orange")
    shared.model_facts(api.ModelInfo.of(model))
    successor_link(model, ids)
    cols = st.columns(2)
    with cols[0]:
        if model.quality:
            st.markdown(
                "**Quality by task** (the published figure; an estimate is marked ~ and names "
                "the sibling whose figure it shows)"
            )
            st.dataframe(
                [
                    {
                        "task": task,
                        "figure": api.quality_figure(
                            q.score, q.points, q.metric, q.measured, q.sibling
                        ),
                        "as of": q.as_of,
                        "source": q.source,
                    }
                    for task, q in model.quality.items()
                ],
                hide_index=True,
                width="stretch",
                column_config={
                    "source": st.column_config.TextColumn(
                        "source", help="The benchmark, its value, where it was published and when."
                    )
                },
            )
    with cols[1]:
        if model.self_hosting is not None:
            hosting = model.self_hosting
            st.markdown(
                "**Self-hosting**  \n"
                f"{hosting.parameters_b or '?'}B parameters, about {hosting.gpu_memory_gb or '?'} GB GPU memory "
                f"on {hosting.gpus} x {hosting.gpu or '?'}"
                + (
                    f", about {hosting.tokens_per_second:,.0f} tokens/s"
                    if hosting.tokens_per_second
                    else ""
                )
            )
        released = f"**Released:** {model.released}  \n" if model.released else ""
        role = f"**Role in its provider's line-up:** {model.role}  \n" if model.role else ""
        st.markdown(
            released
            + role
            + f"**Architecture:** {model.architecture}  \n**Latency class:** {model.latency_class}  \n"
            f"**Max output:** {max_output(model)}  \n"
            f"**Languages:** {'broadly multilingual' if '*' in model.languages else ', '.join(model.languages)}"
        )
        if model.source:
            st.caption(f"Facts: {model.source} (as of {model.as_of or '?'})")
    quality_sources(model)
    if st.button("Try in playground", key=f"cat_try_{model.id}_btn"):
        st.switch_page(shared.PAGE_FILES["playground"], query_params={"model": model.id})


def quality_sources(model) -> None:
    """Each quality figure's source in full, once for the tasks that share it."""
    groups: dict[tuple[str, str], list[str]] = {}
    for task, q in model.quality.items():
        groups.setdefault((q.source, q.as_of), []).append(task)
    if not groups:
        return
    lines = [
        f"- **{', '.join(tasks)}:** {plain(source) or 'source not given'} (as of {as_of or '?'})"
        for (source, as_of), tasks in groups.items()
    ]
    st.markdown("**Quality sources**  \n" + "\n".join(lines))


def plain(text: str) -> str:
    """Text shown as it is in Markdown (no LaTeX from "$", no emphasis from "*" or "_")."""
    for char in ("\\", "$", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return text


def max_output(model) -> str:
    return f"{model.max_output_tokens:,} tokens" if model.max_output_tokens else shared.BLANK


def pick_task(models, key: str) -> str | None:
    """A task to judge quality on when the filters name none: an embedding score and a chat score
    are not comparable."""
    tasks = [t for t in shared.catalog().tasks if any(t in m.tasks for m in models)]
    if not tasks:
        return None
    st.session_state.setdefault(key, "chat" if "chat" in tasks else tasks[0])
    if st.session_state[key] not in tasks:
        st.session_state[key] = tasks[0]
    st.selectbox("Quality for the task", tasks, key=key)
    return st.session_state[key]


def figures(m, task: str, costs: dict | None) -> dict[str, float | None]:
    """The compare rows that have a better end (see BETTER), as numbers."""
    out = {f"quality ({task})": quality(m, task)}
    if costs is not None:
        out["your $/month"] = costs.get(m.id)
    out.update(
        {
            "blended $/1M": api.blended_price(m),
            "input $/1M": m.price("input_per_1m"),
            "output $/1M": m.price("output_per_1m"),
            "$/image": m.price("per_image"),
            "$/audio min": m.price("per_audio_minute"),
            "output tokens/s": speed(m, "output_tokens_per_s"),
            "first token s": speed(m, "ttft_s"),
            "context window": m.context_window or None,
            "max output": m.max_output_tokens,
        }
    )
    return out


def best_of(values: list[float | None], direction: int) -> set[int]:
    """Positions of the best value (ties all win); none when fewer than two have a value."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return set()
    top = max(v * direction for _, v in known)
    return {i for i, v in known if v * direction == top}


def shown(row: str, value: float | None) -> str:
    if value is None:
        return shared.BLANK
    if row in MONEY:
        return shared.usd(value, MONEY[row])
    if row == "first token s":
        return f"{value:.2f} s"
    if row.startswith("quality"):
        return f"{value:g}"
    return f"{value:,.0f}"


def compare(models, task: str, costs: dict | None) -> None:
    """Numbers first, the best in each row starred and shaded; then the facts in words."""
    numbers = [figures(m, task, costs) for m in models]
    rows: dict[str, list[str]] = {}
    best: dict[str, set[int]] = {}
    for row in numbers[0]:
        values = [n[row] for n in numbers]
        is_quality = row.startswith("quality")
        if all(v is None for v in values) and not is_quality:
            continue  # no $/image row when none of them makes images
        # only measured figures compete; an estimate or no figure says which it is
        best[row] = best_of(values, BETTER.get(row, 1))
        rows[row] = [
            (f"{BEST_MARK} " if i in best[row] else "")
            + (quality_text(m, task) if is_quality else shown(row, v))
            for i, (m, v) in enumerate(zip(models, values, strict=True))
        ]
    rows.update(
        {
            "price": [shared.price_line(m) for m in models],
            "provider": [m.provider for m in models],
            "weights": ["open" if m.open_weights else "proprietary" for m in models],
            "license": [m.license for m in models],
            "retirement": [status(m) or shared.BLANK for m in models],
            "successor": [shared.successor_name(m) or shared.BLANK for m in models],
            "tasks": [", ".join(m.tasks) for m in models],
            "capabilities": [", ".join(m.capabilities) or shared.BLANK for m in models],
            "deployment": [", ".join(m.deployment) or shared.BLANK for m in models],
            "latency": [m.latency() for m in models],
            "architecture": [m.architecture for m in models],
        }
    )
    columns = [m.name if [x.name for x in models].count(m.name) == 1 else m.id for m in models]
    frame = pd.DataFrame(rows, index=columns).T

    def shade(data: pd.DataFrame) -> pd.DataFrame:
        marks = pd.DataFrame("", index=data.index, columns=data.columns)
        for row, winners in best.items():
            for i in winners:
                marks.iloc[data.index.get_loc(row), i] = (
                    "background-color: #d4edda; font-weight: bold"
                )
        return marks

    st.dataframe(frame.style.apply(shade, axis=None), width="stretch", key="cat_compare_table")
    st.caption(
        f"{BEST_MARK} the best of the compared models in each row: the highest quality for {task}, "
        "speed, context and output; the lowest price, cost and time to the first token. "
        f"Blended price: {api.blend_label()} tokens."
    )


def frontier(points: list[dict]) -> set[str]:
    """Ids of the points no cheaper point beats on quality: the best value for money."""
    best = -1.0
    out = set()
    for point in sorted(points, key=lambda p: (p["price"], -p["quality"])):
        if point["quality"] > best:
            out.add(point["id"])
            best = point["quality"]
    return out


def price_of(m, key: str) -> float | None:
    return api.blended_price(m) if key == "blended" else m.price(key)


YOUR_COST = "your cost per month"


def scatter(models, task: str | None, recommended: str | None, costs: dict | None, work) -> None:
    import plotly.express as px
    import plotly.graph_objects as go

    if not task:
        task = pick_task(models, "cat_plot_task")
        models = [m for m in models if task in m.tasks]

    counts = {key: sum(1 for m in models if (price_of(m, key) or 0) > 0) for key, _ in PRICE_KEYS}
    price_key, axis = max(PRICE_KEYS, key=lambda item: counts[item[0]])
    if costs is not None and task == work:  # the Advisor's workload priced for each model
        if st.session_state.get("cat_plot_axis") not in (YOUR_COST, axis):
            st.session_state["cat_plot_axis"] = YOUR_COST
        st.radio("Price on the axis", [YOUR_COST, axis], key="cat_plot_axis", horizontal=True)
        if st.session_state["cat_plot_axis"] == YOUR_COST:
            price_key, axis = YOUR_COST, f"{YOUR_COST} for your Advisor answers"

    def x_value(m) -> float | None:
        return costs.get(m.id) if price_key == YOUR_COST else price_of(m, price_key)

    points = [
        {
            "model": m.name,
            "id": m.id,
            "price": x_value(m),
            "quality": quality(m, task),
            "quality as of": getattr(quality_entry(m, task), "as_of", "") or "?",
            "weights": "open weights" if m.open_weights else "proprietary",
            "provider": m.provider,
            "status": status(m) or "current",
        }
        for m in models
        if (x_value(m) or 0) > 0 and quality(m, task)
    ]
    if not points:
        st.info("No model in this selection has both a hosted price and a quality score.")
        return
    best = frontier(points)
    labelled = {p["id"] for p in points} if len(points) <= LABEL_ALL_POINTS else set(best)
    labelled |= {recommended} if recommended else set()
    for point in points:
        point["label"] = point["model"] if point["id"] in labelled else ""
    fig = px.scatter(
        pd.DataFrame(points),
        x="price",
        y="quality",
        color="weights",
        text="label",
        hover_name="model",
        hover_data={
            "id": True,
            "provider": True,
            "price": ":$.3f",
            "quality": ":g",
            "quality as of": True,
            "status": True,
            "weights": False,
            "label": False,
        },
        log_x=True,
        color_discrete_map={"open weights": "#2ca02c", "proprietary": "#1f77b4"},
        labels={
            "price": f"{axis}, USD (log scale)",
            "quality": f"{metric_of(models, task)} ({task}, measured only)",
        },
    )
    fig.update_traces(
        marker=dict(size=11, line=dict(width=1, color="white")),
        textposition="top center",
        textfont=dict(size=10),
    )
    line = sorted((p for p in points if p["id"] in best), key=lambda p: p["price"])
    fig.add_trace(
        go.Scatter(
            x=[p["price"] for p in line],
            y=[p["quality"] for p in line],
            customdata=[[p["id"]] for p in line],
            mode="lines",
            line=dict(color="#7f7f7f", dash="dot", width=1.5),
            name="best value frontier",
            hoverinfo="skip",
        )
    )
    pick = next((p for p in points if p["id"] == recommended), None)
    if pick is not None:
        fig.add_trace(
            go.Scatter(
                x=[pick["price"]],
                y=[pick["quality"]],
                customdata=[[pick["id"]]],
                mode="markers",
                marker=dict(
                    symbol="star", size=22, color="#d62728", line=dict(width=1, color="black")
                ),
                name=f"recommended: {pick['model']}",
                hovertemplate=f"Recommended for you: {pick['model']}<extra></extra>",
            )
        )
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=30, b=10), legend_title_text="")
    fig.update_xaxes(tickprefix="$")
    st.plotly_chart(fig, width="stretch", key="cat_scatter")
    notes = ["The dotted line joins the best value for money: no model to its left scores higher."]
    if recommended and pick is None:
        notes.append("The Advisor's pick is not in this selection.")
    if len(points) > LABEL_ALL_POINTS:
        notes.append(
            "Labelled: the best value for money (no cheaper model scores higher); "
            "hover over a point for the others."
        )
    left_out = len(models) - len(points)
    if left_out:
        notes.append(
            f"{left_out} model(s) without a "
            + (
                "cost for your answers"
                if price_key == YOUR_COST
                else f"hosted {axis.split(',')[0]}"
            )
            + " or a quality score are not plotted."
        )
    if not st.session_state.get("cat_show_retired"):
        notes.append("Retired models are left out (see Show retired models).")
    if notes:
        st.caption(" ".join(notes))


catalog = shared.catalog()
st.title("Catalog")
facts_as_of = getattr(catalog, "facts_as_of", None) or catalog.as_of
st.caption(
    f"**Catalog facts as of {facts_as_of}** · {len(catalog.models)} models · catalog reviewed "
    f"{catalog.as_of}. Click a column header to sort, a row's box to open its card."
)
chosen, toggle_slot = filters(catalog)
with toggle_slot:
    with_retired = show_retired()
matching = catalog.filter(
    **chosen,
    search=str(st.session_state.get("cat_search") or ""),
    capabilities=st.session_state.get("cat_capabilities") or (),
    deployment=st.session_state.get("cat_deployment") or (),
    licenses=st.session_state.get("cat_license") or (),
)
models = [m for m in matching if with_retired or not shared.is_retired(m)]
hidden = len(matching) - len(models)
rec, answers = workload()
recommended = rec.model.id if rec is not None else None
costs = monthly_costs(models, rec, answers) if rec is not None else None
st.markdown(
    f"**{len(models)} model(s) match.**" + (f" {hidden} retired model(s) hidden." if hidden else "")
)
if rec is not None:
    st.caption(
        f"**your \\$/month**: each model's monthly cost for your last Advisor answers "
        f"({rec.questionnaire.get('task', 'your task')}), planned as the Advisor plans it; the "
        f"Advisor picked {catalog.name_of(recommended)} at "
        f"{plain(api.money(rec.cost.monthly_usd))}. "
        "Blank where a model does not do that task or has no price for the deployments you allow."
    )
if not models:
    st.info("No model matches these filters; loosen one of them.")
else:
    frame = table(models, chosen["task"], costs)
    row_ids = list(frame["id"])
    st.dataframe(
        shared.styled(frame, money=MONEY, counts=("context",), decimals=SPEED).apply(
            mark_rows, axis=1
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(models), 600),  # about 16 rows before it scrolls
        on_select=functools.partial(open_clicked, table_key(row_ids), row_ids),
        selection_mode="single-row",
        column_config={
            "your $/month": st.column_config.NumberColumn(
                "your $/month",
                help=(
                    "What the model would cost a month for the workload in your last Advisor "
                    "answers, planned as the Advisor plans it."
                ),
            ),
            "blended $/1M": st.column_config.NumberColumn(
                "blended $/1M",
                help=(
                    f"One price per 1M tokens at {api.blend_label()} tokens, the mix of a typical "
                    "chat or RAG request (as Artificial Analysis and OpenRouter quote it); the "
                    "input price alone for a model that writes no tokens (embeddings)."
                ),
            ),
            "status": st.column_config.TextColumn(
                "retirement",
                width="medium",
                help=(
                    f"The provider's retirement date: {RETIRED_MARK} retired (hidden unless "
                    f"Show retired models is on), {RETIRING_MARK} retires within "
                    f"{shared.RETIRING_SOON_DAYS} days."
                ),
            ),
            "successor": st.column_config.TextColumn(
                "successor",
                width="medium",
                help="The model its provider names in its place; open it from Model detail.",
            ),
            "quality": st.column_config.NumberColumn(
                "quality",
                format="%g",
                help=(
                    "The measured figure as published, for the task in view: Artificial Analysis "
                    "Intelligence Index points for text, Coding Index for code, MTEB for "
                    "embeddings, Elo for speech, WER % for transcription. Empty where not "
                    "measured; 'quality figure' then says so and names any sibling's figure."
                ),
            ),
            "quality figure": st.column_config.TextColumn(
                "quality figure",
                help="The figure with its metric; an estimate reads '~ (not measured; sibling X: N)'.",
            ),
            "quality as of": st.column_config.TextColumn(
                "quality as of", help="The date of the benchmark figure the quality rests on."
            ),
            "quality source": st.column_config.TextColumn(
                "quality source", help="The benchmark, its value, where it was published and when."
            ),
            "output tokens/s": st.column_config.NumberColumn(
                "output tokens/s", help=speed_help(models)
            ),
            "first token s": st.column_config.NumberColumn(
                "first token s", help=speed_help(models)
            ),
        },
        key=table_key(row_ids),
        placeholder=shared.BLANK,
    )
    st.caption(f"Blended price: input and output prices weighted {api.blend_label()}.")
    # Lazy tabs: only the open tab's content runs, so the page draws fast.
    tab_detail, tab_compare, tab_plot = st.tabs(
        ["Model detail", "Compare (up to 3)", "Quality vs price"], key="cat_tab", on_change="rerun"
    )
    ids = [m.id for m in models]

    def suffix(m) -> str:
        if shared.is_retired(m):
            return " — retired"
        return " — retiring soon" if shared.retires_soon(m) else ""

    names = {m.id: f"{m.name} ({m.id}){suffix(m)}" for m in models}
    if tab_detail.open:
        with tab_detail:
            if st.session_state.get("cat_detail") not in ids:
                st.session_state["cat_detail"] = ids[0]
            st.selectbox("Model", ids, format_func=names.get, key="cat_detail")
            detail(catalog.get(st.session_state["cat_detail"]), ids)
    if tab_compare.open:
        with tab_compare:
            # starts empty: a preselected pair would read as a suggestion
            kept = [i for i in st.session_state.get("cat_compare") or [] if i in ids]
            st.session_state["cat_compare"] = kept
            st.multiselect(
                "Models to compare",
                ids,
                format_func=names.get,
                key="cat_compare",
                max_selections=3,
                placeholder="Choose up to 3 models",
            )
            picked = [catalog.get(i) for i in st.session_state["cat_compare"]]
            if picked:
                task = chosen["task"] or pick_task(picked, "cat_compare_task")
                compare(picked, task, costs)
            else:
                st.info(
                    "Pick up to 3 models to see them side by side, the best in each row marked."
                )
    if tab_plot.open:
        with tab_plot:
            work = rec.questionnaire.get("task") if rec is not None else None
            scatter(models, chosen["task"], recommended, costs, work)
