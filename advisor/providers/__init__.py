"""Provider registry and routing: the one place that decides how (and whether) a model runs now.

`resolve(model_id)` picks the provider for a catalog model and the name to send upstream;
`route(model_id)` says the same without raising, with a reason a person can act on when the model
cannot run. Order of precedence, most explicit first:

1. a named endpoint in `$ADVISOR_HOME/endpoints.yaml` that lists the model id;
2. the built-in local model (runtime `local`), run by llama.cpp in a supervised worker process;
3. OpenAI-family models mapped to an Azure deployment in endpoints.yaml run there; with
   OPENAI_BASE_URL set they go to that server (no key needed, as the contract says);
4. a hosted route (knowledge/data/routes.json: OpenAI, a maker's own OpenAI-compatible API, or an
   aggregator such as OpenRouter) whose key is set, in the environment or as the user's session
   key; the maker's own API is tried before an aggregator;
5. anything else is not runnable here, and the reason names exactly which variables to set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from ..config import env, get_key
from ..errors import InputError, ProviderError
from ..questionnaire import TEXT_TASKS as QUESTIONNAIRE_TEXT_TASKS
from .base import Provider, Usage
from .routes import HOSTED_RUNTIMES, KINDS

__all__ = [
    "Provider", "Route", "Usage", "availability", "get", "register", "resolve",
    "route", "session_keys",
]  # fmt: skip

# Catalog tasks that a chat-completions call can serve; models with none of them (embeddings,
# speech, images) are never runnable in the playground.
TEXT_TASKS = frozenset(QUESTIONNAIRE_TEXT_TASKS)

_registry: dict[str, Provider] = {}
_registry_lock = threading.Lock()


def _make_local() -> Provider:
    from .local import LocalProvider

    return LocalProvider()


def _make_openai() -> Provider:
    from .openai_compat import OpenAIProvider

    return OpenAIProvider()


def _make_azure() -> Provider:
    from .openai_compat import AzureProvider

    return AzureProvider()


# Built-ins are created on first use so that importing the registry stays cheap.
_BUILTINS: dict[str, Callable[[], Provider]] = {
    "local": _make_local,
    "openai": _make_openai,
    "azure": _make_azure,
}


def register(provider: Provider) -> Provider:
    """Add (or replace) a provider under `provider.name`."""
    with _registry_lock:
        _registry[provider.name] = provider
    return provider


def get(name: str) -> Provider:
    """The provider called `name`: a built-in, a registered one, or a named endpoint."""
    with _registry_lock:
        if name in _registry:
            return _registry[name]
        if name in _BUILTINS:
            _registry[name] = _BUILTINS[name]()
            return _registry[name]
    from .openai_compat import endpoint_provider

    provider = endpoint_provider(name)
    if provider is None:
        raise ProviderError(name, "no such provider; define it in $ADVISOR_HOME/endpoints.yaml")
    return provider


@dataclass(frozen=True)
class Route:
    model_id: str
    runnable: bool
    provider: str  # the provider that runs it, or the one that would if configured
    upstream: str | None  # the name sent to the back-end (model name or deployment)
    reason: str  # how it runs, or what to do so that it can
    # How it runs (or would): endpoint, local or azure (the steps of `route()` above), a hosted
    # route's kind (routes.KINDS: openai, provider, aggregator), or none.
    kind: str = "none"
    # The variables whose key runs it through a hosted route, in the order tried (the app's key
    # box asks for one of these); empty when no hosted route serves the model.
    key_vars: tuple[str, ...] = ()
    session_key: bool = False  # it runs with a key the user gave for this session


def _no(model_id: str, provider: str, reason: str, kind: str = "none", key_vars=()) -> Route:
    return Route(model_id, False, provider, None, reason, kind, tuple(key_vars))


def session_keys(api_key: str | None = None, keys: Mapping[str, str] | None = None) -> dict:
    """A user's own keys for one session, by the variable they stand in for. `api_key` alone is
    an OpenAI key (what the app's key box took before routes existed)."""
    out = {name: value for name, value in (keys or {}).items() if value and value.strip()}
    if api_key and api_key.strip():
        out.setdefault("OPENAI_API_KEY", api_key)
    return out


def route(
    model_id: str, api_key: str | None = None, keys: Mapping[str, str] | None = None
) -> Route:
    """How `model_id` runs now, or why it cannot. Raises UnknownModelError for unknown ids.

    `keys` are a user's own keys for one session (the app), by variable name, used instead of the
    environment's; `api_key` is short for {"OPENAI_API_KEY": api_key}."""
    from ..catalog.catalog import load_catalog
    from .openai_compat import azure_deployments, azure_missing_settings, load_endpoints
    from .routes import routes_for

    model = load_catalog().get(model_id)
    if not TEXT_TASKS.intersection(model.tasks):
        return _no(model.id, "none", "not a text model; the playground runs chat models only")

    runtime = model.runtime
    try:
        endpoints = load_endpoints()
    except ProviderError as exc:
        # A broken endpoints file must not stop the built-in model; any other model might be
        # served by an endpoint in it, so that model says what is wrong with the file.
        if runtime != "local":
            return _no(model.id, "endpoints", str(exc).removeprefix("endpoints: "), "endpoint")
        endpoints = []
    for endpoint in endpoints:
        if model.id in endpoint.models:
            upstream = endpoint.models[model.id]
            return Route(
                model.id, True, endpoint.name, upstream, f"endpoint {endpoint.host}", "endpoint"
            )

    if runtime == "local":
        from .local import missing_runtime

        why_not = missing_runtime()
        if why_not:
            return _no(model.id, "local", why_not, "local")
        return Route(
            model.id, True, "local", model.id, "llama.cpp in a local worker process", "local"
        )

    hosted = routes_for(model)
    key_vars = tuple(dict.fromkeys(way.route.key_env for way in hosted))
    if runtime == "openai":
        # Configured by hand, so it comes before any key found in the environment.
        deployment = azure_deployments().get(model.id)
        if deployment:
            missing = azure_missing_settings()
            if missing:
                reason = f"set {' and '.join(missing)} for Azure OpenAI"
                return _no(model.id, "azure", reason, "azure", key_vars)
            reason = f"Azure deployment {deployment}"
            return Route(model.id, True, "azure", deployment, reason, "azure", key_vars)
        if env("OPENAI_BASE_URL"):  # the contract: OpenAI ids go to that server, key or not
            reason = "the server at OPENAI_BASE_URL"
            return Route(model.id, True, "openai", model.id, reason, "openai", key_vars)

    if hosted:
        return _through_hosted(model, hosted, session_keys(api_key, keys))
    if runtime == "open":
        return _no(
            model.id,
            "endpoint",
            "no endpoint serves this open model; add one (Ollama, vLLM, llama.cpp server, "
            "LM Studio) to $ADVISOR_HOME/endpoints.yaml",
            "endpoint",
        )
    if runtime in HOSTED_RUNTIMES:
        return _no(
            model.id,
            runtime,
            f"no hosted route for this {model.provider} model in knowledge/data/routes.json; "
            "list it under an OpenAI-compatible endpoint (e.g. a LiteLLM proxy) in "
            "$ADVISOR_HOME/endpoints.yaml",
        )
    return _no(model.id, "none", "the playground cannot run this model")


def _through_hosted(model, hosted: list, mine: dict) -> Route:
    """The first hosted route whose key is set (the user's session key or the environment's),
    else a reason naming every variable that would do."""
    key_vars = tuple(dict.fromkeys(way.route.key_env for way in hosted))
    for way in hosted:
        name = way.route.key_env
        if mine.get(name):
            reason = f"{way.route.label} with your session key"
        elif not get_key(name):
            continue
        elif way.route.kind == "openai":
            reason = way.route.label
        else:
            reason = f"{way.route.label} ({name})"
        return Route(
            model.id, True, way.route.name, way.api_id, reason, way.route.kind, key_vars,
            session_key=bool(mine.get(name)),
        )  # fmt: skip
    reason = "set " + " or ".join(key_vars)
    if model.runtime == "openai":
        reason += " (or OPENAI_BASE_URL)"
    elif model.runtime == "open":
        reason += ", or serve it from an endpoint in $ADVISOR_HOME/endpoints.yaml"
    first = hosted[0].route
    return _no(model.id, first.name, reason, first.kind, key_vars)


def resolve(
    model_id: str, api_key: str | None = None, keys: Mapping[str, str] | None = None
) -> tuple[Provider, str]:
    """(provider, upstream name) for `model_id`, or ProviderError saying what to do."""
    found = route(model_id, api_key, keys)
    if found.provider == "none":  # a wrong choice of model, not a provider to configure
        raise InputError("model", f"a chat model; {model_id} is {found.reason}")
    if not found.runnable:
        raise ProviderError(found.provider, f"cannot run {model_id}: {found.reason}")
    hosted = found.kind in KINDS  # a route of knowledge/data/routes.json runs it
    if hosted and found.kind != "openai":
        # By kind, not name: a named endpoint may share a route's name without being it. The
        # openai route is the built-in OpenAI provider (it honours OPENAI_BASE_URL).
        from .openai_compat import route_provider

        provider = route_provider(found.provider)
    else:
        provider = get(found.provider)
    if hosted:
        from .routes import api_routes

        own = session_keys(api_key, keys).get(api_routes()[found.provider].key_env)
        if own:
            provider = provider.with_session_key(own)
    return provider, found.upstream


def availability(api_key: str | None = None, keys: Mapping[str, str] | None = None) -> list[dict]:
    """Every catalog model with whether it runs now, through which provider, and why (not)."""
    from ..catalog.catalog import load_catalog

    out = []
    for model in load_catalog().models:
        out.append(asdict(route(model.id, api_key, keys)))
    return out
