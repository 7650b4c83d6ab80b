"""The kind of task a use case describes, by meaning: the text is compared with short
descriptions of each task in the local embedder's vector space, so "pull the invoice number and
total out of each PDF" is extraction although it names no keyword. The embedder (MiniLM) is an
English model: Swedish text is put into English words by the knowledge base's glossary first.

Used only when the local embedder is already loaded in this process (the app and the bot load it
for the knowledge base); a CLI call never loads torch for this and keeps the keyword rules. The
intake asks it only when no keyword rule fires, so an answer never depends on whether the
embedder happened to be loaded when a rule would have decided anyway.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict

# A few ways people describe each task; each line is compared on its own (best match counts).
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "chat": (
        "a chatbot or assistant that holds a conversation with customers or employees",
        "answer people's questions in a chat window, like customer support",
    ),
    "question-answering": ("answer questions from our documents, manuals, wiki or policies",),
    "summarization": (
        "summarize or condense long documents, meetings, reports or threads into a short text",
    ),
    "classification": (
        "sort, label, tag, route or categorise items such as emails, tickets, claims or reviews",
        "assign each item a category or code",
    ),
    "extraction": (
        "pull out fields such as names, dates, amounts or invoice numbers from documents",
        "extract structured data from forms, contracts or invoices",
    ),
    "translation": ("translate text between languages",),
    "text-generation": ("write marketing copy, product descriptions, emails or articles",),
    "code-generation": (
        "write, complete, review or explain source code for developers",
        "suggest the next line of code while programmers type",
    ),
    "embeddings": (
        "find similar documents, deduplicate or cluster items, semantic search by similarity",
        "group tickets or reports that are about the same problem, find near-duplicates",
    ),
    "image-generation": ("create images, pictures, illustrations, visuals or product photos",),
    "speech-to-text": ("transcribe audio, calls, meetings or podcasts into written text",),
    "text-to-speech": ("read text aloud with a synthetic voice, turn articles into audio",),
    "vision": ("understand photos, scans or screenshots: describe or inspect what an image shows",),
}
# Below this cosine similarity nothing is close enough to call it; the rules decide then.
MIN_SIMILARITY = 0.30
# A rule-based task within this much of the best match wins the tie (rules are precise when they
# fire; meaning decides when they are silent or clearly wrong).
TIE = 0.05
_CACHE_SIZE = 256  # Slack threads and the recommender read the same use case several times

_lock = threading.Lock()
_vectors: list[tuple[str, list[float]]] = []
_cache: OrderedDict[str, list[tuple[str, float]]] = OrderedDict()


def _embedder():
    """The local embedder when it is loaded in this process, else None."""
    module = sys.modules.get("knowledge.embeddings")
    if module is None:
        return None
    embedder = module.get_embedder()
    return embedder if getattr(embedder, "loaded", False) else None


def rank(text: str) -> list[tuple[str, float]] | None:
    """Tasks by similarity to the text, best first; None when the embedder is not loaded."""
    embedder = _embedder()
    if embedder is None or not text.strip():
        return None
    with _lock:
        if text in _cache:
            _cache.move_to_end(text)
            return _cache[text]
        if not _vectors:
            lines = [(task, line) for task, lines in DESCRIPTIONS.items() for line in lines]
            vectors = embedder.embed_documents([line for _, line in lines])
            _vectors.extend(
                (task, vector) for (task, _), vector in zip(lines, vectors, strict=True)
            )
    from knowledge.glossary import english_query

    query = embedder.embed_query(english_query(text)[1])
    best: dict[str, float] = {}
    for task, vector in _vectors:  # both are normalised: the dot product is the cosine
        similarity = sum(a * b for a, b in zip(query, vector, strict=True))
        best[task] = max(best.get(task, -1.0), similarity)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    with _lock:
        _cache[text] = ranked
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return ranked


def choose(text: str, by_rules: str | None) -> str | None:
    """The task for `text`: by meaning when the embedder is loaded and something is close
    enough, the rules' answer winning near ties; the rules' answer otherwise."""
    ranked = rank(text)
    if not ranked or ranked[0][1] < MIN_SIMILARITY:
        return by_rules
    task, similarity = ranked[0]
    if by_rules and by_rules != task and dict(ranked).get(by_rules, -1.0) >= similarity - TIE:
        return by_rules
    return task
