"""Which model the playground runs: the picker (runnable models first, the others with what to set),
a password box for a route's key kept for this browser session only, and the built-in local
model as a labelled stand-in."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared, state


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
    if not wanted or state.playground.link_done == wanted:
        return
    state.playground.link_done = wanted
    if wanted in models:
        st.session_state["pg_model"] = wanted
        # The stand-in answers for another model, so it is never switched on for the user.
        st.session_state["pg_stand_in"] = False
        del state.playground.link_error
    else:
        known = shared.catalog().find(wanted)
        # the link's text is shown as text: a crafted ?model= must not become Markdown
        asked = api.plain_markdown(wanted[:80])
        state.playground.link_error = f"The link asked for “{asked}”, which " + (
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
        state.playground.link_done = st.session_state["pg_model"]

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


def key_box(key_vars, scope: str) -> None:
    """A password box for one of `key_vars` (the routes that can run the model), kept for this
    browser session only."""
    key_vars = list(key_vars)
    keys = state.playground.keys
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


def availability_table(models: dict[str, dict]) -> None:
    """Every chat model with whether it runs now, through which provider, or what to do."""
    import pandas as pd

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
