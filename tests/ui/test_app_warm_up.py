"""The app loads the embedder and builds the knowledge index on a background thread when it
starts, so the first "Read my description" and the first answer find them ready; the page itself
does not wait for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.articles_on_disk import write_articles  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
DOCS = [
    {
        "id": "rag-note",
        "title": "RAG in short",
        "topic": "rag",
        "text": "## What it is\n\nRetrieval-augmented generation looks passages up before answering.",
    },
    {
        "id": "tuning-note",
        "title": "Fine-tuning in short",
        "topic": "fine-tuning",
        "text": "## What it is\n\nFine-tuning trains a model further on your own examples.",
    },
]


def _warm_up_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "warm-up"]


def test_the_app_warms_up_in_the_background(tmp_path, monkeypatch):
    from advisor import retrieval, task_meaning

    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(write_articles(DOCS, tmp_path / "kb")))
    monkeypatch.setenv("ADVISOR_UI_WARM_UP", "1")
    before = set(_warm_up_threads())

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    started = [t for t in _warm_up_threads() if t not in before]
    assert len(started) == 1  # one per process and home, not one per page run
    AppTest.from_file(str(APP), default_timeout=60).run()
    assert [t for t in _warm_up_threads() if t not in before] == started

    started[0].join(timeout=240)
    assert not started[0].is_alive()
    assert task_meaning._vectors  # the task descriptions are embedded: free text reads at once
    stats = retrieval.build_index()
    assert stats["chunks"] == 2 and stats["embedded"] == 0  # the index was built by the warm-up
