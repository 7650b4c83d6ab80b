"""Retrieval from the knowledge base, below both `qa` (answers) and `playground` (grounded runs):
the index build, the hybrid search over Chroma, and the lexical fast path for recommendations.

The index is a directory under ADVISOR_HOME, or the Chroma server named by CHROMA_HOST and
CHROMA_PORT. Heavy imports (chromadb, torch) happen on first use, inside the functions here.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from .. import config, settings
from ..errors import AdvisorError, InputError

MAX_QUESTION_CHARS = 2000  # longer questions are cut at a word boundary
MAX_K = 20


# -- settings --------------------------------------------------------------------------------------


def _location() -> dict[str, Any]:
    """Where the index lives: the Chroma server from CHROMA_HOST/CHROMA_PORT, else ADVISOR_HOME."""
    host = config.env("CHROMA_HOST")
    if host:
        return {"host": host, "port": settings.value("CHROMA_PORT")}
    return {"path": config.chroma_path()}


def embedder(name: str | None = None):
    """The embedder called `name` (default: the local all-MiniLM-L6-v2), set up from the settings:
    the local model's threads (KB_EMBED_WORKERS), OpenAI's key and base URL. The knowledge layer
    reads no environment; this is where it gets them."""
    from knowledge.embeddings import get_embedder

    return get_embedder(
        name,
        workers=settings.value("KB_EMBED_WORKERS"),
        api_key=config.get_key("OPENAI_API_KEY"),
        base_url=config.env("OPENAI_BASE_URL"),
    )


def _embedder():
    """ADVISOR_EMBEDDER=openai selects OpenAI text-embedding-3-small (a separate collection);
    the default is all-MiniLM-L6-v2, offline."""
    return embedder(config.env("ADVISOR_EMBEDDER"))


def _folder() -> str | None:
    """ADVISOR_KNOWLEDGE_DIR: a folder of articles that is the whole knowledge base."""
    return config.env("ADVISOR_KNOWLEDGE_DIR")


def chunks() -> list:
    """Every document, chunked: knowledge.articles.articles() + knowledge.cards.model_cards(), or
    the articles in ADVISOR_KNOWLEDGE_DIR alone."""
    from knowledge.retrieval import default_chunks

    with _knowledge_dir():
        return default_chunks(_folder())


def own_articles() -> list[dict]:
    """The knowledge base's articles: ADVISOR_KNOWLEDGE_DIR's when set, else the packaged ones."""
    from knowledge.retrieval import own_articles as knowledge_own_articles

    with _knowledge_dir():
        return knowledge_own_articles(_folder())


@contextlib.contextmanager
def _knowledge_dir():
    """ADVISOR_KNOWLEDGE_DIR naming no folder as one InputError line naming the variable."""
    from knowledge.retrieval import KNOWLEDGE_DIR_ENV, KnowledgeDirError

    try:
        yield
    except KnowledgeDirError as exc:
        raise InputError(KNOWLEDGE_DIR_ENV, exc.allowed, str(exc.path)) from exc


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
        return index.build_index(chunks(), embedder=_embedder(), progress=progress, **_location())
    except _errors() as exc:
        raise AdvisorError(f"knowledge index: {exc}") from exc


# -- questions -------------------------------------------------------------------------------------


def clean_question(question: object) -> str:
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


def check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InputError("k", f"an integer from 1 to {MAX_K}", k)
    return k


def search(question: str, k: int, topics: Iterable[str] | None = None, *, cut: bool = True) -> list:
    """The best passages for `question`, best first. With `cut` (default) empty when none answers
    it; without, the nearest ones anyway (`knowledge.retrieval.answers_question` tells)."""
    from knowledge.retrieval import hybrid_search

    try:
        return hybrid_search(
            question, chunks(), k=k, topics=topics, embedder=_embedder(), cut=cut, **_location()
        )
    except _errors() as exc:
        raise AdvisorError(f"knowledge index: {exc}") from exc


def in_language(passages: list, language: str, question: str) -> list:
    """The passages as passages of their articles' versions in `language` (see
    `knowledge.retrieval.in_language`); empty when the best one has no such version."""
    from knowledge.retrieval import in_language as knowledge_in_language

    return knowledge_in_language(passages, language, question, chunks())


def citation(passage: Any) -> dict:
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
    from knowledge.glossary import english_query
    from knowledge.retrieval import excerpt

    question = clean_question(question)
    k = check_k(k)
    _, english = english_query(question)
    out = []
    for passage in search(question, k, topics):
        item = citation(passage)
        item["excerpt"] = excerpt(passage.body, english, max_chars=700)
        out.append(item)
    return out


# -- citations for recommendations -----------------------------------------------------------------


def cite_for(query: str, topics: Iterable[str] | None = None, k: int = 3) -> list[dict]:
    """Articles for a recommendation, retrieved lexically (fast: no torch, no chromadb):
    [{id, title, topic, excerpt}], best first. Without `topics`, model cards are left out."""
    from knowledge.retrieval import lexical_search

    if not isinstance(query, str) or not query.strip():
        return []
    query = clean_question(query)
    if topics is None:
        from knowledge.articles import TOPICS

        topics = [t for t in TOPICS if t != "model-card"]
    with _knowledge_dir():
        hits = lexical_search(query, k=k, topics=list(topics), folder=_folder())
    return [{key: hit[key] for key in ("id", "title", "topic", "excerpt")} for hit in hits]
