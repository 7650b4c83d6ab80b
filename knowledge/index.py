"""The knowledge index: chunking by headings, embedding, and storage in Chroma.

Documents (``{id, title, topic, text, ...}``) are cut at their ``##`` headings; every chunk is
embedded with the embedder given (all-MiniLM-L6-v2 by default, see ``knowledge.embeddings``) and
stored through LangChain's ``Chroma`` vector store, either in a ``PersistentClient`` directory or
on a Chroma server (``HttpClient(host, port)``). Each embedder has its own collection, so vectors
of different embedders never mix, and Chroma's own default embedding function never runs: texts
are always embedded by our embedder before they reach Chroma.

``build_index`` is idempotent: it compares the content hash stored with each chunk and embeds only
what is new or changed, and deletes chunks that disappeared. ``ensure_index`` opens the index for
querying and builds or refreshes it when needed. A directory that Chroma cannot open or query
(garbage files, a deleted database, vectors of another size) is moved aside and rebuilt, with a
warning, instead of failing.

chromadb and the embedding model are imported lazily: the chunking helpers here
are pure Python and cheap to import.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

# A section longer than this is split at paragraphs.
MAX_WORDS = 180
# Model-card sections are embedded by their heading and opening words (see Chunk.dense_text).
CARD_DENSE_WORDS = 6


@dataclass(frozen=True)
class Chunk:
    id: str  # chunk id: doc id + "#" + heading slug
    doc_id: str
    title: str
    topic: str
    heading: str
    body: str  # the section's own text (Markdown), shown as excerpt
    order: int  # position within its document
    language: str = "en"  # the article's language (knowledge.articles.LANGUAGES)
    translation_of: str = ""  # for a version in another language: the English article's id

    @cached_property
    def text(self) -> str:
        """What gets embedded and indexed: title and heading give the section its context."""
        if self.heading and self.heading != self.title:
            return f"{self.title}: {self.heading}\n\n{self.body}"
        return f"{self.title}\n\n{self.body}"

    @cached_property
    def dense_text(self) -> str:
        """What gets embedded. Articles: the whole section (the embedder reads its first 128 word
        pieces). Model cards: the heading ("<model>: pricing, deployment and self-hosting") and
        the body's first words, which name the model again: their bodies are templated text that
        differs from card to card mostly in names and numbers, which the lexical ranking matches
        better. bench/bench_knowledge.py's 360 questions on one aspect of one model find the
        right section as often with 6 opening words as with 16 (r@3 0.961 vs 0.958) and the
        index has a sixth fewer tokens to embed (61,400 vs 73,900), most of its build time; with the
        heading alone, a general question ("What is a context window?") ranked a card first."""
        if self.topic == "model-card":
            body = " ".join(self.body.split()[:CARD_DENSE_WORDS])
            return f"{self.heading}\n\n{body}"  # card headings carry the model's name
        return self.text

    @cached_property
    def hash(self) -> str:
        return content_hash(
            f"{self.topic}\0{self.language}\0{self.translation_of}\0{self.dense_text}"
        )

    def metadata(self) -> dict[str, str | int]:
        return {
            "id": self.doc_id,
            "chunk_id": self.id,
            "title": self.title,
            "topic": self.topic,
            "heading": self.heading,
            "hash": self.hash,
            "order": self.order,
            "language": self.language,
            "translation_of": self.translation_of,
        }


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80].strip("-") or "section"


_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^#(?!#)\s+(.*?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; the part before the first ``##`` has heading ""."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    in_fence = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            sections.append((match.group(1).strip(), []))
        else:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections]


def _split_long(body: str, max_words: int = MAX_WORDS) -> list[str]:
    """Split a body into parts of at most about ``max_words`` words at paragraph boundaries."""
    if len(body.split()) <= max_words:
        return [body]
    parts: list[str] = []
    current: list[str] = []
    count = 0
    for paragraph in re.split(r"\n\s*\n", body):
        words = len(paragraph.split())
        if current and count + words > max_words:
            parts.append("\n\n".join(current))
            current, count = [], 0
        current.append(paragraph.strip())
        count += words
    if current:
        parts.append("\n\n".join(current))
    return [p for p in parts if p.strip()]


def chunk_document(doc: Mapping[str, object]) -> list[Chunk]:
    doc_id = str(doc["id"])
    title = str(doc.get("title") or doc_id)
    topic = str(doc.get("topic") or "")
    language = str(doc.get("language") or "en")
    translation_of = str(doc.get("translation_of") or "")
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for heading, body in _sections(str(doc.get("text") or "")):
        if not heading:
            # Drop a leading "# Title" line: the title is already part of every chunk.
            lines = body.split("\n")
            if lines and _TITLE.match(lines[0]):
                body = "\n".join(lines[1:]).strip()
        if not body.strip():
            continue
        base = slugify(heading) if heading else "intro"
        slug = base
        n = 2
        while slug in seen:
            slug = f"{base}-{n}"
            n += 1
        seen.add(slug)
        for part_no, part in enumerate(_split_long(body), start=1):
            suffix = "" if part_no == 1 else f"~{part_no}"
            chunks.append(
                Chunk(
                    id=f"{doc_id}#{slug}{suffix}",
                    doc_id=doc_id,
                    title=title,
                    topic=topic,
                    heading=heading or title,
                    body=part,
                    order=len(chunks),
                    language=language,
                    translation_of=translation_of,
                )
            )
    return chunks


def chunk_documents(docs: Iterable[Mapping[str, object]]) -> list[Chunk]:
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for doc in docs:
        for chunk in chunk_document(doc):
            if chunk.id in seen:  # the same document twice: keep the first
                continue
            seen.add(chunk.id)
            chunks.append(chunk)
    return chunks


def fingerprint(chunks: Iterable[Chunk]) -> str:
    """One hash over all chunk ids and contents: equal fingerprints mean nothing changed."""
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk.id.encode())
        h.update(b"\0")
        h.update(chunk.hash.encode())
        h.update(b"\0")
        h.update(chunk.topic.encode())
        h.update(b"\n")
    return h.hexdigest()[:32]


# --------------------------------------------------------------------------------------------
# Chroma storage

log = logging.getLogger("knowledge.index")

COLLECTION_PREFIX = "knowledge"
# Bump when the chunk layout, metadata or the vectors change incompatibly: a collection of another
# schema is rebuilt. 3: MiniLM run by numpy (was sentence-transformers), and chunks carry their
# article's language and the article they are a version of.
SCHEMA_VERSION = "3"
SQLITE_FILE = "chroma.sqlite3"

# Sections embedded and stored per step of the progress bar. The embedder spreads each step over
# the cores and packs its texts without padding, so the order of sections does not matter; a
# step of a few dozen sections left one core idle (measured: 36 s instead of 17 s on 2 cores),
# and each step costs Chroma a write.
EMBED_BATCH = 256
Progress = Callable[[str, int, int], None]  # (stage, done, total)
Notify = Callable[[str], None]


class KnowledgeIndexError(RuntimeError):
    """The index cannot be opened or built; the message says what to do."""


def collection_name(embedder_name: str) -> str:
    """The Chroma collection for one embedder (3-512 characters of [a-zA-Z0-9._-])."""
    return f"{COLLECTION_PREFIX}-{slugify(embedder_name)}"


@dataclass(frozen=True)
class Location:
    """Where the index lives: a local directory, or a Chroma server."""

    path: str | None = None
    host: str | None = None
    port: int | None = None

    @classmethod
    def of(
        cls,
        path: str | os.PathLike[str] | None = None,
        host: str | None = None,
        port: int | str | None = None,
    ) -> Location:
        if host:
            return cls(host=str(host), port=int(port or 8000))
        if path is None:
            raise KnowledgeIndexError(
                "the knowledge index needs a directory or a Chroma server (CHROMA_HOST)"
            )
        return cls(path=str(Path(path).expanduser().resolve()))

    @property
    def is_server(self) -> bool:
        return self.host is not None

    def __str__(self) -> str:
        return f"chroma server {self.host}:{self.port}" if self.is_server else self.path or "?"


def _default_embedder(embedder: Any) -> Any:
    if embedder is None or isinstance(embedder, str):
        from knowledge.embeddings import get_embedder

        return get_embedder(embedder)
    return embedder


def _embedder_name(embedder: Any) -> str:
    from knowledge.embeddings import embedder_name

    return embedder_name(embedder)


def _settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=True)


def _sqlite_id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(os.path.join(path, SQLITE_FILE))
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@dataclass
class KnowledgeIndex:
    """An open index: the LangChain vector store over one collection, plus what was checked."""

    location: Location
    embedder: Any
    embedder_name: str
    name: str
    client: Any
    vectorstore: ChromaStore
    collection: Any  # the same Chroma collection, for what the vector store does not offer
    sqlite_id: tuple[int, int] | None = None
    synced: str | None = None  # fingerprint of the documents last synced in this process
    lock: threading.RLock = field(default_factory=threading.RLock)

    def count(self) -> int:
        return int(self.collection.count())

    def stored_hashes(self) -> dict[str, str]:
        """chunk id -> content hash, for everything in the collection."""
        got = self.collection.get(include=["metadatas"])
        return {
            cid: str((meta or {}).get("hash") or "")
            for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        }

    def still_there(self) -> bool:
        """False when the directory was deleted or replaced under our feet."""
        if self.location.is_server:
            return True
        return _sqlite_id(self.location.path or "") == self.sqlite_id

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001 - best effort
            pass


_OPEN: dict[tuple[Location, str], KnowledgeIndex] = {}
_OPEN_LOCK = threading.RLock()


def _warn(message: str, notify: Notify | None) -> None:
    log.warning(message)
    if notify is not None:
        notify(message)


def recoverable_errors() -> tuple[type[BaseException], ...]:
    """What a broken local index raises: Chroma's and SQLite's errors, an unusable directory, and
    panics of Chroma's Rust core (a damaged database can panic it, chroma-core/chroma#5909).

    A PyO3 panic derives from BaseException, not Exception, and its class only exists once the
    first panic happened; ``except recoverable_errors()`` looks it up while an error is handled,
    so nothing else outside Exception (KeyboardInterrupt, SystemExit, MemoryError) is caught.
    """
    errors: list[type[BaseException]] = [_Broken, sqlite3.DatabaseError]
    try:
        from chromadb.errors import ChromaError

        errors.append(ChromaError)
    except ImportError:  # pragma: no cover - the knowledge extra is not installed
        pass
    errors += [
        cls
        for cls in BaseException.__subclasses__()
        if cls.__name__ == "PanicException" and cls.__module__ == "pyo3_runtime"
    ]
    return tuple(errors)


T = TypeVar("T")


def retry_once(action: Callable[[], T], recover: Callable[[BaseException], object]) -> T:
    """``action()``; when it fails as a broken index fails, ``recover(error)`` and one more try.
    A second failure is raised: an index that breaks again right after a rebuild will not heal."""
    try:
        return action()
    except recoverable_errors() as exc:
        recover(exc)
    return action()


def rebuilding_if_broken(action: Callable[[], T], location: Location, notify: Notify | None) -> T:
    """``action()`` on the index at ``location``; when the local index turns out to be broken, it
    is moved aside and ``action()`` runs once more on a fresh one. A server's errors are raised as
    they are: its storage is not ours to move."""
    if location.is_server:
        return action()

    def recover(exc: BaseException) -> None:
        _warn(f"knowledge index at {location} failed ({_short(exc)}); rebuilding it", notify)
        _recover(location)

    return retry_once(action, recover)


def _make_client(location: Location) -> Any:
    import chromadb

    if location.is_server:
        try:
            return chromadb.HttpClient(host=location.host, port=location.port, settings=_settings())
        except Exception as exc:
            raise KnowledgeIndexError(
                f"cannot reach the Chroma server at {location.host}:{location.port} ({_short(exc)}); "
                "start it with `chroma run --path DIR --port N` or unset CHROMA_HOST to use the local index"
            ) from exc
    path = Path(location.path or "")
    if path.exists() and not path.is_dir():
        raise _Broken(f"{path} is not a directory")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_settings())


class _Broken(Exception):
    """The index directory is unusable and must be moved aside."""


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


@dataclass(frozen=True)
class Hit:
    """One stored section found by a vector search (LangChain's Document has the same fields)."""

    page_content: str
    metadata: dict[str, Any]
    id: str


class ChromaStore:
    """The few vector-store calls the index and retrieval make, straight on a Chroma collection
    with our embedder: texts are always embedded here, never by Chroma's default function.

    Not LangChain's ``langchain_chroma.Chroma``, which does the same through LangChain's
    runnables, tracers and pydantic models: importing those was half of a cold ``ask``.
    """

    def __init__(self, collection: Any, embedder: Any):
        self.collection = collection
        self.embedder = embedder

    def add_texts(self, texts: list[str], metadatas: list[dict], ids: list[str]) -> list[str]:
        vectors = self.embedder.embed_documents(list(texts))
        self.collection.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=metadatas)
        return ids

    def delete(self, ids: list[str]) -> None:
        self.collection.delete(ids=ids)

    def similarity_search_with_relevance_scores(
        self, query: str, k: int = 4, filter: dict | None = None
    ) -> list[tuple[Hit, float]]:
        """The ``k`` nearest sections with their relevance, 1 - cosine distance, best first."""
        found = self.collection.query(
            query_embeddings=[self.embedder.embed_query(query)],
            n_results=k,
            where=filter or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            (Hit(document or "", dict(metadata or {}), str(hit_id)), 1.0 - float(distance))
            for hit_id, document, metadata, distance in zip(
                found["ids"][0],
                found["documents"][0],
                found["metadatas"][0],
                found["distances"][0],
                strict=True,
            )
        ]


def _open_vectorstore(client: Any, name: str, embedder: Any, embedder_name: str) -> tuple[Any, Any]:
    """(vector store, Chroma collection) for collection ``name``, created if needed."""
    collection = client.get_or_create_collection(
        name=name,
        embedding_function=None,  # no default embedder: it would download a model
        metadata={"embedder": embedder_name, "schema": SCHEMA_VERSION},
        configuration={"hnsw": {"space": "cosine"}},
    )
    return ChromaStore(collection, embedder), collection


def _check(collection: Any, embedder: Any, embedder_name: str) -> None:
    """Raise when the collection is not one we can use as it is."""
    meta = collection.metadata or {}
    if meta.get("embedder") not in (None, embedder_name):
        raise _Mismatch(f"collection {collection.name} holds vectors of {meta.get('embedder')!r}")
    if meta.get("schema") not in (None, SCHEMA_VERSION):
        raise _Mismatch(f"collection {collection.name} has schema {meta.get('schema')!r}")
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if hnsw.get("space") not in (None, "cosine"):
        raise _Mismatch(f"collection {collection.name} uses distance {hnsw.get('space')!r}")
    if collection.count() > 0:
        dim = getattr(embedder, "dimensions", None)
        if dim:
            probe = [1.0] + [0.0] * (int(dim) - 1)
            try:
                collection.query(query_embeddings=[probe], n_results=1, include=["metadatas"])
            except Exception as exc:
                if "dimension" in str(exc).lower():
                    raise _Mismatch(f"collection {collection.name}: {_short(exc)}") from exc
                raise
        else:
            collection.get(limit=1, include=["metadatas"])


class _Mismatch(Exception):
    """The collection exists but was made differently (embedder, schema, distance, size)."""


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    shutil.move(str(path), str(target))
    return target


def _release_path(path: str) -> None:
    """Forget every Chroma client and system for ``path``, so that a fresh client opens the files
    that are there now."""
    for key, index in list(_OPEN.items()):
        if key[0].path == path:
            index.close()
            _OPEN.pop(key, None)
    # Closing the last client stops and forgets Chroma's shared system for the directory, but a
    # system whose start failed (a broken database) stays cached under the path and would be
    # handed to every later client, and no public API drops one directory's system.
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # pragma: no cover - the knowledge extra is not installed
        return
    system = SharedSystemClient._identifier_to_system.pop(path, None)
    SharedSystemClient._identifier_to_refcount.pop(path, None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # noqa: BLE001 - a system that never started fails to stop
            pass


def _recreate(
    client: Any,
    name: str,
    embedder: Any,
    ename: str,
    location: Location,
    why: str,
    notify: Notify | None,
    problem: str = "does not match",
) -> tuple[Any, Any]:
    """Drop a collection that does not match what we would build (or cannot be used), and start
    it afresh."""
    _warn(
        f"knowledge index collection {name} at {location} {problem} ({why}); rebuilding it", notify
    )
    try:
        client.delete_collection(name)
    except Exception:  # noqa: BLE001 - it may not exist
        pass
    vectorstore, collection = _open_vectorstore(client, name, embedder, ename)
    _check(collection, embedder, ename)
    return vectorstore, collection


def _open_fresh(
    location: Location, embedder: Any, name: str, notify: Notify | None
) -> KnowledgeIndex:
    ename = _embedder_name(embedder)
    if location.is_server:
        client = _make_client(location)
        try:
            vectorstore, collection = _open_vectorstore(client, name, embedder, ename)
            _check(collection, embedder, ename)
        except _Mismatch as exc:
            vectorstore, collection = _recreate(
                client, name, embedder, ename, location, str(exc), notify
            )
        except Exception as exc:
            if isinstance(exc, KnowledgeIndexError):
                raise
            if _is_connection_error(exc):
                raise KnowledgeIndexError(
                    f"cannot reach the Chroma server at {location.host}:{location.port} ({_short(exc)}); "
                    "start it with `chroma run --path DIR --port N` or unset CHROMA_HOST"
                ) from exc
            vectorstore, collection = _recreate(
                client, name, embedder, ename, location, _short(exc), notify, "is unusable"
            )
        return KnowledgeIndex(location, embedder, ename, name, client, vectorstore, collection)

    path = Path(location.path or "")

    def open_local() -> KnowledgeIndex:
        client = _make_client(location)
        opened = False
        try:
            vectorstore, collection = _open_vectorstore(client, name, embedder, ename)
            try:
                _check(collection, embedder, ename)
            except _Mismatch as exc:
                vectorstore, collection = _recreate(
                    client, name, embedder, ename, location, str(exc), notify
                )
            index = KnowledgeIndex(
                location,
                embedder,
                ename,
                name,
                client,
                vectorstore,
                collection,
                sqlite_id=_sqlite_id(str(path)),
            )
            opened = True
            return index
        finally:
            if not opened:  # a client left open would keep the broken files in use
                _close_quietly(client)

    def move_aside(exc: BaseException) -> None:
        _release_path(str(path))
        if path.exists():
            moved = _move_aside(path)
            _warn(
                f"knowledge index at {path} was unusable ({_short(exc)}); moved it to {moved} and rebuilding",
                notify,
            )
        else:
            _warn(
                f"knowledge index at {path} could not be opened ({_short(exc)}); rebuilding", notify
            )

    try:
        return retry_once(open_local, move_aside)
    except recoverable_errors() as exc:
        raise KnowledgeIndexError(
            f"cannot open the knowledge index at {path}: {_short(exc)}"
        ) from exc


def _close_quietly(client: Any) -> None:
    try:
        client.close()
    except Exception:  # noqa: BLE001 - best effort
        pass


def _is_connection_error(exc: BaseException) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(w in text for w in ("connect", "refused", "timed out", "timeout", "unreachable"))


def open_index(
    *,
    path: str | os.PathLike[str] | None = None,
    host: str | None = None,
    port: int | str | None = None,
    embedder: Any = None,
    notify: Notify | None = None,
) -> KnowledgeIndex:
    """Open (once per process) the collection of ``embedder`` at ``path`` or on ``host:port``.

    A directory that cannot be used is moved aside and a fresh, empty index opened instead.
    """
    embedder = _default_embedder(embedder)
    location = Location.of(path, host, port)
    # An audit event per use of an index (free when no audit hook listens): what the test tiers'
    # guard (tests/tiers.py) watches for.
    sys.audit("knowledge.index", str(location))
    name = collection_name(_embedder_name(embedder))
    key = (location, name)
    with _OPEN_LOCK:
        index = _OPEN.get(key)
        if index is not None and index.still_there():
            return index
        if index is not None:
            _warn(f"knowledge index at {location} disappeared; rebuilding it", notify)
            _release_path(location.path or "")
        index = _open_fresh(location, embedder, name, notify)
        _OPEN[key] = index
        return index


def forget(path: str | os.PathLike[str] | None = None) -> None:
    """Close and forget open indexes (all, or those at ``path``); for tests and recovery."""
    with _OPEN_LOCK:
        if path is None:
            for index in list(_OPEN.values()):
                index.close()
            _OPEN.clear()
        else:
            _release_path(str(Path(path).expanduser().resolve()))


def _batches(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sync(
    index: KnowledgeIndex, chunks: list[Chunk], progress: Progress | None, batch_size: int
) -> dict[str, Any]:
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    stored = index.stored_hashes()
    wanted = {c.id for c in chunks}
    changed = [c for c in chunks if stored.get(c.id) != c.hash]
    removed = [cid for cid in stored if cid not in wanted]
    updated = sum(1 for c in changed if c.id in stored)
    report("scan", len(chunks), len(chunks))
    for batch in _batches(removed, 500):
        index.vectorstore.delete(ids=batch)
    done = 0
    report("embed", 0, len(changed))
    for batch in _batches(changed, batch_size):
        index.vectorstore.add_texts(
            texts=[c.dense_text for c in batch],
            metadatas=[c.metadata() for c in batch],
            ids=[c.id for c in batch],
        )
        done += len(batch)
        report("embed", done, len(changed))
    index.synced = fingerprint(chunks)
    return {
        "location": str(index.location),
        "collection": index.name,
        "embedder": index.embedder_name,
        "documents": len({c.doc_id for c in chunks}),
        "chunks": len(chunks),
        "embedded": len(changed),
        "added": len(changed) - updated,
        "updated": updated,
        "deleted": len(removed),
        "unchanged": len(chunks) - len(changed),
        "seconds": round(time.perf_counter() - started, 3),
    }


def build_index(
    docs: Iterable[Mapping[str, object]] | Iterable[Chunk],
    *,
    path: str | os.PathLike[str] | None = None,
    host: str | None = None,
    port: int | str | None = None,
    embedder: Any = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
    batch_size: int = EMBED_BATCH,
) -> dict[str, Any]:
    """Build or refresh the index from ``docs``; embed only new or changed chunks.

    ``progress(stage, done, total)`` is called with stage "scan", then "embed" after each batch.
    Returns stats: location, collection, embedder, documents, chunks, embedded, added, updated,
    deleted, unchanged, seconds.
    """
    chunks = _as_chunks(docs)

    def sync() -> dict[str, Any]:
        index = open_index(path=path, host=host, port=port, embedder=embedder, notify=notify)
        with index.lock:
            return _sync(index, chunks, progress, batch_size)

    return rebuilding_if_broken(sync, Location.of(path, host, port), notify)


def _as_chunks(docs: Iterable[Mapping[str, object]] | Iterable[Chunk]) -> list[Chunk]:
    items = list(docs)
    if items and all(isinstance(item, Chunk) for item in items):
        return items  # type: ignore[return-value]
    return chunk_documents(items)  # type: ignore[arg-type]


def recover_index(index: KnowledgeIndex, notify: Notify | None = None, reason: str = "") -> None:
    """Forget a local index that failed, moving its directory aside; the next open rebuilds it."""
    if index.location.is_server:
        with _OPEN_LOCK:
            _OPEN.pop((index.location, index.name), None)
        return
    _warn(
        f"knowledge index at {index.location} failed ({reason or 'unknown error'}); rebuilding it",
        notify,
    )
    _recover(index.location)


def _recover(location: Location) -> None:
    """Move a broken local index aside so that the next open starts afresh."""
    with _OPEN_LOCK:
        path = location.path or ""
        _release_path(path)
        if path and Path(path).exists():
            _move_aside(Path(path))


def ensure_index(
    docs: Iterable[Mapping[str, object]] | Iterable[Chunk],
    *,
    path: str | os.PathLike[str] | None = None,
    host: str | None = None,
    port: int | str | None = None,
    embedder: Any = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> KnowledgeIndex:
    """The open index, built or refreshed first when it does not match ``docs`` (checked once
    per process for the same documents)."""
    chunks = _as_chunks(docs)
    wanted = fingerprint(chunks)

    def synced() -> KnowledgeIndex:
        index = open_index(path=path, host=host, port=port, embedder=embedder, notify=notify)
        if index.synced != wanted:
            with index.lock:
                if index.synced != wanted:
                    _sync(index, chunks, progress, EMBED_BATCH)
        return index

    return rebuilding_if_broken(synced, Location.of(path, host, port), notify)
