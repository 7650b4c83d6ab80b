"""The model catalog as reviewable data: one JSON file per provider under ``knowledge/data/catalog/``
(``openai.json``, ``anthropic.json``, ...) plus ``_catalog.json`` with what the models share (the
catalog date, GPU hourly rates). Quality figures come from knowledge/data/benchmarks/ (knowledge/benchmarks.py).

Reading joins them into one ``{..., "models": [...], "tracked": {...}}`` dict; writing splits such a
dict again, one file per provider, in a canonical format (indent 2, a trailing newline) so diffs
stay small. A single JSON file holding the joined shape is read too (test fixtures). Standard
library only.

A provider whose lineup the catalog follows says so in its own file, once: ``"tracked":
{"genai_prices": [...], "benchmark_publishers": [...]}``: the catalog keeps its current flagship,
workhorse and cheap models (a test checks it); ``genai_prices`` are the genai-prices provider ids
of its own API, whose prices `catalog sync` links by id, cross-checks with LiteLLM and whose new
models it proposes; ``benchmark_publishers`` are the prefixes of its models' slugs in benchmark
snapshots (``openai/gpt-...``), whose unknown rows `catalog sync --candidates` lists. Joined, they
are ``tracked[provider]``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

CATALOG_DIR = Path(__file__).parent / "data" / "catalog"
# The hosted APIs that run catalog models (advisor/providers/routes.py reads it; advisor/settings.py
# declares each route's key and base-URL variables from it).
ROUTES_PATH = Path(__file__).parent / "data" / "routes.json"
META_FILE = "_catalog.json"
TRACKED = "tracked"  # a provider file's block saying how the catalog follows that provider


def provider_slug(provider: str) -> str:
    """`Z.ai` -> `z-ai`: the file name a provider's models live in."""
    return re.sub(r"[^a-z0-9]+", "-", provider.lower()).strip("-") or "other"


def catalog_files(path: str | Path | None = None) -> list[Path]:
    path = Path(path) if path is not None else CATALOG_DIR
    if path.is_file():
        return [path]
    return sorted(path.glob("*.json"))


def version(path: str | Path | None = None) -> tuple:
    """Changes whenever any catalog file does: a cache key."""
    return tuple((str(file), file.stat().st_mtime_ns) for file in catalog_files(path))


def read(path: str | Path | None = None) -> dict:
    """The whole catalog as one dict: the shared facts plus every provider's models."""
    path = Path(path) if path is not None else CATALOG_DIR
    if path.is_file():
        data = _load(path)
        if not isinstance(data.get("models"), list):
            raise ValueError(f"{path}: expected an object with a 'models' list")
        return data
    if not (path / META_FILE).is_file():
        raise FileNotFoundError(f"{path / META_FILE} is missing")
    data = {**_load(path / META_FILE), "models": [], TRACKED: {}}
    for file in catalog_files(path):
        if file.name == META_FILE:
            continue
        part = _load(file)
        if not isinstance(part.get("models"), list):
            raise ValueError(f"{file}: expected an object with a 'models' list")
        data["models"].extend(part["models"])
        if TRACKED in part:
            data[TRACKED][part["provider"]] = part[TRACKED]
    return data


def tracked(path: str | Path | None = None) -> dict[str, dict]:
    """The providers whose lineup the catalog follows, by name, each with its ``tracked`` block,
    in file order."""
    return dict(read(path).get(TRACKED) or {})


def write(data: dict, path: str | Path | None = None) -> list[Path]:
    """Write the joined catalog back, one file per provider; returns the files written.

    Every file is first written in full to a temporary file beside it, and only when all of them
    are written are they renamed over the old ones (os.replace is atomic): a reader never sees a
    half-written file, and a write that fails part-way leaves the old catalog as it was."""
    path = Path(path) if path is not None else CATALOG_DIR
    if path.is_file() or path.suffix == ".json":
        _replace_all({path: dump(data)})
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    by_provider: dict[str, list[dict]] = {}
    for model in data["models"]:
        by_provider.setdefault(model["provider"], []).append(model)
    following = data.get(TRACKED) or {}
    contents = {
        path / META_FILE: dump(
            {key: value for key, value in data.items() if key not in ("models", TRACKED)}
        )
    }
    for provider, models in sorted(by_provider.items()):
        header = {"provider": provider}
        if provider in following:
            header[TRACKED] = following[provider]
        contents[path / f"{provider_slug(provider)}.json"] = dump({**header, "models": models})
    _replace_all(contents)
    for stale in set(catalog_files(path)) - set(contents):
        stale.unlink()  # a provider whose last model went away
    return list(contents)


def _replace_all(contents: dict[Path, str]) -> None:
    temporary: dict[Path, Path] = {}
    try:
        for file, text in contents.items():
            handle, name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
            temporary[file] = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            if file.exists():  # keep the old file's mode (mkstemp makes 0600)
                os.chmod(name, file.stat().st_mode & 0o777)
            else:
                os.chmod(name, 0o644)
        for file, name in temporary.items():
            os.replace(name, file)
    finally:
        for name in temporary.values():
            if name.exists():
                name.unlink()


def dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _load(file: Path) -> dict:
    with file.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{file}: expected a JSON object")
    return data
