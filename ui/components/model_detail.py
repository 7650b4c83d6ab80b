"""A catalog model's card: its facts, quality by task with each figure's source, self-hosting
figures, and links to its successor and to the playground."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.format import BLANK, plain
from ui.components.model_card import is_retired, model_facts, retires_soon


def select_detail(model_id: str) -> None:
    state.catalog.detail = model_id


def successor_link(model, ids: list[str]) -> None:
    """The successor of a retired or retiring model: its name, and a button that opens it."""
    if not model.successor:
        return
    name = api.successor_name(model)
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
    if is_retired(model):
        st.badge("Retired", icon=":material/block:", color="red")
    elif retires_soon(model):
        st.badge("Retiring soon", icon=":material/schedule:", color="orange")
    model_facts(api.ModelInfo.of(model))
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


def max_output(model) -> str:
    return f"{model.max_output_tokens:,} tokens" if model.max_output_tokens else BLANK
