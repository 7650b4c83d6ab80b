"""The playground's run settings in the sidebar: system prompt, few-shot examples, temperature,
max tokens and grounding (the knowledge base or the user's uploaded files)."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import state

GROUNDINGS = ("None", "Knowledge base", "My files")


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
    """Each upload saved once (by its id) where the engine can read it; the paths."""
    saved = state.playground.uploads
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
