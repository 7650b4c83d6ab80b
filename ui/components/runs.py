"""Model output and playground runs: untrusted text made safe (also while it streams), one run's
figures and grounding passages, runs side by side, an eval set's scorecard, and the run log."""

from __future__ import annotations

import streamlit as st

from advisor import api
from advisor.api import config
from ui import shared
from ui.components.format import BLANK, styled, usd, when


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


def run_log(limit: int, empty: str) -> None:
    """The playground run log (the app's and the CLI's runs; every source's with
    ADVISOR_HISTORY_ALL=1), newest first; behind a login, the visitor's own."""
    import pandas as pd

    try:
        runs = shared.store().list_runs(
            limit=limit, sources=config.history_sources(), user=shared.owner()
        )
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


def compared_runs(results: list[api.RunResult]) -> None:
    """The figures of runs of one prompt on several models, one row each."""
    import pandas as pd

    st.dataframe(
        styled(
            pd.DataFrame(
                [
                    {
                        "model": r.model,
                        "latency s": r.latency_s,
                        "first token s": r.ttft_s,
                        "input tokens": r.input_tokens,
                        "output tokens": r.output_tokens,
                        "cost $": r.cost_usd,
                    }
                    for r in results
                ]
            ),
            money={"cost $": 2},
            counts=("input tokens", "output tokens"),
            decimals={"latency s": 2, "first token s": 2},
        ),
        hide_index=True,
        width="stretch",
        placeholder=BLANK,
    )


def scorecard(card: dict) -> None:
    """An eval set's scorecard: passed cases, mean latency and cost per model, then each case."""
    import pandas as pd

    st.markdown(f"#### Scorecard: {api.plain_markdown(str(card.get('name', 'eval')))}")
    st.dataframe(
        styled(
            pd.DataFrame(
                [
                    {
                        "model": m["model"],
                        "passed": f"{m['passed']}/{m['total']}",
                        "pass rate": m["pass_rate"],
                        "mean latency s": m["mean_latency_s"],
                        "total cost $": m["total_cost_usd"],
                    }
                    for m in card["models"]
                ]
            ),
            money={"total cost $": 2},
            decimals={"mean latency s": 2},
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "pass rate": st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
        placeholder=BLANK,
    )
    for m in card["models"]:
        with st.expander(f"Cases for {m['model']}"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "case": c["id"],
                            "passed": "yes" if c["passed"] else "no",
                            "checks": "; ".join(
                                f"{k['check']} {'ok' if k['passed'] else 'failed'} ({k['detail']})"
                                for k in c["checks"]
                            )
                            or c.get("error")
                            or "",
                            "response": (c.get("response") or "")[:300],
                        }
                        for c in m["cases"]
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
