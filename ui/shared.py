"""What every page shares: cached clients (store, catalog, knowledge index, local model) and the
rendering of core results. The app only relays the core: nothing here decides a recommendation,
works out a cost or reads free text.
"""

from __future__ import annotations

import importlib
import json
import threading
from typing import Any

import streamlit as st

from advisor import config

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
    from advisor.store import Store

    return Store(path)


def store():
    """The SQLite store for the current ADVISOR_HOME (one client per database file)."""
    return _store(str(config.db_path()))


def catalog():
    """The model catalog (the core caches it per file version)."""
    from advisor.catalog import load_catalog

    return load_catalog()


def optional_module(name: str):
    """A core module that may not be installed yet; None (and the page says so) when missing."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


_warm_lock = threading.Lock()
_warmed: set[str] = set()  # ADVISOR_HOMEs whose knowledge index is built and embedder loaded


def knowledge_ready() -> str | None:
    """Build (or check) the knowledge index and load the embedder once per process, showing
    progress; None when ready, else what is wrong (the page says so instead of failing)."""
    home = str(config.advisor_home())
    if home in _warmed:
        return None
    qa = optional_module("advisor.qa")
    if qa is None:
        return "the knowledge base is not installed"
    bar = st.progress(0.0, text="Preparing the knowledge index (first use only)...")

    def progress(stage: str, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 0.0
        bar.progress(share, text=f"Knowledge index: {stage} {done} of {total}")

    try:
        with _warm_lock:  # one session builds; the others wait for it
            if home not in _warmed:
                if callable(getattr(qa, "build_index", None)):
                    qa.build_index(progress=progress)
                bar.progress(1.0, text="Loading the embedding model...")
                qa.ask("What is retrieval-augmented generation?", k=1)
                _warmed.add(home)
    except Exception as exc:  # an index problem must not take the page down
        return f"the knowledge index could not be loaded ({type(exc).__name__}: {exc})"
    finally:
        bar.empty()
    return None


@st.cache_resource(show_spinner=False)
def _articles() -> list[dict]:
    from knowledge.articles import articles

    return articles()


def articles() -> list[dict]:
    return _articles()


# --- small formatting helpers -----------------------------------------------------------------


def usd(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if 0 < abs(number) < 0.01:
        return f"${number:.4f}"
    return f"${number:,.{digits}f}"


def tokens(value: Any) -> str:
    if not value:
        return "-"
    value = int(value)
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return str(value)


def price_line(model: dict) -> str:
    from advisor.report import price_line as core_price_line

    return core_price_line(model)


APPROACH_NAMES = {
    "prompt-engineering": "Prompt engineering",
    "rag": "RAG (retrieval-augmented generation)",
    "fine-tuning": "Fine-tuning",
    "training-from-scratch": "Training from scratch",
}


def approach_name(primary: str) -> str:
    return APPROACH_NAMES.get(primary, primary.replace("-", " ").capitalize())


def weights_label(open_weights: bool) -> str:
    return "open weights" if open_weights else "proprietary"


# --- rendering of core results -----------------------------------------------------------------


def model_facts(model: dict) -> None:
    """The key facts of one catalog model (the contract dict, enriched from the catalog)."""
    entry = catalog().find(model["id"])
    st.markdown(f"#### {model['name']}  \n`{model['id']}` · {model['provider']}")
    if entry is not None and entry.description:
        st.write(entry.description)
    context = model.get("context_window")
    st.markdown(
        f"**Weights:** {'open' if model.get('open_weights') else 'proprietary'} "
        f"· **License:** {model.get('license') or '-'} "
        f"· **Context window:** {f'{context:,} tokens' if context else '-'}  \n"
        f"**Price:** {price_line(model)}  \n"
        f"**Tasks:** {', '.join(model.get('tasks') or []) or '-'}  \n"
        f"**Capabilities:** {', '.join(model.get('capabilities') or []) or 'none listed'}  \n"
        f"**Deployment:** {', '.join(model.get('deployment') or []) or '-'}"
    )
    pricing = model.get("pricing") or {}
    if pricing.get("source"):
        st.caption(f"Price source: {pricing['source']} (as of {pricing.get('as_of', '?')})")


def cost_chart(rec: dict) -> None:
    """Monthly cost of the pick against the alternatives (bar chart), with the budget if given."""
    import plotly.graph_objects as go

    pick = rec["model"]
    costs = rec.get("alternative_costs") or {}
    names = [pick["name"] + " (pick)"]
    values = [float(rec["cost"]["monthly_usd"])]
    colors = ["#1f77b4"]
    for alt in rec.get("alternatives") or []:
        if alt["id"] in costs and costs[alt["id"]] is not None:
            names.append(alt["name"])
            values.append(float(costs[alt["id"]]))
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
    budget = (rec.get("questionnaire") or {}).get("monthly_budget_usd")
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
    st.plotly_chart(fig, width="stretch", key=f"cost_chart_{rec.get('id', 'x')}")


def citations(items: list[dict], *, with_score: bool = False) -> None:
    for number, cite in enumerate(items or [], 1):
        score = (
            f" · score {cite['score']:.2f}" if with_score and cite.get("score") is not None else ""
        )
        with st.expander(
            f"[{number}] {cite.get('title', cite.get('id'))} — {cite.get('topic', '')}{score}"
        ):
            st.markdown(cite.get("excerpt") or "_no excerpt_")
            st.caption(f"article `{cite.get('id')}`")


def recommendation(
    rec: dict, *, key: str = "rec", exports: bool = True, playground: bool = True
) -> None:
    """A recommendation from the core, as a person reads it."""
    model = rec["model"]
    approach = rec["approach"]
    cost = rec["cost"]
    st.success(
        f"Recommended: **{model['name']}** with **{approach_name(approach['primary'])}**, "
        f"about **{usd(cost['monthly_usd'])} a month**."
    )
    for warning in rec.get("warnings") or []:
        st.warning(warning)

    with st.container(border=True):
        model_facts(model)
        if playground:
            cols = st.columns([1, 2])
            if cols[0].button("Try in playground", key=f"{key}_try_btn", type="primary"):
                st.switch_page(PAGE_FILES["playground"], query_params={"model": model["id"]})
            cols[1].caption(f"Deep link: `/playground?model={model['id']}`")

    with st.container(border=True):
        st.markdown(f"#### Approach: {approach_name(approach['primary'])}")
        for reason in approach.get("reasons") or []:
            st.markdown(f"- {reason}")
        if approach.get("techniques"):
            st.markdown("**Techniques**")
            for technique in approach["techniques"]:
                st.markdown(f"- {technique}")

    with st.container(border=True):
        st.markdown("#### Monthly cost")
        st.metric("Estimated monthly cost", usd(cost["monthly_usd"]))
        cost_chart(rec)
        breakdown = cost.get("breakdown") or {}
        if breakdown:
            rows = [
                {
                    "item": name.replace("_", " "),
                    "amount": value if isinstance(value, str) else usd(value),
                }
                for name, value in breakdown.items()
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
        if cost.get("assumptions"):
            with st.expander("Assumptions behind the cost"):
                for item in cost["assumptions"]:
                    st.markdown(f"- {item}")
        if rec.get("assumed"):
            st.caption("Defaults assumed: " + "; ".join(rec["assumed"]))

    alternatives = rec.get("alternatives") or []
    if alternatives:
        with st.container(border=True):
            st.markdown("#### Alternatives")
            costs = rec.get("alternative_costs") or {}
            for alt in alternatives:
                monthly = f" — about {usd(costs[alt['id']])}/month" if alt["id"] in costs else ""
                st.markdown(
                    f"- **{alt['name']}** (`{alt['id']}`, {alt['provider']}, "
                    f"{weights_label(alt.get('open_weights'))}){monthly}"
                )

    if rec.get("why_not"):
        with st.expander(f"Why not other models ({len(rec['why_not'])})"):
            for entry in rec["why_not"]:
                st.markdown(f"- `{entry.get('id')}`: {entry.get('reason')}")

    if rec.get("citations"):
        st.markdown("#### Sources")
        citations(rec["citations"])

    if exports:
        export_buttons(rec, key=key)


def export_buttons(rec: dict, *, key: str = "rec") -> None:
    from advisor.report import to_markdown

    data = dict(rec)
    if not data.get("catalog_as_of"):
        data["catalog_as_of"] = catalog().as_of
    name = f"llm-advisor-recommendation-{data.get('id') or 'draft'}"
    cols = st.columns([1, 1, 2])
    cols[0].download_button(
        "Export Markdown",
        data=to_markdown(data),
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
    st.caption(f"Catalog prices as of {data['catalog_as_of']}.")


def run_figures(result: dict, *, key: str = "") -> None:
    """Latency, time to first token, tokens and cost of one playground run."""
    cols = st.columns(5)
    cols[0].metric("Latency", f"{result.get('latency_s', 0):.2f} s")
    ttft = result.get("ttft_s")
    cols[1].metric("First token", f"{ttft:.2f} s" if ttft is not None else "-")
    cols[2].metric("Input tokens", result.get("input_tokens", "-"))
    cols[3].metric("Output tokens", result.get("output_tokens", "-"))
    cols[4].metric("Cost", usd(result.get("cost_usd"), 6) if result.get("cost_usd") else "$0")
    caption = f"{result.get('model', '?')} via {result.get('provider', '?')}"
    if result.get("stand_in_for"):
        caption += f" — stand-in for {result['stand_in_for']}"
    st.caption(caption)
    passages = result.get("passages") or []
    if passages:
        with st.expander(f"Passages used for grounding ({len(passages)})"):
            for number, passage in enumerate(passages, 1):
                if isinstance(passage, dict):
                    title = passage.get("title") or passage.get("source") or passage.get("id") or ""
                    text = passage.get("text") or passage.get("excerpt") or ""
                    st.markdown(f"**[{number}] {title}**  \n{text}")
                else:
                    st.markdown(f"**[{number}]** {passage}")
