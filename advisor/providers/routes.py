"""Routes: the hosted APIs that can run a catalog model, from `knowledge/data/routes.json`.

A route is an OpenAI-compatible chat-completions API: OpenAI itself, a model maker's own
compatible endpoint (Anthropic, Gemini, Mistral, DeepSeek, xAI, ...), or an aggregator such as
OpenRouter, where one key runs many makers' models. The data says, per route, its base URL, the
variable that overrides that URL (tests and proxies point it elsewhere) and the variable holding
its key; per catalog provider, which routes serve its hosted models and under which id prefix; and
per model, the exceptions. Keys are never read here: only their variable names are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge import catalog_data

from ..config import env

ROUTES_PATH = catalog_data.ROUTES_PATH
KINDS = ("openai", "provider", "aggregator")
# Runtimes of models a maker serves from its own API; open-weights models get routes only where
# routes.json lists them (old open models are often no longer hosted anywhere).
HOSTED_RUNTIMES = frozenset({"openai", "anthropic", "google", "api"})


@dataclass(frozen=True)
class ApiRoute:
    name: str  # the provider name shown for runs through it (openai, anthropic, openrouter, ...)
    kind: str  # one of KINDS
    label: str
    base_url: str
    base_url_env: str
    key_env: str
    source: str = ""
    as_of: str = ""

    def url(self) -> str:
        """The base URL now: the override variable's value when set, else the published one."""
        return env(self.base_url_env) or self.base_url


@dataclass(frozen=True)
class ModelRoute:
    route: ApiRoute
    api_id: str  # the model's name on that route


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    routes = {}
    for name, raw in data["routes"].items():
        if raw.get("kind") not in KINDS:
            raise ValueError(f"{path}: route {name!r} has kind {raw.get('kind')!r}; use {KINDS}")
        fields = ("kind", "label", "base_url", "base_url_env", "key_env", "source", "as_of")
        routes[name] = ApiRoute(name=name, **{key: raw.get(key, "") for key in fields})
    for where, table in (("providers", data["providers"]), ("models", data["models"])):
        for owner, entry in table.items():
            unknown = set(entry) - set(routes)
            if unknown:
                raise ValueError(f"{path}: {where}[{owner!r}] names unknown routes {unknown}")
    return {"routes": routes, "providers": data["providers"], "models": data["models"]}


def _data() -> dict:
    return _read(str(ROUTES_PATH), ROUTES_PATH.stat().st_mtime)


def api_routes() -> dict[str, ApiRoute]:
    """Every route by name."""
    return dict(_data()["routes"])


def routes_for(model) -> list[ModelRoute]:
    """The routes that can run catalog `model`, in the order to try them (the maker's own API
    before an aggregator). Empty for models no hosted API serves."""
    data = _data()
    routes = data["routes"]
    chosen: dict[str, str | None] = {}
    if model.runtime in HOSTED_RUNTIMES:
        for name, prefix in (data["providers"].get(model.provider) or {}).items():
            chosen[name] = f"{prefix}{model.id}"
    chosen.update(data["models"].get(model.id) or {})  # exceptions, and routes for open models
    return [ModelRoute(routes[name], api_id) for name, api_id in chosen.items() if api_id]
