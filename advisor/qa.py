"""Questions about the knowledge base: `ask`, the index build, and quick citations.

`ask(question, k)` retrieves passages with the hybrid retriever of `knowledge.retrieval` over the
Chroma index (a directory under ADVISOR_HOME, or the server named by CHROMA_HOST/CHROMA_PORT) and
answers either extractively (sentences picked from the best passages, each cited [n]) or, when a
capable provider is configured (OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT), generatively from the same
passages through the playground. When nothing relevant is found it says so and cites nothing.

`cite_for(query, topics, k)` is the fast path for recommendations: lexical only, no torch, no
chromadb. Heavy imports happen on first use, inside the functions that need them.
"""

from __future__ import annotations

import logging
import re

from . import config, extractive
from .question_kind import question_kind
from .retrieval import check_k, citation, clean_question, search

log = logging.getLogger(__name__)

ANSWER_CHARS = extractive.MAX_CHARS_COMPARISON
DEFAULT_QA_MODEL = "gpt-4o-mini"
# Put before extractive answers to questions asked in another language than the articles'.
SOURCE_NOTE = {"sv": "(Svaret bygger på kunskapsbasens artiklar, som är på engelska.)"}
NOT_COVERED = (
    "The knowledge base does not cover this question. It is about choosing and using language "
    "models (model types, open and proprietary models, embeddings, architectures, prompting, RAG, "
    "fine-tuning, deployment, evaluation and cost), and its articles are in English."
)
_SYSTEM = (
    "You answer questions about choosing and using language models. Use only the numbered sources "
    "given with the question. Cite every sentence with the numbers of the sources it rests on, "
    "like [1] or [2][3]. If the sources do not answer the question, reply exactly: "
    "'The knowledge base does not cover this question.' Answer in the language of the question, "
    "in at most five sentences."
)


def ask(question: str, k: int = 4) -> dict:
    """Answer `question` from the knowledge base.

    Returns {answer, mode: "extractive" | "generative", citations: [{id, title, topic, excerpt,
    score}]}, citations best first and numbered [1], [2], ... in the answer. Raises InputError for
    an empty question or a k outside 1..20.
    """
    from knowledge.glossary import english_query

    question = clean_question(question)
    k = check_k(k)
    passages = search(question, k)
    if not passages:
        return {"answer": NOT_COVERED, "mode": "extractive", "citations": []}
    citations = [citation(p) for p in passages]
    if _generative_configured():
        answer = _generative(question, passages)  # answers in the language of the question
        if answer:
            return {"answer": answer, "mode": "generative", "citations": citations}
    language, english = english_query(question)
    answer = extractive.answer(english, question_kind(question), passages)
    if language in SOURCE_NOTE:
        answer = f"{SOURCE_NOTE[language]} {answer}"
    return {"answer": answer, "mode": "extractive", "citations": citations}


# -- generative answers ----------------------------------------------------------------------------


def _generative_configured() -> bool:
    return bool(config.get_key("OPENAI_API_KEY") or config.env("AZURE_OPENAI_ENDPOINT"))


def _generative(question: str, passages: list) -> str | None:
    """An answer written by the configured provider from the passages only, or None on any
    failure (the caller then answers extractively)."""
    try:
        from . import playground

        model_id = config.env("ADVISOR_QA_MODEL") or DEFAULT_QA_MODEL
        sources = "\n\n".join(
            f"[{n}] {p.title} - {p.heading}\n{p.body[:1500]}"
            for n, p in enumerate(passages, start=1)
        )
        prompt = f"Sources:\n\n{sources}\n\nQuestion: {question}"
        stream = playground.run(
            model_id, prompt, system=_SYSTEM, temperature=0.2, max_tokens=400, source="qa"
        )
        for _ in stream:
            pass
        text = str((stream.result or {}).get("text") or "").strip()
    except Exception as exc:  # noqa: BLE001 - any provider failure falls back to extractive
        log.warning("generative answer failed, answering extractively: %s", exc)
        return None
    if not text:
        return None
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    if not cited or any(n < 1 or n > len(passages) for n in cited):
        log.warning("generative answer cited no valid source, answering extractively")
        return None
    return text
