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
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from . import config
from .errors import AdvisorError, InputError

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000  # longer questions are cut at a word boundary
MAX_K = 20
ANSWER_SENTENCES = 4
ANSWER_CHARS = 900
DEFAULT_QA_MODEL = "gpt-4o-mini"
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


# -- settings --------------------------------------------------------------------------------------


def _location() -> dict[str, Any]:
    """Where the index lives: the Chroma server from CHROMA_HOST/CHROMA_PORT, else ADVISOR_HOME."""
    host = config.env("CHROMA_HOST")
    if host:
        port = config.env("CHROMA_PORT") or "8000"
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise InputError("CHROMA_PORT", "a port number from 1 to 65535", port)
        return {"host": host, "port": int(port)}
    return {"path": config.chroma_path()}


def _embedder() -> str | None:
    """ADVISOR_EMBEDDER=openai selects OpenAI text-embedding-3-small (a separate collection);
    the default is all-MiniLM-L6-v2, offline."""
    return config.env("ADVISOR_EMBEDDER")


def _chunks() -> list:
    """Every document, chunked: knowledge.articles.articles() + knowledge.cards.model_cards()."""
    from knowledge.retrieval import default_chunks

    return default_chunks()


def _errors() -> tuple[type[BaseException], ...]:
    from knowledge.embeddings import EmbedderUnavailable
    from knowledge.index import KnowledgeIndexError

    return (KnowledgeIndexError, EmbedderUnavailable)


# -- index -----------------------------------------------------------------------------------------


def build_index(progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Build or refresh the knowledge index (idempotent: embeds only what changed).

    `progress(stage, done, total)` is called as the build goes ("scan", then "embed" per batch).
    Returns stats: location, collection, embedder, documents, chunks, embedded, added, updated,
    deleted, unchanged, seconds.
    """
    from knowledge import index

    try:
        return index.build_index(_chunks(), embedder=_embedder(), progress=progress, **_location())
    except _errors() as exc:
        raise AdvisorError(f"knowledge index: {exc}") from exc


# -- questions -------------------------------------------------------------------------------------


def _clean_question(question: object) -> str:
    if not isinstance(question, str):
        raise InputError("question", "a non-empty question", question)
    text = unicodedata.normalize("NFKC", question)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    if not text:
        raise InputError("question", "a non-empty question", question)
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[:MAX_QUESTION_CHARS]
        space = cut.rfind(" ")
        text = cut[:space] if space > MAX_QUESTION_CHARS // 2 else cut
    return text


def _check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InputError("k", f"an integer from 1 to {MAX_K}", k)
    return k


def _search(question: str, k: int, topics: Iterable[str] | None = None) -> list:
    from knowledge.retrieval import hybrid_search

    try:
        return hybrid_search(
            question, _chunks(), k=k, topics=topics, embedder=_embedder(), **_location()
        )
    except _errors() as exc:
        raise AdvisorError(f"knowledge index: {exc}") from exc


def _citation(passage: Any) -> dict:
    return {
        "id": passage.id,
        "title": passage.title,
        "topic": passage.topic,
        "excerpt": passage.excerpt,
        "score": round(float(passage.score), 4),
    }


def retrieve(question: str, k: int = 4, topics: Iterable[str] | None = None) -> list[dict]:
    """The best passages for `question` ([{id, title, topic, excerpt, score}], best first), without
    composing an answer; empty when nothing relevant is found. Used to ground playground runs."""
    from knowledge.retrieval import excerpt

    question = _clean_question(question)
    k = _check_k(k)
    out = []
    for passage in _search(question, k, topics):
        item = _citation(passage)
        item["excerpt"] = excerpt(passage.body, question, max_chars=700)
        out.append(item)
    return out


def ask(question: str, k: int = 4) -> dict:
    """Answer `question` from the knowledge base.

    Returns {answer, mode: "extractive" | "generative", citations: [{id, title, topic, excerpt,
    score}]}, citations best first and numbered [1], [2], ... in the answer. Raises InputError for
    an empty question or a k outside 1..20.
    """
    question = _clean_question(question)
    k = _check_k(k)
    passages = _search(question, k)
    if not passages:
        return {"answer": NOT_COVERED, "mode": "extractive", "citations": []}
    citations = [_citation(p) for p in passages]
    if _generative_configured():
        answer = _generative(question, passages)
        if answer:
            return {"answer": answer, "mode": "generative", "citations": citations}
    return {"answer": _extractive(question, passages), "mode": "extractive", "citations": citations}


# -- extractive answers ----------------------------------------------------------------------------


def _sentence_scores(
    question: str, passage: Any, idf: dict[str, float]
) -> list[tuple[float, float, int, str]]:
    """(overlap with the question 0..1, overlap plus a bonus for coming early, position, sentence)."""
    from knowledge.retrieval import sentences, tokenize

    terms = set(tokenize(question))
    weight = sum(idf.get(t, 1.0) for t in terms) or 1.0
    out = []
    sents = sentences(passage.body)
    for i, sentence in enumerate(sents):
        if len(sentence) < 25 or sentence.endswith(":") or len(sentence) > 600:
            continue
        overlap = sum(idf.get(t, 1.0) for t in terms & set(tokenize(sentence))) / weight
        position = 0.2 if i == 0 else 0.08 * (1 - i / max(len(sents), 1))
        length = 0.1 if 80 <= len(sentence) <= 320 else (-0.1 if len(sentence) < 50 else 0.0)
        out.append((overlap, overlap + position + length, i, sentence))
    return out


def _cite(sentence: str, n: int) -> str:
    sentence = sentence.strip()
    match = re.search(r"([.!?…]+[\"')\]]*)$", sentence)
    if match:
        return f"{sentence[: match.start()]} [{n}]{match.group(1)}"
    return f"{sentence} [{n}]."


def _too_similar(a: str, b: str) -> bool:
    from knowledge.retrieval import tokenize

    ta, tb = set(tokenize(a)), set(tokenize(b))
    if not ta or not tb:
        return a == b
    return len(ta & tb) / len(ta | tb) > 0.6


def _extractive(question: str, passages: list) -> str:
    """Up to two sentences from the best passage, then one from each of the next two passages when
    they score close to the best and the sentence shares enough of the question's terms; each
    sentence is cited with its passage's number."""
    from knowledge.retrieval import lexical_searcher

    idf = lexical_searcher(_chunks()).bm25.idf
    top = max(float(passages[0].score), 1e-9)
    chosen: list[tuple[int, int, str]] = []  # (passage number, sentence position, sentence)
    for n, passage in enumerate(passages[:3], start=1):
        if n > 1 and float(passage.score) < 0.6 * top:
            break
        scored = sorted(_sentence_scores(question, passage, idf), key=lambda s: -s[1])
        quota = 2 if n == 1 else 1
        for overlap, _, position, sentence in scored:
            if quota == 0 or len(chosen) >= ANSWER_SENTENCES:
                break
            if n > 1 and overlap < 0.5:
                break
            if n == 1 and chosen and overlap < 0.2:
                break
            if any(_too_similar(sentence, other) for _, _, other in chosen):
                continue
            chosen.append((n, position, sentence))
            quota -= 1
    if not chosen:  # no sentence passed the filters: fall back to the best passage's excerpt
        return _cite(passages[0].excerpt or passages[0].title, 1)
    chosen.sort(key=lambda item: (item[0], item[1]))
    parts: list[str] = []
    total = 0
    for n, _, sentence in chosen:
        if parts and total + len(sentence) > ANSWER_CHARS:
            break
        parts.append(_cite(sentence, n))
        total += len(sentence)
    return " ".join(parts)


# -- generative answers ----------------------------------------------------------------------------


def _generative_configured() -> bool:
    return bool(config.env("OPENAI_API_KEY") or config.env("AZURE_OPENAI_ENDPOINT"))


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


# -- citations for recommendations -----------------------------------------------------------------


def cite_for(query: str, topics: Iterable[str] | None = None, k: int = 3) -> list[dict]:
    """Articles for a recommendation, retrieved lexically (fast: no torch, no chromadb):
    [{id, title, topic, excerpt}], best first. Without `topics`, model cards are left out."""
    from knowledge.retrieval import lexical_search

    if not isinstance(query, str) or not query.strip():
        return []
    query = _clean_question(query)
    if topics is None:
        from knowledge.articles import TOPICS

        topics = [t for t in TOPICS if t != "model-card"]
    hits = lexical_search(query, k=k, topics=list(topics))
    return [{key: hit[key] for key in ("id", "title", "topic", "excerpt")} for hit in hits]
