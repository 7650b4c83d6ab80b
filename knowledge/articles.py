"""Knowledge-base articles: Markdown files with YAML front matter under ``knowledge/articles``.

Each file starts with a front-matter block::

    ---
    id: rag-basics
    title: Retrieval-augmented generation (RAG)
    topic: rag
    sources:
      - "..."
    ---

followed by a Markdown body with ``##`` sections. :func:`articles` parses and validates them.
An article in another language than English says so (``language: sv``) and names the English
article it is a version of (``translation_of: rag-basics``); it keeps that article's topic.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("knowledge")

ARTICLES_DIR = Path(__file__).parent / "articles"

# The topics of the seed lesson: every one has an article in English and a version in Swedish.
LESSON_TOPICS: tuple[str, ...] = (
    "model-types",
    "foundation-models",
    "open-vs-proprietary",
    "embeddings",
    "image-generation",
    "text-and-code-generation",
    "architectures",
    "service-vs-model",
    "evaluation",
    "prompt-engineering",
    "rag",
    "fine-tuning",
    "training-from-scratch",
)
# Added with issue 25: what teams ask in 2026 beyond the lesson.
ADDED_TOPICS: tuple[str, ...] = (
    "quantisation",
    "structured-outputs",
    "agents",
    "mixture-of-experts",
    "speech",
    "on-device",
    "regulation",
    "safety",
)
TOPICS: tuple[str, ...] = (*LESSON_TOPICS, "deployment", "cost", "model-card", *ADDED_TOPICS)

REQUIRED_FIELDS = ("id", "title", "topic", "sources")
# The knowledge base is written in English; the core topics also have a version in Swedish, the
# language of the seed lesson. A version names the English article it renders (`translation_of`).
LANGUAGES: tuple[str, ...] = ("en", "sv")
DEFAULT_LANGUAGE = "en"

# The source lesson, by the title readers know it by (sources name its seed file for traceability).
LESSON_TITLE = "Exploring and comparing different LLMs (Generative AI for Beginners, lesson 2)"
_SEED_REFERENCE = re.compile(r"^Lesson:\s*(?:[^(]*?)\s*\(seed [0-9a-f_]+\),?\s*")


def readable_source(source: str) -> str:
    """A source as readers see it: the seed lesson cited by its title, not its file id."""
    match = _SEED_REFERENCE.match(source)
    if not match:
        return source
    rest = source[match.end() :].strip()
    return f"Lesson “{LESSON_TITLE}”" + (f", {rest}" if rest else "")


def split_front_matter(text: str) -> tuple[str, str]:
    """Split ``text`` into (front matter YAML, body). Raises ValueError without front matter."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ValueError("missing front matter (the file must start with '---')")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    raise ValueError("front matter is not closed with '---'")


def _front_matter(text: str) -> Any:
    """The front matter's YAML, read by libyaml where PyYAML has it (a tenth of the time of the
    pure-Python reader, on every cold start); a text libyaml refuses is read again by the
    pure-Python reader, whose error names the line and shows it."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - CSafeLoader is the safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def parse_article(path: str | Path) -> dict:
    """Parse one article file into ``{id, title, topic, sources, text, path}``.

    Raises ValueError naming the file when the front matter is missing or invalid.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
        meta_text, body = split_front_matter(raw)
        meta = _front_matter(meta_text)
    except OSError as exc:  # unreadable: permissions, a folder named *.md, a broken link
        raise ValueError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    except (ValueError, yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"{path.name}: {str(exc)[:300]}") from exc
    if not isinstance(meta, dict):
        raise ValueError(f"{path.name}: front matter must be a mapping")
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise ValueError(f"{path.name}: front matter lacks {', '.join(missing)}")
    for field in ("id", "title", "topic"):
        if not isinstance(meta[field], str):
            raise ValueError(f"{path.name}: '{field}' must be a string")
    if meta["topic"] not in TOPICS:
        raise ValueError(f"{path.name}: topic '{meta['topic']}' is not one of: {', '.join(TOPICS)}")
    language = meta.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        raise ValueError(
            f"{path.name}: language '{language}' is not one of: {', '.join(LANGUAGES)}"
        )
    translation_of = meta.get("translation_of") or ""
    if not isinstance(translation_of, str):
        raise ValueError(f"{path.name}: 'translation_of' must be the id of an English article")
    if language != DEFAULT_LANGUAGE and not translation_of:
        raise ValueError(f"{path.name}: an article in '{language}' needs 'translation_of'")
    sources = meta["sources"]
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise ValueError(f"{path.name}: 'sources' must be a list of strings")
    return {
        "id": meta["id"].strip(),
        "title": meta["title"].strip(),
        "topic": meta["topic"],
        "sources": list(sources),
        "language": language,
        "translation_of": translation_of.strip(),
        "text": body.strip() + "\n",
        "path": str(path),
    }


def articles(directory: str | Path | None = None, *, skip_invalid: bool = False) -> list[dict]:
    """All articles, sorted by file name. Raises ValueError on an invalid file or duplicate id;
    with `skip_invalid` (a knowledge base at run time), such a file is left out with a logged
    warning instead, so one bad article never takes the rest down."""
    directory = Path(directory) if directory is not None else ARTICLES_DIR
    result: list[dict] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.md")):
        try:
            article = parse_article(path)
            if article["id"] in seen:
                raise ValueError(
                    f"{path.name}: id '{article['id']}' is already used by {seen[article['id']]}"
                )
        except ValueError as exc:
            if not skip_invalid:
                raise
            log.warning("knowledge article skipped: %s", exc)
            continue
        seen[article["id"]] = path.name
        result.append(article)
    by_id = {a["id"]: a for a in result}
    for article in result:
        original = by_id.get(article["translation_of"]) if article["translation_of"] else None
        if article["translation_of"] and (
            original is None or original["language"] != DEFAULT_LANGUAGE
        ):
            raise ValueError(
                f"{Path(article['path']).name}: translation_of '{article['translation_of']}' "
                "names no English article"
            )
        if original is not None and original["topic"] != article["topic"]:
            raise ValueError(
                f"{Path(article['path']).name}: topic '{article['topic']}' differs from "
                f"'{original['topic']}' of {original['id']}"
            )
    return result
