"""Knowledge articles written to a folder in the packaged front-matter format, for tests that
point ADVISOR_KNOWLEDGE_DIR at a knowledge base of their own."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_articles(docs: list[dict], directory: Path) -> Path:
    """`docs` ({id, title, topic, text}) as Markdown articles in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        meta = {key: doc[key] for key in ("id", "title", "topic")}
        front = yaml.safe_dump({**meta, "sources": ["test fixture"]}, allow_unicode=True)
        (directory / f"{doc['id']}.md").write_text(f"---\n{front}---\n\n{doc['text']}", "utf-8")
    return directory
