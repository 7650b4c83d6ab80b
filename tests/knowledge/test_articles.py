"""Knowledge-base articles and generated model cards."""

from __future__ import annotations

import re

import pytest

from knowledge import cards
from knowledge.articles import (
    ADDED_TOPICS,
    ARTICLES_DIR,
    LESSON_TOPICS,
    TOPICS,
    articles,
    parse_article,
)

ARTICLE_TOPICS = [t for t in TOPICS if t != "model-card"]


@pytest.fixture(scope="module")
def all_articles() -> list[dict]:
    return articles()


def _sections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"^## +(.+)$", text, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def test_every_topic_has_an_article(all_articles):
    covered = {a["topic"] for a in all_articles}
    assert set(ARTICLE_TOPICS) <= covered, set(ARTICLE_TOPICS) - covered


def test_front_matter_valid(all_articles):
    assert all_articles
    for a in all_articles:
        assert a["id"] and a["title"] and a["sources"], a["path"]
        assert a["topic"] in TOPICS
        assert a["topic"] != "model-card", "model cards are generated, not written"
        assert all(isinstance(s, str) and s for s in a["sources"])


def test_articles_cite_the_lesson(all_articles):
    citing = [a for a in all_articles if any("000_184f58727fa1e79e" in s for s in a["sources"])]
    assert len(citing) >= len(all_articles) * 0.8


def test_ids_unique_and_match_file_names(all_articles):
    ids = [a["id"] for a in all_articles]
    assert len(ids) == len(set(ids))
    for a in all_articles:
        assert a["path"].endswith(f"/{a['id']}.md"), a["path"]


def test_each_article_has_sections(all_articles):
    for a in all_articles:
        sections = _sections(a["text"])
        assert len(sections) >= 2, a["id"]
        for heading, body in sections:
            assert body, f"{a['id']}: empty section {heading!r}"


SWEDISH_WORDS = re.compile(r"\b(och|inte|eller|modeller|är|för att)\b", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(the|and|which|is|are|with)\b")


def test_articles_are_in_their_language_and_sized(all_articles):
    for a in all_articles:
        words = len(a["text"].split())
        assert 250 <= words <= 1600, (a["id"], words)
        if a["language"] == "en":
            assert not SWEDISH_WORDS.search(a["text"]), a["id"]
        else:
            assert len(SWEDISH_WORDS.findall(a["text"])) >= 10, a["id"]
            assert len(ENGLISH_WORDS.findall(a["text"])) <= 5, a["id"]


def test_every_seed_topic_has_a_swedish_version(all_articles):
    by_id = {a["id"]: a for a in all_articles}
    swedish = [a for a in all_articles if a["language"] == "sv"]
    covered = {a["topic"] for a in swedish}
    assert set(LESSON_TOPICS) <= covered, set(LESSON_TOPICS) - covered
    for a in swedish:
        original = by_id[a["translation_of"]]
        assert original["language"] == "en" and original["topic"] == a["topic"], a["id"]
        # A version, not a word-for-word translation: its own headings, no English sentences.
        assert a["title"] != original["title"], a["id"]


def test_the_new_topics_have_articles(all_articles):
    # Issue 25: what teams ask beyond the lesson; the quantisation article is cited by its id.
    topics = {a["topic"] for a in all_articles}
    assert set(ADDED_TOPICS) <= topics and set(ADDED_TOPICS) <= set(TOPICS)
    assert {"quantisation", "agents", "regulation", "safety"} <= set(ADDED_TOPICS)
    assert any(a["id"] == "quantisation" for a in all_articles)


@pytest.mark.parametrize(
    "front,message",
    [
        ("language: de\ntranslation_of: base", "language 'de' is not one of"),
        ("language: sv", "needs 'translation_of'"),
        ("language: sv\ntranslation_of: missing", "names no English article"),
    ],
)
def test_a_bad_language_or_translation_names_the_file(tmp_path, front, message):
    body = "\n\n## Part one\n\nText.\n\n## Part two\n\nMore text.\n"
    (tmp_path / "base.md").write_text(
        "---\nid: base\ntitle: Base\ntopic: rag\nsources: [s]\n---" + body, encoding="utf-8"
    )
    (tmp_path / "other.md").write_text(
        f"---\nid: other\ntitle: Annan\ntopic: rag\nsources: [s]\n{front}\n---" + body,
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=message) as info:
        articles(tmp_path)
    assert "other.md" in str(info.value)


def test_invalid_front_matter_names_the_file(tmp_path):
    bad = tmp_path / "broken-one.md"
    bad.write_text("---\nid: x\ntitle: X\ntopic: nonsense\nsources: [a]\n---\n## A\n\ntext\n")
    with pytest.raises(ValueError, match="broken-one.md"):
        parse_article(bad)
    missing = tmp_path / "no-sources.md"
    missing.write_text("---\nid: y\ntitle: Y\ntopic: rag\n---\n## A\n\ntext\n")
    with pytest.raises(ValueError, match="no-sources.md"):
        parse_article(missing)
    plain = tmp_path / "plain.md"
    plain.write_text("# no front matter\n")
    with pytest.raises(ValueError, match="plain.md"):
        parse_article(plain)


def test_articles_dir_is_package_relative():
    assert ARTICLES_DIR.name == "articles" and ARTICLES_DIR.parent.name == "knowledge"


SAMPLE_CATALOG = {
    "as_of": "2026-01-01",
    "gpu_hourly_usd": {"L4": {"usd": 0.8, "source": "example", "as_of": "2026-01-01"}},
    "models": [
        {
            "id": "closed-chat",
            "name": "Closed Chat",
            "provider": "Example AI",
            "runtime": "openai",
            "architecture": "decoder-only",
            "tasks": ["chat", "summarization"],
            "capabilities": ["function-calling"],
            "open_weights": False,
            "license": "proprietary",
            "context_window": 128000,
            "max_output_tokens": 4096,
            "languages": ["*"],
            "pricing": {
                "input_per_1m": 0.15,
                "output_per_1m": 0.6,
                "source": "example.com/pricing",
                "as_of": "2026-01-01",
            },
            "self_hosting": None,
            "deployment": ["cloud-api"],
            "quality": {"chat": {"score": 0.8, "source": "LMArena (as of 2026-01)"}},
            "latency_class": "fast",
            "description": "A small hosted chat model.",
            "source": "example.com/models",
            "as_of": "2026-01-01",
        },
        {
            "id": "open-embed",
            "name": "Open Embed",
            "provider": "Example Labs",
            "runtime": "local",
            "architecture": "encoder-only",
            "tasks": ["embeddings"],
            "capabilities": [],
            "open_weights": True,
            "license": "apache-2.0",
            "context_window": 256,
            "languages": ["en"],
            "pricing": {},
            "self_hosting": {"parameters_b": 0.02, "gpu_memory_gb": 1, "gpu": "L4", "gpus": 1},
            "deployment": ["self-hosted", "on-device"],
            "quality": {},
        },
    ],
}


def _check_cards(catalog: dict, docs: list[dict]) -> None:
    assert len(docs) == len(catalog["models"])
    ids = {f"model-card-{m['id']}" for m in catalog["models"]}
    assert {d["id"] for d in docs} == ids
    for doc in docs:
        assert doc["topic"] == "model-card"
        assert doc["title"].endswith("model card")
        assert doc["sources"] and all(isinstance(s, str) for s in doc["sources"])
        assert len(_sections(doc["text"])) >= 3, doc["id"]


def test_cards_from_sample_catalog(tmp_path):
    import json

    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(SAMPLE_CATALOG))
    data = cards.load_catalog_data(path)
    docs = cards.model_cards(data)
    _check_cards(data, docs)
    closed = docs[0]["text"]
    assert "$0.15 per 1M tokens" in closed and "example.com/pricing" in closed
    assert "proprietary" in closed and "128,000 tokens" in closed
    open_card = docs[1]["text"]
    assert "open weights" in open_card and "apache-2.0" in open_card
    assert "no hosted pay-per-use price" in open_card


def test_cards_for_every_catalog_model():
    if not cards.CATALOG_PATH.exists():
        pytest.skip("knowledge/data/catalog.json not written yet")
    data = cards.load_catalog_data()
    _check_cards(data, cards.model_cards())


def test_the_lesson_is_shown_by_its_title():
    from knowledge.articles import LESSON_TITLE, readable_source

    raw = "Lesson: Exploring and comparing different LLMs (seed 000_184f58727fa1e79e), section RAG"
    assert readable_source(raw) == f"Lesson “{LESSON_TITLE}”, section RAG"
    assert readable_source("Lewis et al. 2020") == "Lewis et al. 2020"
