"""The model catalog as reviewable data: one JSON file per provider under ``knowledge/data/catalog/``
(``openai.json``, ``anthropic.json``, ...) plus ``_catalog.json`` with what the models share (the
catalog date, GPU hourly rates). Quality figures come from knowledge/data/benchmarks/ (knowledge/benchmarks.py).

Reading joins them into one ``{..., "models": [...]}`` dict; writing splits such a dict again, one
file per provider, in a canonical format (indent 2, a trailing newline) so diffs stay small.
A single JSON file holding the joined shape is read too (test fixtures). Standard library only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

CATALOG_DIR = Path(__file__).parent / "data" / "catalog"
META_FILE = "_catalog.json"


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
    data = {**_load(path / META_FILE), "models": []}
    for file in catalog_files(path):
        if file.name == META_FILE:
            continue
        part = _load(file)
        if not isinstance(part.get("models"), list):
            raise ValueError(f"{file}: expected an object with a 'models' list")
        data["models"].extend(part["models"])
    return data


def write(data: dict, path: str | Path | None = None) -> list[Path]:
    """Write the joined catalog back, one file per provider; returns the files written."""
    path = Path(path) if path is not None else CATALOG_DIR
    if path.is_file() or path.suffix == ".json":
        path.write_text(dump(data), encoding="utf-8")
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    by_provider: dict[str, list[dict]] = {}
    for model in data["models"]:
        by_provider.setdefault(model["provider"], []).append(model)
    written = [path / META_FILE]
    (path / META_FILE).write_text(
        dump({key: value for key, value in data.items() if key != "models"}), encoding="utf-8"
    )
    for provider, models in sorted(by_provider.items()):
        file = path / f"{provider_slug(provider)}.json"
        file.write_text(dump({"provider": provider, "models": models}), encoding="utf-8")
        written.append(file)
    for stale in set(catalog_files(path)) - set(written):
        stale.unlink()  # a provider whose last model went away
    return written


def dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _load(file: Path) -> dict:
    with file.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{file}: expected a JSON object")
    return data
