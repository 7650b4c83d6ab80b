"""Playground: try a model now. Chat with streaming, compare up to 3 models, run an eval set,
ground answers in the knowledge base or your own files, and browse the run log.

Everything runs through the core's playground engine (`advisor.playground.engine`); `?model=ID`
preselects a model (the Slack bot and the Advisor link here).
"""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.model_picker import (
    availability_table,
    listable,
    model_choice,
    model_picker,
    needs,
    pick_from_link,
    text_models,
    warm_local,
)
from ui.components.run_settings import settings
from ui.components.runs import (
    compared_runs,
    run_figures,
    run_log,
    scorecard,
    stream_untrusted,
    untrusted_markdown,
)

HISTORY_TURNS = 3  # earlier chat turns sent along, so the model sees the conversation


def run_options(options: dict) -> dict:
    return {
        **options,
        "source": "ui",
        "keys": dict(state.playground.keys),
        "user": shared.visitor(),
    }


def stream_answer(
    model_id: str,
    prompt: str,
    options: dict,
    *,
    stand_in_for: str | None,
    history: list[dict] | None = None,
) -> api.RunResult | None:
    """Stream one run into the current container, then show its figures; the result or None."""

    opts = run_options(options)
    if history:
        opts["examples"] = [*opts.get("examples", []), *history]
    warm_local(model_id)
    if (options.get("grounding") or {}).get("kind") == "knowledge":
        problem = shared.knowledge_ready()
        if problem:
            st.error(f"Grounding in the knowledge base is unavailable: {problem}.")
            return None
    try:
        with st.spinner("Retrieving passages...") if options.get("grounding") else nullcontext():
            stream = api.run(model_id, prompt, **opts)
        stream_untrusted(stream)
        result = stream.result
    except api.AdvisorError as exc:
        st.error(str(exc))
        return None
    run_figures(result, stand_in_for=stand_in_for)
    return result


# --- tabs ---------------------------------------------------------------------------------------


def chat_tab(model_id: str, stand_in_for: str | None, options: dict | None) -> None:
    messages = state.playground.messages
    top = st.columns([3, 1])
    st.session_state.setdefault("pg_memory", True)
    top[0].toggle(
        "Remember the conversation",
        key="pg_memory",
        help=f"Send the last {HISTORY_TURNS} exchanges along with each message.",
    )
    if top[1].button("Clear chat", key="pg_clear_btn", disabled=not messages):
        messages.clear()
    conversation = st.container()  # messages go above the input box, old and new alike
    with conversation:
        for message in messages:
            with st.chat_message(message["role"]):
                untrusted_markdown(message["content"])
                if message.get("result"):
                    run_figures(message["result"], stand_in_for=message.get("stand_in_for"))
    prompt = st.chat_input("Message the model", key="pgw_chat", disabled=options is None)
    if not prompt:
        return
    history = []
    if st.session_state.get("pg_memory", True):
        turns = [m for m in messages if m.get("result")][-HISTORY_TURNS:]
        for turn in turns:
            history.append({"input": turn["prompt"], "output": turn["content"]})
    with conversation:
        with st.chat_message("user"):
            untrusted_markdown(prompt)
        messages.append({"role": "user", "content": prompt})
        with st.chat_message("assistant"):
            if stand_in_for:
                st.caption(f"{model_id} (stand-in for {stand_in_for})")
            result = stream_answer(
                model_id, prompt, options, stand_in_for=stand_in_for, history=history
            )
    if result is not None:
        messages.append(
            {
                "role": "assistant",
                "content": result.text,
                "result": result,
                "prompt": prompt,
                "stand_in_for": stand_in_for,
            }
        )


def compare_tab(models: dict[str, dict], options: dict | None) -> None:
    st.caption(
        "The same prompt on up to 3 models side by side; a model that needs a key runs once "
        "you give one for this session."
    )
    if not listable(models):
        st.info("No model runs here now.")
        return
    model_choice(models, "pg_compare_models")
    st.session_state.setdefault("pg_compare_prompt", "")
    st.text_area(
        "Prompt", key="pg_compare_prompt", height=80, placeholder="Explain RAG in two sentences."
    )
    go = st.button("Compare", key="pg_compare_btn", type="primary", disabled=options is None)
    if not go:
        return
    chosen = st.session_state["pg_compare_models"]
    prompt = (st.session_state["pg_compare_prompt"] or "").strip()
    if not chosen or not prompt:
        st.error("Pick at least one model and write a prompt.")
        return
    results = []
    columns = st.columns(len(chosen))
    for column, model_id in zip(columns, chosen, strict=True):
        with column:
            st.markdown(f"**{model_id}**")
            if not models[model_id]["runnable"]:  # one line, and the others still run
                st.warning(f"Not run: {needs(models[model_id])}.", icon=":material/key_off:")
                continue
            result = stream_answer(model_id, prompt, options, stand_in_for=None)
            if result:
                results.append(result)
    if results:
        compared_runs(results)


def eval_tab(models: dict[str, dict]) -> None:
    st.caption(
        "Your own test cases (prompt plus expectations: contains, regex, json, similar_to) on up "
        "to 3 models. Upload JSON or YAML, or edit the text below."
    )
    upload = st.file_uploader(
        "Eval set (JSON or YAML)", type=["json", "yaml", "yml"], key="pgw_evalfile"
    )
    st.session_state.setdefault("pg_eval_text", state.SAMPLE_EVALSET)
    if upload is not None and state.playground.eval_file != upload.file_id:
        state.playground.eval_file = upload.file_id
        st.session_state["pg_eval_text"] = upload.getvalue().decode("utf-8", errors="replace")
    st.text_area("Eval set", key="pg_eval_text", height=200)
    if not listable(models):
        st.info("No model runs here now.")
        return
    chosen = model_choice(models, "pg_eval_models")
    if not st.button("Run eval set", key="pg_eval_btn", type="primary"):
        card = state.playground.scorecard
        if card:
            scorecard(card)
        return
    for model_id in chosen:
        if not models[model_id]["runnable"]:  # one line each; the others still run
            st.warning(f"**{model_id}** not run: {needs(models[model_id])}.")
    ready = [model_id for model_id in chosen if models[model_id]["runnable"]]
    if not ready:
        st.error("**Models**: pick at least one model that runs now, or give a key above.")
        return
    try:
        evalset = api.load_evalset(st.session_state["pg_eval_text"])
        for model_id in ready:
            warm_local(model_id)
        with st.spinner(f"Running {len(evalset['cases'])} case(s)..."):
            card = api.run_eval(
                evalset, ready, source="ui", keys=dict(state.playground.keys), user=shared.visitor()
            )
    except api.InputError as exc:
        # the message may quote the eval set's own text: shown as text
        st.error(f"**Eval set**, `{exc.field}`: {api.plain_markdown(exc.allowed)}")
        return
    except api.AdvisorError as exc:
        st.error(str(exc))
        return
    state.playground.scorecard = card
    scorecard(card)
    st.download_button(
        "Export eval set (YAML)",
        data=api.dump_evalset(evalset, "yaml"),
        file_name=f"{evalset['name']}.yaml",
        on_click="ignore",
        key="pg_eval_export_btn",
    )


def runs_tab() -> None:
    run_log(limit=100, empty="No runs yet: every playground run (app, CLI, Slack) is logged here.")


st.title("Playground")
models = text_models(api.availability(keys=state.playground.keys))
if not models:
    st.info("No chat model in the catalog.")
    st.stop()
pick_from_link(models)
if state.playground.link_error:
    st.error(state.playground.link_error)
model_id, stand_in_for = model_picker(models)
options = settings()
availability_table(models)
# Lazy tabs: only the open tab's content runs.
tab_chat, tab_compare, tab_eval, tab_runs = st.tabs(
    ["Chat", "Compare", "Eval set", "Run history"], key="pg_tab", on_change="rerun"
)
if tab_chat.open:
    with tab_chat:
        chat_tab(model_id, stand_in_for, options)
if tab_compare.open:
    with tab_compare:
        compare_tab(models, options)
if tab_eval.open:
    with tab_eval:
        eval_tab(models)
if tab_runs.open:
    with tab_runs:
        runs_tab()
