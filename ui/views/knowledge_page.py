"""Knowledge: ask a question and get an answer with citations; browse the articles by topic."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.recommendation import citations
from ui.components.runs import untrusted_markdown

EXAMPLES = (
    "When should I fine-tune instead of using RAG?",
    "What is the difference between open-weights and proprietary models?",
    "What does an encoder-decoder architecture do?",
)


def ask_section() -> None:
    st.session_state.setdefault("kb_question", "")
    st.session_state.setdefault("kb_k", 4)

    def use_example(text: str) -> None:
        st.session_state["kb_question"] = text
        st.session_state[state.Knowledge.ASK] = True

    with st.form("kb_form", border=False):
        cols = st.columns([5, 1])
        cols[0].text_input("Your question", key="kb_question", placeholder=EXAMPLES[0])
        cols[1].number_input("Sources", min_value=1, max_value=10, key="kb_k")
        asked = st.form_submit_button("Ask", type="primary")
    st.caption("Or try one of these:")
    # one row, the same gap between every suggestion (it wraps on a narrow screen)
    with st.container(horizontal=True, gap="small"):
        for number, text in enumerate(EXAMPLES):
            st.button(
                text,
                key=f"kb_ex_{number}_btn",
                on_click=use_example,
                args=(text,),
                icon=":material/lightbulb:",
                width="content",
            )
    if state.take(state.Knowledge.ASK, False):
        asked = True
    question = (st.session_state.get("kb_question") or "").strip()
    if asked:
        if not question:
            st.error("**Your question**: write a question first.")
            return
        problem = shared.knowledge_ready()
        if problem:
            st.error(f"The knowledge base is unavailable: {problem}.")
            return
        with st.spinner("Searching the knowledge base..."):
            try:
                state.knowledge.answer = {
                    "question": question,
                    "result": api.ask(question, k=int(st.session_state["kb_k"])),
                }
            except api.AdvisorError as exc:
                st.error(str(exc))
                return
    answer = state.knowledge.answer
    if not answer:
        return
    with st.container(border=True):
        result = answer["result"]
        st.markdown(f"**Q: {api.safe_markdown(answer['question'])}**")
        untrusted_markdown(result.answer or "_no answer_")
        if result.citations:
            st.markdown("**Sources**")
            citations([c.model_dump() for c in result.citations])


def browse_section(opened: str | None = None) -> None:
    """Articles by topic; `opened` (an article id, from ?article=) is shown open."""
    try:
        items = shared.articles()
    except Exception as exc:  # a broken article must not take the page down
        st.error(f"The articles could not be read: {exc}")
        return
    topics = sorted({a["topic"] for a in items})
    target = next((a for a in items if a["id"] == opened), None)
    if target is not None:
        st.session_state["kb_topic"] = target["topic"]
    st.session_state.setdefault("kb_topic", topics[0] if topics else None)
    if st.session_state.get("kb_topic") not in topics and topics:
        st.session_state["kb_topic"] = topics[0]
    counts = {t: sum(1 for a in items if a["topic"] == t) for t in topics}
    st.selectbox("Topic", topics, key="kb_topic", format_func=lambda t: f"{t} ({counts[t]})")
    for article in [a for a in items if a["topic"] == st.session_state["kb_topic"]]:
        # ADVISOR_KNOWLEDGE_DIR may hold anyone's articles: titles are text, bodies sanitised
        with st.expander(api.plain_markdown(article["title"]), expanded=article is target):
            untrusted_markdown(article["text"])
            if article.get("sources"):
                st.caption("Sources: " + api.plain_markdown("; ".join(article["sources"])))


st.title("Knowledge")
st.caption(
    "What the advisor knows about model types, approaches, deployment and cost, with sources."
)
# A citation's link (?article=ID) opens that article under "Browse by topic".
opened = st.query_params.get("article")
if opened and state.knowledge.opened != opened:
    state.knowledge.opened = opened
    st.session_state["kb_tab"] = "Browse by topic"
tab_ask, tab_browse = st.tabs(["Ask", "Browse by topic"], key="kb_tab", on_change="rerun")
if tab_ask.open:
    with tab_ask:
        ask_section()
if tab_browse.open:
    with tab_browse:
        browse_section(opened)
