"""The user's own files (text, Markdown, PDF) as a grounding source for playground runs.

Files are split into passages and kept in their own Chroma collection under
`$ADVISOR_HOME/uploads-chroma`, apart from the knowledge base, with vectors from the knowledge
embedder (never Chroma's default embedding function, which downloads a model). A file is indexed
once per content hash, so re-uploading it is free, and a search looks only at the files named.
A file is embedded and added in batches below Chroma's largest batch, its first passage last, so
an interrupted indexing is finished on the next run rather than taken as done. Files are capped
in size and in passages, and uploads older than UPLOAD_KEEP_DAYS are deleted with their passages.
chromadb, pypdf and the embedder are imported lazily.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import threading
import time
from pathlib import Path

from ..config import advisor_home
from ..errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst", ".text"})
PDF_SUFFIXES = frozenset({".pdf"})
CHUNK_CHARS = 800  # about 200 tokens: a few passages still fit the local model's 2048-token context
OVERLAP_CHARS = 120
MAX_UPLOAD_BYTES = 5_000_000  # a file's size, as uploaded
MAX_PASSAGES = 2_500  # about 2 MB of text: minutes of embedding on a small CPU, not hours
ADD_BATCH = 256  # passages embedded and added at once (also kept below Chroma's own limit)
UPLOAD_KEEP_DAYS = 7

log = logging.getLogger("advisor.grounding.uploads")

_lock = threading.Lock()
_collections: dict[str, object] = {}  # by store path, since ADVISOR_HOME can change (tests)
_batch_limits: dict[str, int] = {}  # Chroma's largest batch, by store path


def uploads_dir() -> Path:
    path = advisor_home() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(name: str, data: bytes) -> Path:
    """Keep an uploaded file (e.g. from the UI) under ADVISOR_HOME and return its path; uploads
    older than UPLOAD_KEEP_DAYS are removed first."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name)[-120:] or "upload"
    _check_kind(Path(safe))
    _check_size(safe, len(data))
    remove_old_uploads()
    path = uploads_dir() / f"{hashlib.sha256(data).hexdigest()[:12]}-{safe}"
    path.write_bytes(data)
    return path


def _check_size(name: str, size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise InputError(
            "files",
            f"files of at most {MAX_UPLOAD_BYTES / 1e6:g} MB; {name} is {size / 1e6:.1f} MB "
            "(split it, or keep the parts that matter)",
        )


def remove_old_uploads(keep_days: float = UPLOAD_KEEP_DAYS) -> list[str]:
    """Delete uploaded files older than `keep_days` and their passages; returns their names."""
    cutoff = time.time() - keep_days * 86_400
    removed = []
    for path in uploads_dir().iterdir():
        try:
            if not path.is_file() or path.stat().st_mtime >= cutoff:
                continue
            doc_id = _doc_id(path.read_bytes())
            path.unlink()
        except OSError:
            continue  # another process removed it first
        _get_collection().delete(where={"doc_id": doc_id})
        removed.append(path.name)
    if removed:
        log.info("removed %d upload(s) older than %g days", len(removed), keep_days)
    return removed


def _doc_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _check_kind(path: Path) -> None:
    if path.suffix.lower() not in TEXT_SUFFIXES | PDF_SUFFIXES:
        raise InputError(
            "files", f"text, Markdown or PDF files (.txt, .md, .pdf); got {path.name!r}"
        )


def read_pages(path: Path) -> list[tuple[int | None, str]]:
    """(page number or None, text) for a text, Markdown or PDF file."""
    _check_kind(path)
    try:
        if path.suffix.lower() in PDF_SUFFIXES:
            from pypdf import PdfReader

            reader = PdfReader(str(path))
            return [(i + 1, page.extract_text() or "") for i, page in enumerate(reader.pages)]
        return [(None, path.read_text(encoding="utf-8", errors="replace"))]
    except OSError as exc:
        raise InputError("files", f"readable files ({path.name}: {exc.strerror})") from None
    except Exception as exc:  # pypdf raises many kinds of errors for broken PDFs
        raise InputError("files", f"a readable PDF ({path.name}: {type(exc).__name__})") from None


def chunk_text(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> list[str]:
    """Passages of about `size` characters, split at paragraph (else word) boundaries."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        while len(paragraph) > size:  # a long paragraph is split at a word boundary
            cut = paragraph.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            pieces.append(paragraph[:cut])
            paragraph = paragraph[max(cut - overlap, 0) :].lstrip()
        if paragraph:
            pieces.append(paragraph)
    chunks: list[str] = []
    for piece in pieces:  # small paragraphs are joined up to `size`
        if chunks and len(chunks[-1]) + len(piece) + 1 <= size:
            chunks[-1] = f"{chunks[-1]}\n{piece}"
        else:
            chunks.append(piece)
    return chunks


def _embedder():
    from .retrieval import embedder

    return embedder()


def _get_collection():
    path = str(advisor_home() / "uploads-chroma")
    # An audit event per use of the uploads' index, like knowledge.index's (tests/tiers.py).
    sys.audit("knowledge.index", path)
    with _lock:
        if path not in _collections:
            import chromadb
            from chromadb.config import Settings

            from knowledge.embeddings import embedder_name

            client = chromadb.PersistentClient(
                path=path, settings=Settings(anonymized_telemetry=False)
            )
            # One collection per embedder, so vectors of different embedders never mix.
            name = re.sub(r"[^A-Za-z0-9._-]", "-", f"uploads-{embedder_name(_embedder())}")
            _collections[path] = client.get_or_create_collection(
                name=name[:60], metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
            _batch_limits[path] = int(client.get_max_batch_size())
        return _collections[path]


def _batch_size() -> int:
    """Passages per add: ADD_BATCH, or Chroma's own largest batch when that is smaller."""
    limit = _batch_limits.get(str(advisor_home() / "uploads-chroma"), ADD_BATCH)
    return max(1, min(ADD_BATCH, limit))


def index_files(paths: list[str | Path]) -> list[str]:
    """Index the files (once per content) and return their document ids."""
    if not paths:
        raise InputError("grounding.paths", "at least one text, Markdown or PDF file")
    collection = _get_collection()
    doc_ids = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise InputError("files", f"existing files; {path.name!r} was not found")
        _check_kind(path)
        _check_size(path.name, path.stat().st_size)
        doc_id = _doc_id(path.read_bytes())
        doc_ids.append(doc_id)
        # the first passage is added last: with it present, the whole file is indexed
        if collection.get(ids=[f"{doc_id}:0"])["ids"]:
            continue
        ids, texts, metadatas = [], [], []
        for page, text in read_pages(path):
            for chunk in chunk_text(text):
                metadatas.append(
                    {"doc_id": doc_id, "source": path.name, "page": page or 0, "chunk": len(ids)}
                )
                ids.append(f"{doc_id}:{len(ids)}")
                texts.append(chunk)
                if len(ids) > MAX_PASSAGES:
                    raise InputError(
                        "files",
                        f"files of at most {MAX_PASSAGES:,} passages (about "
                        f"{MAX_PASSAGES * CHUNK_CHARS / 1e6:.0f} MB of text); {path.name} has more",
                    )
        if not texts:
            raise InputError("files", f"files with text in them; {path.name!r} has none")
        log.info("indexing %s: %d passages", path.name, len(texts))
        size = _batch_size()
        starts = list(range(0, len(texts), size))
        for start in starts[1:] + starts[:1]:  # the batch holding passage 0 goes last
            part = slice(start, start + size)
            collection.upsert(
                ids=ids[part],
                documents=texts[part],
                metadatas=metadatas[part],
                embeddings=_embedder().embed_documents(texts[part]),
            )
    return doc_ids


def search(query: str, paths: list[str | Path], k: int = 3) -> list[dict]:
    """The `k` passages of the given files nearest to `query`, best first."""
    doc_ids = index_files(paths)
    found = _get_collection().query(
        query_embeddings=[_embedder().embed_query(query)],
        n_results=k,
        where={"doc_id": {"$in": doc_ids}},
        include=["documents", "metadatas", "distances"],
    )
    out = []
    for text, meta, distance in zip(
        found["documents"][0], found["metadatas"][0], found["distances"][0], strict=True
    ):
        page = f" p.{meta['page']}" if meta.get("page") else ""
        out.append(
            {
                "id": f"{meta['source']}#{meta['chunk']}",
                "title": f"{meta['source']}{page}",
                "excerpt": text,
                "score": round(1.0 - float(distance), 4),
                "source": "files",
            }
        )
    return out
