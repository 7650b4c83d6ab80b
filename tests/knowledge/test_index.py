"""The knowledge index: chunking, idempotent builds, one collection per embedder, Chroma's default
embedding function never used, recovery from a broken directory, and a real `chroma run` server."""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings
from tiers import needs  # tests/tiers.py

from knowledge import index as kindex
from knowledge.index import build_index, chunk_document, chunk_documents, collection_name
from knowledge.retrieval import hybrid_search


class HashEmbeddings(Embeddings):
    """A small deterministic bag-of-words embedder, so most tests need no model."""

    dimensions = 64

    def __init__(self, name: str = "test-hash"):
        self.name = name
        self.calls = 0

    def _one(self, text: str) -> list[float]:
        vec = [0.0] * self.dimensions
        for word in text.lower().split():
            h = int(hashlib.md5(word.strip(".,:;?!").encode()).hexdigest(), 16)
            vec[h % self.dimensions] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += len(texts)
        return [self._one(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._one(text)


def make_docs() -> list[dict]:
    return [
        {
            "id": "rag-doc",
            "title": "Retrieval-augmented generation",
            "topic": "rag",
            "text": "# Retrieval-augmented generation\n\nRAG adds retrieved passages to the prompt.\n\n"
            "## How it works\n\nDocuments are split, embedded and stored in a vector index.\n\n"
            "## When to use it\n\nUse RAG when answers depend on private or fresh documents.\n",
        },
        {
            "id": "prompt-doc",
            "title": "Prompt engineering",
            "topic": "prompt-engineering",
            "text": "## Zero-shot\n\nZero-shot prompting gives no examples.\n\n"
            "## Few-shot\n\nFew-shot prompting gives a few worked examples in the prompt.\n",
        },
        {
            "id": "cost-doc",
            "title": "Token pricing",
            "topic": "cost",
            "text": "## Price per call\n\nA call costs input tokens times the input price plus output "
            "tokens times the output price.\n",
        },
    ]


@pytest.fixture(autouse=True)
def _forget_open_indexes():
    yield
    kindex.forget()


@pytest.fixture
def no_default_embedding_function(monkeypatch):
    """Fail loudly if Chroma's own default embedding function is ever called."""
    from chromadb.utils import embedding_functions

    def boom(self, *args, **kwargs):
        raise AssertionError("Chroma's default embedding function must never run")

    for name in ("DefaultEmbeddingFunction", "ONNXMiniLM_L6_V2"):
        cls = getattr(embedding_functions, name, None)
        if cls is not None:
            monkeypatch.setattr(cls, "__call__", boom, raising=False)


# -- chunking --------------------------------------------------------------------------------------


def test_chunks_follow_level_two_headings():
    doc = {
        "id": "d",
        "title": "Title",
        "topic": "rag",
        "text": "# Title\n\nIntro text.\n\n## First part\n\nOne.\n\n### Sub\n\nStill one.\n\n"
        "```\n## not a heading\n```\n\n## First part\n\nTwo.\n\n## Empty\n\n",
    }
    chunks = chunk_document(doc)
    assert [c.id for c in chunks] == ["d#intro", "d#first-part", "d#first-part-2"]
    assert chunks[0].heading == "Title" and chunks[0].body == "Intro text."
    assert "### Sub" in chunks[1].body and "## not a heading" in chunks[1].body
    meta = chunks[1].metadata()
    assert meta["id"] == "d" and meta["topic"] == "rag" and meta["heading"] == "First part"
    assert len(meta["hash"]) == 32


def test_long_sections_are_split_at_paragraphs():
    paragraph = " ".join(["word"] * 80)
    doc = {
        "id": "long",
        "title": "Long",
        "topic": "rag",
        "text": "## Big\n\n" + "\n\n".join([paragraph] * 4),
    }
    chunks = chunk_document(doc)
    assert [c.id for c in chunks] == ["long#big", "long#big~2"]
    assert all(len(c.body.split()) <= 200 for c in chunks)


def test_collection_name_depends_on_embedder():
    assert collection_name("all-minilm-l6-v2") != collection_name("openai-text-embedding-3-small")
    assert collection_name("all-minilm-l6-v2") == "knowledge-all-minilm-l6-v2"


# -- building --------------------------------------------------------------------------------------


@pytest.mark.index
def test_build_is_idempotent_and_embeds_only_changes(tmp_path, no_default_embedding_function):
    emb = HashEmbeddings()
    docs = make_docs()
    path = tmp_path / "chroma"
    seen: list[tuple[str, int, int]] = []
    first = build_index(docs, path=path, embedder=emb, progress=lambda *a: seen.append(a))
    total = len(chunk_documents(docs))
    assert first["embedded"] == first["added"] == first["chunks"] == total
    assert seen and seen[-1] == ("embed", total, total)

    second = build_index(docs, path=path, embedder=emb)
    assert second["embedded"] == 0 and second["unchanged"] == total and second["deleted"] == 0

    # Change one section, drop a document: only that section is embedded, the rest deleted.
    docs[0]["text"] = docs[0]["text"].replace("fresh documents", "fresh or changing documents")
    removed = len(chunk_documents([docs[2]]))
    third = build_index(docs[:2], path=path, embedder=emb)
    assert third["embedded"] == third["updated"] == 1
    assert third["deleted"] == removed and third["added"] == 0

    # A new process sees the same state: nothing to do.
    kindex.forget()
    fourth = build_index(docs[:2], path=path, embedder=emb)
    assert fourth["embedded"] == 0 and fourth["chunks"] == total - removed


@pytest.mark.index
def test_each_embedder_gets_its_own_collection(tmp_path):
    path = tmp_path / "chroma"
    a = build_index(make_docs(), path=path, embedder=HashEmbeddings("hash-a"))
    b = build_index(make_docs(), path=path, embedder=HashEmbeddings("hash-b"))
    assert a["collection"] != b["collection"]
    assert b["embedded"] == b["chunks"]  # never reuses the other embedder's vectors
    import chromadb

    kindex.forget()
    client = chromadb.PersistentClient(path=str(path))
    names = sorted(c.name if hasattr(c, "name") else c for c in client.list_collections())
    assert names == ["knowledge-hash-a", "knowledge-hash-b"]


@pytest.mark.index
def test_search_finds_the_right_document(tmp_path, no_default_embedding_function):
    emb = HashEmbeddings()
    docs = make_docs()
    hits = hybrid_search(
        "What is few-shot prompting?", chunk_documents(docs), k=3, path=tmp_path / "c", embedder=emb
    )
    assert hits and hits[0].id == "prompt-doc"
    assert len({h.id for h in hits}) == len(hits)  # one passage per document
    assert hits[0].score >= hits[-1].score


@pytest.mark.index
def test_real_embedder_build_twice_embeds_nothing(tmp_path, no_default_embedding_function):
    from knowledge.embeddings import get_embedder

    docs = make_docs()
    first = build_index(docs, path=tmp_path / "c", embedder=get_embedder())
    assert first["embedder"] == "all-minilm-l6-v2" and first["embedded"] == first["chunks"]
    second = build_index(docs, path=tmp_path / "c")
    assert second["embedded"] == 0
    hits = hybrid_search(
        "how much does a call cost", chunk_documents(docs), k=2, path=tmp_path / "c"
    )
    assert hits[0].id == "cost-doc" and 0 < hits[0].dense <= 1


# -- recovery --------------------------------------------------------------------------------------


def _broken_dirs(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".broken-*"))


@pytest.mark.index
def test_garbage_database_is_moved_aside_and_rebuilt(tmp_path, caplog):
    emb = HashEmbeddings()
    path = tmp_path / "chroma"
    total = build_index(make_docs(), path=path, embedder=emb)["chunks"]
    kindex.forget()
    (path / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with caplog.at_level("WARNING", logger="knowledge.index"):
        stats = build_index(make_docs(), path=path, embedder=emb)
    assert stats["embedded"] == total
    assert _broken_dirs(path), "the broken directory is kept aside"
    assert any("moved it to" in r.getMessage() for r in caplog.records)


@pytest.mark.index
def test_garbage_files_in_the_directory_are_survived(tmp_path):
    emb = HashEmbeddings()
    path = tmp_path / "chroma"
    path.mkdir()
    (path / "junk.bin").write_bytes(os.urandom(2048))
    (path / "notes.txt").write_text("hello")
    stats = build_index(make_docs(), path=path, embedder=emb)
    assert stats["embedded"] == stats["chunks"]
    hits = hybrid_search("few-shot examples", chunk_documents(make_docs()), path=path, embedder=emb)
    assert hits and hits[0].id == "prompt-doc"


@pytest.mark.index
def test_corrupted_vector_files_are_rebuilt(tmp_path):
    emb = HashEmbeddings()
    path = tmp_path / "chroma"
    docs = make_docs()
    build_index(docs, path=path, embedder=emb)
    kindex.forget()
    segment_files = [p for p in path.rglob("*") if p.is_file() and p.name != "chroma.sqlite3"]
    for p in segment_files:
        p.write_bytes(os.urandom(max(p.stat().st_size, 64)))
    hits = hybrid_search("few-shot examples", chunk_documents(docs), path=path, embedder=emb)
    assert hits and hits[0].id == "prompt-doc"


@pytest.mark.index
def test_a_mismatched_collection_is_rebuilt_alone(tmp_path, caplog):
    path = tmp_path / "chroma"
    build_index(make_docs(), path=path, embedder=HashEmbeddings("hash-a"))
    other = build_index(make_docs(), path=path, embedder=HashEmbeddings("hash-b"))

    class Smaller(HashEmbeddings):
        dimensions = 32  # same name, vectors of another size: a mismatch

    kindex.forget()
    with caplog.at_level("WARNING", logger="knowledge.index"):
        stats = build_index(make_docs(), path=path, embedder=Smaller("hash-a"))
    assert stats["embedded"] == stats["chunks"]
    assert any("does not match" in r.getMessage() for r in caplog.records)
    assert not _broken_dirs(path)  # only that collection was rebuilt ...
    again = build_index(make_docs(), path=path, embedder=HashEmbeddings("hash-b"))
    assert again["embedded"] == 0 and again["chunks"] == other["chunks"]  # ... the other survived


@pytest.mark.index
def test_an_index_of_an_older_schema_is_rebuilt(tmp_path, caplog):
    """Vectors made by an older version of the embedder (schema "1": sentence-transformers) are
    not mixed with new ones: the collection is rebuilt once."""
    import chromadb

    path = tmp_path / "chroma"
    embedder = HashEmbeddings("hash-a")
    first = build_index(make_docs(), path=path, embedder=embedder)
    kindex.forget()
    client = chromadb.PersistentClient(path=str(path), settings=kindex._settings())
    collection = client.get_collection(collection_name("hash-a"))
    assert collection.metadata["schema"] == kindex.SCHEMA_VERSION != "1"
    collection.modify(metadata={**collection.metadata, "schema": "1"})
    kindex._release_path(str(path))
    with caplog.at_level("WARNING", logger="knowledge.index"):
        stats = build_index(make_docs(), path=path, embedder=embedder)
    assert stats["embedded"] == stats["chunks"] == first["chunks"]
    assert any("schema" in r.getMessage() for r in caplog.records)
    assert build_index(make_docs(), path=path, embedder=embedder)["embedded"] == 0


@pytest.mark.index
def test_a_path_that_is_a_file_is_moved_aside(tmp_path):
    path = tmp_path / "chroma"
    path.write_text("not a directory")
    stats = build_index(make_docs(), path=path, embedder=HashEmbeddings())
    assert path.is_dir() and stats["embedded"] == stats["chunks"]
    assert _broken_dirs(path)


@pytest.mark.index
def test_directory_deleted_while_open_is_rebuilt(tmp_path):
    emb = HashEmbeddings()
    path = tmp_path / "chroma"
    docs = make_docs()
    assert hybrid_search("zero-shot", chunk_documents(docs), path=path, embedder=emb)
    shutil.rmtree(path)
    hits = hybrid_search("zero-shot prompting", chunk_documents(docs), path=path, embedder=emb)
    assert hits and hits[0].id == "prompt-doc"
    assert (path / "chroma.sqlite3").exists()
    kindex.forget()
    assert build_index(docs, path=path, embedder=emb)["embedded"] == 0


# -- server mode -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
@needs("subprocess", "server", "index")
def chroma_server(tmp_path):
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        found = shutil.which("chroma")
        if not found:
            pytest.skip("the chroma command is not installed")
        exe = Path(found)
    port = _free_port()
    log = open(tmp_path / "chroma-server.log", "wb")
    proc = subprocess.Popen(
        [
            str(exe),
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2
                ) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "chroma server did not start: " + (tmp_path / "chroma-server.log").read_text()
                )
            time.sleep(0.3)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.slow
def test_server_mode_builds_and_searches(chroma_server, tmp_path, no_default_embedding_function):
    host, port = chroma_server
    emb = HashEmbeddings()
    docs = make_docs()
    first = build_index(docs, host=host, port=port, embedder=emb)
    assert (
        first["embedded"] == first["chunks"] and first["location"] == f"chroma server {host}:{port}"
    )
    assert build_index(docs, host=host, port=port, embedder=emb)["embedded"] == 0
    hits = hybrid_search(
        "few-shot examples", chunk_documents(docs), host=host, port=port, embedder=emb
    )
    assert hits and hits[0].id == "prompt-doc"
    assert not (tmp_path / "chroma").exists()  # nothing was written locally


@pytest.mark.server
def test_unreachable_server_is_one_clear_error():
    port = _free_port()
    with pytest.raises(kindex.KnowledgeIndexError, match="Chroma server"):
        build_index(make_docs(), host="127.0.0.1", port=port, embedder=HashEmbeddings())


# -- the OpenAI embedder (against a local fake of the embeddings endpoint) --------------------------


@pytest.fixture
@needs("server")
def fake_openai(monkeypatch):
    import base64
    import json
    import struct
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[dict] = []
    hasher = HashEmbeddings()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
            inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = []
            for i, text in enumerate(inputs):
                vec = hasher._one(text) * 24  # 1536 dimensions, like text-embedding-3-small
                if body.get("encoding_format") == "base64":
                    vec = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
                data.append({"object": "embedding", "index": i, "embedding": vec})
            payload = json.dumps(
                {
                    "object": "list",
                    "data": data,
                    "model": body["model"],
                    "usage": {"prompt_tokens": 1, "total_tokens": 1},
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    try:
        yield seen
    finally:
        server.shutdown()
        server.server_close()


def test_openai_embedder_uses_its_own_collection(tmp_path, fake_openai):
    # built as the core builds it: OPENAI_API_KEY and OPENAI_BASE_URL are handed over by
    # advisor.config (the knowledge layer reads no environment)
    from advisor.grounding.retrieval import embedder

    path = tmp_path / "chroma"
    local = build_index(make_docs(), path=path, embedder=HashEmbeddings("local"))
    emb = embedder("openai")
    stats = build_index(make_docs(), path=path, embedder=emb)
    assert stats["collection"] == "knowledge-openai-text-embedding-3-small" != local["collection"]
    assert stats["embedded"] == stats["chunks"]
    assert fake_openai and fake_openai[0]["model"] == "text-embedding-3-small"
    assert (
        fake_openai[0]["path"].endswith("/embeddings")
        and fake_openai[0]["auth"] == "Bearer sk-test"
    )
    hits = hybrid_search("few-shot examples", chunk_documents(make_docs()), path=path, embedder=emb)
    assert hits and hits[0].id == "prompt-doc"


def test_openai_embedder_without_key_says_what_to_do(monkeypatch):
    from knowledge.embeddings import EmbedderUnavailable, OpenAIEmbeddings

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(EmbedderUnavailable, match="OPENAI_API_KEY"):
        OpenAIEmbeddings().embed_query("hello")


def test_get_embedder_names():
    from knowledge.embeddings import get_embedder

    assert get_embedder().name == "all-minilm-l6-v2"
    assert get_embedder("openai").name == "openai-text-embedding-3-small"
    assert get_embedder("openai") is get_embedder("text-embedding-3-small")
    with pytest.raises(ValueError):
        get_embedder("no-such-embedder")


# -- recovery --------------------------------------------------------------------------------------


def _fake_pyo3_panic() -> type[BaseException]:
    """A class like the one PyO3 creates for Rust panics: BaseException, module pyo3_runtime."""
    return type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})


def test_recoverable_errors_cover_chroma_and_rust_panics_but_not_interrupts():
    from chromadb.errors import InternalError

    panic = _fake_pyo3_panic()
    errors = kindex.recoverable_errors()
    assert issubclass(InternalError, errors) and issubclass(panic, errors)
    assert not issubclass(KeyboardInterrupt, errors) and not issubclass(SystemExit, errors)
    assert not issubclass(ValueError, errors)  # e.g. an embedder failing is not a broken index


def test_retry_once_recovers_once_and_never_swallows_an_interrupt():
    from chromadb.errors import InternalError

    calls, recovered = [], []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise InternalError("broken")
        return "ok"

    assert kindex.retry_once(flaky, recovered.append) == "ok"
    assert len(calls) == 2 and len(recovered) == 1

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kindex.retry_once(interrupted, pytest.fail)

    def always_broken():
        raise InternalError("still broken")

    with pytest.raises(InternalError):  # the second failure is raised
        kindex.retry_once(always_broken, lambda exc: None)


@pytest.mark.index
def test_a_rust_panic_while_updating_rebuilds_the_index(tmp_path, monkeypatch, caplog):
    emb = HashEmbeddings()
    path = tmp_path / "chroma"
    build_index(make_docs()[:1], path=path, embedder=emb)
    panic = _fake_pyo3_panic()
    real_sync = kindex._sync
    calls = []

    def panicking_sync(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise panic("range start index 10 out of range for slice of length 9")
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(kindex, "_sync", panicking_sync)
    with caplog.at_level("WARNING", logger="knowledge.index"):
        stats = build_index(make_docs(), path=path, embedder=emb)
    assert stats["embedded"] == stats["chunks"]  # a fresh index
    assert _broken_dirs(path)
    assert any("rebuilding" in r.getMessage() for r in caplog.records)


@pytest.mark.index
def test_an_embedder_failure_leaves_the_index_alone(tmp_path):
    path = tmp_path / "chroma"
    build_index(make_docs()[:1], path=path, embedder=HashEmbeddings())
    kindex.forget()  # the open index keeps the embedder it was opened with

    class Failing(HashEmbeddings):
        def embed_documents(self, texts):
            raise RuntimeError("embedding service down")

    with pytest.raises(RuntimeError, match="service down"):
        build_index(make_docs(), path=path, embedder=Failing())
    assert not _broken_dirs(path)
