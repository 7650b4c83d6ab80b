"""Provider registry and routing: the one place that decides how (and whether) a model runs now.

`resolve(model_id)` picks the provider for a catalog model and the name to send upstream;
`route(model_id)` says the same without raising, with a reason a person can act on when the model
cannot run. Order of precedence, most explicit first:

1. a named endpoint in `$ADVISOR_HOME/endpoints.yaml` that lists the model id;
2. the built-in local model (runtime `local`), run by llama.cpp in a supervised worker process;
3. OpenAI-family models: Azure when a deployment is mapped to the id, else the OpenAI API (or the
   compatible server at OPENAI_BASE_URL);
4. anything else is not runnable here, and the reason says what would make it so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass

from ..config import env, get_key
from ..errors import InputError, ProviderError
from ..questionnaire import TEXT_TASKS as QUESTIONNAIRE_TEXT_TASKS
from .base import Provider, Usage

__all__ = ["Provider", "Route", "Usage", "availability", "get", "register", "resolve", "route"]

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


def _no(model_id: str, provider: str, reason: str) -> Route:
    return Route(model_id, False, provider, None, reason)


def route(model_id: str, api_key: str | None = None) -> Route:
    """How `model_id` runs now, or why it cannot. Raises UnknownModelError for unknown ids.

    `api_key` is a user's own OpenAI key for one session (the app), used instead of the
    environment's."""
    from ..catalog import load_catalog
    from .openai_compat import azure_deployments, azure_missing_settings, load_endpoints

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
            return _no(model.id, "endpoints", str(exc).removeprefix("endpoints: "))
        endpoints = []
    for endpoint in endpoints:
        if model.id in endpoint.models:
            upstream = endpoint.models[model.id]
            return Route(model.id, True, endpoint.name, upstream, f"endpoint {endpoint.host}")

    if runtime == "local":
        from .local import missing_runtime

        why_not = missing_runtime()
        if why_not:
            return _no(model.id, "local", why_not)
        return Route(model.id, True, "local", model.id, "llama.cpp in a local worker process")
    if runtime == "openai":
        deployment = azure_deployments().get(model.id)
        if deployment:
            missing = azure_missing_settings()
            if missing:
                return _no(model.id, "azure", f"set {' and '.join(missing)} for Azure OpenAI")
            return Route(model.id, True, "azure", deployment, f"Azure deployment {deployment}")
        if env("OPENAI_BASE_URL"):
            return Route(model.id, True, "openai", model.id, "the server at OPENAI_BASE_URL")
        if api_key:
            return Route(model.id, True, "openai", model.id, "OpenAI API with your session key")
        if get_key("OPENAI_API_KEY"):
            return Route(model.id, True, "openai", model.id, "OpenAI API")
        return _no(model.id, "openai", "set OPENAI_API_KEY (or OPENAI_BASE_URL)")
    if runtime == "open":
        return _no(
            model.id,
            "endpoint",
            "no endpoint serves this open model; add one (Ollama, vLLM, llama.cpp server, "
            "LM Studio) to $ADVISOR_HOME/endpoints.yaml",
        )
    if runtime in ("anthropic", "google", "api"):
        return _no(
            model.id,
            runtime,
            f"no {model.provider} client here; list it under an OpenAI-compatible endpoint "
            "(e.g. a LiteLLM proxy) in $ADVISOR_HOME/endpoints.yaml",
        )
    return _no(model.id, "none", "the playground cannot run this model")


def resolve(model_id: str, api_key: str | None = None) -> tuple[Provider, str]:
    """(provider, upstream name) for `model_id`, or ProviderError saying what to do."""
    found = route(model_id, api_key)
    if found.provider == "none":  # a wrong choice of model, not a provider to configure
        raise InputError("model", f"a chat model; {model_id} is {found.reason}")
    if not found.runnable:
        raise ProviderError(found.provider, f"cannot run {model_id}: {found.reason}")
    provider = get(found.provider)
    if api_key and found.provider == "openai":
        provider = provider.with_session_key(api_key)
    return provider, found.upstream


def availability(api_key: str | None = None) -> list[dict]:
    """Every catalog model with whether it runs now, through which provider, and why (not)."""
    from ..catalog import load_catalog

    out = []
    for model in load_catalog().models:
        out.append(asdict(route(model.id, api_key)))
    return out
