"""Retrieval over the knowledge base: hybrid dense + lexical search, and a light lexical search.

``HybridRetriever`` fuses two rankings of the same chunks with reciprocal rank fusion: the dense one
from LangChain's Chroma vector store (``similarity_search_with_relevance_scores``) and a BM25
ranking scored by ``bm25s`` over terms stemmed by PyStemmer. Results are deduplicated per document, best first, and a
threshold tells when nothing relevant was found.

``lexical_search`` needs neither torch nor chromadb: it ranks chunks with the same BM25 index and is
what the recommender uses to cite articles quickly.

Model cards (topic ``model-card``) describe one catalog model each; they rank lower unless the
question names that model, so that general questions are answered from the articles.

Swedish questions are rewritten into English terms first (``knowledge.glossary``), for both halves.
"""

from __future__ import annotations

import functools
import math
import os
import re
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from knowledge.glossary import english_query
from knowledge.index import Chunk, chunk_documents, fingerprint

# --------------------------------------------------------------------------------------------
# Tokenizing (PyStemmer's Porter stemmer) and BM25 (bm25s)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves let lets s t d ll m re ve also
    may might must shall us get got ever mean means meant thing things use used using want wants
    whats hows whys wheres whos thats theres heres""".split()
)
# (the last line: question words with "'s" as the tokenizer leaves them, "what's" -> "whats")

# The original Porter algorithm rather than Snowball's "english": Snowball leaves acronym plurals
# whole ("LLMs" -> "llms", "GPUs" -> "gpus"), so they would no longer meet "LLM" and "GPU".
STEMMER_ALGORITHM = "porter"
# Swedish letters belong to words, so that a Swedish word the glossary does not know stays one
# (unknown) term instead of falling apart into fragments that happen to match English ones.
_WORD = re.compile(r"[a-z0-9åäöéü]+(?:[-'][a-z0-9åäöéü]+)*")
_stemmers = threading.local()


def _stemmer() -> Any:
    # PyStemmer instances keep internal state and must not be shared between threads.
    stemmer = getattr(_stemmers, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _stemmers.stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)
    return stemmer


def _stemmable(word: str) -> bool:
    # Short words and words with digits are acronyms and names ("vs", "rag", "gpt4o", "t5"):
    # suffix stripping would only mangle them.
    return len(word) > 3 and word.isalpha()


def stem(word: str) -> str:
    """The Porter stem of ``word``; short words and words with digits are left alone."""
    return _stemmer().stemWord(word) if _stemmable(word) else word


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed terms without stop words. A hyphenated word also yields its joined
    form (``few-shot`` -> ``few``, ``shot``, ``fewshot``), so spellings with and without the
    hyphen meet."""
    out: list[str] = []
    known = _WORD_TERMS
    for word in _WORD.findall(text.lower()):
        terms = known.get(word)
        if terms is None:
            terms = _word_terms(word)
        out.extend(terms)
    return out


# word -> its terms. A word's terms depend on nothing else, and a cold start tokenizes every
# section of the knowledge base (over a million words, a few thousand distinct), so each distinct
# word is stemmed once per process. Bounded: questions keep bringing new words to a long-running bot.
_WORD_TERMS: dict[str, tuple[str, ...]] = {}
_WORD_TERMS_MAX = 200_000


def _word_terms(word: str) -> tuple[str, ...]:
    stem_word = _stemmer().stemWord
    out: list[str] = []
    parts = word.replace("'", "").split("-")
    for part in parts:
        if part and part not in STOPWORDS and (len(part) > 1 or part.isdigit()):
            out.append(stem_word(part) if _stemmable(part) else part)
    if len(parts) > 1:
        joined = "".join(parts)
        out.append(stem_word(joined) if _stemmable(joined) else joined)
    terms = tuple(out)
    if len(_WORD_TERMS) >= _WORD_TERMS_MAX:
        _WORD_TERMS.clear()
    _WORD_TERMS[word] = terms
    return terms


def _hyphen_joins(text: str) -> dict[str, list[str]]:
    """The joined terms `tokenize` adds for hyphenated words, each with the terms of its parts."""
    joins: dict[str, list[str]] = {}
    for match in _WORD.finditer(text.lower()):
        word = match.group(0).replace("'", "")
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            joined = tokenize("".join(parts))
            if joined:
                joins[joined[0]] = [t for part in parts for t in tokenize(part)]
    return joins


class LexicalIndex:
    """BM25 over chunk texts, scored by bm25s; title and heading count twice (they say what a
    section is about). ``idf`` maps each indexed term to its BM25 idf."""

    def __init__(self, chunks: Sequence[Chunk], k1: float = 1.2, b: float = 0.75):
        import bm25s  # numpy and scipy: loaded when a searcher is first built, not on import
        import numpy as np

        self.chunks = list(chunks)
        self.k1 = k1
        self.b = b
        # Each chunk's text terms, kept: the searcher's `doc_terms` is made from the same ones.
        self.text_terms = [tokenize(chunk.text) for chunk in self.chunks]
        corpus = [
            terms + tokenize(f"{chunk.heading} {chunk.topic.replace('-', ' ')}")
            for terms, chunk in zip(self.text_terms, self.chunks, strict=True)
        ]
        # Lucene's variant: its idf never goes negative, so a term in most chunks still counts.
        # float64 keeps equal scores equal, so ties break by chunk order as they always did.
        self.model = bm25s.BM25(k1=k1, b=b, method="lucene", dtype="float64")
        self.idf: dict[str, float] = {}
        if any(corpus):
            self.model.index(corpus, create_empty_token=False, show_progress=False)
            # Each column of bm25s's chunk x term matrix holds one entry per chunk containing
            # the term, so its length is the document frequency.
            df = np.diff(self.model.scores["indptr"])
            idf = np.log1p((len(corpus) - df + 0.5) / (df + 0.5))
            self.idf = {term: float(idf[i]) for term, i in self.model.vocab_dict.items()}

    def query_terms(self, query: str, limit: int = 64) -> list[str]:
        terms = list(dict.fromkeys(t for t in tokenize(query) if t in self.idf))
        if len(terms) > limit:  # very long questions: keep the most telling terms
            terms = sorted(terms, key=lambda t: -self.idf[t])[:limit]
        return terms

    def scores(self, query: str, allowed: set[int] | None = None) -> tuple[dict[int, float], float]:
        """(chunk index -> BM25 score, the highest score any chunk could reach for this query)."""
        import numpy as np

        terms = self.query_terms(query)
        scores: dict[int, float] = {}
        if terms:
            mask = None
            if allowed is not None:
                mask = np.zeros(len(self.chunks))
                mask[np.fromiter(allowed, dtype=np.intp, count=len(allowed))] = 1.0
            got = self.model.get_scores(terms, weight_mask=mask)
            hit = np.flatnonzero(got)
            scores = dict(zip(hit.tolist(), got[hit].tolist(), strict=True))
        # The best score reachable: every distinct query term once in a short chunk. Terms that no
        # chunk contains count at the idf of a term in no chunk, so a question mostly about other
        # things scores low.
        all_terms = set(tokenize(query))
        unknown_idf = math.log1p((len(self.chunks) + 0.5) / 0.5)
        if len(all_terms) > 64:  # very long questions: compare with the terms actually used
            mass = sum(self.idf[t] for t in terms)
        else:
            mass = sum(self.idf.get(t, unknown_idf) for t in all_terms)
        k1, b = self.k1, self.b
        ceiling = mass / (1 + k1 * (1 - b)) if mass else 0.0
        return scores, ceiling

    def search(
        self, query: str, k: int = 10, allowed: set[int] | None = None
    ) -> list[tuple[int, float]]:
        scores, _ = self.scores(query, allowed)
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


# --------------------------------------------------------------------------------------------
# Shared helpers: model mentions, excerpts, results


def _card_aliases(chunks: Sequence[Chunk]) -> dict[str, list[tuple[str, ...]]]:
    """Model-card document id -> token sequences that name its model (name, catalog id)."""
    aliases: dict[str, list[tuple[str, ...]]] = {}
    for chunk in chunks:
        if chunk.topic != "model-card" or chunk.doc_id in aliases:
            continue
        name = re.sub(r"\s+model card$", "", chunk.title, flags=re.I)
        model_id = chunk.doc_id.removeprefix("model-card-")
        forms = {tuple(_plain(name)), tuple(_plain(model_id))}
        for form in list(forms):  # "Llama 3.1 8B Instruct" is also called "Llama 3.1 8B"
            if len(form) > 2 and form[-1] in ("instruct", "chat", "it", "latest"):
                forms.add(form[:-1])
        aliases[chunk.doc_id] = [f for f in forms if f]
    return aliases


def _plain(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower())


def mentioned_cards(query: str, aliases: Mapping[str, list[tuple[str, ...]]]) -> set[str]:
    words = _plain(query)
    joined = "".join(words)
    # Word sequences compared as space-delimited strings: a C-level substring test per form.
    spaced = f" {' '.join(words)} "
    found: set[str] = set()
    for doc_id, forms in aliases.items():
        for form in forms:
            if f" {' '.join(form)} " in spaced or (
                len(form) > 1 and "".join(form) in joined and len("".join(form)) >= 6
            ):
                found.add(doc_id)
                break
    return found


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")


def clean_markdown(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"([*`]{1,3})([^*`]+)\1", r"\2", text)
    text = re.sub(r"(?<!\w)(_{1,2})([^_]+)\1(?!\w)", r"\2", text)
    text = text.replace("|", " ")
    return text


def sentences(text: str) -> list[str]:
    """The sentences of a Markdown passage (list items and lines count as sentences too)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", text):
        block = " ".join(clean_markdown(block).split())
        if not block:
            continue
        for sentence in _SENTENCE.split(block):
            sentence = sentence.strip()
            if len(sentence) > 1:
                out.append(sentence)
    return out


@functools.lru_cache(maxsize=4096)
def sentence_terms(body: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Sentences of a passage with their terms; cached because the same passages come back."""
    return tuple((sentence, frozenset(tokenize(sentence))) for sentence in sentences(body))


def excerpt(body: str, query: str = "", max_chars: int = 320) -> str:
    """A short excerpt of ``body``: from the sentence that best matches ``query`` onward."""
    analysed = sentence_terms(body)
    sents = [sentence for sentence, _ in analysed]
    if not sents:
        return ""
    start = 0
    terms = set(tokenize(query)) if query else set()
    if terms:
        best = -1.0
        for i, (_, words) in enumerate(analysed):
            score = len(terms & words) - 0.01 * i
            if score > best:
                best, start = score, i
        if best <= 0:
            start = 0
    text = ""
    for sentence in sents[start:]:
        candidate = f"{text} {sentence}".strip()
        if len(candidate) > max_chars:
            if not text:
                cut = sentence[:max_chars].rsplit(" ", 1)[0].rstrip(",;:")
                text = cut + " …"
            break
        text = candidate
    return text


@dataclass
class Passage:
    id: str  # document id
    chunk_id: str
    title: str
    topic: str
    heading: str
    excerpt: str
    score: float
    body: str = ""
    dense: float = 0.0  # cosine similarity of the query and the chunk (0 when not computed)
    lexical: float = 0.0  # share of the best reachable BM25 score, 0..1
    coverage: float = 0.0  # share of the question's content words its document uses, 0..1
    language: str = "en"
    translation_of: str = ""  # for a version in another language: the English article's id

    @classmethod
    def of(cls, chunk: Chunk, query: str, score: float, **scores: float) -> Passage:
        return cls(
            id=chunk.doc_id,
            chunk_id=chunk.id,
            title=chunk.title,
            topic=chunk.topic,
            heading=chunk.heading,
            excerpt=excerpt(chunk.body, query),
            score=score,
            body=chunk.body,
            language=chunk.language,
            translation_of=chunk.translation_of,
            **scores,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "topic": self.topic,
            "heading": self.heading,
            "excerpt": self.excerpt,
            "score": round(self.score, 4),
        }


HEADING_BONUS = 0.2  # picks, within one document, the section whose heading matches the question


def _best_per_document(
    ranked: Iterable[tuple[int, float]],
    chunks: Sequence[Chunk],
    k: int,
    query_terms: set[str] | None = None,
    heading_terms: Sequence[set[str]] | None = None,
) -> list[tuple[int, float]]:
    """One (chunk, score) per document, documents ranked by their best chunk. The chunk shown
    for a document is its best one after a bonus for a heading that matches the question."""
    best: dict[str, tuple[float, int, float]] = {}  # doc -> (pick score, chunk, doc score)
    order: list[str] = []
    for i, score in ranked:
        doc_id = chunks[i].doc_id
        bonus = 0.0
        if query_terms and heading_terms is not None:
            h = heading_terms[i]
            if h:
                bonus = HEADING_BONUS * len(h & query_terms) / len(h | query_terms)
        current = best.get(doc_id)
        if current is None:
            order.append(doc_id)
            best[doc_id] = (score + bonus, i, score)
        elif score + bonus > current[0]:
            best[doc_id] = (score + bonus, i, current[2])
    out = [(best[d][1], best[d][2]) for d in order]
    out.sort(key=lambda item: -item[1])
    return out[:k]


# --------------------------------------------------------------------------------------------
# Light lexical search (no torch, no chromadb)

# Words that frame a question ("which is the best way to ...", "can you recommend ...") rather
# than say what it is about; they do not count when asking whether an article covers a question.
_QUESTION_FRAME = """best better good great right way ways kind kinds type types sort sorts several
many much lot lots need needs needed choose choosing chosen pick picking select recommend
recommended suggest work works working build building make making tell explain describe example
examples know someone something anyone anything currently today tomorrow now please help thanks
possible really actually"""


@functools.cache
def question_frame() -> frozenset[str]:
    return frozenset(tokenize(_QUESTION_FRAME))


CARD_PENALTY = 0.5  # model cards not named in the question count half
# Searches run over the English articles (questions in Swedish are rewritten into English terms
# first); an answer in another language swaps in that language's version of what was found
# (see `in_language`).
SEARCH_LANGUAGE = "en"


class LexicalSearcher:
    def __init__(self, chunks: Sequence[Chunk]):
        self.chunks = list(chunks)
        self.bm25 = LexicalIndex(self.chunks)
        self.aliases = _card_aliases(self.chunks)
        self.heading_terms = [set(tokenize(c.heading)) for c in self.chunks]
        self._by_topic: dict[str, set[int]] = {}
        self._by_language: dict[str, set[int]] = {}
        for i, chunk in enumerate(self.chunks):
            self._by_topic.setdefault(chunk.topic, set()).add(i)
            self._by_language.setdefault(chunk.language, set()).add(i)

    @functools.cached_property
    def doc_terms(self) -> dict[str, frozenset[str]]:
        """Document id -> every term of its chunks (what the document says anywhere)."""
        terms: dict[str, set[str]] = {}
        for chunk, text_terms in zip(self.chunks, self.bm25.text_terms, strict=True):
            terms.setdefault(chunk.doc_id, set()).update(text_terms)
        return {doc: frozenset(found) for doc, found in terms.items()}

    def coverage(self, query: str, doc_id: str, ignore: frozenset[str] = frozenset()) -> float:
        """The share of the question's content words (weighted by idf) that the document uses.
        A word no document uses counts at the idf of a term in no chunk, so a question about
        pizza or Kubernetes covers little of any article, however close its other words are."""
        terms = set(tokenize(query)) - question_frame() - ignore
        if not terms:
            return 1.0
        unknown = math.log1p((len(self.chunks) + 0.5) / 0.5)
        weights = {t: self.bm25.idf.get(t, unknown) for t in terms}
        have = self.doc_terms.get(doc_id, frozenset())
        # "batch-API" also yields "batchapi": a document that uses both parts uses the word.
        joined = {j: parts for j, parts in _hyphen_joins(query).items() if j in terms}
        covered = {t for t in terms if t in have or (t in joined and set(joined[t]) <= have)}
        return sum(weights[t] for t in covered) / sum(weights.values())

    def allowed(
        self, topics: Iterable[str] | None, language: str | None = SEARCH_LANGUAGE
    ) -> set[int] | None:
        """The chunks a search may return: those of `topics` (all when none) in `language`
        (all languages when None)."""
        out: set[int] | None = None
        if topics:
            out = set()
            for topic in topics:
                out |= self._by_topic.get(topic, set())
        if language is not None and len(self._by_language) > 1:
            own = self._by_language.get(language, set())
            out = own if out is None else out & own
        return out

    def search(self, query: str, k: int = 3, topics: Iterable[str] | None = None) -> list[Passage]:
        _, query = english_query(query)
        allowed = self.allowed(topics)
        scores, ceiling = self.bm25.scores(query, allowed)
        if not scores or ceiling <= 0:
            return []
        named = mentioned_cards(query, self.aliases)
        weighted = []
        for i, s in scores.items():
            chunk = self.chunks[i]
            if chunk.topic == "model-card" and chunk.doc_id not in named:
                s *= CARD_PENALTY
            weighted.append((i, s / ceiling))
        weighted.sort(key=lambda kv: (-kv[1], kv[0]))
        out = []
        picked = _best_per_document(
            weighted, self.chunks, k, set(tokenize(query)), self.heading_terms
        )
        for i, s in picked:
            out.append(Passage.of(self.chunks[i], query, s, lexical=s))
        return out


K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """Values built once per key and shared between threads; only the newest ``size`` are kept, so
    that content that keeps changing (edited articles, rebuilt indexes) does not pile up."""

    def __init__(self, size: int = 8):
        self.size = size
        self._items: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, build: Callable[[], V]) -> V:
        item = self._items.get(key)
        if item is None:
            with self._lock:
                item = self._items.get(key)
                if item is None:
                    item = build()
                    self._items[key] = item
                    while len(self._items) > self.size:
                        del self._items[next(iter(self._items))]
        return item

    def values(self) -> list[V]:
        return list(self._items.values())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_LEXICAL = BoundedCache[str, LexicalSearcher]()


def lexical_searcher(chunks: Sequence[Chunk]) -> LexicalSearcher:
    """A cached searcher for these chunks (one per distinct content)."""
    return _LEXICAL.get(fingerprint(chunks), lambda: LexicalSearcher(chunks))


_DEFAULT: dict[str, Any] = {}
_DEFAULT_LOCK = threading.Lock()


_STAMP_TTL_S = 1.0  # look for edited files at most once a second, not on every search
_stamp_cache: dict[str, Any] = {"at": -1e9, "stamp": None, "dir": None}
# A folder of Markdown articles (the packaged front-matter format) that is the whole knowledge base
# instead of the packaged articles and model cards: a team's own guidance, or a test's few pages.
KNOWLEDGE_DIR_ENV = "ADVISOR_KNOWLEDGE_DIR"


class KnowledgeDirError(ValueError):
    """ADVISOR_KNOWLEDGE_DIR is set but names no folder: said in one line, never an empty
    knowledge base (which would quietly answer and cite nothing)."""

    def __init__(self, path: Path):
        self.path = path
        self.allowed = (
            f"{str(path)[:200]!r} is not a folder; set it to a folder of Markdown articles,"
            " or unset it to use the packaged knowledge base"
        )
        super().__init__(f"{KNOWLEDGE_DIR_ENV}: {self.allowed}")


def own_articles_dir(folder: str | None = None) -> Path | None:
    """The folder the knowledge base is (ADVISOR_KNOWLEDGE_DIR's value, which the core passes as
    `folder`), or None for the packaged one. Raises KnowledgeDirError when it names no folder."""
    value = (folder or "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise KnowledgeDirError(path)
    return path


def own_articles(folder: str | None = None) -> list[dict[str, Any]]:
    """The articles of the knowledge base: those in `folder` (ADVISOR_KNOWLEDGE_DIR) when given,
    else the packaged ones. A file that cannot be read or parsed is skipped with a logged
    warning."""
    from knowledge.articles import articles

    return articles(own_articles_dir(folder), skip_invalid=True)


def _file_stamp(path: Path) -> tuple[int, int]:
    """(mtime, size) of a file, or (-1, -1) for one that vanished or is a broken link."""
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def _stamp(folder: str | None) -> tuple[Any, ...]:
    from knowledge import articles as articles_mod

    now = time.monotonic()
    own = own_articles_dir(folder)
    if now - _stamp_cache["at"] < _STAMP_TTL_S and _stamp_cache["dir"] == own:
        return _stamp_cache["stamp"]
    if own is not None:
        files = sorted(own.glob("*.md"))
    else:
        directory = Path(articles_mod.ARTICLES_DIR)
        files = sorted([*directory.glob("*.md"), *(directory.parent / "data").glob("*.json")])
    stamp = (str(own), *((str(p), *_file_stamp(p)) for p in files))
    _stamp_cache.update(at=now, stamp=stamp, dir=own)
    return stamp


CARD_TOPIC = "model-card"
_ARTICLES: dict[str, Any] = {}  # the articles-only searcher, per version of the files


def default_documents(folder: str | None = None) -> list[dict[str, Any]]:
    """The packaged articles and model cards, or the articles in `folder` (ADVISOR_KNOWLEDGE_DIR)
    alone (re-read when one of their files changes)."""
    stamp = _stamp(folder)
    with _DEFAULT_LOCK:
        if _DEFAULT.get("stamp") == stamp:
            return _DEFAULT["docs"]
        from knowledge.articles import articles
        from knowledge.cards import model_cards

        own = own_articles_dir(folder)
        docs: list[dict[str, Any]] = (
            articles(own, skip_invalid=True) if own else articles(skip_invalid=True) + model_cards()
        )
        _DEFAULT.update(
            stamp=stamp,
            docs=docs,
            chunks=chunk_documents(docs),
            searcher=None,
            article_searcher=None,
        )
        return docs


def default_searcher(folder: str | None = None) -> LexicalSearcher:
    """The lexical searcher over :func:`default_chunks`, built once per version of the files."""
    chunks = default_chunks(folder)
    with _DEFAULT_LOCK:
        if _DEFAULT.get("searcher") is None:
            # The same searcher the hybrid retriever gets for these chunks: one BM25 index, not two.
            _DEFAULT["searcher"] = lexical_searcher(chunks)
        return _DEFAULT["searcher"]


def article_searcher(folder: str | None = None) -> LexicalSearcher:
    """The lexical searcher over the articles alone. Recommendations cite articles, never model
    cards, and the catalog's few thousand card sections would make every cold start index them."""
    stamp = _stamp(folder)
    with _DEFAULT_LOCK:
        if _ARTICLES.get("stamp") != stamp:
            _ARTICLES.update(
                stamp=stamp, searcher=lexical_searcher(chunk_documents(own_articles(folder)))
            )
        return _ARTICLES["searcher"]


def default_chunks(folder: str | None = None) -> list[Chunk]:
    """Chunks of :func:`default_documents`, cached the same way."""
    default_documents(folder)
    return _DEFAULT["chunks"]


def lexical_search(
    query: str,
    k: int = 3,
    topics: Iterable[str] | None = None,
    docs: Iterable[Mapping[str, object]] | None = None,
    folder: str | None = None,
) -> list[dict[str, Any]]:
    """BM25 search over document chunks, one best passage per document, best first.

    ``docs`` defaults to the packaged articles and model cards, or the articles in ``folder``
    (ADVISOR_KNOWLEDGE_DIR); ``topics`` limits the topics.
    Returns ``[{id, chunk_id, title, topic, heading, excerpt, score}]`` (score 0..1).
    """
    if not query or not query.strip():
        return []
    topics = list(topics) if topics is not None else None
    if docs is None and topics is not None and CARD_TOPIC not in topics:
        searcher = article_searcher(folder)
    elif docs is None:
        searcher = default_searcher(folder)
    else:
        chunks = chunk_documents(docs)
        if not chunks:
            return []
        searcher = lexical_searcher(chunks)
    return [p.as_dict() for p in searcher.search(query, k, topics)]


# --------------------------------------------------------------------------------------------
# Hybrid retrieval

RRF_K = 60
DENSE_CANDIDATES = 30
LEXICAL_CANDIDATES = 40
# A passage answers the question when its dense similarity reaches MIN_DENSE and its article uses
# MIN_COVERAGE_WHEN_CLOSE of the question's content words; or, less close in meaning (at least
# MIN_DENSE_WITH_TERMS), when its article uses MIN_COVERAGE of them and the meaning and the words
# together (dense + LEXICAL_WEIGHT x share of the best reachable BM25) reach MIN_EVIDENCE.
MIN_DENSE = 0.42
MIN_COVERAGE_WHEN_CLOSE = 0.3
MIN_DENSE_WITH_TERMS = 0.25
MIN_COVERAGE = 0.5
LEXICAL_WEIGHT = 0.5
MIN_EVIDENCE = 0.55


class HybridRetriever:
    """Dense (Chroma via LangChain) + BM25, fused by reciprocal rank fusion."""

    def __init__(self, vectorstore: Any, chunks: Sequence[Chunk], *, rrf_k: int = RRF_K):
        self.vectorstore = vectorstore
        self.lexical = lexical_searcher(chunks)
        self.chunks = self.lexical.chunks
        self.position = {c.id: i for i, c in enumerate(self.chunks)}
        self.rrf_k = rrf_k
        self.multilingual = len({c.language for c in self.chunks}) > 1

    def dense(
        self, query: str, n: int, topics: Iterable[str] | None = None
    ) -> list[tuple[int, float]]:
        kwargs: dict[str, Any] = {}
        topics = list(topics or [])
        where: list[dict[str, Any]] = []
        if topics:
            where.append({"topic": {"$in": topics}} if len(topics) > 1 else {"topic": topics[0]})
        if self.multilingual:
            where.append({"language": SEARCH_LANGUAGE})
        if where:
            kwargs["filter"] = where[0] if len(where) == 1 else {"$and": where}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # LangChain warns about scores slightly outside 0..1
            results = self.vectorstore.similarity_search_with_relevance_scores(query, k=n, **kwargs)
        out = []
        for doc, score in results:
            i = self.position.get(str((doc.metadata or {}).get("chunk_id") or doc.id or ""))
            if i is not None:
                out.append((i, float(score)))
        return out

    def search(self, query: str, k: int = 4, topics: Iterable[str] | None = None) -> list[Passage]:
        """Up to ``k`` passages, one per document, best first; empty when nothing is relevant."""
        passages = self.rank(query, k, topics)
        if not passages or not self.relevant(passages[0]):
            return []
        return passages

    def rank(self, query: str, k: int = 4, topics: Iterable[str] | None = None) -> list[Passage]:
        """Up to ``k`` passages, one per document, best first, without the relevance cut."""
        topics = list(topics or [])
        _, query = english_query(query.strip())
        if not query:
            return []
        n = min(len(self.chunks), DENSE_CANDIDATES)
        dense = self.dense(query, n, topics) if n else []
        allowed = self.lexical.allowed(topics)
        lex_scores, ceiling = self.lexical.bm25.scores(query, allowed)
        lexical = sorted(lex_scores.items(), key=lambda kv: (-kv[1], kv[0]))[:LEXICAL_CANDIDATES]
        named = mentioned_cards(query, self.lexical.aliases)
        fused: dict[int, float] = {}
        for rank, (i, _) in enumerate(dense):
            fused[i] = fused.get(i, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, (i, _) in enumerate(lexical):
            fused[i] = fused.get(i, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        best = 2.0 / (self.rrf_k + 1)
        for i in fused:
            chunk = self.chunks[i]
            if chunk.topic == "model-card" and chunk.doc_id not in named:
                fused[i] *= CARD_PENALTY
            fused[i] /= best
        dense_of = dict(dense)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        out = []
        picked = _best_per_document(
            ranked, self.chunks, k, set(tokenize(query)), self.lexical.heading_terms
        )
        for i, score in picked:
            lexical = (lex_scores.get(i, 0.0) / ceiling) if ceiling else 0.0
            out.append(
                Passage.of(
                    self.chunks[i], query, score, dense=dense_of.get(i, 0.0), lexical=lexical
                )
            )
        for passage in out:
            passage.coverage = self.lexical.coverage(query, passage.id)
        # The top passage carries the best evidence seen for the question, for the relevance cut.
        if out:
            out[0].dense = max([p.dense for p in out] + [s for _, s in dense[:1]])
            out[0].lexical = max(p.lexical for p in out)
            out[0].coverage = max(p.coverage for p in out)
        return out

    @staticmethod
    def relevant(passage: Passage) -> bool:
        return answers_question(passage)


def answers_question(passage: Passage) -> bool:
    """Whether the best passage found (carrying the best evidence of its search) answers the
    question rather than only sharing its field: close in meaning and about the question's own
    words, or somewhat close and well matched by them. See MIN_DENSE and the thresholds after it;
    they were calibrated on in-scope questions (tests/data/knowledge.jsonl, concepts.jsonl) and
    out-of-scope ones (tests/data/out_of_scope.jsonl)."""
    if passage.dense >= MIN_DENSE and passage.coverage >= MIN_COVERAGE_WHEN_CLOSE:
        return True
    return (
        passage.dense >= MIN_DENSE_WITH_TERMS
        and passage.coverage >= MIN_COVERAGE
        and passage.dense + LEXICAL_WEIGHT * passage.lexical >= MIN_EVIDENCE
    )


_RETRIEVERS = BoundedCache[tuple[int, str], HybridRetriever]()


def hybrid_search(
    query: str,
    chunks: Sequence[Chunk] | None = None,
    *,
    k: int = 4,
    topics: Iterable[str] | None = None,
    path: str | os.PathLike[str] | None = None,
    host: str | None = None,
    port: int | str | None = None,
    embedder: Any = None,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cut: bool = True,
) -> list[Passage]:
    """Hybrid search over the index at ``path`` (or on ``host:port``) holding ``chunks``.

    The index is built or refreshed first when it does not match the chunks, and rebuilt when
    the directory turns out to be broken. With ``cut`` (default), an empty list means nothing
    relevant was found.
    """
    from knowledge.index import Location, ensure_index, rebuilding_if_broken

    chunks = list(chunks) if chunks is not None else default_chunks()
    if not chunks or not query.strip():
        return []
    topics = list(topics or [])

    def run() -> list[Passage]:
        index = ensure_index(
            chunks,
            path=path,
            host=host,
            port=port,
            embedder=embedder,
            notify=notify,
            progress=progress,
        )
        # Keyed by the vector store the retriever holds on to: while it is cached, its id cannot be
        # reused by the store of an index reopened after a recovery.
        retriever = _RETRIEVERS.get(
            (id(index.vectorstore), index.synced or ""),
            lambda: HybridRetriever(index.vectorstore, chunks),
        )
        if cut:
            return retriever.search(query, k, topics)
        return retriever.rank(query, k, topics)

    return rebuilding_if_broken(run, Location.of(path, host, port), notify)


# --------------------------------------------------------------------------------------------
# Answers in the language of the question


@functools.lru_cache(maxsize=4096)
def _rendered_terms(text: str) -> frozenset[str]:
    """The English terms of a passage in another language, through the glossary (the same
    rendering Swedish questions get), so that both sides meet on the same terms."""
    from knowledge.glossary import to_english

    return frozenset(tokenize(to_english(text)))


# An answer in the question's language is led by the best passage that has a version in it: the
# best passage itself, or one on the same topic among the first VERSION_RANKS that scores at least
# VERSION_SHARE of the best (a version of "RAG basics" answers what "RAG design" was found for).
VERSION_RANKS = 3
VERSION_SHARE = 0.95


def versions(chunks: Sequence[Chunk], language: str) -> dict[str, list[Chunk]]:
    """English article id -> the chunks of its version in `language`, in their order."""
    out: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.language == language and chunk.translation_of:
            out.setdefault(chunk.translation_of, []).append(chunk)
    return out


def in_language(
    passages: Sequence[Passage],
    language: str,
    question: str,
    chunks: Sequence[Chunk] | None = None,
) -> list[Passage]:
    """``passages`` (found among the English articles) as passages of their versions in
    ``language``: for each article that has one, the section of the version that best matches the
    question, keeping the passage's scores. Articles without a version are left out. Empty when
    neither the best passage nor one on its topic near it has a version (see VERSION_RANKS,
    VERSION_SHARE), so that an answer is never led by an article on another subject just because
    it was translated."""
    passages = list(passages)
    if language == SEARCH_LANGUAGE or not passages:
        return passages
    chunks = default_chunks() if chunks is None else list(chunks)
    found = versions(chunks, language)
    top = passages[0]
    leading = [p for p in passages[:VERSION_RANKS] if p.id in found]
    if not leading or not (
        leading[0] is top
        or (leading[0].topic == top.topic and leading[0].score >= VERSION_SHARE * top.score)
    ):
        return []
    _, english = english_query(question)
    terms = set(tokenize(english))
    searcher = lexical_searcher(chunks)
    idf = searcher.bm25.idf

    def match(chunk: Chunk) -> float:
        body = _rendered_terms(f"{chunk.heading}\n{chunk.body}")
        heading = _rendered_terms(chunk.heading)
        return sum(idf.get(t, 0.0) for t in terms & body) + 0.5 * sum(
            idf.get(t, 0.0) for t in terms & heading
        )

    out = []
    for passage in passages:
        sections = found.get(passage.id)
        if not sections:
            continue
        best = max(sections, key=lambda c: (match(c), -c.order))
        # How much of the question, in its own words, the version uses: a Swedish word the
        # glossary does not know ("räknas") still counts when the Swedish article uses it.
        coverage = searcher.coverage(question, best.doc_id, ignore=_function_words(language))
        out.append(
            Passage.of(
                best,
                question,
                passage.score,
                dense=passage.dense,
                lexical=passage.lexical,
                coverage=max(passage.coverage, coverage),
            )
        )
    return out


def _function_words(language: str) -> frozenset[str]:
    from knowledge.glossary import SWEDISH_FUNCTION_WORDS

    if language != "sv":
        return frozenset()
    return frozenset(t for word in SWEDISH_FUNCTION_WORDS for t in tokenize(word))
