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

from . import config, retrieval
from .retrieval import check_k, citation, clean_question, search

log = logging.getLogger(__name__)

ANSWER_SENTENCES = 4
ANSWER_CHARS = 900
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
    answer = _extractive(english, passages)
    if language in SOURCE_NOTE:
        answer = f"{SOURCE_NOTE[language]} {answer}"
    return {"answer": answer, "mode": "extractive", "citations": citations}


# -- extractive answers ----------------------------------------------------------------------------

# A sentence that leans on the one before it ("This makes...", "For this task...") reads badly on
# its own; it is used only when it opens its passage. One that continues an argument ("However",
# "Even so") is never used.
_DANGLING = re.compile(
    r"^(?:this|that|these|those|it|its|it's|they|them|their|such|both|either|neither|here|"
    r"(?:for|in|with|on|at|by|from|after|of) (?:this|that|these|those|such|it|them)|"
    r"the (?:same|reverse|other|latter|former|opposite|rest))\b",
    re.I,
)
_CONNECTIVE = re.compile(
    r"^(?:however|but|and|or|yet|still|also|instead|otherwise|then|thus|hence|likewise|"
    r"similarly|even so|even then|as a result|in addition|in contrast|on the other hand)\b",
    re.I,
)
# Question words that say what kind of answer is wanted, not what it is about.
_GENERIC = frozenset(
    "best compar comparison describ differ exampl explain good kind type versu vs work".split()
)
# "difference between X and Y", "X versus Y", "X vs. Y", "compare X with Y"
_SIDES = (
    re.compile(r"\bdifferen\w*\s+between\s+(.+?)\s+and\s+(.+?)(?:[?.!]|$)", re.I),
    re.compile(r"\bcompar\w*\s+(.+?)\s+(?:and|with|to)\s+(.+?)(?:[?.!]|$)", re.I),
    re.compile(r"([\w.-]+(?:\s+[\w.-]+)?)\s+(?:vs\.?|versus)\s+([\w.-]+(?:\s+[\w.-]+)?)", re.I),
)
ANSWER_MAX_SENTENCES = 5


def _sides(question: str) -> list[set[str]]:
    """The two things a comparison question asks about, as term sets (empty when it is not one)."""
    from knowledge.retrieval import tokenize

    for pattern in _SIDES:
        match = pattern.search(question)
        if match:
            a, b = (set(tokenize(side)) for side in match.groups())
            a, b = a - b - _GENERIC or a, b - a - _GENERIC or b
            if a and b and a != b:
                return [a, b]
    return []


def _names(side: set[str], terms: frozenset[str]) -> bool:
    """Whether a sentence with `terms` is about `side` (all of a short side, most of a long one)."""
    return len(side & terms) >= min(len(side), max(1, (len(side) + 1) // 2))


def _usable(sentence: str, position: int) -> bool:
    if len(sentence) < 40 or len(sentence) > 600:
        return False
    end = sentence.rstrip("\"')]")
    if end.endswith(("?", ":")):
        return False
    if _CONNECTIVE.match(sentence):
        return False
    return position == 0 or not _DANGLING.match(sentence)


def _candidates(question: str, passages: list, idf: dict[str, float]) -> list[dict]:
    """Every usable sentence of the best passages, scored for relevance and informativeness."""
    from knowledge.retrieval import sentence_terms, tokenize

    terms = set(tokenize(question))
    focus = terms - _GENERIC or terms
    weight = sum(idf.get(t, 1.0) for t in focus) or 1.0
    top = max(float(passages[0].score), 1e-9)
    out = []
    for n, passage in enumerate(passages[:3], start=1):
        if n > 1 and float(passage.score) < 0.5 * top:
            break
        heading = set(tokenize(passage.heading))
        # A section whose heading is the question ("How RAG works") answers it in every sentence.
        on_topic = len(heading & terms) / len(heading | terms) if heading else 0.0
        analysed = sentence_terms(passage.body)
        for i, (sentence, words) in enumerate(analysed):
            if not _usable(sentence, i):
                continue
            shared = focus & words
            overlap = max(sum(idf.get(t, 1.0) for t in shared) / weight, 0.6 * on_topic)
            # Informative: brings terms of its own, not only the question's words back.
            news = sum(min(idf.get(t, 1.0), 4.0) for t in words - terms)
            info = min(news / 24.0, 1.0)
            position = 0.1 if i == 0 else 0.05 * (1 - i / max(len(analysed), 1))
            length = 0.05 if 70 <= len(sentence) <= 320 else (-0.15 if len(sentence) < 50 else 0.0)
            rank = -0.12 * (n - 1) + 0.3 * on_topic
            score = overlap + 0.45 * info + position + length + rank
            out.append(
                {
                    "n": n,
                    "i": i,
                    "text": sentence,
                    "terms": words,
                    "overlap": overlap,
                    "score": score,
                }
            )
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
    """Three to five informative sentences from the best two or three passages, each cited with
    its passage's number. Sentences that share the question's terms come first; for "difference
    between X and Y" questions each side gets a sentence of its own when the passages have one;
    questions and sentences that lean on a previous one are skipped."""
    from knowledge.retrieval import lexical_searcher

    idf = lexical_searcher(retrieval.chunks()).bm25.idf
    candidates = sorted(_candidates(question, passages, idf), key=lambda c: -c["score"])
    chosen: list[dict] = []
    total = 0

    def take(candidate: dict) -> bool:
        nonlocal total
        if candidate in chosen or len(chosen) >= ANSWER_MAX_SENTENCES:
            return False
        if chosen and total + len(candidate["text"]) > ANSWER_CHARS:
            return False
        if any(_too_similar(candidate["text"], c["text"]) for c in chosen):
            return False
        chosen.append(candidate)
        total += len(candidate["text"])
        return True

    # Each side of a comparison: the best sentence that names that side and not only both.
    sides = _sides(question)
    for side in sides:
        named = [c for c in candidates if c["overlap"] > 0 and _names(side, c["terms"])]
        alone = [c for c in named if not any(_names(o, c["terms"]) for o in sides if o is not side)]
        for candidate in alone or named:
            if take(candidate):
                break
    # Then the best sentences overall: relevant ones first, informative ones of the top passages
    # to round the answer off to at least three sentences.
    for candidate in candidates:
        if len(chosen) >= ANSWER_SENTENCES:
            break
        if candidate["overlap"] <= 0:
            continue
        if candidate["n"] > 1 and candidate["overlap"] < (0.3 if len(chosen) < 3 else 0.5):
            continue
        take(candidate)
    for candidate in candidates:
        if len(chosen) >= 3:
            break
        if candidate["n"] <= 2:
            take(candidate)
    if not chosen:  # no usable sentence: fall back to the best passage's excerpt
        return _cite(passages[0].excerpt or passages[0].title, 1)
    # Passages in the order of their best chosen sentence, sentences in their order in the passage.
    lead: dict[int, float] = {}
    for c in chosen:
        lead[c["n"]] = max(lead.get(c["n"], -1e9), c["score"])
    chosen.sort(key=lambda c: (-lead[c["n"]], c["n"], c["i"]))
    return " ".join(_cite(c["text"], c["n"]) for c in chosen)


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
