"""The app loads the embedder and builds the knowledge index on a background thread when it
starts, so the first "Read my description" and the first answer find them ready; the page itself
does not wait for it."""

from __future__ import annotations

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


@pytest.mark.index
def test_the_app_warms_up_in_the_background(tmp_path, monkeypatch):
    from advisor.config import advisor_home
    from advisor.grounding import retrieval
    from advisor.intake import task_meaning
    from ui import shared

    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(write_articles(DOCS, tmp_path / "kb")))
    monkeypatch.setenv("ADVISOR_UI_WARM_UP", "1")

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    # The page ran without waiting; the thread it started is the one kept for this home (the
    # same object after another run: one warm-up per process and home, not one per page run).
    thread = shared._warming(str(advisor_home()))
    assert thread.name == "warm-up"
    AppTest.from_file(str(APP), default_timeout=60).run()
    assert shared._warming(str(advisor_home())) is thread

    thread.join(timeout=240)
    assert not thread.is_alive()
    assert task_meaning._vectors  # the task descriptions are embedded: free text reads at once
    stats = retrieval.build_index()
    assert stats["chunks"] == 2 and stats["embedded"] == 0  # the index was built by the warm-up


def test_warm_up_can_be_turned_off(monkeypatch):
    from ui import shared

    monkeypatch.setenv("ADVISOR_UI_WARM_UP", "0")
    assert shared.warm_up_in_background() is None
