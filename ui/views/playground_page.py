"""Playground: try a model now. Chat with streaming, compare up to 3 models, run an eval set,
ground answers in the knowledge base or your own files, and browse the run log.

Everything runs through the core's playground engine (`advisor.playground.engine`); `?model=ID`
preselects a model (the Slack bot and the Advisor link here).
"""

from __future__ import annotations

from contextlib import nullcontext

import pandas as pd
import streamlit as st

from advisor import api
from ui import shared

GROUNDINGS = ("None", "Knowledge base", "My files")
HISTORY_TURNS = 3  # earlier chat turns sent along, so the model sees the conversation


def warm_local(model_id: str) -> None:
    """Start the local model's worker before its first run (and after a crash), with a spinner."""
    if model_id != shared.LOCAL_MODEL:
        return
    local = shared.local_model()
    if local.worker.pid is not None:
        return
    with st.spinner("Starting the local model (a few seconds)..."):
        try:
            local.warm()
        except api.AdvisorError as exc:
            st.error(str(exc))


# --- the model picker ---------------------------------------------------------------------------


def text_models(availability: list[dict]) -> dict[str, dict]:
    """Runnable models first, then the text models that could run with a key or an endpoint."""
    rows = [a for a in availability if a["provider"] != "none"]
    rows.sort(key=lambda a: (not a["runnable"], a["model_id"] != shared.LOCAL_MODEL, a["model_id"]))
    return {row["model_id"]: row for row in rows}


def needs(row: dict) -> str:
    """What to set so that a model runs, in one line."""
    if row["key_vars"]:
        return "set " + " or ".join(row["key_vars"])
    return row["reason"]


def pick_from_link(models: dict[str, dict]) -> None:
    """?model=ID preselects that model, once per distinct link."""
    wanted = st.query_params.get("model")
    if not wanted or st.session_state.get("pgx_link_done") == wanted:
        return
    st.session_state["pgx_link_done"] = wanted
    if wanted in models:
        st.session_state["pg_model"] = wanted
        # The stand-in answers for another model, so it is never switched on for the user.
        st.session_state["pg_stand_in"] = False
        st.session_state.pop("pgx_link_error", None)
    else:
        known = shared.catalog().find(wanted)
        # the link's text is shown as text: a crafted ?model= must not become Markdown
        asked = api.plain_markdown(wanted[:80])
        st.session_state["pgx_link_error"] = f"The link asked for “{asked}”, which " + (
            "the playground cannot run (not a chat model)." if known else "is not in the catalog."
        )


def model_label(models: dict[str, dict], model_id: str) -> str:
    entry = shared.catalog().find(model_id)
    name = entry.name if entry else model_id
    row = models[model_id]
    if row["runnable"]:
        return f"● {name} — runs now ({row['provider']})"
    if row["key_vars"]:
        return f"○ {name} — {needs(row)}"
    return f"○ {name} — needs setup"


def model_picker(models: dict[str, dict]) -> tuple[str, str | None]:
    """(the model that runs, the model it stands in for or None)."""
    if st.session_state.get("pg_model") not in models:
        st.session_state["pg_model"] = (
            shared.LOCAL_MODEL if shared.LOCAL_MODEL in models else next(iter(models))
        )

    def remember_choice() -> None:
        st.query_params["model"] = st.session_state["pg_model"]
        st.session_state["pgx_link_done"] = st.session_state["pg_model"]

    runnable = sum(1 for row in models.values() if row["runnable"])
    st.selectbox(
        f"Model ({runnable} of {len(models)} chat models run now)",
        list(models),
        format_func=lambda model_id: model_label(models, model_id),
        key="pg_model",
        on_change=remember_choice,
    )
    chosen = st.session_state["pg_model"]
    row = models[chosen]
    if row["runnable"]:
        st.caption(f"`{chosen}` runs through **{row['provider']}**: {row['reason']}.")
        if row["session_key"]:
            key_box(row["key_vars"], "pick")  # to change or clear the key typed before
        return chosen, None
    entry = shared.catalog().find(chosen)
    st.warning(
        f"**{entry.name if entry else chosen}** cannot run here yet: {row['reason']}.",
        icon=":material/key_off:",
    )
    if row["key_vars"]:
        key_box(row["key_vars"], "pick")
    return stand_in(models, chosen)


def stand_in(models: dict[str, dict], chosen: str) -> tuple[str, str | None]:
    """The built-in local model answering instead: off unless the user switches it on, and then
    labelled on every answer, since it says nothing about the chosen model's quality."""
    local = models.get(shared.LOCAL_MODEL, {})
    if not local.get("runnable"):
        st.caption(f"The built-in local model is not available either: {local.get('reason', '?')}")
        return chosen, None
    st.session_state.setdefault("pg_stand_in", False)
    st.toggle(
        f"Try the flow with the built-in local model `{shared.LOCAL_MODEL}` instead",
        key="pg_stand_in",
        help="A tiny model that runs on this machine with no key: good for trying the flow, "
        "not for judging the chosen model.",
    )
    if st.session_state["pg_stand_in"]:
        st.info(
            f"Stand-in on: answers come from **{shared.LOCAL_MODEL}**, not from `{chosen}`.",
            icon=":material/swap_horiz:",
        )
        return shared.LOCAL_MODEL, chosen
    return chosen, None


# --- session keys -------------------------------------------------------------------------------


def session_keys() -> dict[str, str]:
    """The keys typed in this browser session, by the variable each stands in for. They live in
    st.session_state only (never on disk, never logged) and go to the engine with each run."""
    return st.session_state.setdefault("pgx_keys", {})


def key_box(key_vars, scope: str) -> None:
    """A password box for one of `key_vars` (the routes that can run the model), kept for this
    browser session only."""
    key_vars = list(key_vars)
    keys = session_keys()
    choice = f"pg_{scope}_key_var"
    if len(key_vars) > 1:
        if st.session_state.get(choice) not in key_vars:
            # the variable that already has a key, else the maker's own API
            st.session_state[choice] = next((v for v in key_vars if keys.get(v)), key_vars[0])
        st.radio("Key for", key_vars, key=choice, horizontal=True)
    variable = st.session_state.get(choice) if len(key_vars) > 1 else key_vars[0]
    box = f"pg_{scope}_key_{variable}"
    if box not in st.session_state:  # Streamlit forgets a widget's value once it is not shown
        st.session_state[box] = keys.get(variable, "")

    def keep() -> None:
        value = (st.session_state.get(box) or "").strip()
        if value:
            keys[variable] = value
        else:
            keys.pop(variable, None)

    st.text_input(
        f"{variable} for this session",
        type="password",
        key=box,
        on_change=keep,
        help="Kept for this browser session only: not saved, not logged, gone when the tab "
        "closes. Or set the variable where the app runs.",
    )
    st.caption(
        f"Your key is kept for this browser session only. Without any key, the built-in local "
        f"model `{shared.LOCAL_MODEL}` runs on this machine."
    )


# --- run settings (sidebar) ---------------------------------------------------------------------


def settings() -> dict | None:
    """The run options from the sidebar, or None when a field needs fixing (it says which)."""
    sidebar = st.sidebar
    sidebar.subheader("Run settings")
    st.session_state.setdefault("pg_system", "You are a helpful, concise assistant.")
    st.session_state.setdefault("pg_examples", "")
    st.session_state.setdefault("pg_temperature", 0.7)
    st.session_state.setdefault("pg_max_tokens", 256)
    st.session_state.setdefault("pg_grounding", GROUNDINGS[0])
    sidebar.text_area("System prompt", key="pg_system", height=90)
    sidebar.text_area(
        "Few-shot examples",
        key="pg_examples",
        height=90,
        placeholder="one per line: input => output\nI love it => positive",
        help="Each line `input => output` becomes an example exchange before your prompt.",
    )
    examples, bad_line = [], None
    for number, line in enumerate((st.session_state["pg_examples"] or "").splitlines(), 1):
        if not line.strip():
            continue
        if "=>" not in line:
            bad_line = number
            break
        given, wanted = line.split("=>", 1)
        examples.append({"input": given.strip(), "output": wanted.strip()})
    if bad_line:
        sidebar.error(f"**Few-shot examples**, line {bad_line}: write it as `input => output`.")
    sidebar.slider("Temperature", 0.0, 2.0, step=0.1, key="pg_temperature")
    sidebar.number_input("Max tokens", min_value=1, max_value=32768, step=32, key="pg_max_tokens")
    sidebar.radio(
        "Grounding",
        GROUNDINGS,
        key="pg_grounding",
        help="Answer from passages of the knowledge base or your files.",
    )
    grounding = None
    if st.session_state["pg_grounding"] == "Knowledge base":
        grounding = {"kind": "knowledge"}
    elif st.session_state["pg_grounding"] == "My files":
        files = sidebar.file_uploader(
            "Text, Markdown or PDF files",
            type=["txt", "md", "markdown", "pdf"],
            accept_multiple_files=True,
            key="pgw_files",
        )
        paths = saved_uploads(files or [])
        if paths:
            grounding = {"kind": "files", "paths": paths}
        else:
            sidebar.caption("Upload at least one file to ground answers in it.")
    if bad_line:
        return None
    return {
        "system": st.session_state["pg_system"].strip() or None,
        "examples": examples,
        "temperature": float(st.session_state["pg_temperature"]),
        "max_tokens": int(st.session_state["pg_max_tokens"]),
        "grounding": grounding,
    }


def saved_uploads(files) -> list[str]:

    saved = st.session_state.setdefault("pgx_uploads", {})
    paths = []
    for file in files:
        if file.file_id not in saved:
            try:
                saved[file.file_id] = str(api.save_upload(file.name, file.getvalue()))
            except api.InputError as exc:
                st.sidebar.error(
                    f"**{api.plain_markdown(file.name)}**: {api.plain_markdown(exc.allowed)}"
                )
                continue
        paths.append(saved[file.file_id])
    return paths


def run_options(options: dict) -> dict:
    return {**options, "source": "ui", "keys": dict(session_keys()), "user": shared.visitor()}


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
        shared.stream_untrusted(stream)
        result = stream.result
    except api.AdvisorError as exc:
        st.error(str(exc))
        return None
    shared.run_figures(result, stand_in_for=stand_in_for)
    return result


# --- tabs ---------------------------------------------------------------------------------------


def chat_tab(model_id: str, stand_in_for: str | None, options: dict | None) -> None:
    messages = st.session_state.setdefault("pgx_messages", [])
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
                shared.untrusted_markdown(message["content"])
                if message.get("result"):
                    shared.run_figures(message["result"], stand_in_for=message.get("stand_in_for"))
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
            shared.untrusted_markdown(prompt)
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


def listable(models: dict[str, dict]) -> list[str]:
    """The models Compare and Eval offer: those that run now, and those a key would run."""
    return [model_id for model_id, row in models.items() if row["runnable"] or row["key_vars"]]


def model_choice(models: dict[str, dict], key: str) -> list[str]:
    """A pick of up to 3 models (key-needing ones marked with what to set), and a key box for the
    routes the picked ones still need; returns the picked ids."""
    offered = listable(models)
    kept = [m for m in st.session_state.get(key) or [] if m in offered]
    st.session_state[key] = kept or offered[:1]
    st.multiselect(
        "Models",
        offered,
        key=key,
        max_selections=3,
        format_func=lambda model_id: model_label(models, model_id),
    )
    chosen = st.session_state[key]
    missing = [m for m in chosen if not models[m]["runnable"]]
    if missing:
        variables = list(dict.fromkeys(v for m in missing for v in models[m]["key_vars"]))
        key_box(variables, key.removeprefix("pg_").removesuffix("_models"))
    return chosen


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
        st.dataframe(
            shared.styled(
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
            placeholder=shared.BLANK,
        )


def eval_tab(models: dict[str, dict]) -> None:

    st.caption(
        "Your own test cases (prompt plus expectations: contains, regex, json, similar_to) on up "
        "to 3 models. Upload JSON or YAML, or edit the text below."
    )
    upload = st.file_uploader(
        "Eval set (JSON or YAML)", type=["json", "yaml", "yml"], key="pgw_evalfile"
    )
    st.session_state.setdefault("pg_eval_text", shared.SAMPLE_EVALSET)
    if upload is not None and st.session_state.get("pgx_eval_file") != upload.file_id:
        st.session_state["pgx_eval_file"] = upload.file_id
        st.session_state["pg_eval_text"] = upload.getvalue().decode("utf-8", errors="replace")
    st.text_area("Eval set", key="pg_eval_text", height=200)
    if not listable(models):
        st.info("No model runs here now.")
        return
    chosen = model_choice(models, "pg_eval_models")
    if not st.button("Run eval set", key="pg_eval_btn", type="primary"):
        card = st.session_state.get("pgx_scorecard")
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
                evalset, ready, source="ui", keys=dict(session_keys()), user=shared.visitor()
            )
    except api.InputError as exc:
        # the message may quote the eval set's own text: shown as text
        st.error(f"**Eval set**, `{exc.field}`: {api.plain_markdown(exc.allowed)}")
        return
    except api.AdvisorError as exc:
        st.error(str(exc))
        return
    st.session_state["pgx_scorecard"] = card
    scorecard(card)
    st.download_button(
        "Export eval set (YAML)",
        data=api.dump_evalset(evalset, "yaml"),
        file_name=f"{evalset['name']}.yaml",
        on_click="ignore",
        key="pg_eval_export_btn",
    )


def scorecard(card: dict) -> None:
    st.markdown(f"#### Scorecard: {api.plain_markdown(str(card.get('name', 'eval')))}")
    st.dataframe(
        shared.styled(
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
        placeholder=shared.BLANK,
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


def runs_tab() -> None:
    shared.run_log(
        limit=100, empty="No runs yet: every playground run (app, CLI, Slack) is logged here."
    )


st.title("Playground")
models = text_models(api.availability(keys=session_keys()))
if not models:
    st.info("No chat model in the catalog.")
    st.stop()
pick_from_link(models)
if st.session_state.get("pgx_link_error"):
    st.error(st.session_state["pgx_link_error"])
model_id, stand_in_for = model_picker(models)
options = settings()
with st.expander("Which models run now, and why the others do not"):
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "model": m,
                    "runs now": "yes" if r["runnable"] else "no",
                    "provider": r["provider"],
                    "how / what to do": r["reason"],
                }
                for m, r in models.items()
            ]  # fmt: skip
        ),
        hide_index=True,
        width="stretch",
    )
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
